/**
 * Every domain failure in the user's language: the one place an ErrorCode becomes words. The domain
 * returns a code and typed details (`ErrorDetails` in src/domain/result.ts); the two tables below, `EN`
 * and `KO`, say each code. Both are `ErrorTexts`, a mapped type over every code, so a code without its
 * English and its Korean text fails the typecheck.
 *
 * HOW TO ADD A CODE
 *   1. src/domain/result.ts: add `'AREA.WHAT': { …details… }` to `ErrorDetails`; return it from the
 *      domain with `err('AREA.WHAT', { … })` — data only, no sentence.
 *   2. Here: one entry in `EN` and one in `KO`, `(d, s) => string`, `d` typed by step 1. User input
 *      goes through `s.typed` (what was typed), `s.name` (a name Winwin knows) or `s.text` (any text
 *      that may hold user input), never raw; `s.newline` breaks a line.
 *   3. test/unit/error-text.test.ts: a sample of the new code in `SAMPLES` (also a mapped type, so the
 *      typecheck asks for it); it checks both languages and the escaping.
 *
 * Two forms: `mrkdwn` (messages: user text escaped, values in code spans) and `plain` (modal field
 * errors and the help view's warning, which escape on their own: values in quotes, text as is).
 */
import { AMOUNT_EXAMPLES, MULTIPLE_EXAMPLES } from '../domain/amount.js';
import { formatWon, groupThousands } from '../domain/amount-format.js';
import type { AmountProblem } from '../domain/amount-grammar.js';
import { Decimal } from '../domain/decimal.js';
import type {
  AmountSource,
  DomainError,
  ErrorCode,
  ErrorDetails,
  MultipleProblem,
  TransitionDetails,
} from '../domain/result.js';
import { CADENCES, DETAILS, EVENT_KINDS } from '../domain/types.js';
import {
  GUARANTEE_STATUS_LABELS,
  type Locale,
  type Localized,
  PLEDGE_STATUS_LABELS,
  PROGRAM_STATUS_LABELS,
  WORDS,
} from '../i18n/common.js';
import { type Message, warningMessage, warningReply } from './blocks.js';
import { code, escapeMrkdwn } from './mrkdwn.js';

export type ErrorFormat = 'mrkdwn' | 'plain';

interface Style {
  /** What the user typed, set off from the sentence. */
  readonly typed: (text: string) => string;
  /** A name Winwin knows: a target, a status, an example. */
  readonly name: (text: string) => string;
  /** Any other text that may carry user input. */
  readonly text: (text: string) => string;
  readonly newline: string;
}

const STYLES: Readonly<Record<ErrorFormat, Style>> = {
  mrkdwn: { typed: code, name: code, text: escapeMrkdwn, newline: '\n' },
  plain: { typed: (t) => `"${t}"`, name: (t) => t, text: (t) => t, newline: ' ' },
};

/** One language's words for every code: missing a code is a type error. */
export type ErrorTexts = { readonly [C in ErrorCode]: (d: ErrorDetails[C], s: Style) => string };

/** The failure as one paragraph in `format` (mrkdwn by default). */
export const errorText = (error: DomainError, locale: Locale, format: ErrorFormat = 'mrkdwn'): string => {
  // Each entry takes its own code's details; the union cannot say so, the tables' type does.
  const say = TEXTS[locale][error.code] as (d: DomainError['details'], s: Style) => string;
  return say(error.details, STYLES[format]);
};

/** The failure as an ephemeral-ready reply with a warning sign (read commands, menus: names as code). */
export const errorReply = (error: DomainError, locale: Locale): Message =>
  warningReply(errorText(error, locale));

/** The failure in plain words above a command's usage lines (the write commands' replies). */
export const usageErrorReply = (error: DomainError, locale: Locale, usage: readonly string[]): Message =>
  warningMessage(errorText(error, locale, 'plain'), usage);

/** Names whose status change was refused (a pledge id, a program slug), so the reply says so. */
export const aboutSubject = (error: DomainError, subject: string): DomainError =>
  error.code === 'PLEDGE.ILLEGAL_TRANSITION' ||
  error.code === 'PROGRAM.ILLEGAL_TRANSITION' ||
  error.code === 'GUARANTEE.ILLEGAL_TRANSITION'
    ? { code: error.code, details: { ...error.details, subject } }
    : error;

// ---------------------------------------------------------------------------------------------------
// Shared pieces

const list = (values: readonly string[], s: Style): string => values.map(s.name).join(', ');

const capitalize = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

const shorten = (text: string): string => (text.length > 40 ? `${text.slice(0, 39)}…` : text);

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
    supplier: 'the supplier',
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
    supplier: '업체명',
  },
};

const fieldName = (field: string | undefined, locale: Locale, s: Style): string => {
  const f = field ?? '';
  const known = Object.hasOwn(FIELD_NAMES[locale], f) ? FIELD_NAMES[locale][f] : undefined;
  return known ?? (f === '' ? (locale === 'ko' ? '값' : 'the value') : s.text(f));
};

