import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { Decimal } from '../../src/domain/decimal.js';
import { demoState } from '../../src/domain/demo.js';
import { buildDigest } from '../../src/domain/digest.js';
import {
  allowedGuaranteeTransitions,
  issueGuarantee,
  issueGuarantees,
  setGuaranteeStatus,
  supplierOutstanding,
} from '../../src/domain/guarantees.js';
import { recordPledge } from '../../src/domain/pledges.js';
import { editProgram } from '../../src/domain/programs.js';
import { programStanding, sectorStanding } from '../../src/domain/standing.js';
import { type Guarantee, type Program, type State, StateSchema } from '../../src/domain/types.js';
import { programUtilization, sectorUtilization, utilizationFlags } from '../../src/domain/utilization.js';
import { errorText } from '../../src/views/error-text.js';
import { changed, ctx, deepFreeze, eok, errorOf, withProgram } from './fixtures.js';

const announced = (over: Partial<Parameters<typeof withProgram>[0]> = {}): State =>
  withProgram({ status: 'announced', ...over });

const issue = (
  state: State,
  amount: number,
  supplier = 'DY Auto',
  issuedOn = '2025-08-18',
  program = 'autos-hyundai',
) => issueGuarantee(state, { program, supplier, amount: eok(amount), issuedOn }, ctx);

describe('issueGuarantee', () => {
  test('records G1 with a guarantee.issued event, and the first one launches an announced program', () => {
    const state = announced();
    const change = changed(issue(state, 200));
    expect(change.value.guarantee).toMatchObject({
      id: 'G1',
      program: 'autos-hyundai',
      supplier: 'DY Auto',
      status: 'active',
      issuedOn: '2025-08-18',
    });
    expect(change.value.guarantee.amount.toFixed(0)).toBe('20000000000');
    expect(change.value.launched).toBe(true);
    expect(change.state.programs[0]).toMatchObject({ status: 'launched', launchedOn: '2025-08-18' });
    expect(change.events.map((e) => e.type)).toEqual(['guarantee.issued', 'program.status']);
    expect(change.events[0]).toMatchObject({
      target: 'G1',
      program: 'autos-hyundai',
      sector: 'autos',
      before: null,
    });
    expect(change.events[1]).toMatchObject({
      before: { status: 'announced' },
      after: { status: 'launched' },
    });
    expect(change.state.nextGuarantee).toBe(2);
    expect(StateSchema.safeEncode(change.state).success).toBe(true);
    // The second one does not launch again.
    const second = changed(issue(change.state, 50, 'Supplier B'));
    expect(second.value.guarantee.id).toBe('G2');
    expect(second.value.launched).toBe(false);
    expect(second.events.map((e) => e.type)).toEqual(['guarantee.issued']);
  });

  test('only announced or launched programs take guarantees', () => {
    for (const status of ['negotiating'] as const) {
      const error = errorOf(issue(withProgram({ status }), 1), 'GUARANTEE.PROGRAM_NOT_OPEN');
      expect(error.details).toMatchObject({ program: 'autos-hyundai', status });
    }
    errorOf(issue(announced(), 1, 'x', '2025-02-30'), 'DATE.INVALID');
    errorOf(issue(announced(), 1, '   '), 'TEXT.INVALID');
    errorOf(issue(announced(), 0), 'AMOUNT.ZERO');
    errorOf(issue(announced(), 1, 'x', '2025-08-18', 'nope'), 'PROGRAM.UNKNOWN');
  });

  test('ids are never reused, and a store written before guarantees (no fields) still takes them', () => {
    const { guarantees: _g, nextGuarantee: _n, guaranteeImports: _i, ...old } = announced();
    const first = changed(issue(old as State, 1));
    expect(first.value.guarantee.id).toBe('G1');
    const ended = changed(setGuaranteeStatus(first.state, 'G1', 'cancelled', 'typo', ctx));
    expect(changed(issue(ended.state, 1)).value.guarantee.id).toBe('G2');
  });

  test('does not change its input', () => {
    const state = deepFreeze(announced());
    changed(issue(state, 10));
    expect(state.guarantees).toEqual([]);
  });
});

