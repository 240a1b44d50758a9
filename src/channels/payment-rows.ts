import { formatWon, type Locale } from '../domain/amount.js';
import { Decimal } from '../domain/decimal.js';
import { ownerOf } from '../domain/follow.js';
import { openInstallments, paymentsOf, scheduleOf } from '../domain/payments.js';
import { covers } from '../domain/subscriptions.js';
import type { State } from '../domain/types.js';

/**
 * The payments file of `/winwin export`: one row per payment into the fund, then one row per expected
 * installment, each with its pledge. Dates are days (YYYY-MM-DD); the time a payment was recorded is
 * on the ministry's clock, `YYYY-MM-DD HH:MM:SS` in WINWIN_TZ, not a UTC ISO string.
 */

export const PAYMENT_COLUMNS = [
  'row',
  'pledge',
  'sector',
  'program',
  'contributor',
  'owner',
  'pledge_amount_won',
  'date',
  'amount_won',
  'amount',
  'paid_in_after_won',
  'balance_after_won',
  'short_won',
  'overdue',
  'note',
  'recorded_by',
  'recorded_at',
] as const;

/** `YYYY-MM-DD HH:MM:SS` in `timeZone`: one formatter per export. */
export const timestampFormatter = (timeZone: string): ((iso: string) => string) => {
  const format = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
  return (iso) => {
    const parts = format.formatToParts(new Date(iso));
    const part = (type: Intl.DateTimeFormatPartTypes): string =>
      parts.find((p) => p.type === type)?.value ?? '';
    return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}:${part('second')}`;
  };
};

export const paymentRows = (
  state: State,
  target: string,
  today: string,
  locale: Locale,
  timestamp: (iso: string) => string,
): string[][] => {
  const rows: string[][] = [];
  const installments: string[][] = [];
  for (const p of state.pledges) {
    const program = state.programs.find((x) => x.slug === p.program);
    if (program === undefined || !covers({ target }, { program: p.program, sector: program.sector }))
      continue;
    const head = [p.id, program.sector, p.program, p.contributor, ownerOf(p), p.amount.toFixed(0)];
    let paid = new Decimal(0);
    for (const payment of paymentsOf(p)) {
      paid = paid.plus(payment.amount);
      rows.push([
        'payment',
        ...head,
        payment.on,
        payment.amount.toFixed(0),
        formatWon(payment.amount, locale),
        paid.toFixed(0),
        Decimal.max(0, p.amount.minus(paid)).toFixed(0),
        '',
        '',
        payment.note ?? '',
        payment.recordedBy,
        timestamp(payment.at),
      ]);
    }
    const open = new Map(openInstallments(p).map((i) => [i.installment, i]));
    for (const installment of scheduleOf(p)) {
      const standing = open.get(installment);
      const short = standing?.short ?? new Decimal(0);
      const overdue =
        standing !== undefined &&
        installment.due < today &&
        (p.status === 'committed' || p.status === 'paid');
      installments.push([
        'installment',
        ...head,
        installment.due,
        installment.amount.toFixed(0),
        formatWon(installment.amount, locale),
        '',
        '',
        short.toFixed(0),
        overdue ? 'yes' : 'no',
        '',
        '',
        '',
      ]);
    }
  }
  return [...rows, ...installments];
};
