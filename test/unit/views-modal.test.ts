import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/domain/decimal.js';
import { demoState } from '../../src/domain/demo.js';
import type { Program, State } from '../../src/domain/types.js';
import { PLEDGE_MODAL, PROGRAM_MODAL } from '../../src/views/ids.js';
import { decodeMetadata } from '../../src/views/metadata.js';
import { buildPledgeModal } from '../../src/views/pledge-modal.js';
import { buildProgramModal } from '../../src/views/program-modal.js';
import { blockKitProblems } from '../support/block-kit-limits.js';
import { HOSTILE } from '../support/hostile.js';

const NOW = new Date('2026-03-01T00:00:00Z');
const demo = demoState(NOW, 'UADMIN001');

type Block = { type: string; block_id?: string; element?: Record<string, unknown>; optional?: boolean };
type Group = { label: { text: string }; options: { value: string; text: { text: string } }[] };

const blocksOf = (view: { blocks: unknown[] }): Block[] => view.blocks as Block[];
const element = (view: { blocks: unknown[] }, field: string): Record<string, unknown> => {
  const found = blocksOf(view).find((b) => b.block_id === field)?.element;
  if (found === undefined) throw new Error(`no ${field}`);
  return found;
};
const groupsOf = (view: { blocks: unknown[] }): Group[] => element(view, 'program').option_groups as Group[];
const valuesOf = (view: { blocks: unknown[] }): string[] =>
  groupsOf(view).flatMap((g) => g.options.map((o) => o.value));

const program = (sector: string, n: number, extra: Partial<Program> = {}): Program => ({
  slug: `${sector}-p${n}`,
  sector,
  name: `Program ${n} of ${sector}`,
  target: new Decimal('100000000000'),
  multiple: new Decimal(20),
  status: 'negotiating',
  createdBy: 'UADMIN001',
  createdAt: NOW.toISOString(),
  updatedAt: NOW.toISOString(),
  ...extra,
});