describe('supplier cap', () => {
  const capped = () => deepFreeze(announced({ supplierCap: eok(70) }));

  test('a guarantee that would take a supplier above the cap is refused, naming the cap and the total', () => {
    const one = changed(issue(capped(), 50)).state;
    const error = errorOf(issue(one, 30, 'dy auto'), 'GUARANTEE.CAP_EXCEEDED');
    expect(error.details).toMatchObject({
      cap: '7000000000',
      total: '8000000000',
      outstanding: '5000000000',
    });
    expect(errorText(error, 'en')).toContain('7 billion won');
    expect(errorText(error, 'ko')).toContain('80억 원');
    // Up to the cap exactly is fine; other suppliers have their own.
    expect(changed(issue(one, 20)).value.guarantee.id).toBe('G2');
    expect(changed(issue(one, 70, 'Other Supplier')).value.guarantee.id).toBe('G2');
  });

  test('repaid guarantees no longer count toward the cap', () => {
    const one = changed(issue(capped(), 70)).state;
    errorOf(issue(one, 1), 'GUARANTEE.CAP_EXCEEDED');
    const repaid = changed(setGuaranteeStatus(one, 'G1', 'repaid', undefined, ctx)).state;
    expect(supplierOutstanding(repaid.guarantees ?? [], 'autos-hyundai', 'DY Auto').toFixed()).toBe('0');
    expect(changed(issue(repaid, 70)).value.guarantee.id).toBe('G2');
  });

  test('a batch counts its own rows: all or nothing', () => {
    const result = issueGuarantees(
      capped(),
      'autos-hyundai',
      [
        { supplier: 'DY Auto', amount: eok(40), issuedOn: '2025-08-18' },
        { supplier: 'DY Auto', amount: eok(40), issuedOn: '2025-08-19' },
      ],
      ctx,
    );
    const error = errorOf(result, 'GUARANTEE.CAP_EXCEEDED');
    expect(error.details).toMatchObject({ total: '8000000000' });
  });

  test('the cap is a program field edited with a program.edited event', () => {
    const edited = changed(editProgram(announced(), 'autos-hyundai', { supplierCap: eok(70) }, ctx));
    expect(edited.events[0]).toMatchObject({
      type: 'program.edited',
      before: { supplierCap: null },
      after: { supplierCap: '7000000000' },
    });
    const cleared = changed(editProgram(edited.state, 'autos-hyundai', { supplierCap: null }, ctx));
    expect(cleared.state.programs[0]?.supplierCap).toBeUndefined();
  });
});

describe('setGuaranteeStatus', () => {
  test('active ends as repaid, expired or cancelled; those are final', () => {
    expect(allowedGuaranteeTransitions({ status: 'active' })).toEqual(['repaid', 'expired', 'cancelled']);
    const state = changed(issue(announced(), 10)).state;
    const repaid = changed(setGuaranteeStatus(state, 'g1', 'repaid', 'paid back', ctx));
    expect(repaid.value.status).toBe('repaid');
    expect(repaid.events[0]).toMatchObject({
      type: 'guarantee.status',
      target: 'G1',
      before: { status: 'active' },
      after: { status: 'repaid' },
      reason: 'paid back',
    });
    const error = errorOf(
      setGuaranteeStatus(repaid.state, 'G1', 'expired', undefined, ctx),
      'GUARANTEE.ILLEGAL_TRANSITION',
    );
    expect(error.details).toMatchObject({ from: 'repaid', to: 'expired', allowed: [] });
    errorOf(setGuaranteeStatus(state, 'G1', 'active', undefined, ctx), 'GUARANTEE.ILLEGAL_TRANSITION');
    errorOf(setGuaranteeStatus(state, 'G9', 'repaid', undefined, ctx), 'GUARANTEE.UNKNOWN');
  });
});

