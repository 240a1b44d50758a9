import type { Derived } from '../derived.js';
import type { ProgramCapacity } from '../domain/capacity.js';
import { getProgram } from '../domain/programs.js';
import { ok, type Result } from '../domain/result.js';
import { programStanding } from '../domain/standing.js';
import type { Program, State } from '../domain/types.js';
import type { ProgramUtilization } from '../domain/utilization.js';

/**
 * A program and its capacity as they stand in the store, for the reply to a change once it is
 * committed. Computed outside the mutation on purpose: mutations are serialized, so whatever they
 * compute adds to the wait of every writer queued behind them. Later commits may already be in: the
 * reply shows the program as it is now (changes committed together share one computation, see
 * Derived.programCapacity).
 */
export const committedProgram = (
  derived: Derived,
  slug: string,
): Result<{ program: Program; capacity: ProgramCapacity }> => {
  const snapshot = derived.snapshot();
  const program = getProgram(snapshot.state, slug);
  if (!program.ok) return program;
  return ok({ program: program.value, capacity: derived.programCapacity(snapshot, program.value) });
};

/**
 * The program as committed now and its utilization, for replies: read after the mutation, as
 * committedProgram does, so the serialized write stays short.
 */
export const committedUtilization = (
  state: State,
  slug: string,
  today: string,
): Result<{ program: Program; utilization: ProgramUtilization }> => {
  const program = getProgram(state, slug);
  if (!program.ok) return program;
  return ok({
    program: program.value,
    utilization: programStanding(state, program.value, today).utilization,
  });
};