/**
 * A refused status change. Statuses show as `code (label)` since commands take the code; a final
 * status reads as its label alone ("paid in is final"). A paid pledge points at the correction.
 */
const transition =
  (labels: Localized<Readonly<Record<string, string>>>, locale: Locale) =>
  (d: TransitionDetails, s: Style): string => {
    const ko = locale === 'ko';
    const names = labels[locale];
    const labelOf = (x: string): string => (Object.hasOwn(names, x) ? (names[x] ?? x) : x);
    const both = (x: string): string => {
      const l = labelOf(x);
      return s.text(l === x ? x : `${x} (${l})`);
    };
    const who = d.subject === undefined || d.subject === '' ? '' : `${s.text(d.subject)}: `;
    const sentence = (text: string): string => (who === '' ? capitalize(text) : `${who}${text}`);
    if (d.from === d.to) {
      return ko ? `${who}이미 ${both(d.from)} 상태입니다.` : sentence(`already ${both(d.from)}.`);
    }
    if (d.allowed.length === 0) {
      const fix = d.from === 'paid';
      return ko
        ? `${who}${s.text(labelOf(d.from))}은(는) 최종 상태라 ${both(d.to)}(으)로 바꿀 수 없습니다.${fix ? ' 금액을 고치려면 /winwin set <출연 ID> amount <금액> <사유>를 쓰세요.' : ''}`
        : sentence(
            `${s.text(labelOf(d.from))} is final: it cannot become ${both(d.to)}.${fix ? ' To fix its figures, use /winwin set <pledge-id> amount <amount> <reason>.' : ''}`,
          );
    }
    const options = d.allowed.map(both).join(', ');
    return ko
      ? `${who}${both(d.from)}에서 ${both(d.to)}(으)로 바꿀 수 없습니다. 가능한 상태: ${options}.`
      : sentence(`cannot go from ${both(d.from)} to ${both(d.to)}. Allowed: ${options}.`);
  };

/** Sectors (with their alias) and programs a target could have been. */
const knownTargets = (d: ErrorDetails['TARGET.UNKNOWN'], s: Style): string =>
  [
    ...d.sectors.map((x) =>
      x.alias === undefined ? s.name(x.name) : `${s.name(x.name)} (${s.text(x.alias)})`,
    ),
    ...d.programs.map(s.name),
  ].join(', ');

/** Fields that take the relative date forms of parseDay (next steps, payments, installments). */
const FLEXIBLE_DATES: ReadonlySet<string> = new Set(['next', 'on', 'installment']);

/** Whole won given as digits, in the locale's words ("15 billion won", "150억 원"). */
const won = (digits: string, locale: Locale): string =>
  /^\d{1,20}$/.test(digits) ? formatWon(new Decimal(digits), locale) : digits;

// ---------------------------------------------------------------------------------------------------
// Amounts and multiples

const AMOUNT_PROBLEM: Localized<(p: AmountProblem) => string> = {
  en: (p) => {
    switch (p.reason) {
      case 'too_long':
        return `it is longer than ${p.max} characters`;
      case 'currency_twice':
        return `the currency is written twice ("${p.first}" and "${p.last}")`;
      case 'minus_not_first':
        return 'a minus sign can only come first';
      case 'currency_misplaced':
        return `"${p.mark}" can only come ${p.place}, once`;
      case 'no_number':
        return 'there is no number in it';
      case 'commas':
        return `"${p.number}" has its commas in the wrong places (write 6,300 or 6300)`;
      case 'not_a_unit':
        return `"${p.word}" is not a number or a unit (units: million, bn, billion, tn, trillion, 만, 억, 조)`;
      case 'stray_character':
        return `"${p.character}" does not belong in an amount`;
      case 'english_unit_misplaced':
        return 'an English unit goes once, right after one number (630bn, 2.5 billion)';
      case 'group_too_large':
        return `after ${p.unit}, a group must be below 10,000 ("${p.group}" is not)`;
      case 'units_out_of_order':
        return `units go from large to small, but ${p.unit} comes after ${p.previous}`;
      case 'cannot_follow':
        return `"${p.text}" cannot follow "${p.after}"`;
      case 'digit_before_unit':
        return `put one digit 1–9 before ${p.unit}, not "${p.text}"`;
      case 'number_missing':
        return 'a number is missing';
      case 'number_before':
        return `a number must come before "${p.text}"`;
    }
  },
  ko: (p) => {
    switch (p.reason) {
      case 'too_long':
        return `${p.max}자보다 깁니다`;
      case 'currency_twice':
        return `통화 표시가 두 번 있습니다 ("${p.first}", "${p.last}")`;
      case 'minus_not_first':
        return '빼기 기호는 맨 앞에만 올 수 있습니다';
      case 'currency_misplaced':
        return `"${p.mark}"은(는) ${p.place === 'first' ? '맨 앞' : '맨 뒤'}에 한 번만 올 수 있습니다`;
      case 'no_number':
        return '숫자가 없습니다';
      case 'commas':
        return `"${p.number}"의 쉼표 위치가 맞지 않습니다 (6,300 또는 6300으로 쓰세요)`;
      case 'not_a_unit':
        return `"${p.word}"은(는) 숫자나 단위가 아닙니다 (단위: 만, 억, 조, million, bn, billion, tn, trillion)`;
      case 'stray_character':
        return `"${p.character}"은(는) 금액에 쓸 수 없는 글자입니다`;
      case 'english_unit_misplaced':
        return '영어 단위는 숫자 하나 바로 뒤에 한 번만 씁니다 (630bn, 2.5 billion)';
      case 'group_too_large':
        return `${p.unit} 뒤의 숫자는 10,000보다 작아야 합니다 ("${p.group}")`;
      case 'units_out_of_order':
        return `단위는 큰 것부터 씁니다. ${p.previous} 뒤에 ${p.unit}이(가) 왔습니다`;
      case 'cannot_follow':
        return `"${p.after}" 뒤에 "${p.text}"이(가) 올 수 없습니다`;
      case 'digit_before_unit':
        return `${p.unit} 앞에는 1–9 한 자리 숫자를 씁니다 ("${p.text}" 대신)`;
      case 'number_missing':
        return '숫자가 빠졌습니다';
      case 'number_before':
        return `"${p.text}" 앞에 숫자가 있어야 합니다`;
    }
  },
};

