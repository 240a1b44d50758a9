import type { Change, Ctx } from './change.js';
import { checkWon } from './checks.js';
import { addDays, checkIsoDate } from './dates.js';
import { Decimal } from './decimal.js';
import { changeWith, dropUndefined, toJson } from './events.js';
import { checkInstallments, getPledge, type PledgeStatusChange, setPledgeStatus } from './pledges.js';
import { err, ok, type Result } from './result.js';
import { cleanOptionalText, TEXT_LIMITS } from './text.js';
import type { Fields, Installment, Payment, Pledge, State, Won } from './types.js';

/**
 * Money paid into the fund, by installments. Paid-in is the sum of a pledge's payments; a pledge that
 * is `paid` without any recorded payment (recorded as paid, or stored before payments existed) counts
 * as paid in full, so status and paid-in never disagree. Every payment is checked against the balance,
 * so paid-in never exceeds the pledge.
 */

const ZERO = new Decimal(0);
const sum = (values: readonly Won[]): Won => values.reduce((a, b) => a.plus(b), ZERO);

export const paymentsOf = (pledge: Pick<Pledge, 'payments'>): readonly Payment[] => pledge.payments ?? [];
export const scheduleOf = (pledge: Pick<Pledge, 'schedule'>): readonly Installment[] => pledge.schedule ?? [];

/** Money of this pledge already in the fund. */
export const paidIn = (pledge: Pick<Pledge, 'payments' | 'status' | 'amount'>): Won => {
  const payments = paymentsOf(pledge);
  if (payments.length === 0) return pledge.status === 'paid' ? pledge.amount : ZERO;
  return sum(payments.map((p) => p.amount));
};

/** What is still to be paid in: amount − paid-in, never below zero. */
export const balanceOf = (pledge: Pick<Pledge, 'payments' | 'status' | 'amount'>): Won =>
  Decimal.max(ZERO, pledge.amount.minus(paidIn(pledge)));

/** Paid-in of several pledges (a program's, a sector's). */
export const paidInOf = (pledges: readonly Pick<Pledge, 'payments' | 'status' | 'amount'>[]): Won =>
  sum(pledges.map(paidIn));

export interface PaymentInput {
  readonly amount: Won;
  /** YYYY-MM-DD; default `ctx.today`. */
  readonly on?: string;
  readonly note?: string;
}

const sectorOf = (state: State, slug: string): string | undefined =>
  state.programs.find((p) => p.slug === slug)?.sector;

const replacePledge = (state: State, pledge: Pledge): State => ({
  ...state,
  pledges: state.pledges.map((p) => (p.id === pledge.id ? pledge : p)),
});

const todayOf = (ctx: Ctx): string => ctx.today ?? ctx.now.toISOString().slice(0, 10);

/**
 * Records money paid in: event payment.recorded with `{ paidIn }` before and the payment plus the new
 * paid-in after. Only a signed pledge (committed, or paid with a balance left by a correction) takes
 * payments: a verbal one is PAYMENT.UNSIGNED, a suspended or withdrawn one PAYMENT.CLOSED. More than
 * the balance is PAYMENT.EXCEEDS with `{ balance, paidIn, amount }`. The payment that reaches the
 * amount makes a committed pledge `paid` in the same event (status before → after).
 */
export const recordPayment = (
  state: State,
  id: string,
  input: PaymentInput,
  ctx: Ctx,
  reason?: string,
): Result<Change<{ pledge: Pledge; payment: Payment }>> => {
  const found = getPledge(state, id);
  if (!found.ok) return found;
  const old = found.value;
  if (old.status === 'verbal') {
    return err('PAYMENT.UNSIGNED', { id: old.id, status: old.status });
  }
  if (old.status === 'suspended' || old.status === 'withdrawn') {
    return err('PAYMENT.CLOSED', {
      id: old.id,
      status: old.status,
    });
  }
  const amount = checkWon(input.amount, 'amount');
  if (!amount.ok) return amount;
  const on = input.on === undefined ? ok(todayOf(ctx)) : checkIsoDate(input.on, 'on');
  if (!on.ok) return on;
  const note = cleanOptionalText(input.note, { field: 'note', max: TEXT_LIMITS.paymentNote });
  if (!note.ok) return note;
  const before = paidIn(old);
  const balance = balanceOf(old);
  if (amount.value.gt(balance)) {
    return err('PAYMENT.EXCEEDS', {
      id: old.id,
      balance: balance.toFixed(0),
      paidIn: before.toFixed(0),
      amount: amount.value.toFixed(0),
    });
  }
  const payment: Payment = dropUndefined({
    amount: amount.value,
    on: on.value,
    note: note.value,
    recordedBy: ctx.actor,
    at: ctx.now.toISOString(),
  });
  // A paid pledge without payments counted as paid in full; its implicit payment becomes explicit.
  const earlier =
    paymentsOf(old).length === 0 && before.gt(0)
      ? [{ amount: before, on: on.value, recordedBy: ctx.actor, at: ctx.now.toISOString() }]
      : paymentsOf(old);
  const after = before.plus(amount.value);
  const becomesPaid = old.status === 'committed' && after.gte(old.amount);
  const pledge: Pledge = {
    ...old,
    payments: [...earlier, payment],
    ...(becomesPaid ? { status: 'paid' as const, signed: true } : {}),
    updatedAt: ctx.now.toISOString(),
  };
  const was: Fields = { paidIn: toJson(before) };
  const now: Fields = { amount: toJson(payment.amount), on: payment.on };
  if (payment.note !== undefined) now.note = payment.note;
  now.paidIn = toJson(after);
  if (becomesPaid) {
    was.status = old.status;
    now.status = 'paid';
  }
  return ok(
    changeWith(
      replacePledge(state, pledge),
      [
        dropUndefined({
          type: 'payment.recorded' as const,
          target: pledge.id,
          program: pledge.program,
          sector: sectorOf(state, pledge.program),
          before: was,
          after: now,
          reason,
        }),
      ],
      { pledge, payment },
      ctx,
    ),
  );
};

