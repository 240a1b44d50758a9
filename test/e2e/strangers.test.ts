import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockActionsPayload } from '../../src/loopback/signed-client.js';
import { ACTIONS, PLEDGE_MODAL } from '../../src/views/ids.js';
import { type Harness, startHarness, textOf, USERS } from '../support/harness.js';

/** A corporation's employee in a Slack Connect channel with the ministry. */
const OUTSIDER = 'UOUTSIDE01';
const PARTNER_TEAM = 'TPARTNER1';
const REFUSAL = 'available only to members of the organization that runs it';

// Anything that would tell an outsider about a program: sector and program names, contributors, amounts.
const LEAKS = /autos|steel|retail|shipbuilding|hyundai|coupang|현대|억|조 원|\bwon\b|\d/i;

const clickAs = async (h: Harness, user: string, userTeam: string, responseId: string) => {
  const payload = blockActionsPayload(
    {
      user,
      actionId: ACTIONS.shareStatus,
      value: 'all',
      container: { type: 'message', channel: 'C0SHARED01' },
      responseUrl: h.fake.responseUrl(responseId),
    },
    h.fake.teamId,
  );
  (payload.user as Record<string, unknown>).team_id = userTeam;
  const res = await h.client.interactive(payload);
  expect(res.status).toBe(200);
};

describe('strangers from another organization (Slack Connect)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ seed: 'demo' });
    h.fake.setUser(OUTSIDER, { teamId: PARTNER_TEAM });
  });
  afterAll(() => h.close());

  it('are refused on a command, even though the command comes in with the host team_id', async () => {
    const seq = h.fake.seq();
    const reply = await h.command('/winwin status', { user: OUTSIDER, channel: 'C0SHARED01' });
    const text = textOf(reply);
    expect(text).toContain(REFUSAL);
    expect(text).not.toMatch(LEAKS);
    expect(reply.response_type).toBe('ephemeral');
    // Only the look-ups: nothing posted, opened or published for them.
    const methods = h.fake
      .calls()
      .filter((c) => c.seq > seq)
      .map((c) => c.method);
    expect(methods.every((m) => m === 'users.info' || m === 'auth.test')).toBe(true);
    expect(methods).toContain('users.info');
  });

  it('are refused the same on every subcommand, the help included, and nothing is stored', async () => {
    const before = await h.storeBytes();
    for (const line of [
      '/winwin',
      '/winwin help',
      '/winwin whoami',
      '/winwin history',
      '/winwin pledge autos 1억 X',
    ]) {
      const text = textOf(await h.command(line, { user: OUTSIDER }));
      expect(text, line).toContain(REFUSAL);
      expect(text, line).not.toMatch(LEAKS);
    }
    expect(await h.storeBytes()).toBe(before);
  });

  it('are refused on a button: no share, no post, the refusal goes to their response_url', async () => {
    const seq = h.fake.seq();
    await clickAs(h, OUTSIDER, PARTNER_TEAM, 'outsider-click');
    const sent = await h.fake.waitFor(() => h.fake.responses('outsider-click')[0]);
    expect(textOf(sent.args)).toContain(REFUSAL);
    expect(textOf(sent.args)).not.toMatch(LEAKS);
    expect(sent.args.replace_original).toBe(false);
    expect(h.fake.calls('chat.postMessage').filter((c) => c.seq > seq)).toEqual([]);
  });

  it("are refused on a button whose payload claims the host team: users.info's team decides", async () => {
    const seq = h.fake.seq();
    await clickAs(h, OUTSIDER, h.fake.teamId, 'outsider-claims-home');
    const sent = await h.fake.waitFor(() => h.fake.responses('outsider-claims-home')[0]);
    expect(textOf(sent.args)).toContain(REFUSAL);
    expect(h.fake.calls('chat.postMessage').filter((c) => c.seq > seq)).toEqual([]);
  });

  it('are refused on a modal submission, and nothing is stored', async () => {
    const before = await h.storeBytes();
    const ack = await h.submitView(
      PLEDGE_MODAL.callbackId,
      {
        program: 'autos-hyundai',
        contributor: 'Outsider Corp',
        kind: 'corporation',
        amount: '100억',
        status: 'verbal',
      },
      { user: OUTSIDER },
    );
    expect(ack.response_action).toBe('update');
    expect(textOf(ack.view)).toContain(REFUSAL);
    expect(textOf(ack.view)).not.toMatch(LEAKS);
    expect(await h.storeBytes()).toBe(before);
  });

  it('get an App Home that says only that Winwin is not for them', async () => {
    const view = await h.openHome(OUTSIDER);
    expect(view.type).toBe('home');
    expect(textOf(view)).toContain(REFUSAL);
    expect(textOf(view)).not.toMatch(LEAKS);
    expect(JSON.stringify(view)).not.toMatch(/"type":"actions"/);
  });

  it('a user users.info marks is_stranger is refused whatever team it names', async () => {
    h.fake.setUser('USTRANGER1', { isStranger: true });
    expect(textOf(await h.command('/winwin status', { user: 'USTRANGER1' }))).toContain(REFUSAL);
  });

  it('fail closed: when users.info fails the user is refused, and let in once it answers again', async () => {
    h.fake.failNext('users.info', { error: 'internal_error' });
    const refused = textOf(await h.command('/winwin status', { user: 'UNEWUSER01' }));
    expect(refused).toContain(REFUSAL);
    expect(refused).not.toMatch(LEAKS);
    // A failure is not remembered: the next request looks the user up again.
    const later = textOf(await h.command('/winwin status', { user: 'UNEWUSER01' }));
    expect(later).not.toContain(REFUSAL);
    expect(later).toContain('autos');
  });

  it("members of Winwin's own team are looked up once, then served from the cache", async () => {
    await h.command('/winwin whoami', { user: USERS.viewer });
    const seq = h.fake.seq();
    await h.command('/winwin status', { user: USERS.viewer });
    await h.openHome(USERS.viewer);
    expect(h.fake.calls('users.info').filter((c) => c.seq > seq)).toEqual([]);
  });

  it("a new user's concurrent first requests share one users.info call", async () => {
    const seq = h.fake.seq();
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => h.command('/winwin status', { user: 'UBURST0001' })),
    );
    for (const answer of answers) expect(textOf(answer)).toContain('autos');
    expect(h.fake.calls('users.info').filter((c) => c.seq > seq)).toHaveLength(1);
  });
});