type AmountCode = Exclude<Extract<ErrorCode, `AMOUNT.${string}`>, 'AMOUNT.AMBIGUOUS'>;

/** Why an amount was refused, by code (the grammar's problem, when it has one, says more). */
const AMOUNT_WHY: Localized<{
  readonly [C in AmountCode]: (d: ErrorDetails[C]) => string;
}> = {
  en: {
    'AMOUNT.EMPTY': () => 'it is empty',
    'AMOUNT.ZERO': () => 'it is zero',
    'AMOUNT.NEGATIVE': () => 'it is negative; amounts are positive',
    'AMOUNT.FRACTION': (d) =>
      d.won === undefined
        ? 'it is not whole won'
        : `it comes to ${groupThousands(d.won)} won; amounts are whole won`,
    'AMOUNT.TOO_LARGE': (d) =>
      d.input === undefined
        ? 'it is above 1,000조 (1,000 trillion won); check the unit'
        : 'it is above 1,000조 (1,000 trillion won)',
    'AMOUNT.INVALID': (d) =>
      d.problem === undefined ? 'it is not a number with a unit' : AMOUNT_PROBLEM.en(d.problem),
  },
  ko: {
    'AMOUNT.EMPTY': () => '비어 있습니다',
    'AMOUNT.ZERO': () => '0입니다',
    'AMOUNT.NEGATIVE': () => '음수입니다. 금액은 양수여야 합니다',
    'AMOUNT.FRACTION': () => '원 단위 정수가 아닙니다',
    'AMOUNT.TOO_LARGE': () => '1,000조 원을 넘습니다. 단위를 확인하세요',
    'AMOUNT.INVALID': (d) =>
      d.problem === undefined ? '숫자와 단위로 읽을 수 없습니다' : AMOUNT_PROBLEM.ko(d.problem),
  },
};

/**
 * Why an amount was refused, with the accepted forms. Typed input is quoted; a range check on a stored
 * amount (no input, a field) says it without one.
 */
const amount =
  <C extends AmountCode>(c: C, locale: Locale) =>
  (d: ErrorDetails[C] & AmountSource, s: Style): string => {
    const why = AMOUNT_WHY[locale][c](d);
    const examples = list(AMOUNT_EXAMPLES, s);
    if (locale === 'ko') {
      const subject =
        d.input === undefined ? '금액을' : `${s.typed(d.input.trim().slice(0, 40))}을(를) 금액으로`;
      return `${subject} 읽을 수 없습니다: ${s.text(why)}. 예: ${examples}.`;
    }
    return d.input === undefined
      ? `Can't read the amount: ${s.text(why)}. Write it like ${examples}.`
      : s.text(
          `Can't read "${shorten(d.input.trim())}" as an amount: ${why}. Write it like ${AMOUNT_EXAMPLES.join(', ')}.`,
        );
  };

