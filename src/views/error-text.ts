import { AMOUNT_EXAMPLES, MULTIPLE_EXAMPLES } from '../domain/amount.js';
import type { DomainError, ErrorCode } from '../domain/result.js';
import { CADENCES, DETAILS, type Sector } from '../domain/types.js';
import {
  type Locale,
  type Localized,
  PLEDGE_STATUS_LABELS,
  PROGRAM_STATUS_LABELS,
  WORDS,
} from '../i18n/common.js';
import { type Message, warningMessage, warningReply } from './blocks.js';
import { code, escapeMrkdwn } from './mrkdwn.js';

/**
 * Every domain failure in the user's language: the one place an ErrorCode becomes words. The domain's
 * messages are English and quote what was typed; the details it attaches let every locale say the same.
 *
 * Two forms: `mrkdwn` (messages: user text escaped, values in code spans) and `plain` (modal field
 * errors and the help view's warning, which escape on their own: values in quotes, text as is).
 */
export type ErrorFormat = 'mrkdwn' | 'plain';

interface Style {
  /** What the user typed, set off from the sentence. */
  readonly typed: (text: string) => string;
  /** A name Winwin knows: a target, a status, an example. */
  readonly name: (text: string) => string;
  /** Any other text that may carry user input (the domain's own messages quote it). */
  readonly text: (text: string) => string;
  readonly newline: string;
}

const STYLES: Readonly<Record<ErrorFormat, Style>> = {
  mrkdwn: { typed: code, name: code, text: escapeMrkdwn, newline: '\n' },
  plain: { typed: (t) => `"${t}"`, name: (t) => t, text: (t) => t, newline: ' ' },
};

/** The failure as one paragraph in `format` (mrkdwn by default). */
export const errorText = (error: DomainError, locale: Locale, format: ErrorFormat = 'mrkdwn'): string =>
  (WORDING[error.code] ?? domainMessage)(new Reading(error, locale, STYLES[format]));

/** The failure as an ephemeral-ready reply with a warning sign (read commands, menus: names as code). */
export const errorReply = (error: DomainError, locale: Locale): Message =>
  warningReply(errorText(error, locale));

/** The failure in plain words above a command's usage lines (the write commands' replies). */
export const usageErrorReply = (error: DomainError, locale: Locale, usage: readonly string[]): Message =>
  warningMessage(errorText(error, locale, 'plain'), usage);

/** Names whose status change was refused (a pledge id, a program slug), so the reply says so. */
export const aboutSubject = (error: DomainError, subject: string): DomainError => ({
  ...error,
  details: { ...error.details, subject },
});

/** One error seen through one locale and style: typed accessors over its loosely typed details. */
class Reading {
  readonly ko: boolean;
  constructor(
    readonly error: DomainError,
    readonly locale: Locale,
    readonly s: Style,
  ) {
    this.ko = locale === 'ko';
  }
  str(key: string): string {
    const v = this.error.details?.[key];
    return typeof v === 'string' ? v : '';
  }
  num(key: string): number | undefined {
    const v = this.error.details?.[key];
    return typeof v === 'number' ? v : undefined;
  }
  list(key: string): string[] {
    const v = this.error.details?.[key];
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  }
  /** The domain's English, escaped for the style. */
  get message(): string {
    return this.s.text(this.error.message);
  }
  names(values: readonly string[]): string {
    return values.map(this.s.name).join(', ');
  }
  /** `ko` in Korean, the domain's English otherwise. */
  en(ko: () => string): string {
    return this.ko ? ko() : this.message;
  }
}

type Wording = (r: Reading) => string;

const domainMessage: Wording = (r) => r.message;

const FIELD_NAMES: Localized<Readonly<Record<string, string>>> = {
  en: {
    contributor: 'the contributor',
    name: 'the name',
    note: 'the note',
    terms: 'the terms',
    reason: 'the reason',
    alias: 'the alias',
    sector: 'the sector',
    kind: 'the kind',
    status: 'the status',
    program: 'the program',
  },
  ko: {
    contributor: '출연자',
    name: '이름',
    note: '메모',
    terms: '지원 조건',
    reason: '사유',
    alias: '별칭',
    sector: '업종',
    kind: '구분',
    status: '상태',
    program: '프로그램',
  },
};

const fieldName = (r: Reading): string => {
  const field = r.str('field');
  return (
    (Object.hasOwn(FIELD_NAMES[r.locale], field) ? FIELD_NAMES[r.locale][field] : undefined) ??
    (field === '' ? (r.ko ? '값' : 'the value') : r.s.text(field))
  );
};

