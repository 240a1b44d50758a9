import type { Change, Ctx } from './change.js';
import { addDays, checkIsoDate, daysBetween } from './dates.js';
import { changeWith, dropUndefined, snapshot } from './events.js';
import { type InstallmentStanding, overdueInstallments, upcomingInstallments } from './payments.js';
import { getPledge } from './pledges.js';
import { err, ok, type Result } from './result.js';
import { cleanText, TEXT_LIMITS } from './text.js';
import { type Pledge, type ReminderMark, SlackUserIdSchema, type State } from './types.js';

/**
 * Follow-through on a pledge: who owns it, what happens next and by when, and what is due. Pure: `today`
 * is always the ministry's date (YYYY-MM-DD in WINWIN_TZ), passed in.
 */

/** Days without a change after which talks (a verbal pledge) are stale. */
export const STALE_DAYS = 30; // risk.ts flags the same threshold

/** The official who handles the pledge: its owner, or whoever recorded it. */
export const ownerOf = (pledge: Pick<Pledge, 'owner' | 'recordedBy'>): string =>
  pledge.owner ?? pledge.recordedBy;

const sectorOf = (state: State, slug: string): string | undefined =>
  state.programs.find((p) => p.slug === slug)?.sector;

const replacePledge = (state: State, pledge: Pledge): State => ({
  ...state,
  pledges: state.pledges.map((p) => (p.id === pledge.id ? pledge : p)),
});

const NEXT_FIELDS = ['nextDue', 'nextStep', 'snoozedUntil'] as const;

/** A change of follow-up fields as one event; no event when nothing changed. */
const followChange = (
  state: State,
  old: Pledge,
  pledge: Pledge,
  type: 'pledge.owner' | 'pledge.next',
  keys: readonly (keyof Pledge & string)[],
  ctx: Ctx,
): Result<Change<Pledge>> => {
  const before = snapshot(old, keys);
  const after = snapshot(pledge, keys);
  if (JSON.stringify(before) === JSON.stringify(after)) return ok({ state, events: [], value: old });
  // A cleared field shows as null on its side, so history reads "next step: call … → —".
  for (const key of keys) {
    if (before[key] === undefined && after[key] !== undefined) before[key] = null;
    if (after[key] === undefined && before[key] !== undefined) after[key] = null;
  }
  return ok(
    changeWith(
      replacePledge(state, { ...pledge, updatedAt: ctx.now.toISOString() }),
      [
        dropUndefined({
          type,
          target: pledge.id,
          program: pledge.program,
          sector: sectorOf(state, pledge.program),
          before,
          after,
        }),
      ],
      pledge,
      ctx,
    ),
  );
};

/**
 * Hands the pledge to another official: event pledge.owner, before the effective owner (the recorder
 * when none was set). OWNER.INVALID for something that is not a Slack user id.
 */
export const setOwner = (state: State, id: string, user: string, ctx: Ctx): Result<Change<Pledge>> => {
  const found = getPledge(state, id);
  if (!found.ok) return found;
  const who = user.trim();
  if (!SlackUserIdSchema.safeParse(who).success) {
    return err('OWNER.INVALID', { input: who });
  }
  const old = found.value;
  const change = followChange(
    state,
    { ...old, owner: ownerOf(old) },
    { ...old, owner: who },
    'pledge.owner',
    ['owner'],
    ctx,
  );
  if (change.ok && change.value.events.length === 0) return ok({ state, events: [], value: old });
  return change;
};

/** Sets the next step and its date (YYYY-MM-DD): event pledge.next. Clears a snooze. */
export const setNextStep = (
  state: State,
  id: string,
  due: string,
  what: string,
  ctx: Ctx,
): Result<Change<Pledge>> => {
  const found = getPledge(state, id);
  if (!found.ok) return found;
  const date = checkIsoDate(due, 'next');
  if (!date.ok) return date;
  const text = cleanText(what, { field: 'nextStep', max: TEXT_LIMITS.nextStep });
  if (!text.ok) return text;
  const { snoozedUntil: _s, ...old } = found.value;
  const pledge: Pledge = { ...old, nextDue: date.value, nextStep: text.value };
  return followChange(state, found.value, pledge, 'pledge.next', NEXT_FIELDS, ctx);
};

/** The next step is done: cleared (event pledge.next), with any snooze. Nothing set: no event. */
export const clearNextStep = (state: State, id: string, ctx: Ctx): Result<Change<Pledge>> => {
  const found = getPledge(state, id);
  if (!found.ok) return found;
  const { nextDue: _d, nextStep: _t, snoozedUntil: _s, ...rest } = found.value;
  return followChange(state, found.value, rest, 'pledge.next', NEXT_FIELDS, ctx);
};

/**
 * Puts the pledge's reminders off for `days` days from `today` (a DM's Snooze): event pledge.next.
 * A next step that would fall due before then moves to that day, so it is not overdue meanwhile.
 */
export const snooze = (
  state: State,
  id: string,
  days: number,
  today: string,
  ctx: Ctx,
): Result<Change<Pledge>> => {
  const found = getPledge(state, id);
  if (!found.ok) return found;
  const until = addDays(today, days);
  const old = found.value;
  const moved = old.nextDue !== undefined && old.nextDue < until ? { nextDue: until } : {};
  return followChange(state, old, { ...old, ...moved, snoozedUntil: until }, 'pledge.next', NEXT_FIELDS, ctx);
};