describe('utilization', () => {
  test('exact in Decimal: outstanding ÷ operating, else ÷ headline; remaining capacity', () => {
    // Steel: 354bn operating of 400bn; TGS Pipe 1bn.
    const steel = withProgram({
      sector: 'steel',
      slug: 'steel-posco',
      status: 'announced',
      target: eok(4000),
      operating: eok(3540),
      multiple: new Decimal(20),
    });
    const s = changed(issue(steel, 10, 'TGS Pipe', '2026-02-12', 'steel-posco')).state;
    const program = s.programs[0] as Program;
    const u = programUtilization(program, s.guarantees ?? [], eok(50));
    expect(u.basis).toBe('operating');
    expect(u.capacity.toFixed()).toBe('354000000000');
    expect(u.utilization.equals(new Decimal(1).div(354))).toBe(true);
    expect(u.remaining.toFixed()).toBe('353000000000');
    // POSCO's 5bn paid in × 20 = 100bn backed by money in the fund.
    expect(u.paidInCapacity.toFixed()).toBe('100000000000');
    expect(u.remainingPaidIn.toFixed()).toBe('99000000000');
    expect(u).toMatchObject({ count: 1, suppliers: 1, activeCount: 1, launchedOn: '2026-02-12' });

    // Autos: 630bn headline; DY Auto 20bn → 20/630.
    const autos = changed(issue(announced(), 200)).state;
    const a = programUtilization(autos.programs[0] as Program, autos.guarantees ?? [], eok(0));
    expect(a.basis).toBe('headline');
    expect(a.utilization.equals(new Decimal(200).div(6300))).toBe(true);
    expect(a.remaining.toFixed()).toBe('610000000000');
  });

  test('issued counts all but cancelled guarantees; outstanding only active ones', () => {
    let state = announced();
    for (const [amount, supplier] of [
      [10, 'A'],
      [20, 'B'],
      [30, 'a'],
      [40, 'C'],
    ] as const)
      state = changed(issue(state, amount, supplier)).state;
    state = changed(setGuaranteeStatus(state, 'G2', 'repaid', undefined, ctx)).state;
    state = changed(setGuaranteeStatus(state, 'G4', 'cancelled', undefined, ctx)).state;
    const u = programUtilization(state.programs[0] as Program, state.guarantees ?? [], eok(0));
    expect(u).toMatchObject({ count: 3, activeCount: 2, suppliers: 2 });
    expect(u.issued.toFixed()).toBe(eok(60).toFixed());
    expect(u.outstanding.toFixed()).toBe(eok(40).toFixed());
  });

  test('flags: above 90 % used; launched 60 days with under 10 % used', () => {
    const small = announced({ target: eok(100) });
    const full = changed(issue(small, 91)).state;
    const program = full.programs[0] as Program;
    const u = programUtilization(program, full.guarantees ?? [], eok(0));
    expect(utilizationFlags(program, u, '2025-08-19').map((f) => f.code)).toEqual(['utilization']);
    const tiny = changed(issue(small, 9)).state;
    const p2 = tiny.programs[0] as Program;
    const u2 = programUtilization(p2, tiny.guarantees ?? [], eok(0));
    expect(utilizationFlags(p2, u2, '2025-10-16').map((f) => f.code)).toEqual([]);
    expect(utilizationFlags(p2, u2, '2025-10-17')).toEqual([
      { code: 'underused', launchedOn: '2025-08-18', days: 60, utilization: new Decimal('0.09') },
    ]);
    // Standing carries the flags with the others.
    expect(programStanding(tiny, p2, '2025-12-01').risks.map((r) => r.code)).toContain('underused');
  });

  test('demo data shows utilization', () => {
    const demo = demoState(new Date('2026-03-01T00:00:00Z'), 'U0DEMO');
    const autos = demo.sectors.find((s) => s.name === 'autos');
    if (autos === undefined) throw new Error('no autos');
    const u = sectorStanding(demo, autos, '2026-03-01').utilization;
    expect(u.count).toBe(4);
    expect(u.outstanding.toFixed()).toBe(eok(270).toFixed());
    expect(demo.programs.find((p) => p.slug === 'steel-posco')).toMatchObject({
      status: 'launched',
      launchedOn: '2026-02-12',
    });
    expect(z.encode(StateSchema, demo).guarantees?.[0]).toMatchObject({
      id: 'G1',
      supplier: 'DY Auto',
      amount: '20000000000',
    });
  });
});