describe('WINWIN_ALLOWED_TEAMS', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ seed: 'demo', env: { WINWIN_ALLOWED_TEAMS: `TOTHER999, ${PARTNER_TEAM}` } });
    h.fake.setUser(OUTSIDER, { teamId: PARTNER_TEAM });
    h.fake.setUser('UTHIRD0001', { teamId: 'TTHIRDORG' });
  });
  afterAll(() => h.close());

  it("admits a partner team's users as viewers: figures yes, unsigned names no", async () => {
    expect(textOf(await h.command('/winwin whoami', { user: OUTSIDER }))).toContain('viewer');
    const status = textOf(await h.command('/winwin status retail', { user: OUTSIDER }));
    expect(status).not.toContain(REFUSAL);
    expect(status).toMatch(/억|bn|won/i);
    expect(status).not.toContain('Coupang');
    const view = await h.openHome(OUTSIDER);
    expect(textOf(view)).toContain('*viewer*');
  });

  it('a partner viewer still may not change anything', async () => {
    const before = await h.storeBytes();
    const reply = textOf(await h.command('/winwin pledge autos-hyundai 1억 X', { user: OUTSIDER }));
    expect(reply).toContain('Only editors and admins');
    expect(await h.storeBytes()).toBe(before);
  });

  it('a team not on the list is still refused', async () => {
    expect(textOf(await h.command('/winwin status', { user: 'UTHIRD0001' }))).toContain(REFUSAL);
  });
});

describe('WINWIN_ALLOWED_TEAMS with a partner in WINWIN_EDITORS', () => {
  it('roles still come only from WINWIN_ADMINS, WINWIN_EDITORS and grants', async () => {
    const h = await startHarness({
      seed: 'demo',
      editors: [USERS.editor, OUTSIDER],
      env: { WINWIN_ALLOWED_TEAMS: PARTNER_TEAM },
    });
    try {
      h.fake.setUser(OUTSIDER, { teamId: PARTNER_TEAM });
      expect(textOf(await h.command('/winwin whoami', { user: OUTSIDER }))).toContain('editor');
    } finally {
      await h.close();
    }
  });

  it('an editor listed in WINWIN_EDITORS whose team is not admitted is refused all the same', async () => {
    const h = await startHarness({ seed: 'demo', editors: [OUTSIDER] });
    try {
      h.fake.setUser(OUTSIDER, { teamId: PARTNER_TEAM });
      expect(textOf(await h.command('/winwin whoami', { user: OUTSIDER }))).toContain(REFUSAL);
    } finally {
      await h.close();
    }
  });
});