/**
 * A status change that keeps paid-in and status in agreement: `paid` on a pledge with a balance records
 * that balance as one payment dated today (event payment.recorded, status committed → paid); any
 * other status is setPledgeStatus. The value is the pledge after the change.
 */
export const changePledgeStatus: PledgeStatusChange = (state, id, to, reason, ctx) => {
  const found = getPledge(state, id);
  if (!found.ok) return found;
  const pledge = found.value;
  if (to.trim().toLowerCase() === 'paid' && pledge.status === 'committed' && balanceOf(pledge).gt(0)) {
    const paid = recordPayment(state, id, { amount: balanceOf(pledge) }, ctx, reason);
    return paid.ok ? ok({ ...paid.value, value: paid.value.value.pledge }) : paid;
  }
  return setPledgeStatus(state, id, to, reason, ctx);
};

/** The JSON form of a schedule for an event: `[{ amount, due }]`. */
const scheduleJson = (schedule: readonly Installment[]) => toJson(schedule);

/**
 * Replaces the expected installments of a pledge (an empty list clears them): event pledge.schedule
 * with the old and new schedule. Their sum may not exceed the pledge (SCHEDULE.EXCEEDS with
 * `{ total, amount }`); a withdrawn pledge takes none (SCHEDULE.INVALID). Installments are kept by date.
 */
export const setSchedule = (
  state: State,
  id: string,
  installments: readonly Installment[],
  ctx: Ctx,
): Result<Change<Pledge>> => {
  const found = getPledge(state, id);
  if (!found.ok) return found;
  const old = found.value;
  if (old.status === 'withdrawn') {
    return err('SCHEDULE.INVALID', { reason: 'withdrawn', id: old.id });
  }
  const checked = checkInstallments(installments, old.amount, old.id);
  if (!checked.ok) return checked;
  const after = scheduleJson(checked.value);
  const before = scheduleJson(scheduleOf(old));
  if (JSON.stringify(before) === JSON.stringify(after)) return ok({ state, events: [], value: old });
  const { schedule: _old, ...rest } = old;
  const pledge: Pledge = {
    ...rest,
    ...(checked.value.length === 0 ? {} : { schedule: checked.value }),
    updatedAt: ctx.now.toISOString(),
  };
  return ok(
    changeWith(
      replacePledge(state, pledge),
      [
        dropUndefined({
          type: 'pledge.schedule' as const,
          target: pledge.id,
          program: pledge.program,
          sector: sectorOf(state, pledge.program),
          before: { schedule: before },
          after: { schedule: after },
        }),
      ],
      pledge,
      ctx,
    ),
  );
};

/** An installment with what paid-in should be by its date and how far short it is. */
export interface InstallmentStanding {
  readonly installment: Installment;
  /** Sum of the installments due up to and including this one. */
  readonly expected: Won;
  /** expected − paid-in when positive: what this installment still lacks. */
  readonly short: Won;
}

/** The pledge's installments that are not covered by paid-in yet, with their shortfall, by date. */
export const openInstallments = (
  pledge: Pick<Pledge, 'payments' | 'status' | 'amount' | 'schedule'>,
): InstallmentStanding[] => {
  const schedule = scheduleOf(pledge);
  if (schedule.length === 0) return [];
  const paid = paidIn(pledge);
  let expected = ZERO;
  const open: InstallmentStanding[] = [];
  for (const installment of schedule) {
    expected = expected.plus(installment.amount);
    if (paid.lt(expected)) {
      open.push({ installment, expected, short: Decimal.min(installment.amount, expected.minus(paid)) });
    }
  }
  return open;
};

/**
 * Installments overdue on `today` (YYYY-MM-DD in the ministry's time zone): their date has passed
 * (strictly before today) and paid-in is below the sum scheduled up to that date. Suspended and
 * withdrawn pledges owe nothing on schedule.
 */
export const overdueInstallments = (
  pledge: Pick<Pledge, 'payments' | 'status' | 'amount' | 'schedule'>,
  today: string,
): InstallmentStanding[] =>
  pledge.status === 'committed' || pledge.status === 'paid'
    ? openInstallments(pledge).filter((i) => i.installment.due < today)
    : [];

/** Installments not covered yet whose date is today or within `days` days after it. */
export const upcomingInstallments = (
  pledge: Pick<Pledge, 'payments' | 'status' | 'amount' | 'schedule'>,
  today: string,
  days: number,
): InstallmentStanding[] => {
  if (pledge.status !== 'committed' && pledge.status !== 'paid') return [];
  const open = openInstallments(pledge);
  if (open.length === 0) return open;
  const last = addDays(today, days);
  return open.filter((i) => i.installment.due >= today && i.installment.due <= last);
};
