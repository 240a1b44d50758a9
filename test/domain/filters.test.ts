import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { Decimal } from '../../src/domain/decimal.js';
import {
  EVENT_KINDS,
  eventAmount,
  eventKindOf,
  parseMin,
  parseOnly,
  passesFilters,
} from '../../src/domain/filters.js';
import {
  addPending,
  burstDue,
  clearPending,
  reports,
  saveCard,
  subscribe,
} from '../../src/domain/subscriptions.js';
import {
  type Card,
  emptyState,
  StateSchema,
  SubscriptionSchema,
  type WinwinEvent,
} from '../../src/domain/types.js';
import { changed, ctx, eok } from './fixtures.js';

const event = (type: string, after: WinwinEvent['after'] = null, before: WinwinEvent['before'] = null) => ({
  type,
  program: 'autos-hyundai',
  sector: 'autos',
  before,
  after,
});

describe('kinds of change, by event type prefix', () => {
  test('today’s types and those other issues add fall into their kind; access changes into none', () => {
    expect(eventKindOf('program.created')).toBe('programs');
    expect(eventKindOf('program.status')).toBe('programs');
    expect(eventKindOf('pledge.corrected')).toBe('pledges');
    expect(eventKindOf('payment.recorded')).toBe('payments');
    expect(eventKindOf('guarantee.issued')).toBe('guarantees');
    expect(eventKindOf('guarantee.status')).toBe('guarantees');
    expect(eventKindOf('access.granted')).toBeUndefined();
    expect(eventKindOf('programs')).toBeUndefined();
  });

  test('only: lets its kinds through; access changes never pass', () => {
    const only = { only: ['pledges', 'payments'] as const } as never;
    expect(passesFilters(only, event('pledge.recorded'))).toBe(true);
    expect(passesFilters(only, event('payment.recorded'))).toBe(true);
    expect(passesFilters(only, event('program.edited'))).toBe(false);
    expect(passesFilters({}, event('program.edited'))).toBe(true);
    expect(passesFilters({}, event('access.granted'))).toBe(false);
  });

  test('min: compares the new amount, else the old one; a change without an amount passes', () => {
    const min = { min: eok(10) };
    expect(passesFilters(min, event('pledge.recorded', { amount: eok(10).toFixed(0) }))).toBe(true);
    expect(passesFilters(min, event('pledge.recorded', { amount: eok(9).toFixed(0) }))).toBe(false);
    expect(
      passesFilters(min, event('pledge.status', { status: 'paid' }, { amount: eok(3).toFixed(0) })),
    ).toBe(false);
    expect(passesFilters(min, event('pledge.status', { status: 'paid' }, { status: 'committed' }))).toBe(
      true,
    );
    expect(passesFilters(min, event('program.status', { status: 'launched' }))).toBe(true);
    expect(eventAmount(event('pledge.corrected', { amount: '12' }, { amount: '9' }))?.toFixed(0)).toBe('12');
    expect(eventAmount(event('pledge.corrected', { amount: 'lots' }))).toBeUndefined();
  });
});

describe('parseOnly', () => {
  test('any non-empty choice of kinds, in any order, case and spacing, repeats allowed: canonical order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...EVENT_KINDS), { minLength: 1, maxLength: 8 }),
        fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
        fc.constantFrom(',', ', ', ' ,', '，'),
        (words, upper, comma) => {
          const typed = words.map((w, i) => (upper[i] === true ? w.toUpperCase() : w)).join(comma);
          const parsed = parseOnly(typed);
          expect(parsed).toEqual({ ok: true, value: EVENT_KINDS.filter((k) => words.includes(k)) });
        },
      ),
    );
  });

  test('a word that is not a kind is refused, naming it; so is an empty list', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[a-z]{1,12}$/).filter((w) => !(EVENT_KINDS as readonly string[]).includes(w)),
        fc.array(fc.constantFrom(...EVENT_KINDS), { maxLength: 3 }),
        (bad, good) => {
          const parsed = parseOnly([...good, bad].join(','));
          expect(parsed.ok).toBe(false);
          if (!parsed.ok) expect(parsed.error.details).toEqual({ field: 'only', word: bad });
        },
      ),
    );
    expect(parseOnly(' , ').ok).toBe(false);
  });

  test('min: reads every amount form the parser accepts', () => {
    for (const [typed, won] of [
      ['10억', '1000000000'],
      ['1bn', '1000000000'],
      ['5억 원', '500000000'],
      ['KRW 2,000,000,000', '2000000000'],
    ] as const) {
      const parsed = parseMin(typed);
      expect(parsed.ok && parsed.value.toFixed(0)).toBe(won);
    }
    expect(parseMin('lots').ok).toBe(false);
    expect(parseMin('300').ok).toBe(false);
  });
});

