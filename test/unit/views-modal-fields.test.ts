import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codeFromWord } from '../../src/commands/modals/choices.js';
import { parsePledgeValues } from '../../src/commands/modals/pledge-fields.js';
import { parseProgramValues } from '../../src/commands/modals/program-fields.js';
import { MAX_SUBMISSIONS, once, submissionKey } from '../../src/commands/modals/submissions.js';
import { formatWon } from '../../src/domain/amount.js';
import { Decimal } from '../../src/domain/decimal.js';
import { demoState } from '../../src/domain/demo.js';
import { recordPledge } from '../../src/domain/pledges.js';
import { CONTRIBUTOR_KINDS, PLEDGE_STATUSES } from '../../src/domain/types.js';
import { CONTRIBUTOR_KIND_LABELS, PLEDGE_STATUS_LABELS } from '../../src/i18n/common.js';
import { splitAmount } from '../../src/shell/amount-args.js';
import { PLEDGE_MODAL, PROGRAM_MODAL } from '../../src/views/ids.js';
import { decodeMetadata, encodeMetadata } from '../../src/views/metadata.js';

type Values = Record<string, Record<string, Record<string, unknown>>>;

const text = (field: string, value: string | null): Values => ({
  [field]: { [field]: { type: 'plain_text_input', value } },
});
const select = (field: string, value: string | null): Values => ({
  [field]: { [field]: { type: 'static_select', selected_option: value === null ? null : { value } } },
});
const date = (field: string, value: string | null): Values => ({
  [field]: { [field]: { type: 'datepicker', selected_date: value } },
});

const pledgeValues = (over: Partial<Record<string, string | null>> = {}): Values => {
  const v = {
    program: 'autos-hl',
    contributor: 'HL',
    kind: 'bank',
    amount: '20억',
    status: 'paid',
    due: null,
    note: null,
    schedule: null,
    ...over,
  };
  return {
    ...select('program', v.program),
    ...text('contributor', v.contributor),
    ...select('kind', v.kind),
    ...text('amount', v.amount),
    ...select('status', v.status),
    ...date('due', v.due),
    ...text('note', v.note),
    ...text('schedule', v.schedule),
  };
};

