import type { DigestChange, DigestProgram } from '../domain/digest.js';
import type { Localized } from '../i18n/common.js';
import { context, header, linesToSections, type Message, message, section } from './blocks.js';
import { type ChangeTextOptions, changeText, programTitle, standingLines } from './digest.js';
import { eventPlain, formatWhen } from './event-text.js';
import { escapeMrkdwn } from './mrkdwn.js';

/**
 * A realtime channel's live card for one program: posted on the program's first change in the
 * channel, then edited in place (chat.update) so it always shows the current standing; each change
 * goes as a reply in its thread.
 */

const T: Localized<{
  latest: string;
  live: (when: string) => string;
  burst: (n: number) => string;
  more: (n: number) => string;
}> = {
  en: {
    latest: 'Latest change',
    live: (when) => `Live card, updated ${when}. Changes follow in the thread, a minute's worth per reply.`,
    burst: (n) => `${n} changes`,
    more: (n) => `… and ${n} more`,
  },
  ko: {
    latest: '최근 변경',
    live: (when) => `실시간 카드 (${when} 갱신). 변경 사항은 1분 단위로 모아 스레드에 이어집니다.`,
    burst: (n) => `변경 ${n}건`,
    more: (n) => `… 외 ${n}건`,
  },
};

/** Changes listed in one thread reply; more are counted. */
const MAX_BURST_LINES = 40;

export interface CardInput extends ChangeTextOptions {
  readonly program: DigestProgram;
  /** The change that caused this version of the card. */
  readonly latest: DigestChange;
}

export const buildProgramCard = (input: CardInput): Message => {
  const { program, latest, locale } = input;
  const blocks = [
    header(program.program.name),
    section([programTitle(program, locale), ...standingLines(program, input)].join('\n')),
    section(`*${escapeMrkdwn(T[locale].latest)}:* ${changeText(latest, input)}`),
    context(escapeMrkdwn(T[locale].live(formatWhen(latest.event.at, input.timeZone)))),
  ];
  const fallback = `${escapeMrkdwn(program.program.name)}: ${eventPlain(latest.event, input)}`;
  return message(fallback, blocks);
};

/** A change as a reply in the card's thread. */
export const buildCardReply = (change: DigestChange, o: ChangeTextOptions): Message =>
  message(eventPlain(change.event, o), [section(changeText(change, o))]);

/** A burst of changes (oldest first) as one reply in the card's thread: one line each. */
export const buildCardBurstReply = (changes: readonly DigestChange[], o: ChangeTextOptions): Message => {
  const [only] = changes;
  if (changes.length === 1 && only !== undefined) return buildCardReply(only, o);
  const t = T[o.locale];
  const shown = changes.slice(0, MAX_BURST_LINES);
  const lines = shown.map((c) => `• ${changeText(c, o)}`);
  if (changes.length > shown.length) lines.push(t.more(changes.length - shown.length));
  const fallback = [t.burst(changes.length), ...shown.slice(0, 10).map((c) => eventPlain(c.event, o))].join(
    '\n',
  );
  return message(fallback, [context(escapeMrkdwn(t.burst(changes.length))), ...linesToSections(lines)]);
};
