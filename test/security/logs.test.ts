import { LogLevel } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIONS } from '../../src/views/ids.js';
import { type Harness, startHarness, USERS } from '../support/harness.js';
import { settle } from './observe.js';

/**
 * What Winwin writes to its log during a busy session — successes, refusals, handler failures, Slack
 * faults — never holds the bot token, the signing secret, a request body, or a contributor's name,
 * note or reason (it logs event and pledge ids instead).
 */

const NAME = 'Zeta Confidential Holdings';
const NOTE = 'negotiation note omicron';
const REASON = 'leak reason sigma';

describe('logs', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ seed: 'demo' });
    // Someone turning on debug logging must not turn on body logging.
    h.winwin.deps.logger.setLevel(LogLevel.DEBUG);
  });
  afterAll(() => h.close());

  it('hold no secrets, bodies or confidential text through a busy session', async () => {
    await h.command(`/winwin pledge steel-posco 3억 "${NAME}"`, { user: USERS.editor });
    const id = h.state().pledges.find((p) => p.contributor === NAME)?.id ?? 'P0';
    await h.command(`/winwin set ${id} suspended ${REASON}`, { user: USERS.editor });
    await h.command(`/winwin pledge steel-posco 3억 "${NAME}"`, { user: USERS.viewer });
    await h.command('/winwin pledge steel-posco', { user: USERS.editor });
    const view = h.fake.lastModal();
    if (view !== undefined) {
      h.fake.failNext('chat.postEphemeral', { error: 'channel_not_found' });
      h.fake.failNext('chat.postMessage', { status: 500 });
      await h.submitView(
        view,
        {
          program: 'steel-posco',
          contributor: `${NAME} II`,
          kind: 'bank',
          amount: '4억',
          status: 'verbal',
          due: null,
          note: NOTE,
        },
        { user: USERS.editor },
      );
    }
    // Slack failures on the way back.
    h.fake.failNext('response_url', { status: 500 });
    await h.command(`/winwin set ${id} verbal ${REASON}`, { user: USERS.editor, responseId: 'x' });
    h.fake.failNext('chat.postMessage', { error: 'not_in_channel' });
    await h.clickAction({ actionId: ACTIONS.shareStatus, value: 'steel-posco', user: USERS.admin });
    await h.command('/winwin subscribe steel-posco realtime names', { user: USERS.admin });
    h.fake.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    await h.command(`/winwin pledge steel-posco 5억 "${NAME} III"`, { user: USERS.editor });
    await h.command('/winwin export all', { user: USERS.editor });
    await h.client.interactive({
      type: 'view_submission',
      user: { id: USERS.admin },
      view: { callback_id: 'pledge' },
    });
    await h.client.send(
      `payload=${encodeURIComponent(`{"broken": "${NAME}`)}`,
      'application/x-www-form-urlencoded',
    );
    await settle(h, 200);

    const all = h.logs.join('\n');
    expect(h.logs.length).toBeGreaterThan(0); // something was logged, so the checks below mean something
    for (const secret of [
      h.config.signingSecret as string,
      'xoxb-harness-token',
      NAME,
      'Zeta',
      NOTE,
      REASON,
    ]) {
      expect(all, `the log holds ${secret}`).not.toContain(secret);
    }
    for (const body of ['payload=', '/response/', 'trigger_id', '"blocks"', 'state":{"values']) {
      expect(all, `the log holds a body (${body})`).not.toContain(body);
    }
    expect(all).not.toMatch(/\[DEBUG\]/);
  });
});
