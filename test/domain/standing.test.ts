import { describe, expect, test } from 'vitest';
import { programCapacity } from '../../src/domain/capacity.js';
import { demoState } from '../../src/domain/demo.js';
import { setPledgeStatus } from '../../src/domain/pledges.js';
import { overallStanding, programStanding, sectorStanding, standingOf } from '../../src/domain/standing.js';
import { resolveTarget } from '../../src/domain/targets.js';
import type { State, WinwinEvent } from '../../src/domain/types.js';
import { changed, ctx, deepFreeze, english } from './fixtures.js';

const demo: State = deepFreeze(demoState(new Date('2025-12-19T00:00:00.000Z'), 'U0DEMO'));
const today = '2025-12-19';

const resolved = (text: string) => {
  const r = resolveTarget(demo, text);
  if (!r.ok) throw new Error(english(r.error));
  return r.value;
};

describe('standingOf', () => {
  test('all: every sector in state order, closed or not, with its rollup', () => {
    const s = standingOf(demo, 'all', today);
    if (s.kind !== 'all') throw new Error(s.kind);
    expect(s.sectors.map((x) => x.sector.name)).toEqual(['autos', 'steel', 'shipbuilding', 'retail']);
    const autos = s.sectors[0];
    expect(autos?.programs.map((p) => p.program.slug)).toEqual(['autos-hyundai', 'autos-hl']);
    // 630bn + 8bn × 12.5 = 100bn
    expect(autos?.capacity.confirmedCapacity.toFixed()).toBe('730000000000');
    expect(autos?.capacity.target.toFixed()).toBe('730000000000');
    expect(s.lastChange).toBeUndefined();
    expect(overallStanding(demo, today)).toEqual(s.sectors);
    // Each piece alone gives what the whole gives.
    const retail = demo.sectors.find((x) => x.name === 'retail');
    const consortium = demo.programs.find((p) => p.slug === 'retail-consortium');
    if (!retail || !consortium) throw new Error('demo has retail');
    expect(sectorStanding(demo, retail, today)).toEqual(s.sectors[3]);
    expect(programStanding(demo, consortium, today)).toEqual(s.sectors[3]?.programs[0]);
  });

  test('a sector with one program acts as that program', () => {
    const s = standingOf(demo, resolved('유통'), today);
    if (s.kind !== 'program') throw new Error(s.kind);
    expect(s.viaSector).toBe(true);
    expect(s.program.program.slug).toBe('retail-consortium');
    expect(s.program.sector).toEqual({ name: 'retail', alias: '유통' });
    expect(s.program.byStatus.suspended.map((p) => p.contributor)).toEqual(['Coupang']);
    expect(s.program.byStatus.verbal.map((p) => p.contributor)).toEqual([
      'Large retailer A',
      'Commercial bank A',
    ]);
    expect(s.program.byStatus.committed).toEqual([]);
    expect(s.program.pledges).toHaveLength(3);
    expect(s.program.capacity.pipeline.toFixed()).toBe('1000000000');
    expect(s.program.risks.map((r) => r.code)).toEqual([
      'deadline',
      'suspended',
      'concentration',
      'unsigned',
    ]);
  });

  test('a program keeps its own figures and the last change the caller passes', () => {
    const last: WinwinEvent = {
      id: 9,
      at: '2025-12-01T09:00:00.000Z',
      actor: 'U0DEMO',
      type: 'pledge.status',
      target: 'P7',
      before: { status: 'committed' },
      after: { status: 'paid' },
    };
    const s = standingOf(demo, resolved('steel-posco'), today, { lastChange: last });
    if (s.kind !== 'program') throw new Error(s.kind);
    expect(s.viaSector).toBe(false);
    expect(s.lastChange).toBe(last);
    const posco = demo.programs.find((p) => p.slug === 'steel-posco');
    if (!posco) throw new Error('no posco');
    expect(s.program.capacity).toEqual(programCapacity(posco, demo.pledges));
    expect(s.program.capacity.operating?.toFixed()).toBe('354000000000');
  });

  test('a multi-program sector tags each risk with its program', () => {
    const s = standingOf(demo, resolved('autos'), today);
    if (s.kind !== 'sector') throw new Error(s.kind);
    expect(s.sector.programs).toHaveLength(2);
    // HL's 8bn is committed and unpaid, held 75% by Hana Bank: a concentration.
    expect(s.sector.risks).toEqual(
      s.sector.programs.flatMap((p) => p.risks.map((flag) => ({ program: p.program.slug, flag }))),
    );
    expect(s.sector.capacity.programs.map((p) => p.program)).toEqual(['autos-hyundai', 'autos-hl']);
  });

  test('a target resolved on an older state shows the newer state figures', () => {
    const target = resolved('retail');
    const coupang = demo.pledges.find((p) => p.contributor === 'Coupang');
    if (!coupang) throw new Error('no Coupang');
    const next = changed(setPledgeStatus(demo, coupang.id, 'withdrawn', 'gone', ctx)).state;
    const s = standingOf(next, target, today);
    if (s.kind !== 'program') throw new Error(s.kind);
    expect(s.program.byStatus.withdrawn.map((p) => p.id)).toEqual([coupang.id]);
    expect(s.program.risks.map((r) => r.code)).not.toContain('suspended');
  });

  test('risk options reach the flags: a wider deadline window', () => {
    const early = '2025-11-01';
    const narrow = standingOf(demo, resolved('retail'), early);
    const wide = standingOf(demo, resolved('retail'), early, { risk: { withinDays: 90 } });
    if (narrow.kind !== 'program' || wide.kind !== 'program') throw new Error('kind');
    expect(narrow.program.risks.map((r) => r.code)).not.toContain('deadline');
    expect(wide.program.risks.map((r) => r.code)).toContain('deadline');
  });
});
