import { describe, expect, test } from 'vitest';
import { demoState } from '../../src/domain/demo.js';
import { ensureSector, findSector } from '../../src/domain/sectors.js';
import { resolveTarget } from '../../src/domain/targets.js';
import { emptyState } from '../../src/domain/types.js';
import { english, errorOf } from './fixtures.js';

const demo = demoState(new Date('2025-12-20T00:00:00.000Z'), 'U0DEMO');

const resolved = (text: string) => {
  const result = resolveTarget(demo, text);
  if (!result.ok) throw new Error(english(result.error));
  return result.value;
};

describe('resolveTarget', () => {
  test('a sector with several programs is a sector', () => {
    const target = resolved('autos');
    expect(target.kind).toBe('sector');
    if (target.kind === 'sector')
      expect(target.programs.map((p) => p.slug)).toEqual(['autos-hyundai', 'autos-hl']);
  });

  test.each([
    ['retail', 'retail-consortium'],
    ['유통', 'retail-consortium'],
    ['RETAIL', 'retail-consortium'],
    [' 철강 ', 'steel-posco'],
    ['조선', 'shipbuilding-hd'],
  ])('the one-program sector %j acts as %s, keeping the sector', (text, slug) => {
    const target = resolved(text);
    expect(target).toMatchObject({ kind: 'program', viaSector: true, program: { slug } });
  });

  test('a program slug, any case', () => {
    expect(resolved('Autos-HL')).toMatchObject({
      kind: 'program',
      viaSector: false,
      program: { slug: 'autos-hl' },
      sector: { name: 'autos', alias: '자동차' },
    });
  });

  test('the Korean alias of a multi-program sector', () => {
    expect(resolved('자동차')).toMatchObject({ kind: 'sector', sector: { name: 'autos' } });
  });

  test('unknown lists the sectors and slugs, and suggests near ones', () => {
    const error = errorOf(resolveTarget(demo, 'hyundai'), 'TARGET.UNKNOWN');
    expect(error.details?.known).toEqual([
      'autos',
      '자동차',
      'steel',
      '철강',
      'shipbuilding',
      '조선',
      'retail',
      '유통',
      'autos-hyundai',
      'autos-hl',
      'steel-posco',
      'shipbuilding-hd',
      'retail-consortium',
    ]);
    expect(error.details?.suggestions).toEqual(['autos-hyundai']);
    expect(english(error)).toContain('retail (유통)');
    expect(english(error)).toContain('autos-hyundai');
    errorOf(resolveTarget(demo, ''), 'TARGET.UNKNOWN');
    expect(english(errorOf(resolveTarget(emptyState(), 'x'), 'TARGET.UNKNOWN'))).toContain('none yet');
  });

  test('a sector with no program yet is a sector with no programs', () => {
    const state = ensureSector(emptyState(), 'defense');
    if (!state.ok) throw new Error('ensureSector failed');
    expect(resolveTarget(state.value.state, '방산')).toMatchObject({
      ok: true,
      value: { kind: 'sector', programs: [] },
    });
  });
});

describe('sectors', () => {
  test('findSector by name or alias, case-insensitive', () => {
    expect(findSector(demo, 'Steel')?.name).toBe('steel');
    expect(findSector(demo, '조선')?.name).toBe('shipbuilding');
    expect(findSector(demo, 'platforms')).toBeUndefined();
  });

  test('ensureSector creates once, with the known alias or the one given', () => {
    const first = ensureSector(emptyState(), 'Platforms');
    if (!first.ok) throw new Error('failed');
    expect(first.value).toMatchObject({ created: true, sector: { name: 'platforms', alias: '플랫폼' } });
    const again = ensureSector(first.value.state, '플랫폼');
    expect(again).toMatchObject({ ok: true, value: { created: false, sector: { name: 'platforms' } } });
    if (again.ok) expect(again.value.state).toBe(first.value.state);
    expect(ensureSector(emptyState(), 'k-beauty', 'K-뷰티')).toMatchObject({
      ok: true,
      value: { sector: { alias: 'K-뷰티' } },
    });
    errorOf(ensureSector(first.value.state, 'apps', '플랫폼'), 'SECTOR.INVALID');
    errorOf(ensureSector(emptyState(), '화장품'), 'SECTOR.INVALID');
  });
});
