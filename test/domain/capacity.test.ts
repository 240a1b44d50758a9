import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  capacityOf,
  contributionFor,
  programCapacity,
  sectorCapacity,
  whatIf,
} from '../../src/domain/capacity.js';
import { multipleFor } from '../../src/domain/checks.js';
import { Decimal } from '../../src/domain/decimal.js';
import { demoState } from '../../src/domain/demo.js';
import { PLEDGE_STATUSES, type Pledge, type Program } from '../../src/domain/types.js';
import { eok, won } from './fixtures.js';

const demo = demoState(new Date('2026-02-20T00:00:00.000Z'), 'U0DEMO');
const program = (slug: string): Program => {
  const found = demo.programs.find((p) => p.slug === slug);
  if (!found) throw new Error(`no demo program ${slug}`);
  return found;
};
const figures = (slug: string) => programCapacity(program(slug), demo.pledges);
const digits = (value: Decimal): string => value.toFixed();

describe('the programs on record', () => {
  test('autos: 40bn × 15.75 = 630bn exactly', () => {
    const c = figures('autos-hyundai');
    expect(digits(c.confirmed)).toBe('40000000000');
    expect(digits(c.paid)).toBe('40000000000');
    expect(digits(c.confirmedCapacity)).toBe('630000000000');
    expect(digits(c.gap)).toBe('0');
    expect(digits(c.stillNeeded)).toBe('0');
  });

  test('steel: 20bn × 20 = 400bn headline; 354bn operating is met too', () => {
    const c = figures('steel-posco');
    expect(digits(c.confirmed)).toBe('20000000000');
    expect(digits(c.paid)).toBe('5000000000');
    expect(digits(c.committed)).toBe('15000000000');
    expect(digits(c.confirmedCapacity)).toBe('400000000000');
    expect(digits(c.target)).toBe('400000000000');
    expect(c.operating && digits(c.operating)).toBe('354000000000');
    expect(c.operatingGap && digits(c.operatingGap)).toBe('0');
    expect(digits(c.gap)).toBe('0');
  });

  test('HL: 8bn × 12.5 = 100bn', () => {
    expect(digits(figures('autos-hl').confirmedCapacity)).toBe('100000000000');
  });

  test('shipbuilding: 28bn at 400bn ÷ 28bn, rounded up to 14.285715, covers 400bn', () => {
    const c = figures('shipbuilding-hd');
    expect(digits(c.multiple)).toBe('14.285715');
    expect(digits(c.confirmedCapacity)).toBe('400000020000');
    expect(digits(c.gap)).toBe('0');
    // Rounded down to 14.285714 the same 28bn would leave 8,000 won "missing" on a funded program.
    const truncated = programCapacity(
      { ...program('shipbuilding-hd'), multiple: new Decimal('14.285714') },
      demo.pledges,
    );
    expect(digits(truncated.confirmedCapacity)).toBe('399999992000');
    expect(digits(truncated.gap)).toBe('8000');
    expect(digits(truncated.stillNeeded)).toBe('561');
  });

  test('retail: nothing confirmed, 1bn verbal in the pipeline, Coupang 1bn excluded', () => {
    const c = figures('retail-consortium');
    expect(digits(c.confirmed)).toBe('0');
    expect(digits(c.pipeline)).toBe('1000000000');
    expect(digits(c.excluded)).toBe('1000000000');
    expect(digits(c.suspended)).toBe('1000000000');
    expect(digits(c.total)).toBe('2000000000');
    expect(digits(c.gap)).toBe('100000000000');
    expect(digits(c.stillNeeded)).toBe('2000000000');
    expect(digits(c.potentialCapacity)).toBe('50000000000');
    expect(digits(c.potentialGap)).toBe('50000000000');
    expect(digits(c.potentialStillNeeded)).toBe('1000000000');
  });

  test('autos sector rolls up both programs', () => {
    const c = sectorCapacity({ name: 'autos' }, demo.programs, demo.pledges);
    expect(c.programs.map((p) => p.program)).toEqual(['autos-hyundai', 'autos-hl']);
    expect(digits(c.target)).toBe('730000000000');
    expect(digits(c.confirmed)).toBe('48000000000');
    expect(digits(c.confirmedCapacity)).toBe('730000000000');
    expect(digits(c.gap)).toBe('0');
  });
});

describe('whatIf', () => {
  test('an extra 1bn for retail is 50bn of capacity', () => {
    const w = whatIf(program('retail-consortium'), demo.pledges, eok(10));
    expect(digits(w.before.gap)).toBe('100000000000');
    expect(digits(w.after.confirmedCapacity)).toBe('50000000000');
    expect(digits(w.after.gap)).toBe('50000000000');
    expect(digits(w.after.stillNeeded)).toBe('1000000000');
    expect(w.closesGap).toBe(false);
  });

  test('the amount still needed closes the gap exactly', () => {
    const p = program('retail-consortium');
    const needed = programCapacity(p, demo.pledges).stillNeeded;
    expect(whatIf(p, demo.pledges, needed).closesGap).toBe(true);
    expect(whatIf(p, demo.pledges, needed.minus(1)).closesGap).toBe(false);
  });
});

