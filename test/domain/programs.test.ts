import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { Decimal } from '../../src/domain/decimal.js';
import {
  allowedProgramTransitions,
  createProgram,
  editProgram,
  setProgramStatus,
  slugify,
  suggestSlug,
} from '../../src/domain/programs.js';
import {
  emptyState,
  PROGRAM_STATUSES,
  type ProgramStatus,
  type State,
  StateSchema,
} from '../../src/domain/types.js';
import { changed, ctx, deepFreeze, english, eok, errorOf, programInput, withProgram } from './fixtures.js';

describe('createProgram', () => {
  test('creates the program, its sector with the Korean alias, and a program.created event', () => {
    const before = deepFreeze(emptyState());
    const change = changed(createProgram(before, programInput({ terms: 'Rate cut up to 2.4%p' }), ctx));
    expect(change.value).toMatchObject({
      slug: 'autos-hyundai',
      sector: 'autos',
      status: 'negotiating',
      createdBy: 'U0EDITOR',
      createdAt: '2025-12-01T09:00:00.000Z',
    });
    expect(change.value.target.eq(eok(6300))).toBe(true);
    expect(change.state.sectors).toEqual([{ name: 'autos', alias: '자동차' }]);
    expect(change.state.programs).toEqual([change.value]);
    expect(change.state.nextEvent).toBe(2);
    expect(change.events).toEqual([
      {
        id: 1,
        at: '2025-12-01T09:00:00.000Z',
        actor: 'U0EDITOR',
        type: 'program.created',
        target: 'autos-hyundai',
        program: 'autos-hyundai',
        sector: 'autos',
        before: null,
        after: {
          slug: 'autos-hyundai',
          sector: 'autos',
          name: 'Hyundai Motor & Kia + Hana Bank',
          target: '630000000000',
          multiple: '15.75',
          status: 'negotiating',
          terms: 'Rate cut up to 2.4%p',
        },
      },
    ]);
    expect(before).toEqual(emptyState());
    // The state it returns is one the store can persist.
    expect(StateSchema.safeEncode(change.state).success).toBe(true);
  });

  test('a second program joins the existing sector, found by its Korean alias', () => {
    const state = withProgram();
    const change = changed(
      createProgram(state, programInput({ sector: '자동차', slug: 'autos-hl', name: 'HL' }), ctx),
    );
    expect(change.value.sector).toBe('autos');
    expect(change.state.sectors).toHaveLength(1);
    expect(change.events[0]?.id).toBe(2);
  });

  test('suggests a slug from sector and name when none is given', () => {
    const state = withProgram();
    const change = changed(
      createProgram(state, programInput({ slug: undefined, name: 'HL Group + Hana Bank' }), ctx),
    );
    expect(change.value.slug).toBe('autos-hl-group-hana-bank');
    const korean = changed(createProgram(state, programInput({ slug: undefined, name: '현대차 상생' }), ctx));
    expect(korean.value.slug).toBe('autos-program');
  });

  test.each([
    [{ slug: 'autos-hyundai' }, 'PROGRAM.SLUG_TAKEN', 'slug'],
    [{ slug: 'autos' }, 'PROGRAM.SLUG_TAKEN', 'slug'],
    [{ slug: 'Bad Slug!' }, 'PROGRAM.SLUG_INVALID', 'slug'],
    [{ slug: 'p7' }, 'PROGRAM.SLUG_INVALID', 'slug'],
    [{ slug: 'all' }, 'PROGRAM.SLUG_INVALID', 'slug'],
    [{ name: ' \u202E ' }, 'TEXT.INVALID', 'name'],
    [{ name: 'x'.repeat(151) }, 'TEXT.INVALID', 'name'],
    [{ target: eok(0) }, 'AMOUNT.ZERO', 'target'],
    [{ target: new Decimal(-5) }, 'AMOUNT.NEGATIVE', 'target'],
    [{ target: new Decimal('1.5') }, 'AMOUNT.FRACTION', 'target'],
    [{ target: new Decimal('1e16') }, 'AMOUNT.TOO_LARGE', 'target'],
    [{ operating: new Decimal(0) }, 'AMOUNT.ZERO', 'operating'],
    [{ multiple: new Decimal(0) }, 'MULTIPLE.INVALID', 'multiple'],
    [{ multiple: new Decimal('14.2857142') }, 'MULTIPLE.INVALID', 'multiple'],
    [{ multiple: new Decimal('1e7') }, 'MULTIPLE.INVALID', 'multiple'],
    [{ multiple: new Decimal('1000.000001') }, 'MULTIPLE.INVALID', 'multiple'],
    [{ announceBy: '2025-02-30' }, 'DATE.INVALID', 'announce_by'],
    [{ status: 'on_hold' as const }, 'PROGRAM.INVALID', 'status'],
    [{ status: 'closed' as const }, 'PROGRAM.INVALID', 'status'],
    [{ sector: 'Bad Sector!' }, 'SECTOR.INVALID', 'sector'],
    [{ sector: 'all' }, 'SECTOR.INVALID', 'sector'],
    [{ sector: 'autos-hyundai' }, 'SECTOR.INVALID', 'sector'],
    [{ terms: 'x'.repeat(2001) }, 'TEXT.INVALID', 'terms'],
  ] as const)('refuses %j with %s on field %s', (over, code, field) => {
    const state = withProgram();
    const input = { ...programInput({ slug: 'autos-other' }), ...over };
    const error = errorOf(createProgram(state, input, ctx), code);
    expect(error.details?.field).toBe(field);
  });

  test('sanitizes names and notes', () => {
    const change = changed(
      createProgram(emptyState(), programInput({ name: '  HD\u202E Hyundai ', note: 'a\r\nb ' }), ctx),
    );
    expect(change.value.name).toBe('HD Hyundai');
    expect(change.value.note).toBe('a\nb');
  });
});

