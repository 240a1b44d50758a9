import { describe, expect, it } from 'vitest';
import { parseAmount } from '../../src/domain/amount.js';
import type { DomainError, ErrorCode, ErrorDetails, ErrorOf } from '../../src/domain/result.js';
import { aboutSubject, errorReply, errorText, usageErrorReply } from '../../src/views/error-text.js';

/** Typed by a user: must never reach mrkdwn as a mention. */
const EVIL = '<!channel>';

const e = <C extends ErrorCode>(code: C, details: ErrorDetails[C]): ErrorOf<C> =>
  ({ code, details }) as ErrorOf<C>;

/**
 * One failure per code, shaped like the domain's, carrying user text where it can. A mapped type over
 * every code: a new code without a sample fails the typecheck.
 */
const SAMPLES: { readonly [C in ErrorCode]: ErrorOf<C> } = {
  'AMOUNT.EMPTY': e('AMOUNT.EMPTY', { input: '' }),
  'AMOUNT.NEGATIVE': e('AMOUNT.NEGATIVE', { field: 'amount' }),
  'AMOUNT.ZERO': e('AMOUNT.ZERO', { input: `${EVIL}0` }),
  'AMOUNT.FRACTION': e('AMOUNT.FRACTION', { field: 'amount' }),
  'AMOUNT.TOO_LARGE': e('AMOUNT.TOO_LARGE', { field: 'amount', max: '1000000000000000' }),
  'AMOUNT.AMBIGUOUS': e('AMOUNT.AMBIGUOUS', { input: EVIL, suggestion: '300억', tail: false }),
  'AMOUNT.INVALID': e('AMOUNT.INVALID', { input: EVIL, problem: { reason: 'not_a_unit', word: EVIL } }),
  'MULTIPLE.INVALID': e('MULTIPLE.INVALID', {
    input: EVIL,
    problem: 'not_a_number',
    max: '1000',
    decimals: 6,
  }),
  'DATE.INVALID': e('DATE.INVALID', { field: 'due', input: EVIL }),
  'TEXT.INVALID': e('TEXT.INVALID', { field: 'note', max: 2000, reason: 'too_long', length: 2001 }),
  'SECTOR.INVALID': e('SECTOR.INVALID', { field: 'sector', reason: 'reserved', name: EVIL }),
  'SECTOR.UNKNOWN': e('SECTOR.UNKNOWN', { field: 'sector', name: EVIL }),
  'PROGRAM.UNKNOWN': e('PROGRAM.UNKNOWN', { wanted: EVIL, known: ['autos-hyundai'] }),
  'PROGRAM.SLUG_TAKEN': e('PROGRAM.SLUG_TAKEN', { field: 'slug', slug: EVIL, by: 'program' }),
  'PROGRAM.SLUG_INVALID': e('PROGRAM.SLUG_INVALID', { field: 'slug', slug: EVIL, reason: 'format' }),
  'PROGRAM.ILLEGAL_TRANSITION': e('PROGRAM.ILLEGAL_TRANSITION', {
    from: 'on_hold',
    to: EVIL,
    allowed: ['negotiating', 'closed'],
  }),
  'PROGRAM.INVALID': e('PROGRAM.INVALID', {
    field: 'status',
    allowed: ['negotiating', 'announced'],
    input: EVIL,
  }),
  'PLEDGE.UNKNOWN': e('PLEDGE.UNKNOWN', { id: EVIL }),
  'PLEDGE.ILLEGAL_TRANSITION': e('PLEDGE.ILLEGAL_TRANSITION', { from: 'paid', to: EVIL, allowed: [] }),
  'PLEDGE.NOT_PAID': e('PLEDGE.NOT_PAID', { id: 'P1' }),
  'PLEDGE.INVALID': e('PLEDGE.INVALID', { field: 'kind', allowed: ['corporation', 'bank'], input: EVIL }),
  'TARGET.UNKNOWN': e('TARGET.UNKNOWN', {
    target: EVIL,
    known: ['autos', 'steel-posco'],
    sectors: [{ name: 'autos', alias: `자동차${EVIL}` }],
    programs: ['steel-posco'],
    suggestions: ['autos'],
  }),
  'TARGET.AMBIGUOUS': e('TARGET.AMBIGUOUS', { sector: 'autos', programs: ['autos-hyundai', 'autos-hl'] }),
  'ACCESS.DENIED': e('ACCESS.DENIED', {}),
  'ACCESS.INVALID': e('ACCESS.INVALID', { field: 'user', input: EVIL }),
  'SUBSCRIPTION.UNKNOWN': e('SUBSCRIPTION.UNKNOWN', { target: EVIL, subscribed: [] }),
  'SUBSCRIPTION.INVALID': e('SUBSCRIPTION.INVALID', { field: 'settings' }),
  'PAYMENT.UNSIGNED': e('PAYMENT.UNSIGNED', { id: 'P1', status: 'verbal' }),
  'PAYMENT.CLOSED': e('PAYMENT.CLOSED', { id: 'P1', status: 'suspended' }),
  'PAYMENT.EXCEEDS': e('PAYMENT.EXCEEDS', {
    id: 'P1',
    balance: '500000000',
    paidIn: '500000000',
    amount: '1000000000',
  }),
  'SCHEDULE.EXCEEDS': e('SCHEDULE.EXCEEDS', { id: 'P1', total: '2', amount: '1', field: 'schedule' }),
  'SCHEDULE.INVALID': e('SCHEDULE.INVALID', { reason: 'pairs', input: EVIL, field: 'schedule' }),
  'OWNER.INVALID': e('OWNER.INVALID', { input: EVIL }),
  'COMMAND.INVALID': e('COMMAND.INVALID', { reason: 'unknown_subcommand', name: EVIL }),
  'GUARANTEE.UNKNOWN': e('GUARANTEE.UNKNOWN', { id: EVIL }),
  'GUARANTEE.ILLEGAL_TRANSITION': e('GUARANTEE.ILLEGAL_TRANSITION', {
    from: 'repaid',
    to: EVIL,
    allowed: [],
  }),
  'GUARANTEE.PROGRAM_NOT_OPEN': e('GUARANTEE.PROGRAM_NOT_OPEN', {
    field: 'program',
    program: 'retail-consortium',
    status: 'negotiating',
  }),
  'GUARANTEE.CAP_EXCEEDED': e('GUARANTEE.CAP_EXCEEDED', {
    field: 'amount',
    supplier: EVIL,
    program: 'autos-hyundai',
    cap: '7000000000',
    total: '8000000000',
    outstanding: '5000000000',
  }),
  'IMPORT.DUPLICATE': e('IMPORT.DUPLICATE', {
    filename: EVIL,
    program: 'steel-posco',
    at: '2026-01-01T00:00:00Z',
  }),
  'IMPORT.TOO_LARGE': e('IMPORT.TOO_LARGE', { reason: 'rows', max: 5000, got: 5001 }),
  'IMPORT.INVALID': e('IMPORT.INVALID', { reason: 'format' }),
};

