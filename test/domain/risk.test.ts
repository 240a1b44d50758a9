import { describe, expect, test } from 'vitest';
import { Decimal } from '../../src/domain/decimal.js';
import { demoState } from '../../src/domain/demo.js';
import { type PledgeInput, recordPledge, setPledgeStatus } from '../../src/domain/pledges.js';
import type { ProgramInput } from '../../src/domain/programs.js';
import { setProgramStatus } from '../../src/domain/programs.js';
import { type RiskFlag, riskFlags, sectorRiskFlags } from '../../src/domain/risk.js';
import type { State } from '../../src/domain/types.js';
import { changed, ctx, eok, withProgram } from './fixtures.js';

type Draft = Pick<PledgeInput, 'contributor' | 'amount' | 'status'> & { moveTo?: string };

/** A retail-like program (100bn at 50x) with pledges recorded and moved through the real mutations. */
const program = (drafts: Draft[], over: Partial<ProgramInput> = {}): State => {
  let state = withProgram({
    sector: 'retail',
    slug: 'retail-consortium',
    target: eok(1000),
    multiple: new Decimal(50),
    announceBy: '2025-12-31',
    ...over,
  });
  for (const d of drafts) {
    const recorded = changed(
      recordPledge(state, { program: 'retail-consortium', kind: 'corporation', ...d }, ctx),
    );
    state = recorded.state;
    if (d.moveTo) state = changed(setPledgeStatus(state, recorded.value.id, d.moveTo, undefined, ctx)).state;
  }
  return state;
};
const flagsOf = (state: State, today = '2025-12-01', opts = {}): RiskFlag[] => {
  const [p] = state.programs;
  if (!p) throw new Error('no program');
  return riskFlags(p, state.pledges, today, opts);
};
const codes = (flags: RiskFlag[]): string[] => flags.map((f) => f.code);
const find = <C extends RiskFlag['code']>(flags: RiskFlag[], code: C) =>
  flags.find((f): f is Extract<RiskFlag, { code: C }> => f.code === code);

const balanced: Draft[] = [
  { contributor: 'Retailer A', amount: eok(5), status: 'committed' },
  { contributor: 'Bank B', amount: eok(5), status: 'committed' },
];

describe('deadline', () => {
  test('announce-by within 14 days while a gap remains', () => {
    const flag = find(flagsOf(program(balanced), '2025-12-17'), 'deadline');
    expect(flag).toMatchObject({ announceBy: '2025-12-31', daysLeft: 14, overdue: false });
    expect(flag?.gap.toFixed()).toBe('50000000000');
  });

  test('already past: overdue with negative days', () => {
    expect(find(flagsOf(program(balanced), '2026-01-05'), 'deadline')).toMatchObject({
      daysLeft: -5,
      overdue: true,
    });
  });

  test('not yet near, or a custom window', () => {
    expect(find(flagsOf(program(balanced), '2025-12-16'), 'deadline')).toBeUndefined();
    expect(find(flagsOf(program(balanced), '2025-12-01', { withinDays: 30 }), 'deadline')).toBeDefined();
  });

  test('no flag when the gap is closed, when there is no date, or once announced', () => {
    const funded = program([
      { contributor: 'Retailer A', amount: eok(10), status: 'committed' },
      { contributor: 'Bank B', amount: eok(10), status: 'paid' },
    ]);
    expect(find(flagsOf(funded, '2025-12-30'), 'deadline')).toBeUndefined();
    expect(
      find(flagsOf(program(balanced, { announceBy: undefined }), '2025-12-30'), 'deadline'),
    ).toBeUndefined();
    const announced = changed(
      setProgramStatus(program(balanced), 'retail-consortium', 'announced', undefined, ctx),
    ).state;
    expect(find(flagsOf(announced, '2025-12-30'), 'deadline')).toBeUndefined();
  });

  test('still flagged while talks are on hold', () => {
    const held = changed(
      setProgramStatus(program(balanced), 'retail-consortium', 'on_hold', undefined, ctx),
    ).state;
    expect(find(flagsOf(held, '2025-12-30'), 'deadline')).toBeDefined();
  });
});

describe('suspended', () => {
  test('any suspended pledge, with ids and amount', () => {
    const state = program([
      ...balanced,
      { contributor: 'Coupang', amount: eok(10), status: 'verbal', moveTo: 'suspended' },
    ]);
    const flag = find(flagsOf(state), 'suspended');
    expect(flag?.pledges).toEqual(['P3']);
    expect(flag?.amount.toFixed()).toBe('1000000000');
  });

  test('none suspended, no flag (withdrawn is not suspended)', () => {
    const state = program([
      ...balanced,
      { contributor: 'Coupang', amount: eok(10), status: 'verbal', moveTo: 'withdrawn' },
    ]);
    expect(find(flagsOf(state), 'suspended')).toBeUndefined();
  });
});

