import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Fault } from '../../src/loopback/slack-api.js';
import { ACTIONS } from '../../src/views/ids.js';
import { type Harness, startHarness, USERS } from '../support/harness.js';
import { type Answer, answerText, answerTo } from './observe.js';

/**
 * The Slack Web API failing under Winwin (500, 429 with Retry-After, ok:false) on each way it talks
 * back: chat.postMessage, chat.postEphemeral, response_url, views.open. A stored change is never lost
 * or rolled back by a failed reply; the user hears about it where any channel to them still works; the
 * server keeps serving.
 */

const FAULTS: readonly [string, Fault][] = [
  ['HTTP 500', { status: 500 }],
  ['429 Retry-After 1', { status: 429, retryAfter: 1 }],
  ['ok:false', { error: 'internal_error' }],
];

/** Something reached the user after the fault: a message to them, a reply on the response_url, or a modal. */
const heardIn = (a: Answer, user: string): boolean =>
  (a.ack !== undefined && a.ack !== null && a.ack !== '') ||
  a.calls.some(
    (c) =>
      c.fault === undefined &&
      ((c.method === 'chat.postMessage' && c.args.channel === user) ||
        (c.method === 'chat.postEphemeral' && c.args.user === user) ||
        c.method === 'response_url' ||
        c.method === 'views.open' ||
        c.method === 'views.push'),
  );