describe('slugs', () => {
  test.each([
    ['HD Hyundai Heavy + Hana', 'hd-hyundai-heavy-hana'],
    ['  POSCO & IBK  ', 'posco-ibk'],
    ['Café Über', 'cafe-uber'],
    ['현대차', ''],
    ['a'.repeat(60), 'a'.repeat(48)],
  ])('slugify(%j) = %j', (name, slug) => {
    expect(slugify(name)).toBe(slug);
  });

  test('suggestSlug numbers a taken slug', () => {
    const state = withProgram({ slug: 'autos-hl' });
    expect(suggestSlug(state, 'autos', 'HL')).toBe('autos-hl-2');
    expect(suggestSlug(state, 'steel', 'POSCO')).toBe('steel-posco');
  });
});

describe('editProgram', () => {
  test('records only the changed fields, before and after in JSON form', () => {
    const state = withProgram({ note: 'old note' });
    const later = { ...ctx, now: new Date('2025-12-02T00:00:00.000Z') };
    const change = changed(
      editProgram(
        state,
        'AUTOS-HYUNDAI',
        { target: eok(6400), multiple: new Decimal('15.75'), note: null },
        later,
      ),
    );
    expect(change.events).toHaveLength(1);
    expect(change.events[0]).toMatchObject({
      id: 2,
      type: 'program.edited',
      target: 'autos-hyundai',
      before: { target: '630000000000', note: 'old note' },
      after: { target: '640000000000', note: null },
    });
    expect(change.value.note).toBeUndefined();
    expect('note' in change.value).toBe(false);
    expect(change.value.updatedAt).toBe('2025-12-02T00:00:00.000Z');
    expect(state.programs[0]?.target.eq(eok(6300))).toBe(true);
    expect(StateSchema.safeEncode(change.state).success).toBe(true);
  });

  test('a patch that changes nothing returns the same state and no event', () => {
    const state = withProgram();
    const change = changed(
      editProgram(state, 'autos-hyundai', { name: ' Hyundai Motor & Kia + Hana Bank ' }, ctx),
    );
    expect(change.events).toEqual([]);
    expect(change.state).toBe(state);
  });

  test('moving to a new sector creates it', () => {
    const change = changed(editProgram(withProgram(), 'autos-hyundai', { sector: 'mobility' }, ctx));
    expect(change.state.sectors.map((s) => s.name)).toEqual(['autos', 'mobility']);
    expect(change.events[0]).toMatchObject({
      sector: 'mobility',
      before: { sector: 'autos' },
      after: { sector: 'mobility' },
    });
  });

  test('refuses an unknown program, listing the known ones, and invalid values', () => {
    const state = withProgram();
    expect(errorOf(editProgram(state, 'nope', {}, ctx), 'PROGRAM.UNKNOWN').details).toEqual({
      wanted: 'nope',
      known: ['autos-hyundai'],
    });
    errorOf(editProgram(state, 'autos-hyundai', { multiple: new Decimal(-1) }, ctx), 'MULTIPLE.INVALID');
    errorOf(editProgram(state, 'autos-hyundai', { announceBy: 'soon' }, ctx), 'DATE.INVALID');
  });
});