const ambiguousAmount =
  (locale: Locale) =>
  (d: ErrorDetails['AMOUNT.AMBIGUOUS'], s: Style): string => {
    if (locale === 'ko') {
      return `${s.typed(d.input.trim().slice(0, 40))}을(를) 금액으로 읽을 수 없습니다: 단위가 없습니다. ${s.text(d.suggestion)}을(를) 뜻하셨나요? 원 단위라면 끝에 원을 붙이세요. 예: ${list(AMOUNT_EXAMPLES, s)}.`;
    }
    const plain = `${d.input.normalize('NFKC').trim().toLowerCase()}원`;
    const why = d.tail
      ? `the last number has no unit: did you mean ${d.suggestion}? For plain won, end with 원`
      : `it has no unit: did you mean ${d.suggestion}? For plain won, write ${plain}`;
    return s.text(
      `Can't read "${shorten(d.input.trim())}" as an amount: ${why}. Write it like ${AMOUNT_EXAMPLES.join(', ')}.`,
    );
  };

const MULTIPLE_WHY: Readonly<Record<MultipleProblem, (d: ErrorDetails['MULTIPLE.INVALID']) => string>> = {
  empty: () => 'it is empty',
  not_a_number: () => 'it is not a number with an optional x or 배',
  not_positive: () => 'it must be above 0',
  too_large: (d) => `it must be at most ${d.max}`,
  too_precise: (d) => `it has more than ${d.decimals} decimals`,
};

/** A checked multiple (a form's value, no input): the rule it broke. */
const MULTIPLE_RULE: Readonly<Record<MultipleProblem, (d: ErrorDetails['MULTIPLE.INVALID']) => string>> = {
  empty: () => 'The multiple is empty; write it like 15.75.',
  not_a_number: () => 'The multiple is not a number; write it like 15.75.',
  not_positive: () => 'The multiple must be above zero, e.g. 15.75.',
  too_large: (d) => `The multiple is at most ${d.max}x; check it.`,
  too_precise: (d) => `The multiple takes at most ${d.decimals} decimals, e.g. 14.285715.`,
};

/** Whole won in the details (digits) in the locale's words. */
const wonText = (digits: string, locale: Locale): string =>
  /^\d{1,20}$/.test(digits) ? formatWon(new Decimal(digits), locale) : digits;

const programStatusLabel = (status: string, locale: Locale): string =>
  Object.hasOwn(PROGRAM_STATUS_LABELS[locale], status)
    ? ((PROGRAM_STATUS_LABELS[locale] as Record<string, string>)[status] ?? status)
    : status;

type ImportReason = ErrorDetails['IMPORT.INVALID']['reason'];

const IMPORT_INVALID: Localized<Readonly<Record<ImportReason, string>>> = {
  en: {
    empty: 'The file has no rows of guarantees.',
    format: 'The file is neither CSV nor XLSX (Excel); save it as one of those and try again.',
    unreadable: 'The file could not be read as CSV or XLSX; check that it opens in Excel.',
    no_file: 'Choose one file (CSV or XLSX) to import.',
    download: 'The file could not be downloaded from Slack; try again in a minute.',
    expired:
      'This import preview has expired, was already used, or its file changed; start again with /winwin import guarantees.',
    bad_rows: 'Some rows cannot be imported; fix them in the file and import it again. Nothing was stored.',
  },
  ko: {
    empty: '파일에 보증 행이 없습니다.',
    format: 'CSV나 XLSX(Excel) 파일이 아닙니다. 둘 중 하나로 저장해서 다시 시도하세요.',
    unreadable: 'CSV나 XLSX로 읽을 수 없는 파일입니다. Excel에서 열리는지 확인하세요.',
    no_file: '가져올 파일(CSV 또는 XLSX) 하나를 고르세요.',
    download: 'Slack에서 파일을 내려받지 못했습니다. 잠시 후 다시 시도하세요.',
    expired:
      '가져오기 미리보기가 만료되었거나 이미 사용되었거나 파일이 바뀌었습니다. /winwin import guarantees로 다시 시작하세요.',
    bad_rows: '가져올 수 없는 행이 있습니다. 파일에서 고친 뒤 다시 가져오세요. 저장된 것은 없습니다.',
  },
};

// ---------------------------------------------------------------------------------------------------
// The tables