describe('parsePledgeValues', () => {
  it('reads a complete form', () => {
    const parsed = parsePledgeValues(
      pledgeValues({ due: '2026-01-31', note: '  line one\n\n\n\nline two  ' }),
      'en',
    );
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value).toMatchObject({
      program: 'autos-hl',
      contributor: 'HL',
      kind: 'bank',
      status: 'paid',
      due: '2026-01-31',
      note: 'line one\n\nline two',
    });
    expect(parsed.value.amount.toFixed(0)).toBe('2000000000');
  });

  it('leaves optional fields out when empty', () => {
    const parsed = parsePledgeValues(pledgeValues({ note: '   ' }), 'en');
    expect(parsed.ok && parsed.value).not.toHaveProperty('note');
    expect(parsed.ok && parsed.value).not.toHaveProperty('due');
  });

  it('reports every bad field at once, keyed by block_id', () => {
    const parsed = parsePledgeValues(
      pledgeValues({
        program: null,
        contributor: '\u200b',
        kind: 'alien',
        amount: '300',
        status: 'withdrawn',
        due: '2026-13-01',
        note: 'x'.repeat(2001),
        schedule: '10억 someday',
      }),
      'en',
    );
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(Object.keys(parsed.errors).sort()).toEqual([...Object.values(PLEDGE_MODAL.fields)].sort());
    expect(parsed.errors.amount).toContain('did you mean 300억');
    expect(parsed.errors.status).toContain('verbal, committed, paid');
    expect(parsed.errors.note).toContain('at most 2000');
  });

  it('explains in Korean', () => {
    const parsed = parsePledgeValues(pledgeValues({ amount: '300', contributor: '' }), 'ko');
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors.amount).toContain('300억을(를) 뜻하셨나요?');
    expect(parsed.errors.contributor).toBe('이 항목을 입력하세요.');
  });

  it('never throws, whatever arrives, and only names fields of the form (property)', () => {
    const fields = new Set<string>(Object.values(PLEDGE_MODAL.fields));
    fc.assert(
      fc.property(
        fc.oneof(fc.anything(), fc.dictionary(fc.constantFrom(...fields), fc.anything())),
        (values) => {
          const parsed = parsePledgeValues(values, 'en');
          if (!parsed.ok) for (const key of Object.keys(parsed.errors)) expect(fields.has(key)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('parseProgramValues', () => {
  const good = {
    ...text('sector', 'autos'),
    ...text('name', 'Kia + KB'),
    ...text('slug', ' Autos-Kia '),
    ...text('target', '1조 2,630억'),
    ...text('multiple', '15.75배'),
    ...select('status', 'announced'),
    ...date('announce_by', '2026-06-30'),
    ...text('terms', null),
    ...text('note', null),
  };

  it('reads a complete form', () => {
    const parsed = parseProgramValues(good, 'en');
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value).toMatchObject({
      sector: 'autos',
      name: 'Kia + KB',
      slug: 'autos-kia',
      status: 'announced',
      announceBy: '2026-06-30',
    });
    expect(parsed.value.target.toFixed(0)).toBe('1263000000000');
    expect(parsed.value.multiple.toString()).toBe('15.75');
  });

  it('reports each bad field under its block', () => {
    const parsed = parseProgramValues(
      {
        ...good,
        ...text('target', '12'),
        ...text('multiple', 'twenty'),
        ...select('status', 'bogus'),
        ...date('announce_by', 'soon'),
      },
      'en',
    );
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(Object.keys(parsed.errors).sort()).toEqual(['announce_by', 'multiple', 'status', 'target']);
    expect(parsed.errors.multiple).toContain('15.75');
  });

  it('never throws (property)', () => {
    const fields = Object.values(PROGRAM_MODAL.fields);
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...fields), fc.anything()), (values) => {
        const parsed = parseProgramValues(values, 'ko');
        if (!parsed.ok) for (const key of Object.keys(parsed.errors)) expect(fields).toContain(key);
      }),
      { numRuns: 300 },
    );
  });
});

describe('splitAmount', () => {
  it.each([
    [['10억', 'Emart'], '1000000000', ['Emart']],
    [['1조 2,630억', 'Samsung'], '1263000000000', ['Samsung']],
    [['1조', '2,630억', 'Samsung', 'Heavy'], '1263000000000', ['Samsung', 'Heavy']],
    [['630', 'billion', 'won', 'Hyundai'], '630000000000', ['Hyundai']],
    [['KRW', '630bn', 'Hyundai'], '630000000000', ['Hyundai']],
    [['630억', '원', 'Hana', 'Bank'], '63000000000', ['Hana', 'Bank']],
    [['10억', '3M'], '1000000000', ['3M']],
    [['10억', '3M', 'Korea'], '1000000000', ['3M', 'Korea']],
    [['10억', '7', 'Eleven'], '1000000000', ['7', 'Eleven']],
  ])('%j → %s + %j', (tokens, won, rest) => {
    const split = splitAmount(tokens);
    expect(split.ok).toBe(true);
    if (!split.ok) return;
    expect(split.value.amount.toFixed(0)).toBe(won);
    expect(split.value.rest).toEqual(rest);
  });

  it('a bare 300 asks whether 300억 was meant', () => {
    const split = splitAmount(['300', 'Coupang']);
    expect(!split.ok && split.error.code).toBe('AMOUNT.AMBIGUOUS');
    expect(!split.ok && split.error.code === 'AMOUNT.AMBIGUOUS' && split.error.details.suggestion).toBe(
      '300억',
    );
  });

  it('any formatted amount, unquoted, is read whole and the name kept (property)', () => {
    const name = fc.constantFrom('Samsung', 'Hana Bank', '현대자동차', 'LG Energy Solution', 'POSCO');
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 10n ** 15n }),
        fc.constantFrom('en' as const, 'ko' as const),
        name,
        (won, locale, who) => {
          const amount = new Decimal(won.toString());
          const tokens = [...formatWon(amount, locale).split(' '), ...who.split(' ')];
          const split = splitAmount(tokens);
          // Amounts that need more than four tokens are not readable unquoted; the rest must be exact.
          if (formatWon(amount, locale).split(' ').length > 4) return;
          expect(split.ok).toBe(true);
          if (!split.ok) return;
          expect(split.value.amount.toFixed(0)).toBe(amount.toFixed(0));
          expect(split.value.rest.join(' ')).toBe(who);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('codeFromWord', () => {
  it('reads codes and labels of every locale, case and spacing aside', () => {
    expect(codeFromWord('Committed', PLEDGE_STATUSES, PLEDGE_STATUS_LABELS)).toBe('committed');
    expect(codeFromWord('협약 체결', PLEDGE_STATUSES, PLEDGE_STATUS_LABELS)).toBe('committed');
    expect(codeFromWord('협약체결', PLEDGE_STATUSES, PLEDGE_STATUS_LABELS)).toBe('committed');
    expect(codeFromWord('paid in', PLEDGE_STATUSES, PLEDGE_STATUS_LABELS)).toBe('paid');
    expect(codeFromWord('은행', CONTRIBUTOR_KINDS, CONTRIBUTOR_KIND_LABELS)).toBe('bank');
    expect(codeFromWord('spaceship', CONTRIBUTOR_KINDS, CONTRIBUTOR_KIND_LABELS)).toBeUndefined();
    expect(codeFromWord('', CONTRIBUTOR_KINDS, CONTRIBUTOR_KIND_LABELS)).toBeUndefined();
  });
});

describe('private_metadata', () => {
  it('round-trips and ignores what is not ours', () => {
    expect(decodeMetadata(encodeMetadata({ channel: 'C0123ABCD', program: 'autos-hl' }))).toEqual({
      channel: 'C0123ABCD',
      program: 'autos-hl',
    });
    expect(decodeMetadata('{"channel":"<!channel>","program":7,"role":"admin"}')).toEqual({});
    expect(decodeMetadata('not json')).toEqual({});
  });

  it('never throws (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.anything(), fc.json()), (raw) => {
        decodeMetadata(raw);
      }),
    );
  });
});

