import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedCall } from '../../src/loopback/slack-api.js';
import { type Harness, startHarness, USERS } from '../support/harness.js';

/**
 * App Homes keep themselves current: after a change, the Home of whoever made it and of everyone who
 * opened theirs in the last day is republished, at most once a minute each, each drawn for its own
 * user's role. The clock is the test's.
 */
const publishesTo = (h: Harness, user: string, afterSeq: number): RecordedCall[] =>
  h.fake
    .calls('views.publish')
    .filter((c) => c.seq > afterSeq && c.args.user_id === user && c.fault === undefined);

const viewText = (call: RecordedCall | undefined): string => JSON.stringify(call?.args.view ?? {});

describe('App Home republished after changes', () => {
  let h: Harness;
  let now = new Date('2025-12-01T01:00:00Z');
  const advance = (seconds: number): void => {
    now = new Date(now.getTime() + seconds * 1000);
  };
  beforeAll(async () => {
    h = await startHarness({ seed: 'demo', clock: () => now });
  });
  afterAll(() => h.close());

  it('after a change: the Home of its author and of a viewer who opened Home, each for their own role', async () => {
    // The admin looked at Home more than a day before the change: not kept current any more.
    await h.openHome(USERS.admin);
    advance(86_400 + 60);
    const before = await h.openHome(USERS.viewer);
    const seq = h.fake.seq();
    // A big verbal pledge: a concentration on a contributor whose name viewers may not read.
    await h.command('/winwin pledge retail 900억 "Hidden Holdings" status:verbal', { user: USERS.editor });
    const viewer = await h.fake.waitForCall('views.publish', (c) => c.args.user_id === USERS.viewer, {
      afterSeq: seq,
    });
    const editor = await h.fake.waitForCall('views.publish', (c) => c.args.user_id === USERS.editor, {
      afterSeq: seq,
    });
    expect(viewText(viewer)).not.toEqual(JSON.stringify(before));
    expect(viewText(viewer)).not.toContain('Hidden Holdings');
    expect(viewText(viewer)).not.toContain('home_record_pledge');
    expect(viewText(editor)).toContain('Hidden Holdings');
    expect(viewText(editor)).toContain('home_record_pledge');
    await h.winwin.channels.refreshHomes();
    expect(publishesTo(h, USERS.admin, seq)).toEqual([]);
  });

  it('at most once a minute each: a change within the minute waits for it, then goes once', async () => {
    const seq = h.fake.seq();
    advance(20);
    await h.command('/winwin pledge retail 3억 "Second Mart" status:committed', { user: USERS.editor });
    await h.winwin.channels.refreshHomes();
    advance(10);
    await h.command('/winwin pledge retail 4억 "Third Mart" status:committed', { user: USERS.editor });
    await h.winwin.channels.refreshHomes();
    expect(publishesTo(h, USERS.viewer, seq)).toEqual([]);
    expect(publishesTo(h, USERS.editor, seq)).toEqual([]);
    advance(31);
    await h.winwin.channels.refreshHomes();
    const viewer = publishesTo(h, USERS.viewer, seq);
    expect(viewer).toHaveLength(1);
    expect(publishesTo(h, USERS.editor, seq)).toHaveLength(1);
    advance(120);
    await h.winwin.channels.refreshHomes();
    expect(publishesTo(h, USERS.viewer, seq)).toHaveLength(1);
    // The one publish has both changes: it is the Home as the viewer would open it now.
    expect(viewText(viewer[0])).toEqual(JSON.stringify(await h.openHome(USERS.viewer)));
  });

  it('a role granted shows on the Home of the user it was granted to', async () => {
    const seq = h.fake.seq();
    advance(61);
    await h.command(`/winwin access grant <@${USERS.viewer}> editor`, { user: USERS.admin });
    const call = await h.fake.waitForCall('views.publish', (c) => c.args.user_id === USERS.viewer, {
      afterSeq: seq,
    });
    expect(viewText(call)).toContain('home_record_pledge');
    expect(viewText(call)).toContain('Hidden Holdings');
  });
});