describe('buildPledgeModal', () => {
  it('has the contract ids: callback pledge, each block_id = action_id = field', () => {
    const view = buildPledgeModal(demo, {}, 'en');
    expect(view.callback_id).toBe(PLEDGE_MODAL.callbackId);
    expect(blocksOf(view).map((b) => b.block_id)).toEqual(Object.values(PLEDGE_MODAL.fields));
    for (const b of blocksOf(view)) expect(b.element?.action_id).toBe(b.block_id);
    expect(blocksOf(view).map((b) => b.element?.type)).toEqual([
      'static_select',
      'plain_text_input',
      'static_select',
      'plain_text_input',
      'static_select',
      'datepicker',
      'plain_text_input',
      'plain_text_input',
    ]);
    expect(
      blocksOf(view)
        .filter((b) => b.optional)
        .map((b) => b.block_id),
    ).toEqual(['due', 'note', 'schedule']);
    expect(element(view, 'note').multiline).toBe(true);
    expect(blockKitProblems({ view })).toEqual([]);
  });

  it('groups programs by sector (with the Korean alias), option value = slug', () => {
    const view = buildPledgeModal(demo, {}, 'en');
    const groups = groupsOf(view);
    expect(groups.map((g) => g.label.text)).toEqual([
      'autos · 자동차',
      'steel · 철강',
      'shipbuilding · 조선',
      'retail · 유통',
    ]);
    expect(groups[0]?.options.map((o) => o.value)).toEqual(['autos-hyundai', 'autos-hl']);
  });

  it('defaults kind corporation and status verbal; statuses are verbal, committed, paid', () => {
    const view = buildPledgeModal(demo, {}, 'en');
    expect((element(view, 'kind').initial_option as { value: string }).value).toBe('corporation');
    expect((element(view, 'status').initial_option as { value: string }).value).toBe('verbal');
    expect((element(view, 'status').options as { value: string }[]).map((o) => o.value)).toEqual([
      'verbal',
      'committed',
      'paid',
    ]);
    expect(element(view, 'program').initial_option).toBeUndefined();
  });

  it('prefills what it is given and carries the channel in private_metadata', () => {
    const view = buildPledgeModal(
      demo,
      {
        program: 'steel-posco',
        contributor: 'IBK',
        kind: 'bank',
        amount: '150억',
        status: 'committed',
        due: '2026-01-31',
        note: 'pays in January',
        channel: 'C0123ABCD',
      },
      'en',
    );
    expect((element(view, 'program').initial_option as { value: string }).value).toBe('steel-posco');
    expect(element(view, 'contributor').initial_value).toBe('IBK');
    expect((element(view, 'kind').initial_option as { value: string }).value).toBe('bank');
    expect(element(view, 'amount').initial_value).toBe('150억');
    expect((element(view, 'status').initial_option as { value: string }).value).toBe('committed');
    expect(element(view, 'due').initial_date).toBe('2026-01-31');
    expect(element(view, 'note').initial_value).toBe('pays in January');
    expect(decodeMetadata(view.private_metadata)).toEqual({ channel: 'C0123ABCD' });
    expect(blockKitProblems({ view })).toEqual([]);
  });

  it('a sector filters the programs; an unknown or closed program is not preselected', () => {
    expect(valuesOf(buildPledgeModal(demo, { sector: 'autos' }, 'en'))).toEqual([
      'autos-hyundai',
      'autos-hl',
    ]);
    const closed: State = {
      ...demo,
      programs: demo.programs.map((p) => (p.slug === 'autos-hl' ? { ...p, status: 'closed' } : p)),
    };
    const view = buildPledgeModal(closed, { program: 'autos-hl' }, 'en');
    expect(valuesOf(view)).not.toContain('autos-hl');
    expect(element(view, 'program').initial_option).toBeUndefined();
    expect(
      element(buildPledgeModal(demo, { program: 'nope' }, 'en'), 'program').initial_option,
    ).toBeUndefined();
  });

  it('with no program open to pledges it explains, with no form to submit', () => {
    const view = buildPledgeModal({ sectors: [], programs: [] }, {}, 'en');
    expect(view.submit).toBeUndefined();
    expect(blocksOf(view).some((b) => b.type === 'input')).toBe(false);
    expect(JSON.stringify(view.blocks)).toContain('/winwin program new');
    expect(blockKitProblems({ view })).toEqual([]);
  });

  it('stays within 100 groups of 100 options, keeps the preselected program, and says how to narrow', () => {
    const sectors = Array.from({ length: 120 }, (_, i) => ({ name: `s${i}x` }));
    const programs = sectors.flatMap((s) => Array.from({ length: 105 }, (_, n) => program(s.name, n)));
    const wanted = 's119x-p104';
    const view = buildPledgeModal({ sectors, programs }, { program: wanted }, 'en');
    const groups = groupsOf(view);
    expect(groups).toHaveLength(100);
    for (const g of groups) expect(g.options.length).toBeLessThanOrEqual(100);
    expect((element(view, 'program').initial_option as { value: string }).value).toBe(wanted);
    expect(valuesOf(view)).toContain(wanted);
    expect(JSON.stringify(element(view, 'program'))).not.toContain('Showing');
    expect(JSON.stringify(blocksOf(view)[0])).toContain('/winwin pledge <sector>');
    expect(blockKitProblems({ view })).toEqual([]);
  });

  it('stays valid with hostile and over-long prefills', () => {
    for (const { text } of HOSTILE) {
      const view = buildPledgeModal(demo, { contributor: text, note: text, amount: text }, 'en');
      expect(blockKitProblems({ view })).toEqual([]);
    }
  });

  it('any catalog gives a valid view (property)', () => {
    const name = fc.string({ minLength: 1, maxLength: 150 });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), name, fc.boolean()), { maxLength: 40 }),
        (rows) => {
          const sectors = Array.from({ length: 6 }, (_, i) => ({ name: `sector${i}`, alias: `업종${i}` }));
          const programs = rows.map(([s, n, closed], i) =>
            program(`sector${s}`, i, { name: n, status: closed ? 'closed' : 'announced' }),
          );
          const view = buildPledgeModal({ sectors, programs }, { program: programs[0]?.slug }, 'ko');
          expect(blockKitProblems({ view })).toEqual([]);
          const open = programs.filter((p) => p.status !== 'closed').length;
          expect(open === 0 ? view.submit : valuesOf(view).length).toBe(open === 0 ? undefined : open);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('speaks Korean', () => {
    const view = buildPledgeModal(demo, {}, 'ko');
    expect(view.title.text).toBe('출연 기록');
    const text = JSON.stringify(view);
    for (const word of [
      '프로그램',
      '출연자',
      '구분',
      '금액',
      '상태',
      '납입 예정일',
      '메모',
      '구두 의사',
      '기업',
    ]) {
      expect(text).toContain(word);
    }
  });
});

