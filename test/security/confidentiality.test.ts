import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIONS } from '../../src/views/ids.js';
import { type Harness, startHarness, USERS } from '../support/harness.js';
import { answerText, answerTo, settle } from './observe.js';

/**
 * Contributors whose pledge was never signed are confidential: a viewer, a channel share and a
 * `totals` subscription never see their names, on any surface — while editors do (so the check is real).
 */

const SECRET = 'Quasar Undisclosed Retail';

describe('unsigned contributors stay confidential', () => {
  let h: Harness;
  let unsigned: string[];
  beforeAll(async () => {
    h = await startHarness({ seed: 'demo' });
    await h.command('/winwin subscribe retail realtime totals', { user: USERS.admin, channel: 'C0WINWIN02' });
    await h.command(`/winwin pledge retail-consortium 50억 "${SECRET}"`, { user: USERS.editor });
    const id = h.state().pledges.find((p) => p.contributor === SECRET)?.id ?? '';
    await h.command(`/winwin set ${id} suspended talks paused`, { user: USERS.editor });
    await settle(h);
    unsigned = h
      .state()
      .pledges.filter((p) => !p.signed)
      .map((p) => p.contributor);
  });
  afterAll(() => h.close());

  const viewerSurfaces = (user: string): [string, () => Promise<unknown>][] => [
    ['status', () => h.command('/winwin status', { user })],
    ['status retail', () => h.command('/winwin status retail', { user })],
    ['status program', () => h.command('/winwin status retail-consortium', { user })],
    ['history', () => h.command('/winwin history 100', { user })],
    ['history retail', () => h.command('/winwin history retail 100', { user })],
    ['capacity', () => h.command('/winwin capacity retail 100억', { user })],
    ['digest', () => h.command('/winwin digest all', { user, channel: 'C0WINWIN02' })],
    ['home', async () => ({ view: await h.openHome(user) })],
    [
      'page',
      () =>
        h.clickAction({
          actionId: ACTIONS.pageNext,
          value: JSON.stringify({ target: 'retail-consortium', page: 0 }),
          user,
        }),
    ],
  ];

  it('a viewer never sees an unsigned contributor on any surface', async () => {
    expect(unsigned).toContain(SECRET);
    for (const [name, run] of viewerSurfaces(USERS.viewer)) {
      const answer = await answerTo(h, run);
      // Homes are republished after changes (channels/homes.ts): another user's Home, drawn for that
      // user's role, may go out meanwhile; it is not an answer to the viewer. The viewer's own is.
      const calls = answer.calls.filter(
        (c) => c.method !== 'views.publish' || c.args.user_id === USERS.viewer,
      );
      const text = answerText({ ...answer, calls });
      for (const contributor of unsigned)
        expect(text, `${name} shows ${contributor}`).not.toContain(contributor);
    }
  });

  it('an editor does see them (so the check above can fail)', async () => {
    const text = answerText(
      await answerTo(h, () => h.command('/winwin status retail-consortium', { user: USERS.editor })),
    );
    expect(text).toContain(SECRET);
  });

  it('"Share in channel" by an editor renders for the channel, not for the editor', async () => {
    const a = await answerTo(h, () =>
      h.clickAction({ actionId: ACTIONS.shareStatus, value: 'retail-consortium', user: USERS.editor }),
    );
    const posted = a.calls.filter((c) => c.method === 'chat.postMessage');
    expect(posted.length).toBeGreaterThan(0);
    for (const contributor of unsigned) expect(JSON.stringify(posted)).not.toContain(contributor);
  });

  it('a totals channel never gets their names in realtime cards, threads or digests', async () => {
    await h.command('/winwin pledge retail-consortium 7억 "Another Quiet Bank" kind:bank', {
      user: USERS.editor,
    });
    await h.command('/winwin digest retail', { user: USERS.admin, channel: 'C0WINWIN02' });
    await settle(h);
    const toChannel = h.fake
      .calls()
      .filter((c) => c.args.channel === 'C0WINWIN02' || c.args.channel_id === 'C0WINWIN02');
    expect(toChannel.length).toBeGreaterThan(0);
    for (const contributor of [...unsigned, 'Another Quiet Bank']) {
      expect(JSON.stringify(toChannel.map((c) => c.args))).not.toContain(contributor);
    }
  });
});