/** What needs an owner's attention about one pledge on a day. */
export interface FollowUp {
  readonly pledge: Pledge;
  /** The next step, when it has one: its date, text, and days until it (negative: overdue). */
  readonly next?: { readonly due: string; readonly text: string; readonly daysLeft: number };
  /** Installments overdue (date passed, paid-in short). */
  readonly overdue: readonly InstallmentStanding[];
  /** Installments not covered yet due today or within the window. */
  readonly upcoming: readonly InstallmentStanding[];
  /** A verbal pledge unchanged for STALE_DAYS or more: days since its last change. */
  readonly staleDays?: number;
}

/** Days since the pledge last changed, counted in the ministry's calendar. */
const daysSinceChange = (pledge: Pledge, today: string, dateOf: (iso: string) => string): number =>
  daysBetween(dateOf(pledge.updatedAt), today);

export interface FollowUpOptions {
  /** How far ahead installments count (mine: 14 days; reminders: 7). */
  readonly installmentDays: number;
  /** Only next steps due on or before today (reminders), rather than every next step (mine). */
  readonly dueOnly: boolean;
  /** The calendar date of an ISO instant in the ministry's time zone (isoDateIn). */
  readonly dateOf: (iso: string) => string;
}

/** The follow-up of one pledge, or undefined when nothing about it needs attention. */
export const followUpOf = (pledge: Pledge, today: string, o: FollowUpOptions): FollowUp | undefined => {
  const active = pledge.status !== 'withdrawn';
  const next =
    active && pledge.nextDue !== undefined && pledge.nextStep !== undefined
      ? { due: pledge.nextDue, text: pledge.nextStep, daysLeft: daysBetween(today, pledge.nextDue) }
      : undefined;
  const overdue = overdueInstallments(pledge, today);
  const upcoming = upcomingInstallments(pledge, today, o.installmentDays);
  // Only talks go stale: the date of the last change is worked out for verbal pledges alone.
  const since = pledge.status === 'verbal' ? daysSinceChange(pledge, today, o.dateOf) : 0;
  const stale = since >= STALE_DAYS ? since : undefined;
  const nextCounts = next !== undefined && (!o.dueOnly || next.daysLeft <= 0);
  if (!nextCounts && overdue.length === 0 && upcoming.length === 0 && stale === undefined) return undefined;
  return dropUndefined({
    pledge,
    next: nextCounts ? next : undefined,
    overdue,
    upcoming,
    staleDays: stale,
  });
};

/** The rank of a follow-up for sorting: overdue things first, then by the earliest date involved. */
const sortKey = (f: FollowUp): string => {
  const dates = [
    f.next?.due,
    ...f.overdue.map((i) => i.installment.due),
    ...f.upcoming.map((i) => i.installment.due),
  ].filter((d): d is string => d !== undefined);
  const overdue = (f.next !== undefined && f.next.daysLeft < 0) || f.overdue.length > 0;
  return `${overdue ? 0 : 1} ${dates.sort()[0] ?? '9999-12-31'} ${f.pledge.id.padStart(10, '0')}`;
};

/**
 * `/winwin mine` and App Home's "My follow-ups": the pledges `user` owns that need attention, overdue
 * first, then by date: every next step, installments due within 14 days or overdue, stale talks.
 */
export const myFollowUps = (
  state: Pick<State, 'pledges'>,
  user: string,
  today: string,
  dateOf: (iso: string) => string,
): FollowUp[] =>
  state.pledges
    .filter((p) => ownerOf(p) === user)
    .map((p) => followUpOf(p, today, { installmentDays: 14, dueOnly: false, dateOf }))
    .filter((f): f is FollowUp => f !== undefined)
    .sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : 1));

/** One owner's reminder: the pledges with something due. Never empty. */
export interface Reminder {
  readonly owner: string;
  readonly items: readonly FollowUp[];
}

/**
 * The reminders of a business day: per owner, next steps due today or overdue, installments due
 * within 7 days or overdue, verbal pledges unchanged for 30 days. Snoozed pledges wait; owners with
 * nothing due get no reminder; owners already sent theirs today (the watermark) are left out.
 */
export const remindersFor = (
  state: Pick<State, 'pledges' | 'reminders'>,
  today: string,
  dateOf: (iso: string) => string,
): Reminder[] => {
  if (state.reminders?.date === today && state.reminders.done === true) return [];
  const sent = state.reminders?.date === today ? new Set(state.reminders.sent) : new Set<string>();
  const byOwner = new Map<string, FollowUp[]>();
  for (const pledge of state.pledges) {
    if (pledge.snoozedUntil !== undefined && pledge.snoozedUntil > today) continue;
    const owner = ownerOf(pledge);
    if (sent.has(owner)) continue;
    const item = followUpOf(pledge, today, { installmentDays: 7, dueOnly: true, dateOf });
    if (item === undefined) continue;
    const list = byOwner.get(owner);
    if (list === undefined) byOwner.set(owner, [item]);
    else list.push(item);
  }
  return [...byOwner].map(([owner, items]) => ({
    owner,
    items: items.sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : 1)),
  }));
};

/** The watermark after `owner`'s reminder of `today` went out. Not an audited change: no event. */
export const markReminded = (state: State, owner: string, today: string): State => {
  const mark: ReminderMark =
    state.reminders?.date === today
      ? { date: today, sent: [...new Set([...state.reminders.sent, owner])] }
      : { date: today, sent: [owner] };
  return { ...state, reminders: mark };
};

/** The watermark once a business day's reminders are all out (possibly none): that day is done. */
export const markReminderDay = (state: State, today: string): State => ({
  ...state,
  reminders: { date: today, sent: state.reminders?.date === today ? state.reminders.sent : [], done: true },
});

/** Whether `today`'s reminders have all gone out. */
export const reminderDayDone = (state: Pick<State, 'reminders'>, today: string): boolean =>
  state.reminders?.date === today && state.reminders.done === true;
