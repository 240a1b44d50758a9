import { AMOUNT_EXAMPLES } from '../../domain/amount.js';
import type { DomainError } from '../../domain/result.js';
import type { Sector } from '../../domain/types.js';
import { type Locale, PLEDGE_STATUS_LABELS, WORDS } from '../../i18n/common.js';
import { type Message, message, section } from './blocks.js';
import { code, escapeMrkdwn } from './mrkdwn.js';

/**
 * Failures the read commands (status, capacity, history) and the pledge menus report, in the user's
 * language, as mrkdwn with user text escaped. Codes not worded here fall back to the domain's English.
 */

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x) => typeof x === 'string') : []);

const knownTargets = (details: Readonly<Record<string, unknown>>): string => {
  const sectors = Array.isArray(details.sectors) ? (details.sectors as Sector[]) : [];
  const names = [
    ...sectors.map((s) =>
      s.alias === undefined ? code(s.name) : `${code(s.name)} (${escapeMrkdwn(s.alias)})`,
    ),
    ...list(details.programs).map(code),
  ];
  return names.join(', ');
};

/** The error as one mrkdwn paragraph. */
export const readErrorText = (error: DomainError, locale: Locale): string => {
  const d = error.details ?? {};
  const ko = locale === 'ko';
  switch (error.code) {
    case 'TARGET.UNKNOWN': {
      const known = knownTargets(d);
      const suggestions = list(d.suggestions).map(code);
      const guess =
        suggestions.length === 0
          ? ''
          : ko
            ? ` 혹시 ${suggestions.join(', ')}?`
            : ` Did you mean ${suggestions.join(' or ')}?`;
      const none = ko ? '아직 없음' : 'none yet';
      return ko
        ? `알 수 없는 대상 ${code(str(d.target))}입니다.${guess}\n알려진 대상: ${known || none}`
        : `Unknown target ${code(str(d.target))}.${guess}\nKnown targets: ${known || none}`;
    }
    case 'TARGET.AMBIGUOUS': {
      const programs = list(d.programs).map(code).join(', ');
      return ko
        ? `${code(str(d.sector))} 업종에는 프로그램이 여러 개입니다. 프로그램을 지정하세요: ${programs}`
        : `${code(str(d.sector))} has several programs; name one of them: ${programs}`;
    }
    case 'AMOUNT.EMPTY':
    case 'AMOUNT.NEGATIVE':
    case 'AMOUNT.ZERO':
    case 'AMOUNT.FRACTION':
    case 'AMOUNT.TOO_LARGE':
    case 'AMOUNT.AMBIGUOUS':
    case 'AMOUNT.INVALID': {
      const examples = AMOUNT_EXAMPLES.map(code).join(', ');
      const suggestion = str(d.suggestion);
      if (ko) {
        const hint = suggestion === '' ? '' : ` 혹시 ${code(suggestion)}?`;
        return `${code(str(d.input))}을(를) 금액으로 읽을 수 없습니다.${hint}\n예: ${examples}`;
      }
      return `${escapeMrkdwn(error.message)}`;
    }
    case 'PLEDGE.ILLEGAL_TRANSITION': {
      const labels = PLEDGE_STATUS_LABELS[locale];
      const label = (s: string) => (Object.hasOwn(labels, s) ? labels[s as keyof typeof labels] : s);
      const allowed = list(d.allowed).map(label);
      if (allowed.length === 0) {
        return ko
          ? `${label(str(d.from))} 상태는 최종 상태라 바꿀 수 없습니다.`
          : `${escapeMrkdwn(label(str(d.from)))} is final; it cannot change any more.`;
      }
      return ko
        ? `${label(str(d.from))}에서 ${label(str(d.to))}(으)로 바꿀 수 없습니다. 가능한 상태: ${allowed.join(', ')}`
        : `A pledge cannot go from ${label(str(d.from))} to ${escapeMrkdwn(label(str(d.to)))}; allowed: ${allowed.join(', ')}.`;
    }
    case 'PLEDGE.UNKNOWN':
      return ko ? `출연 ${code(str(d.id))}이(가) 없습니다.` : `There is no pledge ${code(str(d.id))}.`;
    case 'ACCESS.DENIED':
      return escapeMrkdwn(WORDS[locale].deniedNeedsEditor);
    default:
      return escapeMrkdwn(error.message);
  }
};

/** The error as an ephemeral-ready message with a warning sign. */
export const readErrorMessage = (error: DomainError, locale: Locale): Message => {
  const text = readErrorText(error, locale);
  // The fallback stays escaped: Slack reads mentions in a message's text too.
  return message(text.replace(/[`*]/g, ''), [section(`:warning: ${text}`)]);
};