describe('concentration', () => {
  test('one contributor above 50% of confirmed + pipeline, grouped by normalized name', () => {
    const state = program([
      { contributor: '(주)쿠팡', amount: eok(3), status: 'verbal' },
      { contributor: '㈜ 쿠팡', amount: eok(3), status: 'committed' },
      { contributor: 'Bank B', amount: eok(5), status: 'committed' },
      { contributor: 'Bank C', amount: eok(50), status: 'verbal', moveTo: 'withdrawn' },
    ]);
    const flag = find(flagsOf(state), 'concentration');
    expect(flag).toMatchObject({ contributor: '(주)쿠팡', pledges: ['P1', 'P2'], signed: true });
    expect(flag?.amount.toFixed()).toBe('600000000');
    expect(flag?.counted.toFixed()).toBe('1100000000');
    expect(flag?.unpaid.toFixed()).toBe('600000000');
    expect(flag?.share.gt(0.5)).toBe(true);
  });

  test('exactly 50% is not a concentration', () => {
    expect(find(flagsOf(program(balanced)), 'concentration')).toBeUndefined();
  });

  test('an unsigned majority is flagged with signed: false, so views can hide the name', () => {
    const state = program([
      { contributor: 'Retailer A', amount: eok(4), status: 'verbal' },
      { contributor: 'Bank B', amount: eok(6), status: 'verbal' },
    ]);
    expect(find(flagsOf(state), 'concentration')).toMatchObject({ contributor: 'Bank B', signed: false });
  });

  test('a majority already paid in is no risk', () => {
    const state = program([
      { contributor: 'Retailer A', amount: eok(4), status: 'committed' },
      { contributor: 'Bank B', amount: eok(6), status: 'committed', moveTo: 'paid' },
    ]);
    expect(find(flagsOf(state), 'concentration')).toBeUndefined();
  });
});

describe('unsigned', () => {
  test('only verbal pledges and none ever signed', () => {
    const state = program([
      { contributor: 'Retailer A', amount: eok(4), status: 'verbal' },
      { contributor: 'Coupang', amount: eok(10), status: 'verbal', moveTo: 'suspended' },
    ]);
    expect(find(flagsOf(state), 'unsigned')?.pledges).toEqual(['P1']);
  });

  test('not when one is signed, nor when there are no pledges', () => {
    expect(find(flagsOf(program(balanced)), 'unsigned')).toBeUndefined();
    const suspendedSigned = program([
      { contributor: 'Retailer A', amount: eok(4), status: 'verbal' },
      { contributor: 'Bank B', amount: eok(4), status: 'committed', moveTo: 'suspended' },
    ]);
    expect(find(flagsOf(suspendedSigned), 'unsigned')).toBeUndefined();
    expect(find(flagsOf(program([])), 'unsigned')).toBeUndefined();
  });
});

describe('multiple', () => {
  test('above 100x is flagged, 100x is not', () => {
    expect(
      find(flagsOf(program(balanced, { multiple: new Decimal('100.5') })), 'multiple')?.multiple.toFixed(),
    ).toBe('100.5');
    expect(find(flagsOf(program(balanced, { multiple: new Decimal(100) })), 'multiple')).toBeUndefined();
  });
});

test('a closed program has no flags', () => {
  const state = program(
    [{ contributor: 'Coupang', amount: eok(10), status: 'verbal', moveTo: 'suspended' }],
    {
      multiple: new Decimal(500),
    },
  );
  expect(codes(flagsOf(state, '2026-01-05'))).toEqual(['deadline', 'suspended', 'multiple']);
  const closed = changed(setProgramStatus(state, 'retail-consortium', 'closed', undefined, ctx)).state;
  expect(flagsOf(closed, '2026-01-05')).toEqual([]);
});

describe('the demo', () => {
  const demo = demoState(new Date('2025-12-20T00:00:00.000Z'), 'U0DEMO');

  test('retail carries the story: deadline, Coupang suspended, concentration, only verbal', () => {
    const retail = sectorRiskFlags({ name: 'retail' }, demo.programs, demo.pledges, '2025-12-20');
    expect(retail.map((r) => r.program)).toEqual(Array(4).fill('retail-consortium'));
    expect(codes(retail.map((r) => r.flag))).toEqual(['deadline', 'suspended', 'concentration', 'unsigned']);
  });

  test('fully paid autos-hyundai is clear; steel is flagged for IBK, 15bn not yet paid', () => {
    expect(
      sectorRiskFlags({ name: 'autos' }, demo.programs, demo.pledges, '2025-12-20').map((r) => r.program),
    ).toEqual(['autos-hl']);
    const [steel] = sectorRiskFlags({ name: 'steel' }, demo.programs, demo.pledges, '2025-12-20');
    expect(steel?.flag).toMatchObject({
      code: 'concentration',
      contributor: 'IBK (Industrial Bank of Korea)',
    });
  });
});
