import { describe, expect, it } from 'vitest';
import { parseAmount } from '../../src/domain/amount.js';
import type { DomainError, ErrorCode } from '../../src/domain/result.js';
import { aboutSubject, errorReply, errorText, usageErrorReply } from '../../src/views/error-text.js';

/** Typed by a user: must never reach mrkdwn as a mention. */
const EVIL = '<!channel>';

const e = (code: ErrorCode, message: string, details?: Record<string, unknown>): DomainError =>
  details === undefined ? { code, message } : { code, message, details };

/** One failure per code, shaped like the domain's (details included), carrying user text where it can. */
const SAMPLES: Readonly<Record<ErrorCode, DomainError>> = {
  'AMOUNT.EMPTY': e('AMOUNT.EMPTY', "Can't read the amount: it is empty.", { input: '' }),
  'AMOUNT.NEGATIVE': e('AMOUNT.NEGATIVE', 'amount cannot be negative.', { field: 'amount' }),
  'AMOUNT.ZERO': e('AMOUNT.ZERO', `Can't read "${EVIL}0" as an amount.`, { input: `${EVIL}0` }),
  'AMOUNT.FRACTION': e('AMOUNT.FRACTION', 'amount must be whole won.', { field: 'amount' }),
  'AMOUNT.TOO_LARGE': e('AMOUNT.TOO_LARGE', 'amount is above 1,000조 won.', { field: 'amount' }),
  'AMOUNT.AMBIGUOUS': e('AMOUNT.AMBIGUOUS', `"${EVIL}" has no unit; did you mean 300억?`, {
    input: EVIL,
    suggestion: '300억',
  }),
  'AMOUNT.INVALID': e('AMOUNT.INVALID', `Can't read "${EVIL}" as an amount.`, { input: EVIL }),
  'MULTIPLE.INVALID': e('MULTIPLE.INVALID', `Can't read "${EVIL}" as a multiple.`, { input: EVIL }),
  'DATE.INVALID': e('DATE.INVALID', `due must be a date (got "${EVIL}").`, { field: 'due' }),
  'TEXT.INVALID': e('TEXT.INVALID', 'note is too long.', { field: 'note', max: 2000, length: 2001 }),
  'SECTOR.INVALID': e('SECTOR.INVALID', `"${EVIL}" is a command word.`, { field: 'sector' }),
  'SECTOR.UNKNOWN': e('SECTOR.UNKNOWN', `No sector "${EVIL}".`, { field: 'sector' }),
  'PROGRAM.UNKNOWN': e('PROGRAM.UNKNOWN', `No program "${EVIL}".`, { known: ['autos-hyundai'] }),
  'PROGRAM.SLUG_TAKEN': e('PROGRAM.SLUG_TAKEN', `The slug "${EVIL}" is taken.`, { slug: EVIL }),
  'PROGRAM.SLUG_INVALID': e('PROGRAM.SLUG_INVALID', `A slug is … (got "${EVIL}").`, { field: 'slug' }),
  'PROGRAM.ILLEGAL_TRANSITION': e('PROGRAM.ILLEGAL_TRANSITION', 'retail cannot go from on_hold to x.', {
    from: 'on_hold',
    to: EVIL,
    allowed: ['negotiating', 'closed'],
  }),
  'PROGRAM.INVALID': e('PROGRAM.INVALID', `Status must be one of … (got "${EVIL}").`, {
    field: 'status',
    allowed: ['negotiating', 'announced'],
  }),
  'PLEDGE.UNKNOWN': e('PLEDGE.UNKNOWN', `No pledge ${EVIL}.`, { id: EVIL }),
  'PLEDGE.ILLEGAL_TRANSITION': e('PLEDGE.ILLEGAL_TRANSITION', 'P1 is paid, which is final.', {
    from: 'paid',
    to: EVIL,
    allowed: [],
  }),
  'PLEDGE.NOT_PAID': e('PLEDGE.NOT_PAID', 'P1 is not paid in.'),
  'PLEDGE.INVALID': e('PLEDGE.INVALID', `Kind must be one of … (got "${EVIL}").`, {
    field: 'kind',
    allowed: ['corporation', 'bank'],
  }),
  'TARGET.UNKNOWN': e('TARGET.UNKNOWN', `Unknown target "${EVIL}".`, {
    target: EVIL,
    known: ['autos', 'steel-posco'],
    sectors: [{ name: 'autos', alias: `자동차${EVIL}` }],
    programs: ['steel-posco'],
    suggestions: ['autos'],
  }),
  'TARGET.AMBIGUOUS': e('TARGET.AMBIGUOUS', 'autos has several programs.', {
    sector: 'autos',
    programs: ['autos-hyundai', 'autos-hl'],
  }),
  'ACCESS.DENIED': e('ACCESS.DENIED', 'Only editors and admins can change data.'),
  'ACCESS.INVALID': e('ACCESS.INVALID', `"${EVIL}" is not a Slack user id.`, { field: 'user' }),
  'SUBSCRIPTION.UNKNOWN': e('SUBSCRIPTION.UNKNOWN', `This channel does not follow "${EVIL}".`, {
    target: EVIL,
    subscribed: [],
  }),
  'SUBSCRIPTION.INVALID': e('SUBSCRIPTION.INVALID', 'How often is daily, weekly, realtime.', {
    field: 'settings',
  }),
  'COMMAND.INVALID': e('COMMAND.INVALID', 'unknown subcommand', {
    reason: 'unknown_subcommand',
    name: EVIL,
  }),
};

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

  it.each(Object.values(SAMPLES))('escapes user text of $code in mrkdwn', (error) => {
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