describe('properties', () => {
  const arbGuarantee = (programs: readonly string[]) =>
    fc.record({
      program: fc.constantFrom(...programs),
      supplier: fc.constantFrom('A', 'B', 'C', 'D'),
      amount: fc.bigInt({ min: 1n, max: 10n ** 13n }),
      status: fc.constantFrom('active', 'repaid', 'expired', 'cancelled' as const),
    });

  const guaranteesFrom = (
    rows: { program: string; supplier: string; amount: bigint; status: Guarantee['status'] }[],
  ): Guarantee[] =>
    rows.map((r, i) => ({
      id: `G${i + 1}`,
      program: r.program,
      supplier: r.supplier,
      amount: new Decimal(r.amount.toString()),
      issuedOn: '2025-08-18',
      status: r.status,
      recordedBy: 'U0EDITOR',
      createdAt: ctx.now.toISOString(),
      updatedAt: ctx.now.toISOString(),
    }));

  test('outstanding never exceeds issued, and remaining + outstanding covers capacity', () => {
    const program = announced().programs[0] as Program;
    fc.assert(
      fc.property(fc.array(arbGuarantee(['autos-hyundai']), { maxLength: 30 }), (rows) => {
        const u = programUtilization(program, guaranteesFrom(rows), eok(0));
        expect(u.outstanding.lte(u.issued)).toBe(true);
        expect(u.activeCount).toBeLessThanOrEqual(u.count);
        expect(u.remaining.plus(u.outstanding).gte(u.capacity)).toBe(true);
      }),
    );
  });

  test('the sector rollup equals the sum of its programs', () => {
    let state = announced();
    state = withProgram(
      { slug: 'autos-hl', name: 'HL', target: eok(1000), multiple: new Decimal('12.5'), status: 'launched' },
      state,
    );
    state = changed(
      recordPledge(
        state,
        { program: 'autos-hl', contributor: 'HL', kind: 'corporation', amount: eok(20), status: 'paid' },
        ctx,
      ),
    ).state;
    const programs = state.programs;
    fc.assert(
      fc.property(fc.array(arbGuarantee(programs.map((p) => p.slug)), { maxLength: 30 }), (rows) => {
        const guarantees = guaranteesFrom(rows);
        const each = programs.map((p) => programUtilization(p, guarantees, eok(20)));
        const sector = sectorUtilization('autos', each);
        const sum = (pick: (u: (typeof each)[number]) => Decimal) =>
          each.reduce((a, u) => a.plus(pick(u)), new Decimal(0));
        expect(sector.issued.equals(sum((u) => u.issued))).toBe(true);
        expect(sector.outstanding.equals(sum((u) => u.outstanding))).toBe(true);
        expect(sector.capacity.equals(sum((u) => u.capacity))).toBe(true);
        expect(sector.remaining.equals(sum((u) => u.remaining))).toBe(true);
        expect(sector.paidInCapacity.equals(sum((u) => u.paidInCapacity))).toBe(true);
        expect(sector.count).toBe(each.reduce((a, u) => a + u.count, 0));
        expect(sector.utilization.equals(sector.outstanding.div(sector.capacity))).toBe(true);
        // Suppliers are distinct across the sector, never more than the programs' sum.
        expect(sector.suppliers).toBeLessThanOrEqual(each.reduce((a, u) => a + u.suppliers, 0));
      }),
    );
  });
});

describe('confidentiality of suppliers in digests and cards', () => {
  const issued = () => {
    const change = changed(issue(announced(), 20, 'DY Auto'));
    const ended = changed(setGuaranteeStatus(change.state, 'G1', 'repaid', 'DY Auto repaid early', ctx));
    return { state: ended.state, events: [...change.events, ...ended.events] };
  };

  test('a totals channel sees amounts and counts, never the supplier; a names channel sees it', () => {
    const { state, events } = issued();
    const base = { state, events, target: 'all', today: '2025-12-01', undisclosedLabel: 'x' } as const;
    const totals = buildDigest({ ...base, audience: { role: 'viewer' } });
    const json = JSON.stringify(totals.changes);
    expect(json).not.toContain('DY Auto');
    expect(totals.changes.map((c) => c.event.type)).toEqual([
      'guarantee.issued',
      'program.status',
      'guarantee.status',
    ]);
    expect(totals.changes[0]?.event.after).toMatchObject({ amount: '2000000000', issuedOn: '2025-08-18' });
    expect(totals.changes[0]?.undisclosed).toBe(true);
    expect(totals.programs[0]?.utilization).toMatchObject({ count: 1, suppliers: 1 });
    const names = buildDigest({ ...base, audience: { role: 'viewer', channelNames: true } });
    expect(JSON.stringify(names.changes)).toContain('DY Auto');
  });
});