describe('once', () => {
  const ctx = { actor: 'UEDITOR01', now: new Date('2026-03-01T00:00:00Z') };
  const state = demoState(ctx.now, 'UADMIN001');
  const input = {
    program: 'autos-hl',
    contributor: 'HL',
    kind: 'bank',
    amount: new Decimal('1000000000'),
    status: 'verbal',
  } as const;

  it('stores the key with the change, and a second run with the same key changes nothing', () => {
    const key = submissionKey('pledge', { id: 'V1', hash: 'h1' });
    const first = once(key, (s) => recordPledge(s, input, ctx))(state);
    expect(first.ok && first.value.value.duplicate).toBe(false);
    if (!first.ok) return;
    expect(first.value.state.submissions).toContain(key);
    const second = once(key, (s) => recordPledge(s, input, ctx))(first.value.state);
    expect(second.ok && second.value.value.duplicate).toBe(true);
    expect(second.ok && second.value.state).toBe(first.value.state);
    const other = once(submissionKey('pledge', { id: 'V1', hash: 'h2' }), (s) => recordPledge(s, input, ctx))(
      first.value.state,
    );
    expect(other.ok && other.value.value.duplicate).toBe(false);
  });

  it('a refused mutation stores no key', () => {
    const result = once('k', (s) => recordPledge(s, { ...input, program: 'nope' }, ctx))(state);
    expect(result.ok).toBe(false);
  });

  it(`keeps the last ${MAX_SUBMISSIONS} keys`, () => {
    const full = { ...state, submissions: Array.from({ length: MAX_SUBMISSIONS }, (_, i) => `k${i}`) };
    const result = once('new', (s) => recordPledge(s, input, ctx))(full);
    if (!result.ok) throw new Error('refused');
    expect(result.value.state.submissions).toHaveLength(MAX_SUBMISSIONS);
    expect(result.value.state.submissions.at(-1)).toBe('new');
    expect(result.value.state.submissions[0]).toBe('k1');
  });
});
