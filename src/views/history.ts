import { zoneOf } from '../domain/dates.js';
import type { Audience } from '../domain/permissions.js';
import type { Pledge, WinwinEvent } from '../domain/types.js';
import type { Locale, Localized } from '../i18n/common.js';
import { context, header, type Message, message, section } from './blocks.js';
import { eventPlain, eventText } from './event-text.js';
import { escapeMrkdwn } from './mrkdwn.js';
import { layoutPage } from './pages.js';

/** `/winwin history [<target>] [<n>]`: the last n changes, newest first. */

export interface HistoryInput {
  /** Newest first. */
  readonly events: readonly WinwinEvent[];
  /** What was asked for: 'all', a sector, a program slug or a pledge id (already validated). */
  readonly scope: string;
  readonly audience: Audience;
  /** Pledges as they are now, to hide names of pledges never signed. */
  readonly pledges: readonly Pick<Pledge, 'id' | 'signed'>[];
  readonly locale: Locale;
  readonly timeZone: string;
  /** A note under the title (e.g. "showing at most 50"), plain text. */
  readonly note?: string;
}

const S: Localized<{
  title: (scope: string, n: number) => string;
  all: string;
  empty: string;
  usage: string;
  badCount: (text: string, max: number) => string;
  capped: (max: number) => string;
}> = {
  en: {
    title: (scope, n) => `Last ${n} change${n === 1 ? '' : 's'}: ${scope}`,
    all: 'everything',
    empty: 'No changes recorded yet.',
    usage: 'Usage: `/winwin history [<target>] [<n>]`, e.g. `/winwin history retail 20`.',
    badCount: (text, max) => `"${text}" is not a number of changes: give a whole number from 1 to ${max}.`,
    capped: (max) => `Showing at most ${max} changes.`,
  },
  ko: {
    title: (scope, n) => `최근 변경 ${n}건: ${scope}`,
    all: '전체',
    empty: '기록된 변경이 없습니다.',
    usage: '사용법: `/winwin history [<대상>] [<개수>]`, 예: `/winwin history retail 20`',
    badCount: (text, max) => `"${text}"은(는) 변경 건수가 아닙니다. 1부터 ${max}까지의 정수를 쓰세요.`,
    capped: (max) => `최대 ${max}건까지 보여 줍니다.`,
  },
};

export const historyStrings = S;

export const buildHistoryMessage = (h: HistoryInput): Message => {
  const s = S[h.locale];
  const scope = h.scope === 'all' ? s.all : h.scope;
  // One zone for every event's time (making a formatter costs far more than using it).
  const o = { locale: h.locale, audience: h.audience, pledges: h.pledges, timeZone: zoneOf(h.timeZone) };
  const title = s.title(scope, h.events.length);
  const head = [header(title), ...(h.note === undefined ? [] : [context(escapeMrkdwn(h.note))])];
  const rows =
    h.events.length === 0 ? [{ text: `_${s.empty}_` }] : h.events.map((e) => ({ text: eventText(e, o) }));
  const laid = layoutPage({
    head,
    rows,
    tail: [],
    page: 0,
    more: (hidden) => context(`… +${hidden}`),
  });
  const fallback = [escapeMrkdwn(title), ...h.events.map((e) => eventPlain(e, o))].join('\n');
  return message(fallback, laid.blocks);
};

/** What to type when the arguments don't fit. */
export const buildHistoryUsage = (locale: Locale, problem?: string): Message => {
  const usage = escapeMrkdwn(S[locale].usage);
  const text = problem === undefined ? usage : `${escapeMrkdwn(problem)}\n${usage}`;
  return message(text.replace(/`/g, ''), [section(`:warning: ${text}`)]);
};
