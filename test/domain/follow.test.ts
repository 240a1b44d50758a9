import { describe, expect, it } from 'vitest';
import {
  clearNextStep,
  markReminded,
  markReminderDay,
  myFollowUps,
  ownerOf,
  remindersFor,
  setNextStep,
  setOwner,
  snooze,
} from '../../src/domain/follow.js';
import { setSchedule } from '../../src/domain/payments.js';
import { recordPledge } from '../../src/domain/pledges.js';
import type { State } from '../../src/domain/types.js';
import { changed, ctx, eok, errorOf, withProgram } from './fixtures.js';

const dateOf = (iso: string) => iso.slice(0, 10);
const day = { ...ctx, now: new Date('2026-01-20T01:00:00Z'), today: '2026-01-20' };

/** P1 committed (IBK, by U0EDITOR), P2 verbal (Coupang, by U0EDITOR), recorded 2026-01-20. */
const base = (): State => {
  let s = withProgram({ sector: 'steel', slug: 'steel-posco', name: 'POSCO + IBK', target: eok(4000) });
  s = changed(
    recordPledge(
      s,
      { program: 'steel-posco', contributor: 'IBK', kind: 'bank', amount: eok(150), status: 'committed' },
      day,
    ),
  ).state;
  s = changed(
    recordPledge(
      s,
      {
        program: 'steel-posco',
        contributor: 'Coupang',
        kind: 'corporation',
        amount: eok(10),
        status: 'verbal',
      },
      day,
    ),
  ).state;
  return s;
};

describe('owner and next step', () => {
  it('the owner defaults to the recorder; setOwner records the effective owner before', () => {
    const s = base();
    expect(ownerOf(s.pledges[0] as State['pledges'][number])).toBe(ctx.actor);
    const c = changed(setOwner(s, 'P1', 'UKIM0001', day));
    expect(c.events[0]).toMatchObject({
      type: 'pledge.owner',
      before: { owner: ctx.actor },
      after: { owner: 'UKIM0001' },
    });
    expect(changed(setOwner(c.state, 'P1', 'UKIM0001', day)).events).toHaveLength(0);
    errorOf(setOwner(s, 'P1', 'kim', day), 'OWNER.INVALID');
  });

  it('sets, snoozes and clears the next step, each a pledge.next event; nothing to clear is no event', () => {
    const set = changed(setNextStep(base(), 'P2', '2026-01-22', 'call the CFO', day));
    expect(set.events[0]).toMatchObject({
      before: { nextDue: null, nextStep: null },
      after: { nextDue: '2026-01-22' },
    });
    const snoozed = changed(snooze(set.state, 'P2', 7, '2026-01-20', day));
    expect(snoozed.state.pledges[1]).toMatchObject({ nextDue: '2026-01-27', snoozedUntil: '2026-01-27' });
    const done = changed(clearNextStep(snoozed.state, 'P2', day));
    expect(done.state.pledges[1]?.nextStep).toBeUndefined();
    expect(done.state.pledges[1]?.snoozedUntil).toBeUndefined();
    expect(changed(clearNextStep(done.state, 'P2', day)).events).toHaveLength(0);
    errorOf(setNextStep(base(), 'P2', '2026-02-30', 'x', day), 'DATE.INVALID');
    errorOf(setNextStep(base(), 'P2', '2026-02-03', '   ', day), 'TEXT.INVALID');
  });
});

describe('follow-ups and reminders', () => {
  const scenario = (): State => {
    let s = base();
    s = changed(setSchedule(s, 'P1', [{ amount: eok(150), due: '2026-01-25' }], day)).state;
    s = changed(setNextStep(s, 'P2', '2026-01-19', 'call the CFO', day)).state;
    s = changed(setOwner(s, 'P2', 'UKIM0001', day)).state;
    return s;
  };

  it('mine: overdue first, then by date; installments within 14 days; stale talks after 30 days', () => {
    const s = scenario();
    expect(myFollowUps(s, 'UKIM0001', '2026-01-20', dateOf).map((f) => f.pledge.id)).toEqual(['P2']);
    const mine = myFollowUps(s, ctx.actor, '2026-01-20', dateOf);
    expect(mine.map((f) => [f.pledge.id, f.upcoming.length])).toEqual([['P1', 1]]);
    expect(myFollowUps(s, ctx.actor, '2026-01-26', dateOf)[0]?.overdue).toHaveLength(1);
    const stale = myFollowUps(s, 'UKIM0001', '2026-02-20', dateOf)[0];
    expect(stale?.staleDays).toBe(31);
  });

  it('reminders: one per owner with something due, installments within 7 days, none for nothing', () => {
    const s = scenario();
    // 2026-01-17: P1's installment is 8 days away, P2's step not due yet: nothing.
    expect(remindersFor(s, '2026-01-17', dateOf)).toEqual([]);
    const today = remindersFor(s, '2026-01-20', dateOf);
    expect(today.map((r) => [r.owner, r.items.map((i) => i.pledge.id)])).toEqual([
      [ctx.actor, ['P1']],
      ['UKIM0001', ['P2']],
    ]);
  });

  it('the watermark leaves out owners already sent, and a finished day sends nothing more', () => {
    const s = markReminded(scenario(), 'UKIM0001', '2026-01-20');
    expect(remindersFor(s, '2026-01-20', dateOf).map((r) => r.owner)).toEqual([ctx.actor]);
    expect(remindersFor(markReminderDay(s, '2026-01-20'), '2026-01-20', dateOf)).toEqual([]);
    // A new day starts afresh.
    expect(
      remindersFor(s, '2026-01-21', dateOf)
        .map((r) => r.owner)
        .sort(),
    ).toEqual([ctx.actor, 'UKIM0001'].sort());
  });

  it('a snoozed pledge waits until its day', () => {
    const s = changed(snooze(scenario(), 'P2', 1, '2026-01-20', day)).state;
    expect(remindersFor(s, '2026-01-20', dateOf).map((r) => r.owner)).toEqual([ctx.actor]);
    expect(remindersFor(s, '2026-01-21', dateOf).map((r) => r.owner)).toContain('UKIM0001');
  });
});