const capitalize = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

const AMOUNT_WHY: Localized<Readonly<Record<string, string>>> = {
  en: {
    'AMOUNT.EMPTY': 'it is empty',
    'AMOUNT.ZERO': 'it is zero',
    'AMOUNT.NEGATIVE': 'it is negative; amounts are positive',
    'AMOUNT.FRACTION': 'it is not whole won',
    'AMOUNT.TOO_LARGE': 'it is above 1,000조 (1,000 trillion won); check the unit',
    'AMOUNT.AMBIGUOUS': 'it has no unit',
    'AMOUNT.INVALID': 'it is not a number with a unit',
  },
  ko: {
    'AMOUNT.EMPTY': '비어 있습니다',
    'AMOUNT.ZERO': '0입니다',
    'AMOUNT.NEGATIVE': '음수입니다. 금액은 양수여야 합니다',
    'AMOUNT.FRACTION': '원 단위 정수가 아닙니다',
    'AMOUNT.TOO_LARGE': '1,000조 원을 넘습니다. 단위를 확인하세요',
    'AMOUNT.AMBIGUOUS': '단위가 없습니다',
    'AMOUNT.INVALID': '숫자와 단위로 읽을 수 없습니다',
  },
};

/**
 * Why an amount was refused, with the accepted forms. The parser's own message (en) names the exact
 * problem, so English keeps it; Korean says it from the code. A bare `300` asks "did you mean 300억?".
 * Range checks on a stored amount carry no input: those say it from the code in both languages.
 */
const amount: Wording = (r) => {
  const input = r.error.details?.input;
  const typed = typeof input === 'string' ? input.trim().slice(0, 40) : undefined;
  const examples = r.names(AMOUNT_EXAMPLES);
  const why = AMOUNT_WHY[r.locale][r.error.code] ?? '';
  if (!r.ko) {
    return typed === undefined ? `Can't read the amount: ${why}. Write it like ${examples}.` : r.message;
  }
  const subject = typed === undefined ? '금액을' : `${r.s.typed(typed)}을(를) 금액으로`;
  const suggestion = r.str('suggestion');
  if (r.error.code === 'AMOUNT.AMBIGUOUS' && suggestion !== '') {
    return `${subject} 읽을 수 없습니다: ${why}. ${r.s.text(suggestion)}을(를) 뜻하셨나요? 원 단위라면 끝에 원을 붙이세요. 예: ${examples}.`;
  }
  return `${subject} 읽을 수 없습니다: ${why}. 예: ${examples}.`;
};

/**
 * A refused status change. Statuses show as `code (label)` since commands take the code; a final
 * status reads as its label alone ("paid in is final"). A paid pledge points at the correction.
 */
const transition =
  (labels: Localized<Readonly<Record<string, string>>>): Wording =>
  (r) => {
    const names = labels[r.locale];
    const labelOf = (s: string): string => (Object.hasOwn(names, s) ? (names[s] ?? s) : s);
    const both = (s: string): string => {
      const l = labelOf(s);
      return r.s.text(l === s ? s : `${s} (${l})`);
    };
    const from = r.str('from');
    const to = r.str('to');
    const allowed = r.list('allowed');
    const subject = r.str('subject');
    const who = subject === '' ? '' : `${r.s.text(subject)}: `;
    const sentence = (text: string): string => (who === '' ? capitalize(text) : `${who}${text}`);
    if (from === to) {
      return r.ko ? `${who}이미 ${both(from)} 상태입니다.` : sentence(`already ${both(from)}.`);
    }
    if (allowed.length === 0) {
      const fix = from === 'paid';
      return r.ko
        ? `${who}${r.s.text(labelOf(from))}은(는) 최종 상태라 ${both(to)}(으)로 바꿀 수 없습니다.${fix ? ' 금액을 고치려면 /winwin set <출연 ID> amount <금액> <사유>를 쓰세요.' : ''}`
        : sentence(
            `${r.s.text(labelOf(from))} is final: it cannot become ${both(to)}.${fix ? ' To fix its figures, use /winwin set <pledge-id> amount <amount> <reason>.' : ''}`,
          );
    }
    const options = allowed.map(both).join(', ');
    return r.ko
      ? `${who}${both(from)}에서 ${both(to)}(으)로 바꿀 수 없습니다. 가능한 상태: ${options}.`
      : sentence(`cannot go from ${both(from)} to ${both(to)}. Allowed: ${options}.`);
  };

