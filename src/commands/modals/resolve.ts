import { err, ok, type Result } from '../../domain/result.js';
import { resolveTarget } from '../../domain/targets.js';
import type { Program, State } from '../../domain/types.js';

/**
 * The one program `<target>` names: a program slug, or a sector with exactly one program. A sector with
 * several (or none) is TARGET.AMBIGUOUS with `{ sector, programs }`, listing the programs to choose from.
 */
export const resolveProgram = (state: State, target: string): Result<Program> => {
  const resolved = resolveTarget(state, target);
  if (!resolved.ok) return resolved;
  if (resolved.value.kind === 'program') return ok(resolved.value.program);
  const { sector, programs } = resolved.value;
  const slugs = programs.map((p) => p.slug);
  return err('TARGET.AMBIGUOUS', { sector: sector.name, programs: slugs });
};
