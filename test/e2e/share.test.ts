import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok } from '../../src/domain/result.js';
import { ACTIONS } from '../../src/views/ids.js';
import { blockKitProblems } from '../support/block-kit-limits.js';
import { type Harness, startHarness, textOf, USERS } from '../support/harness.js';

const CHANNEL = 'C0WINWIN01';
const OTHER = 'C0OTHER001';

describe('Share in channel', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ seed: 'demo' });
  });
  afterAll(() => h.close());

  const share = async (value: string, channel = CHANNEL, user: string = USERS.editor) => {
    const after = h.fake.seq();
    await h.clickAction({
      user,
      actionId: ACTIONS.shareStatus,
      value,
      container: { type: 'message', channel },
    });
    const post = await h.fake.waitForCall('chat.postMessage', undefined, { afterSeq: after });
    const note = await h.fake.waitForCall('response_url', undefined, { afterSeq: after });
    return { post, note };
  };

  it("posts for the channel's audience: an unsigned name the editor saw is absent from the channel", async () => {
    const reply = await h.command('/winwin status retail', { user: USERS.editor, channel: CHANNEL });
    expect(textOf(reply)).toContain('Coupang');
    const button = JSON.stringify(reply.blocks);
    expect(button).toContain(`"value":"retail-consortium"`);

    const { post, note } = await share('retail-consortium');
    expect(post.args.channel).toBe(CHANNEL);
    const posted = `${textOf(post.args)}\n${String(post.args.text)}`;
    expect(posted).toContain('is suspended');
    expect(posted).toContain('undisclosed contributor');
    for (const name of ['Coupang', 'Large retailer A', 'Commercial bank A'])
      expect(posted).not.toContain(name);
    expect(posted).toContain(`Shared by <@${USERS.editor}>`);
    // No controls, Share button or page buttons in a channel.
    expect(JSON.stringify(post.args.blocks)).not.toMatch(/static_select|status_share|page_next/);
    expect(blockKitProblems(post.args)).toEqual([]);
    expect(note.args.replace_original).toBe(false);
    expect(textOf(note.args)).toContain('Shared in this channel');
  });

  it('a channel subscribed with names sees them; one subscribed with totals, or to another sector, does not', async () => {
    const sub = (channel: string, target: string, detail: 'names' | 'totals') => ({
      channel,
      target,
      cadence: 'daily' as const,
      detail,
      createdBy: USERS.admin,
      createdAt: '2025-12-01T00:00:00.000Z',
      watermark: 0,
    });
    // Straight through the store, keeping the audit trail (the overview's last change names P11's contributor).
    await h.store.mutate((state) =>
      ok({
        state: {
          ...state,
          subscriptions: [
            sub(CHANNEL, 'retail', 'names'),
            sub(OTHER, 'retail', 'totals'),
            sub(OTHER, 'autos', 'names'),
          ],
        },
        events: [],
        value: undefined,
      }),
    );
    const named = await share('retail-consortium', CHANNEL);
    expect(textOf(named.post.args)).toContain('Coupang');
    const totals = await share('retail-consortium', OTHER);
    expect(textOf(totals.post.args)).not.toContain('Coupang');
    // A names subscription to retail does not cover the overview of every sector.
    const overview = await share('all', CHANNEL);
    expect(textOf(overview.post.args)).toContain('*retail*');
    expect(textOf(overview.post.args)).toContain('Last change');
    expect(textOf(overview.post.args)).not.toContain('Commercial bank A');
  });

  it('a viewer can share too; it is still drawn for the channel', async () => {
    const { post } = await share('autos', OTHER, USERS.viewer);
    expect(textOf(post.args)).toContain('`autos-hl`');
  });

  it('a failed post is reported to the user, not dropped silently', async () => {
    h.fake.failNext('chat.postMessage', { error: 'not_in_channel' });
    const after = h.fake.seq();
    await h.clickAction({
      user: USERS.editor,
      actionId: ACTIONS.shareStatus,
      value: 'steel',
      container: { type: 'message', channel: CHANNEL },
    });
    const note = await h.fake.waitForCall('response_url', undefined, { afterSeq: after });
    expect(textOf(note.args)).toContain('not_in_channel');
    expect(textOf(note.args)).toContain('/invite');
  });
});
