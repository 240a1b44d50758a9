import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Winwin } from '../../src/app.js';
import { openStore } from '../../src/storage/open-store.js';
import type { Store } from '../../src/storage/store.js';
import { type Harness, postsIn, startHarness, textOf, USERS } from '../support/harness.js';

/**
 * Reminder DMs on Korean business days at WINWIN_REMINDER_TIME (09:00 Asia/Seoul = 00:00 UTC), with
 * an injected clock. The demo (src/domain/demo.ts) is recorded by the admin, who owns its pledges.
 */
const at = (iso: string): Date => new Date(iso);

describe('reminders', () => {
  let h: Harness;
  // Tuesday 2026-01-20, 08:00 in Seoul: before the reminder time.
  let now = at('2026-01-19T23:00:00Z');
  let restarted: { winwin: Winwin; store: Store } | undefined;
  const live = (): Winwin => restarted?.winwin ?? h.winwin;

  beforeAll(async () => {
    h = await startHarness({
      seed: 'demo',
      clock: () => now,
      reminders: true,
      env: { WINWIN_REMINDER_TIME: '09:00' },
    });
    // P10 (verbal, retail) goes to the editor with a step due today; the admin's P11 step is overdue.
    await h.command(`/winwin owner P10 <@${USERS.editor}>`, { user: USERS.admin });
    await h.command('/winwin next P10 2026-01-20 call the retailer', { user: USERS.editor });
    await h.command('/winwin next P11 2026-01-16 ask the bank', { user: USERS.editor });
    // A step not due yet: no reminder for it.
    await h.command('/winwin next P3 2026-02-10 HL board', { user: USERS.editor });
  });
  afterAll(() => h.close());

  const restart = async (): Promise<{ winwin: Winwin; store: Store }> => {
    restarted = await h.restart();
    return restarted;
  };

  /** Gives P10 a next step due on `nextDue` straight in the state, without an event. */
  const setP10Step = async (store: Store | undefined, nextDue: string, nextStep: string): Promise<void> => {
    if (store === undefined) throw new Error('no store');
    await store.mutate((state) => ({
      ok: true,
      value: {
        state: {
          ...state,
          pledges: state.pledges.map((p) => (p.id === 'P10' ? { ...p, nextDue, nextStep } : p)),
        },
        events: [],
        value: undefined,
      },
    }));
  };

  it('sends nothing before the reminder time', async () => {
    const run = await live().channels.runDueReminders(now);
    expect(run.outcome).toBe('early');
    expect(postsIn(h, USERS.editor)).toEqual([]);
  });

  it('at the reminder time on a business day: one DM per owner with something due, none empty', async () => {
    now = at('2026-01-20T00:30:00Z');
    const seq = h.fake.seq();
    const run = await live().channels.runDueReminders(now);
    expect(run).toMatchObject({ date: '2026-01-20', outcome: 'sent' });
    expect([...run.sent].sort()).toEqual([USERS.admin, USERS.editor].sort());
    const [editorDm, ...moreEditor] = postsIn(h, USERS.editor, seq);
    const [adminDm, ...moreAdmin] = postsIn(h, USERS.admin, seq);
    expect(moreEditor).toEqual([]);
    expect(moreAdmin).toEqual([]);
    expect(textOf(editorDm?.args)).toContain('call the retailer');
    expect(textOf(editorDm?.args)).not.toContain('ask the bank');
    expect(textOf(adminDm?.args)).toContain('ask the bank');
    expect(textOf(adminDm?.args)).toContain('4 days overdue');
    expect(textOf(adminDm?.args)).not.toContain('HL board');
    expect(postsIn(h, USERS.viewer, seq)).toEqual([]);
    expect(h.state().reminders).toMatchObject({ date: '2026-01-20', done: true });
  });

  it('the same day again sends nothing', async () => {
    const seq = h.fake.seq();
    now = at('2026-01-20T05:00:00Z');
    expect((await live().channels.runDueReminders(now)).outcome).toBe('done');
    expect(postsIn(h, USERS.editor, seq)).toEqual([]);
  });

  /** `user` presses a reminder button for pledge `id` in their DM; resolves with the answer to its response_url. */
  const press = async (user: string, actionId: string, id: string, message?: Record<string, unknown>) => {
    const seq = h.fake.seq();
    await h.clickAction({
      user,
      actionId,
      blockId: `reminder_${id}`,
      value: id,
      container: { type: 'message', channel: `D${user.slice(1)}` },
      ...(message === undefined ? {} : { message }),
    });
    return h.fake.waitForCall('response_url', undefined, { afterSeq: seq });
  };

  it('Done clears the next step (audited, by whoever pressed it); only the owner, an editor or an admin may', async () => {
    const dm = postsIn(h, USERS.editor).at(-1);
    const blocks = (dm?.args.blocks ?? []) as {
      type: string;
      block_id?: string;
      elements?: { action_id: string; value?: string }[];
    }[];
    const buttons = blocks.find((b) => b.type === 'actions' && b.block_id === 'reminder_P10');
    expect(buttons?.elements?.map((e) => e.action_id)).toEqual([
      'reminder_done',
      'reminder_snooze_day',
      'reminder_snooze_week',
    ]);
    const bytes = await h.storeBytes();
    const refusal = await press(USERS.viewer, 'reminder_done', 'P10');
    expect(await h.storeBytes()).toBe(bytes);
    expect(textOf(refusal.args)).toContain('Only the owner of this pledge');

    const answer = await press(USERS.editor, 'reminder_done', 'P10', { ts: dm?.args.ts, blocks });
    expect(h.pledge('P10').nextStep).toBeUndefined();
    const [event] = await h.store.recentEvents(1);
    expect(event).toMatchObject({
      type: 'pledge.next',
      target: 'P10',
      actor: USERS.editor,
      before: { nextStep: 'call the retailer' },
      after: { nextStep: null },
    });
    const redrawn = answer.args;
    expect(redrawn?.replace_original).toBe(true);
    expect(textOf(redrawn)).toContain('marked done');
  });

  it('Snooze 1 day and 1 week put a pledge off; the owner may press them', async () => {
    await press(USERS.admin, 'reminder_snooze_week', 'P11');
    expect(h.pledge('P11')).toMatchObject({ snoozedUntil: '2026-01-27', nextDue: '2026-01-27' });
    const [event] = await h.store.recentEvents(1);
    expect(event).toMatchObject({
      type: 'pledge.next',
      actor: USERS.admin,
      after: { snoozedUntil: '2026-01-27' },
    });
  });

  it('a restart on the same store neither repeats the day nor skips the next', async () => {
    await h.winwin.stop();
    await h.store.close();
    const seq = h.fake.seq();
    now = at('2026-01-20T06:00:00Z');
    const { winwin } = await restart();
    expect((await winwin.channels.runDueReminders(now)).outcome).toBe('done');
    expect(postsIn(h, USERS.admin, seq)).toEqual([]);
    // Wednesday: P11 is snoozed, P3's step is not due, the editor has nothing: nobody is due → no DM.
    // Give the editor a step due on Wednesday.
    await setP10Step(restarted?.store, '2026-01-21', 'visit');
    now = at('2026-01-21T00:00:00Z');
    const wed = await winwin.channels.runDueReminders(now);
    expect(wed).toMatchObject({ date: '2026-01-21', outcome: 'sent', sent: [USERS.editor] });
    expect(postsIn(h, USERS.editor, seq)).toHaveLength(1);
    expect(postsIn(h, USERS.admin, seq)).toEqual([]);
  });

  it('none on a Saturday, nor on Christmas 2026 (a Friday)', async () => {
    const winwin = live();
    const seq = h.fake.seq();
    now = at('2026-01-24T01:00:00Z');
    expect((await winwin.channels.runDueReminders(now)).outcome).toBe('off');
    now = at('2026-12-25T01:00:00Z');
    expect((await winwin.channels.runDueReminders(now)).outcome).toBe('off');
    expect(h.fake.calls('chat.postMessage').filter((c) => c.seq > seq)).toEqual([]);
  });

  it('a day missed while down goes out at start-up that day, and only that day', async () => {
    await restarted?.winwin.stop();
    await restarted?.store.close();
    restarted = undefined;
    // Down from Wednesday noon until Friday 11:00 (2026-01-23): Thursday's reminders are not sent later.
    now = at('2026-01-23T02:00:00Z');
    const store = await openStore(h.dbPath);
    await setP10Step(store, '2026-01-22', 'thursday call');
    await store.close();
    const seq = h.fake.seq();
    const again = await restart();
    // listen() starts the channels, whose first tick sends what is due now: Friday's DM, at once.
    const dm = await h.fake.waitForCall('chat.postMessage', (c) => c.args.channel === USERS.editor, {
      afterSeq: seq,
    });
    expect(textOf(dm.args)).toContain('2026-01-23');
    expect(textOf(dm.args)).toContain('1 day overdue');
    expect(postsIn(h, USERS.editor, seq)).toHaveLength(1);
    await again.winwin.channels.runDueReminders(now);
    expect(again.store.read().reminders).toMatchObject({ date: '2026-01-23', done: true });
  });
});