describe('subscriptions with filters', () => {
  const sub = (input: Partial<Parameters<typeof subscribe>[1]> = {}) =>
    changed(
      subscribe(
        emptyState(),
        { channel: 'C0TEST001', target: 'all', cadence: 'daily', detail: 'totals', ...input },
        ctx,
      ),
    ).value.subscription;

  test('stored only when they differ from the default; every kind is no filter', () => {
    expect(sub()).not.toHaveProperty('only');
    expect(sub({ only: [...EVENT_KINDS] })).not.toHaveProperty('only');
    expect(sub({ only: ['payments', 'pledges'] }).only).toEqual(['pledges', 'payments']);
    expect(sub({ quiet: true })).not.toHaveProperty('quiet');
    expect(sub({ quiet: false }).quiet).toBe(false);
    expect(sub({ min: new Decimal(5) }).min?.toFixed(0)).toBe('5');
  });

  test('reports: covered and let through', () => {
    const s = sub({ only: ['pledges'], min: eok(1) });
    expect(reports(s, event('pledge.recorded', { amount: eok(2).toFixed(0) }))).toBe(true);
    expect(reports(s, event('program.edited'))).toBe(false);
    expect(reports({ ...s, target: 'steel' }, event('pledge.recorded', { amount: eok(2).toFixed(0) }))).toBe(
      false,
    );
  });

  test('a store written before the filters existed still opens, and its subscriptions have none', () => {
    const old = {
      channel: 'C0TEST001',
      target: 'all',
      cadence: 'daily',
      detail: 'totals',
      createdBy: 'U0EDITOR',
      createdAt: '2025-12-01T00:00:00.000Z',
      watermark: 3,
    };
    const parsed = SubscriptionSchema.parse(old);
    expect(parsed).toEqual(old);
    const state = StateSchema.parse({
      ...StateSchema.encode(emptyState()),
      subscriptions: [old],
      cards: [{ channel: 'C0TEST001', program: 'autos-hyundai', ts: '1.2' }],
    });
    expect(state.cards[0]).toEqual({ channel: 'C0TEST001', program: 'autos-hyundai', ts: '1.2' });
  });
});

describe('a live card’s burst of changes', () => {
  const card: Card = { channel: 'C0TEST001', program: 'autos-hyundai', ts: '1.2' };
  const withCard = saveCard(emptyState(), card);

  test('starts at its first change, is due a minute later, and is gone once replied', () => {
    let state = addPending(withCard, card, 7, '2025-12-01T00:00:00.000Z');
    state = addPending(state, card, 9, '2025-12-01T00:00:40.000Z');
    const [pending] = state.cards;
    expect(pending).toMatchObject({ pending: [7, 9], pendingSince: '2025-12-01T00:00:00.000Z' });
    expect(burstDue(pending ?? card, new Date('2025-12-01T00:00:59.999Z'), 60_000)).toBe(false);
    expect(burstDue(pending ?? card, new Date('2025-12-01T00:01:00.000Z'), 60_000)).toBe(true);
    const replied = clearPending(state, card, [7, 9]);
    expect(replied.cards).toEqual([card]);
    expect(burstDue(card, new Date('2030-01-01T00:00:00.000Z'), 60_000)).toBe(false);
  });
});
