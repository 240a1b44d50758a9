import type { Change, Ctx } from './change.js';
import { checkWon } from './checks.js';
import { checkIsoDate } from './dates.js';
import { Decimal } from './decimal.js';
import { changeWith, type EventDraft, snapshot } from './events.js';
import { getProgram } from './programs.js';
import { err, ok, type Result } from './result.js';
import { cleanOptionalText, cleanText, contributorKey, TEXT_LIMITS } from './text.js';
import type { Guarantee, GuaranteeImport, GuaranteeStatus, Program, State, Won } from './types.js';

/**
 * Guarantees K-sure issued against a program: ids G1, G2, … never reused. A guarantee is active until
 * it is repaid, expires or is cancelled (all final). Only announced or launched programs take
 * guarantees; the first one on an announced program launches it (a program.status event, dated the
 * guarantee's day). A program's optional supplier cap bounds what one supplier holds in active ones.
 */

export interface GuaranteeInput {
  readonly program: string;
  readonly supplier: string;
  readonly amount: Won;
  /** YYYY-MM-DD; the caller passes today in WINWIN_TZ when none was typed. */
  readonly issuedOn: string;
}

export interface IssuedGuarantee {
  readonly guarantee: Guarantee;
  /** The program as it is after the guarantee (launched when this one launched it). */
  readonly program: Program;
  /** True when this guarantee moved the program from announced to launched. */
  readonly launched: boolean;
}

/** Statuses a program takes guarantees in. */
export const OPEN_FOR_GUARANTEES: readonly Program['status'][] = ['announced', 'launched'];

const RECORDED = ['program', 'supplier', 'amount', 'issuedOn', 'status', 'importId'] as const;
const ZERO = new Decimal(0);

/** Guarantees of a state (a store written before guarantees has none). */
export const guaranteesOf = (state: Pick<State, 'guarantees'>): readonly Guarantee[] =>
  state.guarantees ?? [];

/** Each program's guarantees, by slug, in the order recorded. Programs without any are absent. */
export type GuaranteeGroups = ReadonlyMap<string, readonly Guarantee[]>;

export const guaranteesByProgram = (guarantees: readonly Guarantee[]): GuaranteeGroups => {
  const groups = new Map<string, Guarantee[]>();
  for (const g of guarantees) {
    const group = groups.get(g.program);
    if (group === undefined) groups.set(g.program, [g]);
    else group.push(g);
  }
  return groups;
};

/** Where a guarantee may go: an active one ends as repaid, expired or cancelled; those are final. */
export const allowedGuaranteeTransitions = (guarantee: Pick<Guarantee, 'status'>): GuaranteeStatus[] =>
  guarantee.status === 'active' ? ['repaid', 'expired', 'cancelled'] : [];

/** The guarantee with this id ("G7" or "g7"), or GUARANTEE.UNKNOWN. */
export const getGuarantee = (state: State, id: string): Result<Guarantee> => {
  const wanted = id.trim().toUpperCase();
  const found = guaranteesOf(state).find((g) => g.id === wanted);
  return found ? ok(found) : err('GUARANTEE.UNKNOWN', { id: wanted });
};

/** What one supplier holds in active guarantees of a program (names compared as contributorKey does). */
export const supplierOutstanding = (
  guarantees: readonly Guarantee[],
  program: string,
  supplier: string,
): Won => {
  const key = contributorKey(supplier);
  let total = ZERO;
  for (const g of guarantees) {
    if (g.program === program && g.status === 'active' && contributorKey(g.supplier) === key) {
      total = total.plus(g.amount);
    }
  }
  return total;
};

/** GUARANTEE.CAP_EXCEEDED when `amount` more would take the supplier above the program's cap. */
export const checkSupplierCap = (
  program: Program,
  guarantees: readonly Guarantee[],
  supplier: string,
  amount: Won,
): Result<Won> => {
  const held = supplierOutstanding(guarantees, program.slug, supplier);
  const total = held.plus(amount);
  if (program.supplierCap === undefined || total.lte(program.supplierCap)) return ok(total);
  return err('GUARANTEE.CAP_EXCEEDED', {
    field: 'amount',
    supplier,
    program: program.slug,
    cap: program.supplierCap.toFixed(0),
    total: total.toFixed(0),
    outstanding: held.toFixed(0),
  });
};