/** Sectors (with their alias) and programs a target could have been: from TARGET.UNKNOWN's details. */
const knownTargets = (r: Reading): string => {
  const sectors = r.error.details?.sectors;
  if (!Array.isArray(sectors)) return r.names(r.list('known'));
  const sectorNames = (sectors as Sector[]).map((s) =>
    s.alias === undefined ? r.s.name(s.name) : `${r.s.name(s.name)} (${r.s.text(s.alias)})`,
  );
  return [...sectorNames, ...r.list('programs').map(r.s.name)].join(', ');
};

const targetUnknown: Wording = (r) => {
  const target = r.s.typed(r.str('target'));
  const suggestions = r.list('suggestions').map(r.s.name);
  const known = knownTargets(r) || (r.ko ? '아직 없음' : 'none yet');
  if (r.ko) {
    const guess = suggestions.length === 0 ? '' : ` ${suggestions.join(' 또는 ')}을(를) 뜻하셨나요?`;
    return `알 수 없는 대상 ${target}입니다.${guess}${r.s.newline}등록된 대상: ${known}`;
  }
  const guess = suggestions.length === 0 ? '' : ` Did you mean ${suggestions.join(' or ')}?`;
  return `Unknown target ${target}.${guess}${r.s.newline}Known: ${known}`;
};

const targetAmbiguous: Wording = (r) => {
  const sector = r.str('sector');
  const programs = r.list('programs');
  if (programs.length === 0) {
    return r.ko
      ? `업종 ${r.s.name(sector)}에는 아직 프로그램이 없습니다. /winwin program new ${r.s.text(sector)}로 만드세요.`
      : `The sector ${r.s.name(sector)} has no program yet. Create one with /winwin program new ${r.s.text(sector)}.`;
  }
  return r.ko
    ? `업종 ${r.s.name(sector)}에는 프로그램이 여러 개 있습니다. 프로그램을 지정하세요: ${r.names(programs)}.`
    : `${r.s.name(sector)} has several programs; name one of them: ${r.names(programs)}.`;
};

const notAllowedValue: Wording = (r) =>
  r.en(() => `${fieldName(r)} 값이 올바르지 않습니다: ${r.names(r.list('allowed'))}.`);

const COMMAND: Localized<{
  unknown: (name: string) => string;
  unterminated: (position: number) => string;
  duplicate: (key: string) => string;
}> = {
  en: {
    unknown: (name) => `Unknown subcommand ${name}. Here is what Winwin understands:`,
    unterminated: (p) =>
      `A quote opened at character ${p} is never closed. Close it with " (or ”) and try again.`,
    duplicate: (key) => `The option ${key}: is given more than once. Give it once.`,
  },
  ko: {
    unknown: (name) => `알 수 없는 명령 ${name}입니다. Winwin이 이해하는 명령은 다음과 같습니다:`,
    unterminated: (p) =>
      `${p}번째 글자에서 연 따옴표가 닫히지 않았습니다. " (또는 ”)로 닫고 다시 시도하세요.`,
    duplicate: (key) => `옵션 ${key}:가 두 번 이상 있습니다. 한 번만 쓰세요.`,
  },
};

/** A problem with the command text itself (tokenizer, router). */
const commandInvalid: Wording = (r) => {
  const t = COMMAND[r.locale];
  const reason = r.str('reason');
  const position = r.num('position');
  if (reason === 'unterminated_quote' && position !== undefined) return t.unterminated(position + 1);
  if (reason === 'unknown_subcommand') return t.unknown(r.s.typed(r.str('name')));
  if (reason === 'duplicate_option') return t.duplicate(r.s.text(r.str('key')));
  return r.message;
};

