import { err, ok, type Result } from './result.js';
import { findSector, sectorPrograms } from './sectors.js';
import { sanitizeText } from './text.js';
import type { Program, Sector, State } from './types.js';

/**
 * What `<target>` in a command names. A sector with exactly one program acts as that program
 * (`viaSector` tells it was reached through the sector).
 */
export type ResolvedTarget =
  | { readonly kind: 'sector'; readonly sector: Sector; readonly programs: readonly Program[] }
  | {
      readonly kind: 'program';
      readonly program: Program;
      readonly sector: Sector;
      readonly viaSector: boolean;
    };

/** Sector names (with alias) and program slugs, for "known targets" lists. */
export const knownTargets = (state: State): { sectors: Sector[]; programs: string[]; all: string[] } => {
  const programs = state.programs.map((p) => p.slug);
  return {
    sectors: [...state.sectors],
    programs,
    all: [...state.sectors.flatMap((s) => (s.alias ? [s.name, s.alias] : [s.name])), ...programs],
  };
};

/**
 * A sector name or Korean alias (any case) or a program slug, or TARGET.UNKNOWN with `{ known, sectors,
 * programs, suggestions }`. Sector names and program slugs never collide (createProgram sees to it).
 */
export const resolveTarget = (state: State, text: string): Result<ResolvedTarget> => {
  const wanted = sanitizeText(text).toLowerCase();
  const sector = findSector(state, wanted);
  if (sector) {
    const programs = sectorPrograms(state, sector.name);
    const [only] = programs;
    return programs.length === 1 && only !== undefined
      ? ok({ kind: 'program', program: only, sector, viaSector: true })
      : ok({ kind: 'sector', sector, programs });
  }
  const program = state.programs.find((p) => p.slug === wanted);
  if (program) {
    return ok({
      kind: 'program',
      program,
      sector: state.sectors.find((s) => s.name === program.sector) ?? { name: program.sector },
      viaSector: false,
    });
  }
  const known = knownTargets(state);
  const suggestions =
    wanted.length < 2 ? [] : known.all.filter((k) => k.toLowerCase().includes(wanted) || wanted.includes(k));
  return err('TARGET.UNKNOWN', {
    target: wanted,
    known: known.all,
    sectors: known.sectors,
    programs: known.programs,
    suggestions,
  });
};
