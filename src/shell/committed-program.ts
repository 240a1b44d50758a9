import { type ProgramCapacity, programCapacity } from '../domain/capacity.js';
import { getProgram } from '../domain/programs.js';
import { ok, type Result } from '../domain/result.js';
import { programStanding } from '../domain/standing.js';
import type { Program, State } from '../domain/types.js';
import type { ProgramUtilization } from '../domain/utilization.js';
import type { Store } from '../storage/store.js';

/**
 * A program and its capacity as they stand in the store, for the reply to a change once it is
 * committed. Computed outside the mutation on purpose: mutations are serialized, so whatever they
 * compute adds to the wait of every writer queued behind them. One pass over the pledges (the
 * program's are picked out as they are summed). Later commits may already be in: the reply shows the
 * program as it is now.
 */
export const committedProgram = (
  store: Store,
  slug: string,
): Result<{ program: Program; capacity: ProgramCapacity }> => {
  const state = store.read();
  const program = getProgram(state, slug);
  if (!program.ok) return program;
  return ok({
    program: program.value,
    capacity: programCapacity(program.value, state.pledges),
  });
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