/** The other shapes of codes whose details vary (reasons, fields), each with user text where it can. */
const VARIANTS: readonly DomainError[] = [
  e('GUARANTEE.ILLEGAL_TRANSITION', {
    from: 'active',
    to: EVIL,
    allowed: ['repaid', 'expired', 'cancelled'],
  }),
  e('IMPORT.TOO_LARGE', { reason: 'bytes', maxMb: 5, got: 6_000_000 }),
  e('AMOUNT.AMBIGUOUS', { input: `1억 5000${EVIL}`, suggestion: `1억 5000${EVIL}만`, tail: true }),
  e('AMOUNT.FRACTION', { input: `${EVIL}1.5원`, won: '1.5' }),
  e('AMOUNT.INVALID', { field: 'amount' }),
  e('MULTIPLE.INVALID', { field: 'multiple', problem: 'too_precise', max: '1000', decimals: 6 }),
  e('TEXT.INVALID', { field: EVIL, max: 10, reason: 'empty' }),
  e('SECTOR.INVALID', { field: 'sector', reason: 'format', name: EVIL }),
  e('SECTOR.INVALID', { field: 'sector', reason: 'program', name: EVIL }),
  e('SECTOR.INVALID', { field: 'sector', reason: 'alias_taken', name: EVIL }),
  e('PROGRAM.SLUG_TAKEN', { field: 'slug', slug: EVIL, by: 'sector' }),
  e('PROGRAM.SLUG_INVALID', { field: 'slug', slug: EVIL, reason: 'reserved' }),
  e('PLEDGE.INVALID', { field: 'status', allowed: ['verbal', 'committed'], input: EVIL }),
  e('PLEDGE.INVALID', { field: 'program', program: EVIL }),
  e('ACCESS.DENIED', { user: EVIL }),
  e('ACCESS.INVALID', { field: 'role', input: EVIL }),
  e('ACCESS.INVALID', { field: 'grant', user: EVIL }),
  e('SUBSCRIPTION.INVALID', { field: 'channel', channel: EVIL }),
  e('COMMAND.INVALID', { reason: 'unterminated_quote', position: 3 }),
  e('COMMAND.INVALID', { reason: 'duplicate_option', key: EVIL }),
  e('TARGET.AMBIGUOUS', { sector: EVIL, programs: [] }),
];

/** Inputs the amount grammar refuses, one per problem it names. */
const AMOUNT_REFUSALS: readonly string[] = [
  '1'.repeat(201),
  '₩300원₩',
  'krw 5 krw',
  '3-00억',
  '5 ₩억',
  '원',
  '6,30,0억',
  `5 ${EVIL}`,
  '5 quadrillion',
  '5억 #',
  '630 bn bn',
  '1억 20000만',
  '1만 2억',
  '3억 5',
  '12천',
  '5천 7000',
  '억',
];

