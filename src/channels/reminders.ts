import type { webApi } from '@slack/bolt';
import { isBusinessDay } from '../domain/business-days.js';
import { isoDateIn } from '../domain/dates.js';
import { markReminded, markReminderDay, reminderDayDone, remindersFor } from '../domain/follow.js';
import { ok } from '../domain/result.js';
import { wallClock, zonedInstant } from '../domain/schedule.js';
import type { State } from '../domain/types.js';
import type { Deps } from '../shell/deps.js';
import { describe } from '../shell/describe.js';
import { reminderMessage } from '../views/follow.js';
import type { HolidayLoader } from './holidays.js';

/**
 * Reminder DMs: on each Korean business day at WINWIN_REMINDER_TIME in WINWIN_TZ, one DM per owner
 * with something due (follow.ts decides what). Progress lives in the store (state.reminders): the day
 * being sent and the owners already sent theirs, so a restart neither repeats a DM nor skips one, and
 * a day whose time passed while Winwin was down is sent at start-up — that day only: a later day
 * reminds about what is due then, never about a day gone by. A DM Slack refused is tried again on the
 * next tick; the day is marked done once every owner's went out.
 */

export type ReminderOutcome = 'sent' | 'off' | 'early' | 'done' | 'partial';

export interface ReminderRun {
  readonly date: string;
  readonly outcome: ReminderOutcome;
  /** Owners sent a DM in this run. */
  readonly sent: readonly string[];
}

export interface Reminders {
  /** Sends the reminders due at `now` (default: the app's clock). The channels tick calls it. */
  runDue(now?: Date): Promise<ReminderRun>;
}

export const createReminders = (deps: Deps, client: webApi.WebClient, holidays: HolidayLoader): Reminders => {
  const { store, config, logger } = deps;
  const tzName = config.tz;
  const tz = deps.zone;
  const [hour, minute] = config.reminderTime.split(':').map(Number) as [number, number];
  const dateOf = (iso: string): string => isoDateIn(new Date(iso), tz);
  let running: Promise<ReminderRun> | undefined;

  const mark = async (change: (state: State) => State, what: string): Promise<boolean> => {
    try {
      const result = await store.mutate((state) =>
        ok({ state: change(state), events: [], value: undefined }),
      );
      return result.ok;
    } catch (error) {
      logger.error(`reminders: could not store ${what}: ${describe(error)}`);
      return false;
    }
  };

  const run = async (now: Date): Promise<ReminderRun> => {
    const today = isoDateIn(now, tz);
    const calendar = await holidays(Number(today.slice(0, 4)));
    if (!isBusinessDay(today, calendar)) return { date: today, outcome: 'off', sent: [] };
    const clock = wallClock(now, tzName);
    const slot = zonedInstant({ year: clock.year, month: clock.month, day: clock.day }, hour, minute, tzName);
    if (now.getTime() < slot.getTime()) return { date: today, outcome: 'early', sent: [] };
    if (reminderDayDone(store.read(), today)) return { date: today, outcome: 'done', sent: [] };

    const due = remindersFor(store.read(), today, dateOf);
    const sent: string[] = [];
    let failed = false;
    for (const reminder of due) {
      const m = reminderMessage(reminder, today, config.locale);
      try {
        await client.chat.postMessage({ channel: reminder.owner, text: m.text, blocks: [...m.blocks] });
      } catch (error) {
        failed = true;
        logger.warn(`reminders: the DM to ${reminder.owner} failed (${describe(error)}); will retry`);
        continue;
      }
      sent.push(reminder.owner);
      if (!(await mark((s) => markReminded(s, reminder.owner, today), `the reminder of ${reminder.owner}`))) {
        failed = true;
      }
    }
    if (failed) return { date: today, outcome: 'partial', sent };
    // A day with nothing due writes nothing (a store untouched by an idle tick); a step that falls due
    // later that day is then reminded at the next tick.
    if (sent.length > 0 || store.read().reminders?.date === today) {
      await mark((s) => markReminderDay(s, today), `the reminders of ${today}`);
    }
    return { date: today, outcome: 'sent', sent };
  };

  return {
    runDue(now = deps.clock()) {
      // One run at a time: a slow Slack must not let two ticks DM the same owner.
      if (running !== undefined) return running;
      running = run(now).finally(() => {
        running = undefined;
      });
      return running;
    },
  };
};