const EN: ErrorTexts = {
  'AMOUNT.EMPTY': amount('AMOUNT.EMPTY', 'en'),
  'AMOUNT.NEGATIVE': amount('AMOUNT.NEGATIVE', 'en'),
  'AMOUNT.ZERO': amount('AMOUNT.ZERO', 'en'),
  'AMOUNT.FRACTION': amount('AMOUNT.FRACTION', 'en'),
  'AMOUNT.TOO_LARGE': amount('AMOUNT.TOO_LARGE', 'en'),
  'AMOUNT.AMBIGUOUS': ambiguousAmount('en'),
  'AMOUNT.INVALID': amount('AMOUNT.INVALID', 'en'),
  'MULTIPLE.INVALID': (d, s) =>
    d.input === undefined
      ? MULTIPLE_RULE[d.problem](d)
      : s.text(
          `Can't read "${d.input.trim().slice(0, 40)}" as a multiple: ${MULTIPLE_WHY[d.problem](d)}. Write it like ${MULTIPLE_EXAMPLES.join(', ')}.`,
        ),
  'DATE.INVALID': (d, s) =>
    FLEXIBLE_DATES.has(d.field)
      ? s.text(
          `Can't read "${shorten(d.input)}" as a date. Write it like 2026-12-15, 12/15, 12월 15일, tomorrow or +7d.`,
        )
      : s.text(`${d.field} must be a date written YYYY-MM-DD, e.g. 2025-12-31 (got "${d.input}").`),
  'PAYMENT.UNSIGNED': (d, s) =>
    s.text(
      `${d.id} is verbal: only a signed pledge takes payments. Record the signing first: /winwin set ${d.id} committed.`,
    ),
  'PAYMENT.CLOSED': (d, s) =>
    s.text(
      `${d.id} is ${PLEDGE_STATUS_LABELS.en[d.status as 'suspended'] ?? d.status}: it takes no payments. Resume it first.`,
    ),
  'PAYMENT.EXCEEDS': (d, s) =>
    d.balance === '0'
      ? s.text(
          `${d.id} has ${won(d.paidIn, 'en')} paid in and no balance left; a pledge's amount cannot go below what is paid in.`,
        )
      : s.text(
          `${d.id} has a balance of ${won(d.balance, 'en')} (${won(d.paidIn, 'en')} paid in); a payment of ${won(d.amount, 'en')} would take paid-in above the pledge.`,
        ),
  'SCHEDULE.EXCEEDS': (d, s) =>
    s.text(`The installments add up to ${won(d.total, 'en')}, more than ${d.id}'s ${won(d.amount, 'en')}.`),
  'SCHEDULE.INVALID': (d, s) =>
    d.reason === 'pairs'
      ? `Write the schedule as <amount> <date> pairs, e.g. 100억 2026-01-15 50억 2026-03-31 (could not read ${s.typed(shorten(d.input))}).`
      : s.text(`${d.id} is withdrawn: it has no installments to expect.`),
  'OWNER.INVALID': (d, s) => `${s.typed(shorten(d.input))} is not a Slack user. Mention one, e.g. @kim.`,
  'TEXT.INVALID': (d, s) => {
    const name = capitalize(fieldName(d.field, 'en', s));
    return d.reason === 'empty'
      ? `${name} is empty.`
      : `${name} is too long: at most ${d.max} characters (got ${d.length}).`;
  },
  'SECTOR.INVALID': (d, s) => {
    switch (d.reason) {
      case 'reserved':
        return s.text(`"${d.name}" is a command word; pick another sector name.`);
      case 'format':
        return s.text(
          `A new sector's name is 2–31 lowercase letters, digits or "-", starting with a letter, e.g. "retail" (got "${d.name}").`,
        );
      case 'program':
        return s.text(`"${d.name}" is already a program; pick another sector name.`);
      case 'alias_taken':
        return s.text(`The alias "${d.name}" already names a sector.`);
    }
  },
  'SECTOR.UNKNOWN': (d, s) => s.text(`No sector "${d.name}".`),
  'PROGRAM.UNKNOWN': (d, s) =>
    s.text(`No program "${d.wanted}". Known: ${d.known.join(', ') || 'none yet'}.`),
  'PROGRAM.SLUG_TAKEN': (d, s) =>
    s.text(
      d.by === 'sector'
        ? `"${d.slug}" is the name of a sector; a program needs a slug of its own.`
        : `The slug "${d.slug}" is taken by another program.`,
    ),
  'PROGRAM.SLUG_INVALID': (d, s) =>
    s.text(
      d.reason === 'reserved'
        ? `"${d.slug}" would be read as a command word or a pledge id.`
        : `A slug is 2–48 lowercase letters, digits or "-", e.g. "autos-hyundai" (got "${d.slug}").`,
    ),
  'PROGRAM.ILLEGAL_TRANSITION': transition(PROGRAM_STATUS_LABELS, 'en'),
  'PROGRAM.INVALID': (d, s) =>
    s.text(`Status must be one of: ${d.allowed.join(', ')} (got "${d.input ?? ''}").`),
  'PLEDGE.UNKNOWN': (d, s) => s.text(`No pledge ${d.id}.`),
  'PLEDGE.ILLEGAL_TRANSITION': transition(PLEDGE_STATUS_LABELS, 'en'),
  'PLEDGE.NOT_PAID': (d, s) => s.text(`${d.id} is not paid in yet.`),
  'PLEDGE.INVALID': (d, s) => {
    if (d.field === 'program') return s.text(`${d.program} is closed; it takes no new pledges.`);
    return s.text(
      d.field === 'kind'
        ? `Kind must be one of: ${d.allowed.join(', ')} (got "${d.input ?? ''}").`
        : `A new pledge is ${d.allowed.join(', ')} (got "${d.input ?? ''}").`,
    );
  },
  'TARGET.UNKNOWN': (d, s) => {
    const guess =
      d.suggestions.length === 0 ? '' : ` Did you mean ${d.suggestions.map(s.name).join(' or ')}?`;
    return `Unknown target ${s.typed(d.target)}.${guess}${s.newline}Known: ${knownTargets(d, s) || 'none yet'}`;
  },
  'TARGET.AMBIGUOUS': (d, s) =>
    d.programs.length === 0
      ? `The sector ${s.name(d.sector)} has no program yet. Create one with /winwin program new ${s.text(d.sector)}.`
      : `${s.name(d.sector)} has several programs; name one of them: ${list(d.programs, s)}.`,
  'ACCESS.DENIED': (d, s) =>
    d.user === undefined
      ? s.text(WORDS.en.deniedNeedsEditor)
      : s.text(`${d.user} is an admin by configuration (WINWIN_ADMINS); change it there.`),
  'ACCESS.INVALID': (d, s) => {
    if (d.field === 'grant') return s.text(`${d.user} has no role granted in Winwin.`);
    return s.text(
      d.field === 'user'
        ? `"${d.input}" is not a Slack user id such as U0123ABCD.`
        : `A grant is editor or admin (got "${d.input}").`,
    );
  },
  'SUBSCRIPTION.UNKNOWN': (d, s) => s.text(`This channel does not follow "${d.target}".`),
  'SUBSCRIPTION.INVALID': (d, s) =>
    d.field === 'channel'
      ? s.text(`"${d.channel}" is not a channel Winwin can post to.`)
      : d.field === 'only'
        ? `${d.word === '' ? 'only: needs at least one kind' : `${s.typed(d.word)} is not a kind of change`}: write only: with a comma list of ${EVENT_KINDS.join(', ')}, e.g. only:pledges,payments.`
        : `How often is ${CADENCES.join(', ')}; detail is ${DETAILS.join(', ')}.`,
  'COMMAND.INVALID': (d, s) => {
    switch (d.reason) {
      case 'unterminated_quote':
        return `A quote opened at character ${d.position + 1} is never closed. Close it with " (or ”) and try again.`;
      case 'unknown_subcommand':
        return `Unknown subcommand ${s.typed(d.name)}. Here is what Winwin understands:`;
      case 'duplicate_option':
        return `The option ${s.text(d.key)}: is given more than once. Give it once.`;
    }
  },
  'GUARANTEE.UNKNOWN': (d, s) => s.text(`No guarantee ${d.id}. Ids are written like G7.`),
  'GUARANTEE.ILLEGAL_TRANSITION': transition(GUARANTEE_STATUS_LABELS, 'en'),
  'GUARANTEE.PROGRAM_NOT_OPEN': (d, s) =>
    `${s.name(d.program)} is ${s.text(programStatusLabel(d.status, 'en'))}; only announced or launched programs take guarantees.`,
  'GUARANTEE.CAP_EXCEEDED': (d, s) =>
    `Above the cap of ${wonText(d.cap, 'en')} per supplier: ${s.typed(d.supplier)} would hold ${wonText(d.total, 'en')} of active guarantees from ${s.name(d.program)} (now ${wonText(d.outstanding, 'en')}).`,
  'IMPORT.DUPLICATE': (d, s) =>
    `This file was imported already (${s.typed(d.filename)} into ${s.name(d.program)}, ${s.text(d.at.slice(0, 10))}); the same file is never imported twice.`,
  'IMPORT.TOO_LARGE': (d) =>
    d.reason === 'rows'
      ? `The file has ${d.got} rows, more than the ${d.max} an import takes; split it.`
      : `The file is larger than ${d.maxMb} MB; split it and import each part.`,
  'IMPORT.INVALID': (d) => IMPORT_INVALID.en[d.reason],
};