/** The parts of a guarantee that need no state: supplier, amount and date, checked and cleaned. */
export const checkGuaranteeFields = (
  input: Omit<GuaranteeInput, 'program'>,
): Result<{ supplier: string; amount: Won; issuedOn: string }> => {
  const supplier = cleanText(input.supplier, { field: 'supplier', max: TEXT_LIMITS.contributor });
  if (!supplier.ok) return supplier;
  const amount = checkWon(input.amount, 'amount');
  if (!amount.ok) return amount;
  const issuedOn = checkIsoDate(input.issuedOn, 'on');
  if (!issuedOn.ok) return issuedOn;
  return ok({ supplier: supplier.value, amount: amount.value, issuedOn: issuedOn.value });
};

const openProgram = (state: State, slug: string): Result<Program> => {
  const found = getProgram(state, slug);
  if (!found.ok) {
    return found.error.code === 'PROGRAM.UNKNOWN'
      ? err('PROGRAM.UNKNOWN', { ...found.error.details, field: 'program' })
      : found;
  }
  const program = found.value;
  if (!OPEN_FOR_GUARANTEES.includes(program.status)) {
    return err('GUARANTEE.PROGRAM_NOT_OPEN', {
      field: 'program',
      program: program.slug,
      status: program.status,
    });
  }
  return ok(program);
};

/** The drafts and program after launching `program` with a guarantee of `issuedOn`, when it is announced. */
const launchDrafts = (
  program: Program,
  guarantee: Guarantee,
  ctx: Ctx,
): { program: Program; drafts: EventDraft[] } => {
  if (program.status !== 'announced') return { program, drafts: [] };
  const launched: Program = {
    ...program,
    status: 'launched',
    launchedOn: guarantee.issuedOn,
    updatedAt: ctx.now.toISOString(),
  };
  return {
    program: launched,
    drafts: [
      {
        type: 'program.status',
        target: program.slug,
        program: program.slug,
        sector: program.sector,
        before: snapshot(program, ['status']),
        after: snapshot(launched, ['status', 'launchedOn']),
        reason: `First guarantee ${guarantee.id} issued ${guarantee.issuedOn}.`,
      },
    ],
  };
};

/**
 * Records guarantees on one program as G{nextGuarantee}…, all or nothing: each is checked against the
 * program's cap with the ones before it counted. One guarantee.issued event per guarantee; the first
 * on an announced program also launches it. `importRecord`, when given, is kept so the same file is
 * refused next time (IMPORT.DUPLICATE if it was imported already).
 */