const WORDING: Readonly<Partial<Record<ErrorCode, Wording>>> = {
  'AMOUNT.EMPTY': amount,
  'AMOUNT.NEGATIVE': amount,
  'AMOUNT.ZERO': amount,
  'AMOUNT.FRACTION': amount,
  'AMOUNT.TOO_LARGE': amount,
  'AMOUNT.AMBIGUOUS': amount,
  'AMOUNT.INVALID': amount,
  'MULTIPLE.INVALID': (r) =>
    r.en(
      () =>
        `배수를 읽을 수 없습니다. 0보다 크고 1000 이하, 소수점 여섯 자리까지 쓰세요. 예: ${r.names(MULTIPLE_EXAMPLES)}.`,
    ),
  'DATE.INVALID': (r) => r.en(() => '날짜는 YYYY-MM-DD 형식으로 쓰세요. 예: 2025-12-31.'),
  'TEXT.INVALID': (r) => {
    const name = fieldName(r);
    if (r.str('reason') === 'empty')
      return r.ko ? `${name}을(를) 입력하세요.` : `${capitalize(name)} is empty.`;
    const max = r.num('max') ?? '?';
    const length = r.num('length') ?? '?';
    return r.ko
      ? `${name}이(가) 너무 깁니다: 최대 ${max}자 (입력 ${length}자).`
      : `${capitalize(name)} is too long: at most ${max} characters (got ${length}).`;
  },
  'SECTOR.INVALID': (r) =>
    r.en(
      () =>
        '새 업종 이름은 영문 소문자로 시작하는 2–31자의 영문 소문자, 숫자, - 입니다 (예: retail). 명령어(all, help, new, edit, none)나 기존 프로그램 슬러그, 기존 별칭은 쓸 수 없습니다.',
    ),
  'SECTOR.UNKNOWN': (r) => r.en(() => '그런 업종이 없습니다.'),
  'PROGRAM.UNKNOWN': (r) =>
    r.en(() => `그런 프로그램이 없습니다. 등록된 프로그램: ${r.names(r.list('known')) || '없음'}.`),
  'PROGRAM.SLUG_TAKEN': (r) =>
    r.en(() => `${r.s.typed(r.str('slug'))}은(는) 이미 쓰이는 이름입니다. 다른 슬러그를 쓰세요.`),
  'PROGRAM.SLUG_INVALID': (r) =>
    r.en(
      () =>
        '슬러그는 2–48자의 영문 소문자, 숫자, - 입니다 (예: autos-hyundai). 명령어나 P7 같은 출연 ID 형태는 쓸 수 없습니다.',
    ),
  'PROGRAM.ILLEGAL_TRANSITION': transition(PROGRAM_STATUS_LABELS),
  'PROGRAM.INVALID': notAllowedValue,
  'PLEDGE.UNKNOWN': (r) => r.en(() => `출연 ${r.s.text(r.str('id'))}이(가) 없습니다. ID는 P7처럼 씁니다.`),
  'PLEDGE.ILLEGAL_TRANSITION': transition(PLEDGE_STATUS_LABELS),
  'PLEDGE.NOT_PAID': (r) => r.en(() => '아직 출연 완료되지 않은 출연입니다.'),
  'PLEDGE.INVALID': (r) =>
    r.str('field') === 'program'
      ? r.en(() => '종료된 프로그램은 새 출연을 받지 않습니다.')
      : notAllowedValue(r),
  'TARGET.UNKNOWN': targetUnknown,
  'TARGET.AMBIGUOUS': targetAmbiguous,
  // ACCESS.DENIED with a user: revoking an admin set by configuration. Without: a role refusal.
  'ACCESS.DENIED': (r) =>
    r.str('user') === ''
      ? r.s.text(WORDS[r.locale].deniedNeedsEditor)
      : r.en(
          () =>
            `${r.s.text(r.str('user'))}은(는) 설정(WINWIN_ADMINS)으로 정한 관리자입니다. 그곳에서 바꾸세요.`,
        ),
  'ACCESS.INVALID': (r) =>
    r.en(() => {
      if (r.str('field') === 'user') return 'Slack 사용자 ID가 아닙니다. U0123ABCD 같은 ID를 쓰세요.';
      if (r.str('field') === 'role') return '부여할 수 있는 역할은 editor 또는 admin입니다.';
      return `${r.s.text(r.str('user'))}에게는 Winwin에서 부여한 역할이 없습니다.`;
    }),
  'SUBSCRIPTION.UNKNOWN': (r) =>
    r.en(() => `이 채널은 ${r.s.typed(r.str('target'))}을(를) 구독하고 있지 않습니다.`),
  'SUBSCRIPTION.INVALID': (r) =>
    r.en(() =>
      r.str('field') === 'channel'
        ? 'Winwin이 글을 올릴 수 있는 채널이 아닙니다.'
        : `주기는 ${r.names(CADENCES)}, 내용은 ${r.names(DETAILS)} 중 하나입니다.`,
    ),
  'COMMAND.INVALID': commandInvalid,
};
