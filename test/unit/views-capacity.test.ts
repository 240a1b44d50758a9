import { describe, expect, it } from 'vitest';
import { programCapacity, sectorCapacity, whatIf } from '../../src/domain/capacity.js';
import { demoState } from '../../src/domain/demo.js';
import { buildCapacityMessage, buildCapacityUsage } from '../../src/views/capacity.js';
import { eok } from '../domain/fixtures.js';
import { blockKitProblems } from '../support/block-kit-limits.js';
import { textOf } from '../support/harness.js';
import { unescapedMarkup } from '../support/hostile.js';

const demo = demoState(new Date('2025-12-01T09:00:00Z'), 'U0DEMO01');
const program = (slug: string) => {
  const p = demo.programs.find((x) => x.slug === slug);
  if (p === undefined) throw new Error(slug);
  return p;
};

describe('buildCapacityMessage', () => {
  it('autos-hyundai: 40bn at 15.75x is the full 630bn (ko: 6,300억 원)', () => {
    const p = program('autos-hyundai');
    const m = buildCapacityMessage(
      { kind: 'program', program: p, capacity: programCapacity(p, demo.pledges) },
      'ko',
    );
    expect(textOf(m)).toContain('*현재 보증 규모*\n6,300억 원 (확정 400억 원)');
    expect(textOf(m)).toContain('*부족분*\n0원');
    expect(blockKitProblems(m)).toEqual([]);
  });

  it('a what-if names the capacity before and after and what is still needed', () => {
    const p = program('retail-consortium');
    const m = buildCapacityMessage(
      {
        kind: 'program',
        program: p,
        capacity: programCapacity(p, demo.pledges),
        whatIf: whatIf(p, demo.pledges, eok(5)),
      },
      'en',
    );
    expect(textOf(m)).toContain('Capacity 0 won → *25 billion won*');
    expect(textOf(m)).toContain('1.5 billion won more contribution needed');
    expect(m.text).toContain('25 billion won');
  });

  it('a sector lists each program and hints at naming one for a what-if', () => {
    const programs = demo.programs.filter((p) => p.sector === 'autos');
    const m = buildCapacityMessage(
      {
        kind: 'sector',
        sector: { name: 'autos', alias: '자동차' },
        capacity: sectorCapacity({ name: 'autos' }, programs, demo.pledges),
        programs,
      },
      'en',
    );
    const text = textOf(m);
    expect(text).toContain('Capacity: autos (자동차)');
    expect(text).toContain('*HL Group + Hana Bank win-win guarantee* `autos-hl` · 12.5x');
    expect(text).toContain('name a program: `autos-hyundai`, `autos-hl`');
  });

  it('usage escapes its placeholders', () => {
    const m = buildCapacityUsage(['retail', '<!channel>'], 'en');
    expect(unescapedMarkup(m)).toEqual([]);
    expect(unescapedMarkup({ text: m.text })).toEqual([]);
    expect(textOf(m)).toContain('&lt;target&gt;');
  });
});
