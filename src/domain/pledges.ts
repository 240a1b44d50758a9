import type { Change, Ctx } from './change.js';
import { checkWon } from './checks.js';
import { checkIsoDate } from './dates.js';
import { changeWith, diffFields, dropUndefined, snapshot } from './events.js';
import { getProgram } from './programs.js';
import { err, ok, type Result } from './result.js';
import { cleanOptionalText, cleanText, TEXT_LIMITS } from './text.js';
import {
  CONTRIBUTOR_KINDS,
  type ContributorKind,
  type Installment,
  type Pledge,
  type PledgeStatus,
  type State,
  type Won,
} from './types.js';

/** The statuses a pledge can be recorded in. */
export const RECORDABLE_STATUSES = ['verbal', 'committed', 'paid'] as const;
export type RecordableStatus = (typeof RECORDABLE_STATUSES)[number];

export interface PledgeInput {
  /** Program slug. */
  readonly program: string;
  readonly contributor: string;
  readonly kind: ContributorKind;
  readonly amount: Won;
  readonly status: RecordableStatus;
  /** Expected payment date, YYYY-MM-DD. */
  readonly due?: string;
  readonly note?: string;
  /** Expected installments; their sum may not exceed the amount. */
  readonly schedule?: readonly Installment[];
}

/** What a correction may change; `null` clears `due` or `note`. */
export interface PledgeCorrection {
  readonly amount?: Won;
  readonly contributor?: string;
  readonly kind?: ContributorKind;
  readonly due?: string | null;
  readonly note?: string | null;
}

const RECORDED = ['program', 'contributor', 'kind', 'amount', 'status', 'due', 'note', 'schedule'] as const;

/**
 * Installments checked and sorted by date: each a positive amount on a real date, their sum at most
 * `amount` (SCHEDULE.EXCEEDS with `{ id, total, amount }`).
 */
export const checkInstallments = (
  installments: readonly Installment[],
  amount: Won,
  id: string,
): Result<Installment[]> => {
  const checked: Installment[] = [];
  let total = amount.times(0);
  for (const item of installments) {
    const won = checkWon(item.amount, 'amount');
    if (!won.ok) return won;
    const due = checkIsoDate(item.due, 'due');
    if (!due.ok) return due;
    checked.push({ amount: won.value, due: due.value });
    total = total.plus(won.value);
  }
  if (total.gt(amount)) {
    return err('SCHEDULE.EXCEEDS', {
      id,
      total: total.toFixed(0),
      amount: amount.toFixed(0),
      field: 'schedule',
    });
  }
  return ok(checked.sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : 0)));
};
const CORRECTABLE = ['amount', 'contributor', 'kind', 'due', 'note'] as const;

/**
 * Where a pledge may go from its status: verbal → committed → paid; verbal or committed may be
 * suspended (talks halted, it returns to where it was) or withdrawn, directly too — a contributor can
 * pull out of a signed agreement without a halt first. Paid and withdrawn are final; a paid pledge's
 * figures change only through correctPledge, which keeps the old values in the audit trail.
 */
export const allowedPledgeTransitions = (
  pledge: Pick<Pledge, 'status' | 'suspendedFrom'>,
): PledgeStatus[] => {
  switch (pledge.status) {
    case 'verbal':
      return ['committed', 'suspended', 'withdrawn'];
    case 'committed':
      return ['paid', 'suspended', 'withdrawn'];
    case 'suspended':
      return [pledge.suspendedFrom ?? 'verbal', 'withdrawn'];
    case 'paid':
    case 'withdrawn':
      return [];
  }
};

/** Counts as confirmed capacity: the contributor has signed (or paid). */
export const isConfirmed = (status: PledgeStatus): boolean => status === 'committed' || status === 'paid';

/** The pledge with this id ("P7" or "p7"), or PLEDGE.UNKNOWN. */
export const getPledge = (state: State, id: string): Result<Pledge> => {
  const wanted = id.trim().toUpperCase();
  const pledge = state.pledges.find((p) => p.id === wanted);
  return pledge ? ok(pledge) : err('PLEDGE.UNKNOWN', { id: wanted });
};

/** The pledges of one program, in the order they were recorded. */
export const programPledges = (state: Pick<State, 'pledges'>, slug: string): Pledge[] =>
  state.pledges.filter((p) => p.program === slug);