const notAllowedKo = (field: string, allowed: readonly string[], s: Style): string =>
  `${fieldName(field, 'ko', s)} 값이 올바르지 않습니다: ${list(allowed, s)}.`;

const KO: ErrorTexts = {
  'AMOUNT.EMPTY': amount('AMOUNT.EMPTY', 'ko'),
  'AMOUNT.NEGATIVE': amount('AMOUNT.NEGATIVE', 'ko'),
  'AMOUNT.ZERO': amount('AMOUNT.ZERO', 'ko'),
  'AMOUNT.FRACTION': amount('AMOUNT.FRACTION', 'ko'),
  'AMOUNT.TOO_LARGE': amount('AMOUNT.TOO_LARGE', 'ko'),
  'AMOUNT.AMBIGUOUS': ambiguousAmount('ko'),
  'AMOUNT.INVALID': amount('AMOUNT.INVALID', 'ko'),
  'MULTIPLE.INVALID': (d, s) =>
    `배수를 읽을 수 없습니다. 0보다 크고 ${d.max} 이하, 소수점 ${d.decimals}자리까지 쓰세요. 예: ${list(MULTIPLE_EXAMPLES, s)}.`,
  'DATE.INVALID': (d, s) =>
    FLEXIBLE_DATES.has(d.field)
      ? `${s.typed(shorten(d.input))}을(를) 날짜로 읽을 수 없습니다. 예: 2026-12-15, 12/15, 12월 15일, 내일(tomorrow), +7d.`
      : '날짜는 YYYY-MM-DD 형식으로 쓰세요. 예: 2025-12-31.',
  'PAYMENT.UNSIGNED': (d, s) =>
    `${s.text(d.id)}은(는) 구두 의사 단계라 납입을 받을 수 없습니다. 협약(서명)된 출연만 납입을 받습니다. 먼저 /winwin set ${s.text(d.id)} committed 로 협약을 기록하세요.`,
  'PAYMENT.CLOSED': (d, s) =>
    `${s.text(d.id)}은(는) ${s.text(PLEDGE_STATUS_LABELS.ko[d.status as 'suspended'] ?? d.status)} 상태라 납입을 받을 수 없습니다. 재개한 뒤 기록하세요.`,
  'PAYMENT.EXCEEDS': (d, s) =>
    d.balance === '0'
      ? `${s.text(d.id)}에는 ${won(d.paidIn, 'ko')}이(가) 납입되어 잔액이 없습니다. 출연액은 납입액보다 작을 수 없습니다.`
      : `${s.text(d.id)}의 잔액은 ${won(d.balance, 'ko')}입니다 (납입 ${won(d.paidIn, 'ko')}). ${won(d.amount, 'ko')}을(를) 납입하면 출연액을 넘습니다.`,
  'SCHEDULE.EXCEEDS': (d, s) =>
    `납입 일정의 합계 ${won(d.total, 'ko')}이(가) ${s.text(d.id)}의 출연액 ${won(d.amount, 'ko')}을(를) 넘습니다.`,
  'SCHEDULE.INVALID': (d, s) =>
    d.reason === 'pairs'
      ? `납입 일정은 <금액> <날짜> 쌍으로 씁니다. 예: 100억 2026-01-15 50억 2026-03-31 (${s.typed(shorten(d.input))}을(를) 읽을 수 없습니다).`
      : `${s.text(d.id)}은(는) 철회되어 납입 일정을 둘 수 없습니다.`,
  'OWNER.INVALID': (d, s) =>
    `${s.typed(shorten(d.input))}은(는) Slack 사용자가 아닙니다. @김주무관처럼 사용자를 멘션하세요.`,
  'TEXT.INVALID': (d, s) => {
    const name = fieldName(d.field, 'ko', s);
    return d.reason === 'empty'
      ? `${name}을(를) 입력하세요.`
      : `${name}이(가) 너무 깁니다: 최대 ${d.max}자 (입력 ${d.length}자).`;
  },
  'SECTOR.INVALID': (d, s) => {
    switch (d.reason) {
      case 'reserved':
        return `${s.typed(d.name)}은(는) 명령어라 업종 이름으로 쓸 수 없습니다. 다른 이름을 고르세요.`;
      case 'format':
        return '새 업종 이름은 영문 소문자로 시작하는 2–31자의 영문 소문자, 숫자, - 입니다 (예: retail). 명령어(all, help, new, edit, none)나 기존 프로그램 슬러그, 기존 별칭은 쓸 수 없습니다.';
      case 'program':
        return `${s.typed(d.name)}은(는) 이미 프로그램 이름입니다. 다른 업종 이름을 고르세요.`;
      case 'alias_taken':
        return `별칭 ${s.typed(d.name)}은(는) 이미 다른 업종을 가리킵니다.`;
    }
  },
  'SECTOR.UNKNOWN': () => '그런 업종이 없습니다.',
  'PROGRAM.UNKNOWN': (d, s) => `그런 프로그램이 없습니다. 등록된 프로그램: ${list(d.known, s) || '없음'}.`,
  'PROGRAM.SLUG_TAKEN': (d, s) => `${s.typed(d.slug)}은(는) 이미 쓰이는 이름입니다. 다른 슬러그를 쓰세요.`,
  'PROGRAM.SLUG_INVALID': () =>
    '슬러그는 2–48자의 영문 소문자, 숫자, - 입니다 (예: autos-hyundai). 명령어나 P7 같은 출연 ID 형태는 쓸 수 없습니다.',
  'PROGRAM.ILLEGAL_TRANSITION': transition(PROGRAM_STATUS_LABELS, 'ko'),
  'PROGRAM.INVALID': (d, s) => notAllowedKo(d.field, d.allowed, s),
  'PLEDGE.UNKNOWN': (d, s) => `출연 ${s.text(d.id)}이(가) 없습니다. ID는 P7처럼 씁니다.`,
  'PLEDGE.ILLEGAL_TRANSITION': transition(PLEDGE_STATUS_LABELS, 'ko'),
  'PLEDGE.NOT_PAID': () => '아직 출연 완료되지 않은 출연입니다.',
  'PLEDGE.INVALID': (d, s) =>
    d.field === 'program'
      ? '종료된 프로그램은 새 출연을 받지 않습니다.'
      : notAllowedKo(d.field, d.allowed, s),
  'TARGET.UNKNOWN': (d, s) => {
    const guess =
      d.suggestions.length === 0 ? '' : ` ${d.suggestions.map(s.name).join(' 또는 ')}을(를) 뜻하셨나요?`;
    return `알 수 없는 대상 ${s.typed(d.target)}입니다.${guess}${s.newline}등록된 대상: ${knownTargets(d, s) || '아직 없음'}`;
  },
  'TARGET.AMBIGUOUS': (d, s) =>
    d.programs.length === 0
      ? `업종 ${s.name(d.sector)}에는 아직 프로그램이 없습니다. /winwin program new ${s.text(d.sector)}로 만드세요.`
      : `업종 ${s.name(d.sector)}에는 프로그램이 여러 개 있습니다. 프로그램을 지정하세요: ${list(d.programs, s)}.`,
  'ACCESS.DENIED': (d, s) =>
    d.user === undefined
      ? s.text(WORDS.ko.deniedNeedsEditor)
      : `${s.text(d.user)}은(는) 설정(WINWIN_ADMINS)으로 정한 관리자입니다. 그곳에서 바꾸세요.`,
  'ACCESS.INVALID': (d, s) => {
    if (d.field === 'grant') return `${s.text(d.user)}에게는 Winwin에서 부여한 역할이 없습니다.`;
    return d.field === 'user'
      ? 'Slack 사용자 ID가 아닙니다. U0123ABCD 같은 ID를 쓰세요.'
      : '부여할 수 있는 역할은 editor 또는 admin입니다.';
  },
  'SUBSCRIPTION.UNKNOWN': (d, s) => `이 채널은 ${s.typed(d.target)}을(를) 구독하고 있지 않습니다.`,
  'SUBSCRIPTION.INVALID': (d, s) =>
    d.field === 'channel'
      ? 'Winwin이 글을 올릴 수 있는 채널이 아닙니다.'
      : d.field === 'only'
        ? `${d.word === '' ? 'only:에 종류를 하나 이상 쓰세요' : `${s.typed(d.word)}은(는) 변경 종류가 아닙니다`}. only:에는 ${list(EVENT_KINDS, s)}를 쉼표로 이어 쓰세요 (예: only:pledges,payments).`
        : `주기는 ${list(CADENCES, s)}, 내용은 ${list(DETAILS, s)} 중 하나입니다.`,
  'COMMAND.INVALID': (d, s) => {
    switch (d.reason) {
      case 'unterminated_quote':
        return `${d.position + 1}번째 글자에서 연 따옴표가 닫히지 않았습니다. " (또는 ”)로 닫고 다시 시도하세요.`;
      case 'unknown_subcommand':
        return `알 수 없는 명령 ${s.typed(d.name)}입니다. Winwin이 이해하는 명령은 다음과 같습니다:`;
      case 'duplicate_option':
        return `옵션 ${s.text(d.key)}:가 두 번 이상 있습니다. 한 번만 쓰세요.`;
    }
  },
  'GUARANTEE.UNKNOWN': (d, s) => `보증 ${s.text(d.id)}이(가) 없습니다. ID는 G7처럼 씁니다.`,
  'GUARANTEE.ILLEGAL_TRANSITION': transition(GUARANTEE_STATUS_LABELS, 'ko'),
  'GUARANTEE.PROGRAM_NOT_OPEN': (d, s) =>
    `${s.name(d.program)}은(는) ${s.text(programStatusLabel(d.status, 'ko'))} 상태입니다. 보증은 협약 발표 또는 보증 개시 상태의 프로그램에만 기록합니다.`,
  'GUARANTEE.CAP_EXCEEDED': (d, s) =>
    `업체당 한도 ${wonText(d.cap, 'ko')}를 넘습니다: ${s.typed(d.supplier)}의 ${s.name(d.program)} 유효 보증이 ${wonText(d.total, 'ko')}가 됩니다 (현재 ${wonText(d.outstanding, 'ko')}).`,
  'IMPORT.DUPLICATE': (d, s) =>
    `이 파일은 이미 가져왔습니다 (${s.typed(d.filename)}, ${s.name(d.program)}, ${s.text(d.at.slice(0, 10))}). 같은 파일은 두 번 가져오지 않습니다.`,
  'IMPORT.TOO_LARGE': (d) =>
    d.reason === 'rows'
      ? `파일의 행이 ${d.got}개로, 한 번에 가져올 수 있는 ${d.max}개를 넘습니다. 나누어서 가져오세요.`
      : `파일이 ${d.maxMb}MB보다 큽니다. 나누어서 가져오세요.`,
  'IMPORT.INVALID': (d) => IMPORT_INVALID.ko[d.reason],
};

const TEXTS: Localized<ErrorTexts> = { en: EN, ko: KO };
