import { describe, expect, it } from 'vitest';
import type { Ctx } from '../../src/domain/change.js';
import { Decimal } from '../../src/domain/decimal.js';
import { createProgram } from '../../src/domain/programs.js';
import {
  advanceRealtime,
  covers,
  eventFilterFor,
  markReported,
  pauseChannel,
  saveCard,
  subscribe,
  subscriptionTarget,
  unsubscribe,
} from '../../src/domain/subscriptions.js';
import { emptyState, type State } from '../../src/domain/types.js';
import { changed, ctx, deepFreeze, eok, errorOf, programInput } from './fixtures.js';

const C = 'C0AUTOS01';
const base = (): State => {
  let state = emptyState();
  state = changed(createProgram(state, programInput(), ctx)).state;
  state = changed(
    createProgram(
      state,
      programInput({ slug: 'autos-hl', name: 'HL Group + Hana Bank', target: eok(1000) }),
      ctx,
    ),
  ).state;
  state = changed(
    createProgram(
      state,
      programInput({
        sector: 'retail',
        slug: 'retail-coupang',
        name: 'Retailers',
        multiple: new Decimal(50),
      }),
      ctx,
    ),
  ).state;
  return deepFreeze(state);
};

describe('subscription targets', () => {
  const state = base();
  it('keeps all, sectors (by name or alias) and program slugs', () => {
    expect(subscriptionTarget(state, 'ALL')).toEqual({ ok: true, value: 'all' });
    expect(subscriptionTarget(state, '전체')).toEqual({ ok: true, value: 'all' });
    expect(subscriptionTarget(state, '자동차')).toEqual({ ok: true, value: 'autos' });
    expect(subscriptionTarget(state, 'autos-hl')).toEqual({ ok: true, value: 'autos-hl' });
  });
  it('a sector with one program stays the sector, so later programs are followed', () => {
    expect(subscriptionTarget(state, 'retail')).toEqual({ ok: true, value: 'retail' });
  });
  it('an unknown target is TARGET.UNKNOWN', () => {
    errorOf(subscriptionTarget(state, 'chips'), 'TARGET.UNKNOWN');
  });
});

describe('subscribe', () => {
  const state = base();
  const input = { channel: C, target: 'autos', cadence: 'daily' as const, detail: 'totals' as const };

  it('starts at the newest event, records who and when, and records no event', () => {
    const change = changed(subscribe(state, input, ctx));
    expect(change.events).toEqual([]);
    expect(change.state.nextEvent).toBe(state.nextEvent);
    expect(change.value.subscription).toEqual({
      channel: C,
      target: 'autos',
      cadence: 'daily',
      detail: 'totals',
      createdBy: ctx.actor,
      createdAt: ctx.now.toISOString(),
      watermark: state.nextEvent - 1,
    });
    expect(change.value.previous).toBeUndefined();
  });

  it('re-subscribing changes the settings, keeps creator and watermark, never duplicates', () => {
    const first = changed(subscribe(state, input, ctx)).state;
    const later: Ctx = { actor: 'U0OTHER01', now: new Date('2025-12-05T00:00:00Z') };
    const marked = changed(markReported(first, { channel: C, target: 'autos' }, 2, later.now)).state;
    const second = changed(subscribe(marked, { ...input, target: '자동차', cadence: 'realtime' }, later));
    expect(second.state.subscriptions).toHaveLength(1);
    expect(second.value.subscription).toMatchObject({
      cadence: 'realtime',
      createdBy: ctx.actor,
      createdAt: ctx.now.toISOString(),
      watermark: 3,
    });
    expect(second.value.previous?.cadence).toBe('daily');
  });

  it('re-subscribing resumes a paused subscription', () => {
    const first = changed(subscribe(state, input, ctx)).state;
    const paused = changed(pauseChannel(first, C, 'is_archived', ctx.now)).state;
    expect(paused.subscriptions[0]?.paused?.reason).toBe('is_archived');
    const resumed = changed(subscribe(paused, input, ctx)).state;
    expect(resumed.subscriptions[0]?.paused).toBeUndefined();
  });

  it('the same settings again change nothing', () => {
    const first = changed(subscribe(state, input, ctx)).state;
    expect(changed(subscribe(first, input, ctx)).state).toBe(first);
  });

  it('refuses a channel id that is not one and an unknown target', () => {
    errorOf(subscribe(state, { ...input, channel: 'general' }, ctx), 'SUBSCRIPTION.INVALID');
    errorOf(subscribe(state, { ...input, target: 'chips' }, ctx), 'TARGET.UNKNOWN');
  });
});