const checkKind = (kind: string): Result<ContributorKind> =>
  (CONTRIBUTOR_KINDS as readonly string[]).includes(kind)
    ? ok(kind as ContributorKind)
    : err('PLEDGE.INVALID', { field: 'kind', allowed: CONTRIBUTOR_KINDS, input: kind });

/** Records a pledge as `P{state.nextPledge}` (ids are never reused): event pledge.recorded. */
export const recordPledge = (state: State, input: PledgeInput, ctx: Ctx): Result<Change<Pledge>> => {
  const program = getProgram(state, input.program);
  if (!program.ok && program.error.code === 'PROGRAM.UNKNOWN')
    return err('PROGRAM.UNKNOWN', { ...program.error.details, field: 'program' });
  if (!program.ok) return program;
  if (program.value.status === 'closed') {
    return err('PLEDGE.INVALID', { field: 'program', program: program.value.slug });
  }
  const contributor = cleanText(input.contributor, { field: 'contributor', max: TEXT_LIMITS.contributor });
  if (!contributor.ok) return contributor;
  const kind = checkKind(input.kind);
  if (!kind.ok) return kind;
  const amount = checkWon(input.amount, 'amount');
  if (!amount.ok) return amount;
  if (!(RECORDABLE_STATUSES as readonly string[]).includes(input.status)) {
    return err('PLEDGE.INVALID', { field: 'status', allowed: RECORDABLE_STATUSES, input: input.status });
  }
  const due =
    input.due === undefined || input.due.trim() === '' ? ok(undefined) : checkIsoDate(input.due, 'due');
  if (!due.ok) return due;
  const note = cleanOptionalText(input.note, { field: 'note', max: TEXT_LIMITS.note, multiline: true });
  if (!note.ok) return note;
  const schedule = checkInstallments(input.schedule ?? [], amount.value, `P${state.nextPledge}`);
  if (!schedule.ok) return schedule;

  const at = ctx.now.toISOString();
  const pledge: Pledge = dropUndefined({
    id: `P${state.nextPledge}`,
    program: program.value.slug,
    contributor: contributor.value,
    kind: kind.value,
    amount: amount.value,
    status: input.status,
    signed: isConfirmed(input.status),
    due: due.value,
    note: note.value,
    recordedBy: ctx.actor,
    createdAt: at,
    updatedAt: at,
    schedule: schedule.value.length === 0 ? undefined : schedule.value,
  });
  return ok(
    changeWith(
      { ...state, nextPledge: state.nextPledge + 1, pledges: state.pledges.concat([pledge]) },
      [
        {
          type: 'pledge.recorded',
          target: pledge.id,
          program: pledge.program,
          sector: program.value.sector,
          before: null,
          after: snapshot(pledge, RECORDED),
        },
      ],
      pledge,
      ctx,
    ),
  );
};

/**
 * A change of a pledge's status to `to` (typed: trimmed, any case), with an optional reason; the value
 * is the pledge after the change. setPledgeStatus and payments' changePledgeStatus both are one.
 */
export type PledgeStatusChange = (
  state: State,
  id: string,
  to: string,
  reason: string | undefined,
  ctx: Ctx,
) => Result<Change<Pledge>>;

/**
 * Moves a pledge along its lifecycle; anything else is PLEDGE.ILLEGAL_TRANSITION with
 * `{ from, to, allowed }`. Suspending remembers the status to resume to; `signed` never goes back.
 */
export const setPledgeStatus: PledgeStatusChange = (state, id, to, reason, ctx) => {
  const found = getPledge(state, id);
  if (!found.ok) return found;
  const old = found.value;
  const allowed = allowedPledgeTransitions(old);
  const wanted = to.trim().toLowerCase();
  if (!allowed.includes(wanted as PledgeStatus)) {
    return err('PLEDGE.ILLEGAL_TRANSITION', { from: old.status, to: wanted, allowed });
  }
  const status = wanted as PledgeStatus;
  const why = cleanOptionalText(reason, { field: 'reason', max: TEXT_LIMITS.reason, multiline: true });
  if (!why.ok) return why;
  const { suspendedFrom: _resumeTo, ...rest } = old;
  const base = {
    ...rest,
    status,
    signed: old.signed || isConfirmed(status),
    updatedAt: ctx.now.toISOString(),
  };
  const pledge: Pledge =
    status === 'suspended' && (old.status === 'verbal' || old.status === 'committed')
      ? { ...base, suspendedFrom: old.status }
      : base;
  return ok(
    changeWith(
      replacePledge(state, pledge),
      [
        {
          type: 'pledge.status',
          target: pledge.id,
          program: pledge.program,
          sector: sectorOf(state, pledge.program),
          before: snapshot(old, ['status', 'suspendedFrom', 'signed']),
          after: snapshot(pledge, ['status', 'signed']),
          reason: why.value,
        },
      ],
      pledge,
      ctx,
    ),
  );
};