describe('buildProgramModal', () => {
  it('has the contract ids: callback program, each block_id = action_id = field', () => {
    const view = buildProgramModal(demo.sectors, undefined, 'en', { sector: 'retail', channel: 'C0123ABCD' });
    expect(view.callback_id).toBe(PROGRAM_MODAL.callbackId);
    expect(blocksOf(view).map((b) => b.block_id)).toEqual(Object.values(PROGRAM_MODAL.fields));
    for (const b of blocksOf(view)) expect(b.element?.action_id).toBe(b.block_id);
    expect(element(view, 'status').type).toBe('static_select');
    expect(element(view, 'announce_by').type).toBe('datepicker');
    expect(element(view, 'sector').initial_value).toBe('retail');
    expect(decodeMetadata(view.private_metadata)).toEqual({ channel: 'C0123ABCD' });
    expect(blockKitProblems({ view })).toEqual([]);
  });

  it('a new program starts in talks, announced or launched', () => {
    const view = buildProgramModal(demo.sectors, undefined, 'en');
    expect((element(view, 'status').options as { value: string }[]).map((o) => o.value)).toEqual([
      'negotiating',
      'announced',
      'launched',
    ]);
    expect((element(view, 'status').initial_option as { value: string }).value).toBe('negotiating');
  });

  it('editing fills in the program, offers its status and the moves it allows, and names it in private_metadata', () => {
    const steel = demo.programs.find((p) => p.slug === 'steel-posco') as Program;
    const view = buildProgramModal(demo.sectors, steel, 'en');
    expect(view.title.text).toBe('Edit program');
    expect(element(view, 'name').initial_value).toBe(steel.name);
    expect(element(view, 'slug').initial_value).toBe('steel-posco');
    expect(element(view, 'target').initial_value).toBe('400 billion won');
    expect(element(view, 'multiple').initial_value).toBe('20');
    expect((element(view, 'status').options as { value: string }[]).map((o) => o.value)).toEqual([
      'launched',
      'on_hold',
      'closed',
    ]);
    expect((element(view, 'status').initial_option as { value: string }).value).toBe('launched');
    expect(decodeMetadata(view.private_metadata)).toEqual({ program: 'steel-posco' });
    expect(blockKitProblems({ view })).toEqual([]);
  });

  it('speaks Korean, amounts in 억', () => {
    const autos = demo.programs.find((p) => p.slug === 'autos-hyundai') as Program;
    const view = buildProgramModal(demo.sectors, autos, 'ko');
    expect(view.title.text).toBe('프로그램 편집');
    expect(element(view, 'target').initial_value).toBe('6,300억 원');
    expect(JSON.stringify(view)).toContain('보증 개시');
  });

  it('stays valid with many sectors and hostile texts', () => {
    const sectors = Array.from({ length: 400 }, (_, i) => ({ name: `sector-${i}`, alias: `업종${i}` }));
    for (const { text } of HOSTILE) {
      const hostile = program('autos', 1, { name: text.slice(0, 150) || 'x', terms: text.slice(0, 2000) });
      expect(blockKitProblems({ view: buildProgramModal(sectors, hostile, 'en') })).toEqual([]);
    }
  });
});