describe('program lifecycle', () => {
  const legal: Record<ProgramStatus, ProgramStatus[]> = {
    negotiating: ['announced', 'on_hold', 'closed'],
    announced: ['launched', 'on_hold', 'closed'],
    launched: ['on_hold', 'closed'],
    on_hold: ['announced', 'closed'], // held from announced
    closed: [],
  };

  /** A program brought to `status` through legal steps (on_hold is held from announced). */
  const programIn = (status: ProgramStatus): State => {
    const paths: Record<ProgramStatus, string[]> = {
      negotiating: [],
      announced: ['announced'],
      launched: ['announced', 'launched'],
      on_hold: ['announced', 'on_hold'],
      closed: ['closed'],
    };
    let state = withProgram();
    for (const step of paths[status])
      state = changed(setProgramStatus(state, 'autos-hyundai', step, undefined, ctx)).state;
    return deepFreeze(state);
  };

  for (const from of PROGRAM_STATUSES) {
    for (const to of PROGRAM_STATUSES) {
      const allowed = legal[from];
      if (allowed.includes(to)) {
        test(`${from} → ${to} is allowed`, () => {
          const state = programIn(from);
          const change = changed(setProgramStatus(state, 'autos-hyundai', to, 'because', ctx));
          expect(change.value.status).toBe(to);
          expect(change.events[0]).toMatchObject({
            type: 'program.status',
            before: { status: from },
            after: { status: to },
            reason: 'because',
          });
        });
      } else {
        test(`${from} → ${to} is refused, naming the allowed ones`, () => {
          const state = programIn(from);
          const error = errorOf(
            setProgramStatus(state, 'autos-hyundai', to, undefined, ctx),
            'PROGRAM.ILLEGAL_TRANSITION',
          );
          expect(error.details).toEqual({ from, to, allowed });
          // The same status again reads "already …"; otherwise the allowed ones, or that it is final.
          if (from === to) expect(english(error)).toMatch(/^Already /);
          else for (const a of allowed) expect(english(error)).toContain(a);
          if (allowed.length === 0 && from !== to) expect(english(error)).toContain('final');
        });
      }
    }
  }

  test('a hold remembers where it came from and returns there', () => {
    const held = changed(setProgramStatus(withProgram(), 'autos-hyundai', 'on-hold', 'data leak', ctx));
    expect(held.value).toMatchObject({ status: 'on_hold', heldFrom: 'negotiating' });
    expect(held.events[0]?.reason).toBe('data leak');
    expect(allowedProgramTransitions(held.value)).toEqual(['negotiating', 'closed']);
    const back = changed(setProgramStatus(held.state, 'autos-hyundai', 'negotiating', undefined, ctx));
    expect(back.value.status).toBe('negotiating');
    expect('heldFrom' in back.value).toBe(false);
    expect(back.events[0]).toMatchObject({ before: { status: 'on_hold', heldFrom: 'negotiating' } });
    expect(z.encode(StateSchema, back.state).programs[0]?.status).toBe('negotiating');
  });

  test('an unknown status word is refused with the allowed ones', () => {
    const error = errorOf(
      setProgramStatus(withProgram(), 'autos-hyundai', 'paused', undefined, ctx),
      'PROGRAM.ILLEGAL_TRANSITION',
    );
    expect(error.details).toMatchObject({ to: 'paused', allowed: ['announced', 'on_hold', 'closed'] });
  });
});
