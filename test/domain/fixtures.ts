import { expect } from 'vitest';
import type { Change, Ctx } from '../../src/domain/change.js';
import { Decimal } from '../../src/domain/decimal.js';
import type { ProgramInput } from '../../src/domain/programs.js';
import { createProgram } from '../../src/domain/programs.js';
import type { DomainError, ErrorCode, ErrorOf, Result } from '../../src/domain/result.js';
import { emptyState, type State } from '../../src/domain/types.js';
import { errorText } from '../../src/views/error-text.js';

export const ctx: Ctx = { actor: 'U0EDITOR', now: new Date('2025-12-01T09:00:00.000Z') };
export const won = (text: string | number): Decimal => new Decimal(text);
export const eok = (n: string | number): Decimal => new Decimal(n).times(1e8);
/** `n`억 as the whole-won digits the store keeps. */
export const 억 = (n: string | number): string => eok(n).toFixed(0);

/** Freezes a value and everything it holds, so a mutation that writes to its input throws. */
export const deepFreeze = <T>(value: T): T => {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
};

export const changed = <T>(result: Result<Change<T>>): Change<T> => {
  if (!result.ok) throw new Error(`expected success, got ${result.error.code}: ${english(result.error)}`);
  return result.value;
};

export const errorOf = <C extends ErrorCode>(result: Result<unknown>, code: C): ErrorOf<C> => {
  expect(result.ok ? 'ok' : result.error.code).toBe(code);
  if (result.ok) throw new Error('unreachable');
  return result.error as ErrorOf<C>;
};

/** The failure in English, as a user reads it (the domain returns only its code and details). */
export const english = (error: DomainError): string => errorText(error, 'en', 'plain');

/** The details' `field`, whichever code they belong to. */
export const fieldOf = (error: DomainError): unknown => (error.details as { field?: unknown }).field;

export const programInput = (over: Partial<ProgramInput> = {}): ProgramInput => ({
  sector: 'autos',
  slug: 'autos-hyundai',
  name: 'Hyundai Motor & Kia + Hana Bank',
  target: eok(6300),
  multiple: new Decimal('15.75'),
  ...over,
});

/** A frozen state holding one program, made through createProgram. */
export const withProgram = (over: Partial<ProgramInput> = {}, state: State = emptyState()): State =>
  deepFreeze(changed(createProgram(state, programInput(over), ctx)).state);

/** A state with `n` sectors of one program each (`sector0` … with `sector0-fund` …). */
export const manySectors = (n: number): State => {
  let state = emptyState();
  for (let i = 0; i < n; i += 1) {
    state = changed(
      createProgram(
        state,
        programInput({ sector: `sector${i}`, slug: `sector${i}-fund`, name: `Program ${i}` }),
        ctx,
      ),
    ).state;
  }
  return state;
};