const HANGUL = /[\uac00-\ud7a3]/;
const formsControlSequence = (text: string): boolean => /<[!@#]|<https?:|<mailto:/i.test(text);

describe('errorText', () => {
  it.each(Object.values(SAMPLES))('words $code in Korean and English', (error) => {
    const ko = errorText(error, 'ko');
    const en = errorText(error, 'en');
    expect(ko).toMatch(HANGUL);
    expect(en.trim()).not.toBe('');
    expect(en).not.toBe(ko);
  });

  it.each([...Object.values(SAMPLES), ...VARIANTS])('words and escapes $code in mrkdwn', (error) => {
    expect(errorText(error, 'ko')).toMatch(HANGUL);
    for (const locale of ['en', 'ko'] as const) {
      const text = errorText(error, locale);
      expect(formsControlSequence(text), text).toBe(false);
      expect(text).not.toContain('<!channel>');
    }
  });

  it('sets values in code in mrkdwn, in quotes in plain text', () => {
    const unknown = SAMPLES['TARGET.UNKNOWN'];
    expect(errorText(unknown, 'en')).toContain('Unknown target `&lt;!channel&gt;`.');
    expect(errorText(unknown, 'en')).toContain('Known: `autos` (자동차&lt;!channel&gt;), `steel-posco`');
    expect(errorText(unknown, 'en', 'plain')).toContain(`Unknown target "${EVIL}".`);
    expect(errorText(SAMPLES['TARGET.AMBIGUOUS'], 'en', 'plain')).toBe(
      'autos has several programs; name one of them: autos-hyundai, autos-hl.',
    );
  });

  it('words a real parser refusal: a bare number asks for the unit in both languages', () => {
    const bare = parseAmount('300');
    expect(bare.ok).toBe(false);
    if (bare.ok) return;
    expect(errorText(bare.error, 'en')).toContain('did you mean 300억');
    expect(errorText(bare.error, 'ko', 'plain')).toContain('"300"을(를) 금액으로 읽을 수 없습니다');
    expect(errorText(bare.error, 'ko')).toContain('300억을(를) 뜻하셨나요?');
  });

  it('names the subject of a refused status change; a final status reads as its label', () => {
    const final = aboutSubject(SAMPLES['PLEDGE.ILLEGAL_TRANSITION'], 'P1');
    expect(errorText(final, 'en')).toMatch(/^P1: paid in is final: it cannot become /);
    expect(errorText(final, 'en')).toContain('/winwin set <pledge-id> amount');
    const program = errorText(SAMPLES['PROGRAM.ILLEGAL_TRANSITION'], 'en', 'plain');
    expect(program).toBe(
      `Cannot go from on_hold (on hold) to ${EVIL}. Allowed: negotiating (in talks), closed.`,
    );
  });
});

describe('amount refusals', () => {
  it.each(AMOUNT_REFUSALS)('%s: the grammar names the problem in both languages, escaped', (input) => {
    const result = parseAmount(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const en = errorText(result.error, 'en');
    const ko = errorText(result.error, 'ko');
    expect(en).toMatch(/^Can't read "/);
    expect(ko).toMatch(HANGUL);
    for (const text of [en, ko]) expect(formsControlSequence(text), text).toBe(false);
  });

  // number_missing guards readCompound at the end of the tokens, which its callers never reach.
  it('every problem of the grammar but that guard is reached by one refusal above', () => {
    const reasons = new Set(
      AMOUNT_REFUSALS.map((input) => {
        const result = parseAmount(input);
        return !result.ok && result.error.code === 'AMOUNT.INVALID'
          ? result.error.details.problem?.reason
          : undefined;
      }),
    );
    expect([...reasons].filter((r) => r !== undefined).sort()).toEqual(
      [
        'too_long',
        'currency_twice',
        'minus_not_first',
        'currency_misplaced',
        'no_number',
        'commas',
        'not_a_unit',
        'stray_character',
        'english_unit_misplaced',
        'group_too_large',
        'units_out_of_order',
        'cannot_follow',
        'digit_before_unit',
        'number_before',
      ].sort(),
    );
  });
});

describe('replies', () => {
  it('errorReply: a warning section, fallback without markup and still escaped', () => {
    const reply = errorReply(SAMPLES['TARGET.UNKNOWN'], 'en');
    expect(reply.text).not.toContain('`');
    expect(formsControlSequence(reply.text)).toBe(false);
    expect(JSON.stringify(reply.blocks)).toContain(':warning: Unknown target `&lt;!channel&gt;`');
  });

  it('usageErrorReply: plain words escaped, then the usage lines as code', () => {
    const reply = usageErrorReply(SAMPLES['PLEDGE.UNKNOWN'], 'en', ['/winwin set <pledge-id> <status>']);
    expect(reply.text).toBe('No pledge &lt;!channel&gt;.\n/winwin set &lt;pledge-id&gt; &lt;status&gt;');
    expect(reply.blocks).toHaveLength(2);
    expect(formsControlSequence(JSON.stringify(reply.blocks))).toBe(false);
  });
});