describe('Slack Web API faults', () => {
  let h: Harness;
  let counter = 0;
  beforeAll(async () => {
    h = await startHarness({ seed: 'demo' });
  });
  afterAll(() => h.close());

  /**
   * Whether the user heard back. A 429 makes the Web API client wait Retry-After before it tries again,
   * so this waits for a delivery (up to 5 s) rather than judging at the first quiet moment.
   */
  const userHeard = async (a: Answer, user: string): Promise<boolean> => {
    if (heardIn(a, user)) return true;
    const after = Math.min(...a.calls.map((c) => c.seq), h.fake.seq());
    return h.fake
      .waitFor(
        () => heardIn({ ack: undefined, calls: h.fake.calls().filter((c) => c.seq >= after) }, user),
        5000,
      )
      .then(
        () => true,
        () => false,
      );
  };

  const alive = async (): Promise<void> => {
    expect((await fetch(`${h.url}/healthz`)).status).toBe(200);
    expect((await h.command('/winwin whoami', { user: USERS.viewer })).response_type).toBe('ephemeral');
  };

  const openPledgeForm = async (): Promise<Record<string, unknown>> => {
    await h.command('/winwin pledge steel-posco', { user: USERS.editor });
    return h.fake.lastModal() as Record<string, unknown>;
  };

  const submitPledgeForm = (view: Record<string, unknown>, contributor: string) =>
    h.submitView(
      view,
      {
        program: 'steel-posco',
        contributor,
        kind: 'bank',
        amount: '2억',
        status: 'verbal',
        due: null,
        note: null,
      },
      { user: USERS.editor },
    );

  for (const [label, fault] of FAULTS) {
    describe(label, () => {
      it('views.open fails: the user is told in the command reply, nothing is stored', async () => {
        const before = h.state();
        h.fake.failNext('views.open', fault);
        const a = await answerTo(h, () => h.command('/winwin pledge steel-posco', { user: USERS.editor }));
        expect(await userHeard(a, USERS.editor)).toBe(true);
        expect(h.state().pledges).toEqual(before.pledges);
        await alive();
      });

      it('chat.postEphemeral fails after a modal submission: stored, confirmed by DM instead', async () => {
        const name = `Fault Ephemeral ${++counter}`;
        const view = await openPledgeForm();
        h.fake.failNext('chat.postEphemeral', fault);
        const a = await answerTo(h, () => submitPledgeForm(view, name));
        expect(h.state().pledges.map((p) => p.contributor)).toContain(name);
        expect(await userHeard(a, USERS.editor)).toBe(true);
        await alive();
      });

      it('chat.postEphemeral and the DM both fail: still stored, server fine', async () => {
        const name = `Fault Both ${++counter}`;
        const view = await openPledgeForm();
        h.fake.failNext('chat.postEphemeral', fault);
        h.fake.failNext('chat.postMessage', fault);
        await answerTo(h, () => submitPledgeForm(view, name));
        expect(h.state().pledges.map((p) => p.contributor)).toContain(name);
        await alive();
      });

      // A response_url answers with an HTTP status, never an ok:false body, so only those faults apply.
      it.skipIf('error' in fault)(
        'response_url fails after a pledge-status click: the change stays, the user is told',
        async () => {
          counter += 1;
          await h.command(`/winwin pledge steel-posco 1억 "Fault Click ${counter}"`, { user: USERS.editor });
          const pledge = h.state().pledges.find((p) => p.contributor === `Fault Click ${counter}`);
          if (pledge === undefined) throw new Error('the quick pledge was not stored');
          h.fake.failNext('response_url', fault);
          const a = await answerTo(h, () =>
            h.clickAction({
              actionId: ACTIONS.pledgeSetStatus,
              value: `${pledge.id}:committed`,
              user: USERS.editor,
            }),
          );
          expect(h.state().pledges.find((p) => p.id === pledge.id)?.status).toBe('committed');
          expect(await userHeard(a, USERS.editor)).toBe(true);
          await alive();
        },
      );

      it('chat.postMessage fails when sharing: the user is told why', async () => {
        h.fake.failNext('chat.postMessage', fault);
        const a = await answerTo(h, () =>
          h.clickAction({ actionId: ACTIONS.shareStatus, value: 'steel-posco', user: USERS.viewer }),
        );
        expect(await userHeard(a, USERS.viewer)).toBe(true);
        if (!('retryAfter' in fault)) expect(answerText(a)).toMatch(/Could not post|went wrong/);
        await alive();
      });

      // The channel catches up on the next change or the next tick (30 s): the failed change is not dropped.
      it('a realtime post fails: the pledge is stored, not skipped, and the channel catches up', async () => {
        await h.command('/winwin subscribe steel-posco realtime totals', {
          user: USERS.admin,
          channel: 'C0WINWIN02',
        });
        counter += 1;
        h.fake.failNext('chat.postMessage', fault);
        await answerTo(h, () =>
          h.command(`/winwin pledge steel-posco 1억 "Fault Realtime ${counter}"`, { user: USERS.editor }),
        );
        expect(h.state().pledges.map((p) => p.contributor)).toContain(`Fault Realtime ${counter}`);
        const event = (await h.store.recentEvents(1))[0]?.id ?? 0;
        const failed = h.fake
          .calls('chat.postMessage')
          .some((c) => c.fault !== undefined && c.args.channel === 'C0WINWIN02');
        const watermark = h.state().subscriptions.find((x) => x.channel === 'C0WINWIN02')?.watermark ?? 0;
        if (failed) expect(watermark).toBeLessThan(event); // not marked as posted
        const after = h.fake.seq();
        await h.command(`/winwin pledge steel-posco 1억 "Fault Realtime next ${counter}"`, {
          user: USERS.editor,
        });
        await h.fake.waitFor(
          () =>
            h.fake
              .calls()
              .find(
                (c) =>
                  c.seq > after &&
                  (c.method === 'chat.postMessage' || c.method === 'chat.update') &&
                  c.args.channel === 'C0WINWIN02' &&
                  c.fault === undefined,
              ),
          45_000,
        );
        // The next round's first change posts a new card again (a live card's later changes wait a
        // minute for their thread reply, so only a card post is sure to meet the fault at once).
        await h.winwin.channels.idle();
        await h.command('/winwin unsubscribe steel-posco', { user: USERS.admin, channel: 'C0WINWIN02' });
        await alive();
      }, 60_000);
    });
  }
});