/**
 * The explicit correction of a pledge's figures — the only way to change a paid one. Needs a reason;
 * event pledge.corrected keeps the old values in `before`. Nothing to change: no event, state unchanged.
 */
export const correctPledge = (
  state: State,
  id: string,
  patch: PledgeCorrection,
  reason: string,
  ctx: Ctx,
): Result<Change<Pledge>> => {
  const found = getPledge(state, id);
  if (!found.ok) return found;
  const old = found.value;
  const why = cleanText(reason, { field: 'reason', max: TEXT_LIMITS.reason, multiline: true });
  if (!why.ok) return why;
  const corrected: { -readonly [K in keyof Pledge]?: Pledge[K] } = {};
  if (patch.amount !== undefined) {
    const amount = checkWon(patch.amount, 'amount');
    if (!amount.ok) return amount;
    // Paid-in never exceeds the pledge: money recorded as paid in bounds a correction from below.
    const paid = (old.payments ?? []).reduce((a, p) => a.plus(p.amount), amount.value.times(0));
    if (amount.value.lt(paid)) {
      return err('PAYMENT.EXCEEDS', {
        id: old.id,
        paidIn: paid.toFixed(0),
        amount: amount.value.toFixed(0),
        balance: '0',
        field: 'amount',
      });
    }
    const scheduled = (old.schedule ?? []).reduce((a, i) => a.plus(i.amount), amount.value.times(0));
    if (amount.value.lt(scheduled)) {
      return err('SCHEDULE.EXCEEDS', {
        id: old.id,
        total: scheduled.toFixed(0),
        amount: amount.value.toFixed(0),
        field: 'schedule',
      });
    }
    corrected.amount = amount.value;
  }
  if (patch.contributor !== undefined) {
    const contributor = cleanText(patch.contributor, { field: 'contributor', max: TEXT_LIMITS.contributor });
    if (!contributor.ok) return contributor;
    corrected.contributor = contributor.value;
  }
  if (patch.kind !== undefined) {
    const kind = checkKind(patch.kind);
    if (!kind.ok) return kind;
    corrected.kind = kind.value;
  }
  if (patch.due !== undefined) {
    const due =
      patch.due === null || patch.due.trim() === '' ? ok(undefined) : checkIsoDate(patch.due, 'due');
    if (!due.ok) return due;
    corrected.due = due.value;
  }
  if (patch.note !== undefined) {
    const note = cleanOptionalText(patch.note, { field: 'note', max: TEXT_LIMITS.note, multiline: true });
    if (!note.ok) return note;
    corrected.note = note.value;
  }
  const merged = dropUndefined({ ...old, ...corrected });
  // A committed pledge corrected down to what is already paid in is paid: status and paid-in agree.
  const paidInFull =
    merged.status === 'committed' &&
    (merged.payments ?? []).length > 0 &&
    (merged.payments ?? []).reduce((a, p) => a.plus(p.amount), merged.amount.times(0)).gte(merged.amount);
  const candidate: Pledge = paidInFull ? { ...merged, status: 'paid' } : merged;
  const diff = diffFields(old, candidate, paidInFull ? [...CORRECTABLE, 'status'] : CORRECTABLE);
  if (!diff) return ok({ state, events: [], value: old });
  const pledge: Pledge = { ...candidate, updatedAt: ctx.now.toISOString() };
  return ok(
    changeWith(
      replacePledge(state, pledge),
      [
        {
          type: 'pledge.corrected',
          target: pledge.id,
          program: pledge.program,
          sector: sectorOf(state, pledge.program),
          ...diff,
          reason: why.value,
        },
      ],
      pledge,
      ctx,
    ),
  );
};

const sectorOf = (state: State, slug: string): string | undefined =>
  state.programs.find((p) => p.slug === slug)?.sector;

const replacePledge = (state: State, pledge: Pledge): State => ({
  ...state,
  pledges: state.pledges.map((p) => (p.id === pledge.id ? pledge : p)),
});