const base: Program = { ...program('autos-hl') };
const pledge = (id: string, programSlug: string, amount: Decimal, status: Pledge['status']): Pledge => ({
  id,
  program: programSlug,
  contributor: 'X',
  kind: 'bank',
  amount,
  status,
  signed: status !== 'verbal',
  recordedBy: 'U0X',
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
});

describe('sector rollup', () => {
  test("one program's surplus does not fill another's gap; closed programs are left out", () => {
    const a: Program = { ...base, slug: 'x-a', sector: 'x', target: eok(100), multiple: new Decimal(10) };
    const b: Program = { ...base, slug: 'x-b', sector: 'x', target: eok(100), multiple: new Decimal(10) };
    const c: Program = { ...base, slug: 'x-c', sector: 'x', target: eok(100), status: 'closed' };
    const pledges = [pledge('P1', 'x-a', eok(20), 'paid'), pledge('P2', 'x-b', eok(5), 'committed')];
    const s = sectorCapacity({ name: 'x' }, [a, b, c], pledges);
    expect(digits(s.confirmedCapacity)).toBe(digits(eok(250)));
    expect(digits(s.target)).toBe(digits(eok(200)));
    expect(digits(s.gap)).toBe(digits(eok(50)));
    expect(digits(s.stillNeeded)).toBe(digits(eok(5)));
    expect(s.closed).toEqual(['x-c']);
  });
});

describe('arithmetic', () => {
  test('capacity is whole won, rounded down', () => {
    expect(digits(capacityOf(won(1), new Decimal('15.75')))).toBe('15');
    expect(digits(capacityOf(won(4), new Decimal('15.75')))).toBe('63');
  });

  test('contributionFor: worked examples', () => {
    expect(digits(contributionFor(won(100), new Decimal(50)))).toBe('2');
    expect(digits(contributionFor(won(101), new Decimal(50)))).toBe('3');
    expect(digits(contributionFor(won(0), new Decimal(50)))).toBe('0');
    expect(digits(contributionFor(won(8000), new Decimal('14.285714')))).toBe('561');
    expect(() => contributionFor(won(1), new Decimal(0))).toThrow(RangeError);
  });

  test('multipleFor rounds up, so the capacity never falls short', () => {
    expect(digits(multipleFor(eok(6300), eok(400)))).toBe('15.75');
    expect(digits(multipleFor(eok(1000), eok(20)))).toBe('50');
    expect(digits(multipleFor(eok(4000), eok(280)))).toBe('14.285715');
  });

  const wonArb = fc.bigInt({ min: 0n, max: 10n ** 15n }).map((n) => new Decimal(n.toString()));
  const multipleArb = fc
    .tuple(fc.integer({ min: 0, max: 999 }), fc.integer({ min: 0, max: 999_999 }))
    .filter(([i, f]) => i + f > 0)
    .map(([i, f]) => new Decimal(`${i}.${String(f).padStart(6, '0')}`));

  test('property: the amount still needed is the least that closes the gap', () => {
    fc.assert(
      fc.property(wonArb, multipleArb, (gap, multiple) => {
        const needed = contributionFor(gap, multiple);
        expect(needed.isInteger()).toBe(true);
        expect(needed.times(multiple).gte(gap)).toBe(true);
        if (needed.gt(0)) expect(needed.minus(1).times(multiple).lt(gap)).toBe(true);
      }),
    );
  });

  test('property: multipleFor × contributions covers the capacity', () => {
    fc.assert(
      fc.property(
        wonArb.filter((w) => w.gt(0)),
        wonArb.filter((w) => w.gt(0)),
        (capacity, contributions) => {
          expect(contributions.times(multipleFor(capacity, contributions)).gte(capacity)).toBe(true);
        },
      ),
    );
  });

  const pledgeArb = fc.record({
    amount: wonArb.filter((w) => w.gt(0)),
    status: fc.constantFrom(...PLEDGE_STATUSES),
    other: fc.boolean(),
  });

  test('property: the parts add up, and closing the gap with stillNeeded works', () => {
    fc.assert(
      fc.property(
        fc.array(pledgeArb, { maxLength: 12 }),
        wonArb.filter((w) => w.gt(0)),
        multipleArb,
        (drafts, target, multiple) => {
          const p: Program = { ...base, target, multiple };
          const pledges = drafts.map((d, i) =>
            pledge(`P${i + 1}`, d.other ? 'someone-else' : p.slug, d.amount, d.status),
          );
          const c = programCapacity(p, pledges);
          const mine = drafts.filter((d) => !d.other).reduce((a, d) => a.plus(d.amount), new Decimal(0));
          expect(c.confirmed.plus(c.pipeline).plus(c.excluded).eq(c.total)).toBe(true);
          expect(c.total.eq(mine)).toBe(true);
          expect(c.confirmed.eq(c.committed.plus(c.paid))).toBe(true);
          expect(c.excluded.eq(c.suspended.plus(c.withdrawn))).toBe(true);
          expect(c.potentialCapacity.gte(c.confirmedCapacity)).toBe(true);
          expect(c.gap.plus(c.confirmedCapacity).gte(target)).toBe(true);
          expect(c.stillNeeded.times(multiple).gte(c.gap)).toBe(true);
          if (c.stillNeeded.gt(0)) expect(c.stillNeeded.minus(1).times(multiple).lt(c.gap)).toBe(true);
          expect(whatIf(p, pledges, c.stillNeeded).closesGap).toBe(true);
        },
      ),
    );
  });
});