describe('unsubscribe and cards', () => {
  const state = base();
  const live = (target: string) =>
    changed(subscribe(state, { channel: C, target, cadence: 'realtime', detail: 'totals' }, ctx)).state;

  it('removes the subscription and its cards', () => {
    const withCard = saveCard(live('autos'), { channel: C, program: 'autos-hl', ts: '1.1' });
    const after = changed(unsubscribe(withCard, C, 'autos'));
    expect(after.state.subscriptions).toEqual([]);
    expect(after.state.cards).toEqual([]);
  });

  it('keeps a card another realtime subscription still covers', () => {
    const both = changed(
      subscribe(live('autos'), { channel: C, target: 'all', cadence: 'realtime', detail: 'totals' }, ctx),
    ).state;
    const withCard = saveCard(both, { channel: C, program: 'autos-hl', ts: '1.1' });
    expect(changed(unsubscribe(withCard, C, 'autos')).state.cards).toHaveLength(1);
  });

  it('an unknown one is SUBSCRIPTION.UNKNOWN listing what the channel follows', () => {
    const error = errorOf(unsubscribe(live('autos'), C, 'retail'), 'SUBSCRIPTION.UNKNOWN');
    expect(error.details?.subscribed).toEqual(['autos']);
  });

  it('saveCard replaces the card of the same channel and program', () => {
    const one = saveCard(state, { channel: C, program: 'autos-hl', ts: '1.1' });
    expect(saveCard(one, { channel: C, program: 'autos-hl', ts: '2.2' }).cards).toEqual([
      { channel: C, program: 'autos-hl', ts: '2.2' },
    ]);
  });
});

describe('what a subscription covers', () => {
  const state = base();
  it('matches events by program, sector or all, never events without a program', () => {
    const event = { program: 'autos-hl', sector: 'autos' };
    expect(covers({ target: 'all' }, event)).toBe(true);
    expect(covers({ target: 'autos' }, event)).toBe(true);
    expect(covers({ target: 'autos-hl' }, event)).toBe(true);
    expect(covers({ target: 'retail' }, event)).toBe(false);
    expect(covers({ target: 'all' }, {})).toBe(false);
  });
  it('gives the store filter for the target', () => {
    expect(eventFilterFor(state, 'all')).toEqual({});
    expect(eventFilterFor(state, 'autos')).toEqual({ sector: 'autos' });
    expect(eventFilterFor(state, 'autos-hl')).toEqual({ program: 'autos-hl' });
  });
});

describe('watermarks and pauses', () => {
  const state = changed(
    subscribe(base(), { channel: C, target: 'autos', cadence: 'daily', detail: 'totals' }, ctx),
  ).state;
  const key = { channel: C, target: 'autos' };

  it('markReported moves the watermark forward only and stamps lastDigestAt', () => {
    const at = new Date('2025-12-02T00:00:10Z');
    const once = changed(markReported(state, key, 9, at)).value;
    expect(once).toMatchObject({ watermark: 9, lastDigestAt: at.toISOString() });
    const marked = changed(markReported(state, key, 9, at)).state;
    expect(changed(markReported(marked, key, 4, at)).value?.watermark).toBe(9);
  });

  it('markReported on a subscription removed meanwhile changes nothing', () => {
    const change = changed(markReported(state, { channel: C, target: 'retail' }, 9, ctx.now));
    expect(change.state).toBe(state);
    expect(change.value).toBeUndefined();
  });

  it('advanceRealtime touches only the channel realtime subscriptions', () => {
    const live = changed(
      subscribe(state, { channel: C, target: 'all', cadence: 'realtime', detail: 'totals' }, ctx),
    ).state;
    const next = advanceRealtime(live, C, 50);
    expect(next.subscriptions.map((s) => [s.target, s.watermark])).toEqual([
      ['autos', 3],
      ['all', 50],
    ]);
  });

  it('pauseChannel pauses each subscription of the channel once', () => {
    const paused = changed(pauseChannel(state, C, 'channel_not_found', ctx.now));
    expect(paused.value).toHaveLength(1);
    expect(changed(pauseChannel(paused.state, C, 'channel_not_found', ctx.now)).value).toEqual([]);
    expect(changed(pauseChannel(state, 'C0OTHER01', 'x', ctx.now)).state).toBe(state);
  });
});