export const issueGuarantees = (
  state: State,
  program: string,
  inputs: readonly Omit<GuaranteeInput, 'program'>[],
  ctx: Ctx,
  importRecord?: Omit<GuaranteeImport, 'by' | 'at' | 'rows' | 'program'>,
): Result<Change<IssuedGuarantee[]>> => {
  const open = openProgram(state, program);
  if (!open.ok) return open;
  let current = open.value;
  const imports = state.guaranteeImports ?? [];
  if (importRecord !== undefined) {
    const earlier = imports.find((i) => i.sha256 === importRecord.sha256);
    if (earlier !== undefined) {
      return err('IMPORT.DUPLICATE', {
        filename: earlier.filename,
        program: earlier.program,
        at: earlier.at,
      });
    }
  }
  if (inputs.length === 0) return err('IMPORT.INVALID', { reason: 'empty' });
  const guarantees = [...guaranteesOf(state)];
  let next = state.nextGuarantee ?? 1;
  const at = ctx.now.toISOString();
  const drafts: EventDraft[] = [];
  const issued: IssuedGuarantee[] = [];
  for (const input of inputs) {
    const fields = checkGuaranteeFields(input);
    if (!fields.ok) return fields;
    const capped = checkSupplierCap(current, guarantees, fields.value.supplier, fields.value.amount);
    if (!capped.ok) return capped;
    const guarantee: Guarantee = {
      id: `G${next}`,
      program: current.slug,
      ...fields.value,
      status: 'active',
      ...(importRecord === undefined ? {} : { importId: importRecord.sha256 }),
      recordedBy: ctx.actor,
      createdAt: at,
      updatedAt: at,
    };
    next += 1;
    guarantees.push(guarantee);
    drafts.push({
      type: 'guarantee.issued',
      target: guarantee.id,
      program: current.slug,
      sector: current.sector,
      before: null,
      after: snapshot(guarantee, RECORDED),
    });
    const launch = launchDrafts(current, guarantee, ctx);
    drafts.push(...launch.drafts);
    issued.push({ guarantee, program: launch.program, launched: launch.drafts.length > 0 });
    current = launch.program;
  }
  const programs = state.programs.map((p) => (p.slug === current.slug ? current : p));
  const recorded: GuaranteeImport[] =
    importRecord === undefined
      ? imports.slice()
      : [...imports, { ...importRecord, program: current.slug, rows: inputs.length, by: ctx.actor, at }];
  return ok(
    changeWith(
      {
        ...state,
        programs,
        guarantees,
        nextGuarantee: next,
        ...(importRecord === undefined && state.guaranteeImports === undefined
          ? {}
          : { guaranteeImports: recorded }),
      },
      drafts,
      issued,
      ctx,
    ),
  );
};

/** Records one guarantee (see issueGuarantees). */
export const issueGuarantee = (
  state: State,
  input: GuaranteeInput,
  ctx: Ctx,
): Result<Change<IssuedGuarantee>> => {
  const { program, ...fields } = input;
  const result = issueGuarantees(state, program, [fields], ctx);
  if (!result.ok) return result;
  const [only] = result.value.value;
  if (only === undefined) throw new Error('issueGuarantees recorded nothing for one input');
  return ok({ ...result.value, value: only });
};

/**
 * Ends an active guarantee: repaid, expired or cancelled; anything else is GUARANTEE.ILLEGAL_TRANSITION
 * with `{ from, to, allowed }`. Event guarantee.status.
 */
export const setGuaranteeStatus = (
  state: State,
  id: string,
  to: string,
  reason: string | undefined,
  ctx: Ctx,
): Result<Change<Guarantee>> => {
  const found = getGuarantee(state, id);
  if (!found.ok) return found;
  const old = found.value;
  const wanted = to.trim().toLowerCase();
  const allowed = allowedGuaranteeTransitions(old);
  if (!allowed.includes(wanted as GuaranteeStatus)) {
    return err('GUARANTEE.ILLEGAL_TRANSITION', { from: old.status, to: wanted, allowed });
  }
  const why = cleanOptionalText(reason, { field: 'reason', max: TEXT_LIMITS.reason, multiline: true });
  if (!why.ok) return why;
  const guarantee: Guarantee = {
    ...old,
    status: wanted as GuaranteeStatus,
    updatedAt: ctx.now.toISOString(),
  };
  return ok(
    changeWith(
      {
        ...state,
        guarantees: guaranteesOf(state).map((g) => (g.id === guarantee.id ? guarantee : g)),
      },
      [
        {
          type: 'guarantee.status',
          target: guarantee.id,
          program: guarantee.program,
          sector: state.programs.find((p) => p.slug === guarantee.program)?.sector,
          before: snapshot(old, ['status']),
          after: snapshot(guarantee, ['status']),
          reason: why.value,
        },
      ],
      guarantee,
      ctx,
    ),
  );
};

/** The newest guarantees first, at most `limit`, of the programs `inScope` accepts. */
export const latestGuarantees = (
  state: State,
  inScope: (program: string) => boolean,
  limit: number,
): Guarantee[] => {
  const all = guaranteesOf(state);
  const out: Guarantee[] = [];
  for (let i = all.length - 1; i >= 0 && out.length < limit; i--) {
    const g = all[i] as Guarantee;
    if (inScope(g.program)) out.push(g);
  }
  return out;
};
