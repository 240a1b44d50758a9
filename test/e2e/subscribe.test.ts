import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Subscription } from '../../src/domain/types.js';
import { ACTIONS } from '../../src/views/ids.js';
import { type Harness, startHarness, textOf, USERS } from '../support/harness.js';

const C = 'C0AUTOS01';

describe('/winwin subscribe, unsubscribe, subscriptions', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ seed: 'demo' });
  });
  afterAll(() => h.close());

  const subs = (channel = C): Subscription[] => h.state().subscriptions.filter((s) => s.channel === channel);

  it('a viewer cannot subscribe a channel, and nothing is stored', async () => {
    const bytes = await h.storeBytes();
    const reply = await h.command('/winwin subscribe autos', { user: USERS.viewer, channel: C });
    expect(textOf(reply)).toContain('Only editors and admins');
    expect(await h.storeBytes()).toBe(bytes);
  });

  it('an editor subscribes the channel where the command is typed: daily totals by default', async () => {
    const reply = await h.command('/winwin subscribe 자동차', { user: USERS.editor, channel: C });
    expect(textOf(reply)).toContain('This channel now follows `autos`, daily at 09:00 (Asia/Seoul), totals');
    expect(subs()).toMatchObject([
      { target: 'autos', cadence: 'daily', detail: 'totals', createdBy: USERS.editor },
    ]);
  });

  it('re-subscribing changes the settings and never duplicates', async () => {
    const reply = await h.command('/winwin subscribe autos weekly', { user: USERS.editor, channel: C });
    expect(textOf(reply)).toContain('changed from daily at 09:00 (Asia/Seoul), totals to weekly on Mondays');
    expect(subs()).toHaveLength(1);
    expect(subs()[0]).toMatchObject({ cadence: 'weekly', createdBy: USERS.editor });
  });

  it('only an admin may subscribe with names', async () => {
    const refused = await h.command('/winwin subscribe autos names', { user: USERS.editor, channel: C });
    expect(textOf(refused)).toContain('Only admins');
    expect(subs()[0]?.detail).toBe('totals');
    const reply = await h.command('/winwin subscribe autos names realtime', {
      user: USERS.admin,
      channel: C,
    });
    expect(textOf(reply)).toContain('in real time, with names');
    expect(subs()[0]).toMatchObject({ cadence: 'realtime', detail: 'names' });
  });

  it('refuses unknown words and targets with the usage', async () => {
    const word = await h.command('/winwin subscribe autos hourly', { user: USERS.editor, channel: C });
    expect(textOf(word)).toContain('hourly');
    expect(textOf(word)).toContain('/winwin subscribe <target|all>');
    const target = await h.command('/winwin subscribe chips', { user: USERS.editor, channel: C });
    expect(textOf(target)).toContain('Unknown target');
    const none = await h.command('/winwin subscribe', { user: USERS.editor, channel: C });
    expect(textOf(none)).toContain('Usage');
  });

  it('lists this channel’s subscriptions with who set each up and when, for anyone', async () => {
    await h.command('/winwin subscribe all weekly', { user: USERS.admin, channel: C });
    const reply = await h.command('/winwin subscriptions', { user: USERS.viewer, channel: C });
    const text = textOf(reply);
    expect(text).toContain('all programs · weekly on Mondays at 09:00 (Asia/Seoul), totals');
    expect(text).toContain(`set up by <@${USERS.admin}>`);
    expect(text).toContain('`autos` · in real time, with names');
    expect(text.indexOf('all programs')).toBeLessThan(text.indexOf('`autos`'));
    const elsewhere = await h.command('/winwin subscriptions', { user: USERS.viewer, channel: 'C0EMPTY01' });
    expect(textOf(elsewhere)).toContain('follows nothing yet');
  });

  it('unsubscribes; an unknown one says what the channel follows', async () => {
    const missing = await h.command('/winwin unsubscribe steel', { user: USERS.editor, channel: C });
    expect(textOf(missing)).toContain('does not follow `steel`');
    expect(textOf(missing)).toContain('`autos`');
    const reply = await h.command('/winwin unsubscribe autos', { user: USERS.editor, channel: C });
    expect(textOf(reply)).toContain('no longer follows `autos`');
    expect(subs().map((s) => s.target)).toEqual(['all']);
    const viewer = await h.command('/winwin unsubscribe all', { user: USERS.viewer, channel: C });
    expect(textOf(viewer)).toContain('Only editors and admins');
    expect(subs()).toHaveLength(1);
  });

  it('every channel’s subscriptions: admins only, paginated', async () => {
    const refused = await h.command('/winwin subscriptions all', { user: USERS.editor });
    expect(textOf(refused)).toContain('Only admins');
    const state = h.state();
    const many: Subscription[] = Array.from({ length: 45 }, (_, i) => ({
      channel: `C0MANY${String(i).padStart(3, '0')}`,
      target: 'all',
      cadence: 'daily',
      detail: 'totals',
      createdBy: USERS.editor,
      createdAt: '2025-12-01T00:00:00.000Z',
      watermark: 0,
    }));
    await h.store.replaceAll({ ...state, subscriptions: [...state.subscriptions, ...many] }, []);
    const first = await h.command('/winwin subscriptions all', { user: USERS.admin });
    const text = textOf(first);
    expect(text).toContain("Every channel's subscriptions (46)");
    expect(text).toContain('Page 1/2');
    expect(text).toContain('<#C0AUTOS01>');
    const next = first.blocks
      .flatMap((b: { elements?: { action_id?: string; value?: string }[] }) => b.elements ?? [])
      .find((e: { action_id?: string }) => e.action_id === ACTIONS.subscriptionsPage);
    expect(next?.value).toBe('1');
    const seq = h.fake.seq();
    await h.clickAction({ actionId: ACTIONS.subscriptionsPage, value: '1' });
    const page = await h.fake.waitForCall('response_url', () => true, { afterSeq: seq });
    expect(textOf(page.args)).toContain('Page 2/2');
    expect(page.args.replace_original).toBe(true);

    // The role is checked again on the click, from the clicking user.
    const seq2 = h.fake.seq();
    await h.clickAction({ actionId: ACTIONS.subscriptionsPage, value: '0', user: USERS.viewer });
    const denied = await h.fake.waitForCall('response_url', () => true, { afterSeq: seq2 });
    expect(textOf(denied.args)).toContain('Only admins');
  });
});
