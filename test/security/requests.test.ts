import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORM, signature } from '../../src/loopback/signed-client.js';
import { type Harness, startHarness, textOf, USERS } from '../support/harness.js';

/**
 * Requests an attacker can send straight to /slack/events: unsigned, forged, stale, replayed with a
 * changed body, and payloads Slack would never send. None may store anything, crash the server or
 * answer with a stack trace.
 */

const GRANT = `access grant <@${USERS.viewer}> admin`;
const STACK = /\bat .+:\d+:\d+|node_modules|\/src\/|Error: /;

const signedFetch = async (
  h: Harness,
  body: string,
  o: {
    contentType?: string;
    timestamp?: number;
    signedBody?: string;
    secret?: string;
    signatureHeader?: string;
  } = {},
): Promise<{ status: number; text: string }> => {
  const timestamp = o.timestamp ?? Math.floor(Date.now() / 1000);
  const sig =
    o.signatureHeader ??
    signature(o.secret ?? (h.config.signingSecret as string), timestamp, o.signedBody ?? body);
  const res = await fetch(`${h.url}/slack/events`, {
    method: 'POST',
    headers: {
      'content-type': o.contentType ?? FORM,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': sig,
    },
    body,
    // A request left unanswered is a failure too; don't wait for the test timeout.
    signal: AbortSignal.timeout(8000),
  });
  return { status: res.status, text: await res.text() };
};

const commandBody = (text: string, user: string = USERS.admin): string =>
  new URLSearchParams({
    token: 'unused',
    team_id: 'TWINWIN01',
    channel_id: 'C0WINWIN01',
    user_id: user,
    command: '/winwin',
    text,
    response_url: 'http://127.0.0.1:9/response/none',
    trigger_id: '1.2.3',
    api_app_id: 'AWINWIN01',
  }).toString();

const interactive = (payload: unknown): string =>
  new URLSearchParams({
    payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
  }).toString();

describe('forged and replayed requests', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ seed: 'demo' });
  });
  afterAll(() => h.close());

  const refused = async (send: () => Promise<{ status: number; text: string }>): Promise<void> => {
    const before = await h.storeBytes();
    const calls = h.fake.seq();
    const res = await send();
    expect(res.status).toBe(401);
    expect(res.text).not.toMatch(STACK);
    expect(await h.storeBytes()).toBe(before);
    expect(h.fake.seq()).toBe(calls);
  };

  it.each(['none', 'wrong', 'stale'] as const)(
    'a %s signature on an admin grant: 401, nothing stored',
    async (signing) => {
      await refused(() => h.commandRaw(`/winwin ${GRANT}`, { signing }));
    },
  );

  it('a timestamp 6 minutes in the future: 401', async () => {
    await refused(() =>
      signedFetch(h, commandBody(GRANT), { timestamp: Math.floor(Date.now() / 1000) + 360 }),
    );
  });

  it('a body changed after signing (viewer → admin): 401', async () => {
    await refused(() =>
      signedFetch(h, commandBody(GRANT, USERS.admin), { signedBody: commandBody(GRANT, USERS.viewer) }),
    );
  });

  it('a signed body replayed with a different text: 401', async () => {
    await refused(() => signedFetch(h, commandBody(GRANT), { signedBody: commandBody('whoami') }));
  });

  it('an interactive payload re-signed with a different timestamp header: 401', async () => {
    const body = interactive({
      type: 'view_submission',
      user: { id: USERS.admin },
      view: { callback_id: 'pledge' },
    });
    const stamp = Math.floor(Date.now() / 1000);
    await refused(() =>
      signedFetch(h, body, {
        timestamp: stamp,
        signatureHeader: signature(h.config.signingSecret as string, stamp - 1, body),
      }),
    );
  });

  it.each(['', 'v0=', 'v1=abc', 'v0=zz', `v0=${'0'.repeat(64)}`])(
    'signature header %j: 401',
    async (header) => {
      await refused(() => signedFetch(h, commandBody(GRANT), { signatureHeader: header }));
    },
  );

  it('a non-numeric timestamp: 401', async () => {
    await refused(async () => {
      const res = await fetch(`${h.url}/slack/events`, {
        method: 'POST',
        headers: { 'content-type': FORM, 'x-slack-request-timestamp': 'now', 'x-slack-signature': 'v0=00' },
        body: commandBody(GRANT),
      });
      return { status: res.status, text: await res.text() };
    });
  });

  it("Slack's unsigned ssl_check gets 200, and a command smuggled into it runs nothing", async () => {
    const before = await h.storeBytes();
    const calls = h.fake.seq();
    for (const body of ['ssl_check=1&token=x', `ssl_check=1&${commandBody(GRANT)}`]) {
      const res = await fetch(`${h.url}/slack/events`, {
        method: 'POST',
        headers: { 'content-type': FORM },
        body,
        signal: AbortSignal.timeout(8000),
      });
      expect(res.status).toBe(200);
      expect(await res.text()).toBe('');
    }
    expect(await h.storeBytes()).toBe(before);
    expect(h.fake.seq()).toBe(calls);
  });

  it('an unsigned POST to another path is not found', async () => {
    const res = await fetch(`${h.url}/slack/other`, {
      method: 'POST',
      headers: { 'content-type': FORM },
      body: 'a=1',
    });
    expect(res.status).toBe(404);
  });

  it('the signed original still works (the refusals above are real)', async () => {
    const res = await signedFetch(h, commandBody(GRANT));
    expect(res.status).toBe(200);
    expect(h.state().grants.map((g) => g.user)).toContain(USERS.viewer);
  });
});

describe('malformed payloads', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ seed: 'demo' });
  });
  afterAll(() => h.close());

  const cases: [string, string, string?][] = [
    ['payload is not JSON', interactive('{not json')],
    ['payload is JSON null', interactive('null')],
    ['payload is a number', interactive('42')],
    ['payload without a type', interactive({ user: { id: USERS.admin } })],
    ['view_submission without view', interactive({ type: 'view_submission', user: { id: USERS.admin } })],
    [
      'view_submission without user',
      interactive({ type: 'view_submission', view: { callback_id: 'pledge', state: { values: {} } } }),
    ],
    [
      'view_submission with state.values null',
      interactive({
        type: 'view_submission',
        user: { id: USERS.admin },
        view: { id: 'V1', callback_id: 'pledge', state: { values: null }, private_metadata: '' },
      }),
    ],
    [
      'view_submission with wrong types',
      interactive({
        type: 'view_submission',
        user: { id: 42 },
        view: { callback_id: ['pledge'], state: 'x', private_metadata: {} },
      }),
    ],
    [
      'program view with forged private_metadata JSON',
      interactive({
        type: 'view_submission',
        user: { id: USERS.admin },
        view: {
          id: 'V1',
          callback_id: 'program',
          private_metadata: '{"__proto__":{"admin":true}}',
          state: { values: {} },
        },
      }),
    ],
    ['block_actions without actions', interactive({ type: 'block_actions', user: { id: USERS.admin } })],
    [
      'block_actions with actions not an array',
      interactive({ type: 'block_actions', user: { id: USERS.admin }, actions: 'x' }),
    ],
    [
      'block_actions with an unknown action_id',
      interactive({
        type: 'block_actions',
        user: { id: USERS.admin },
        actions: [{ action_id: 'drop_tables', value: 'P1' }],
        container: { type: 'view', view_id: 'V1' },
      }),
    ],
    [
      'block_actions with a known action_id and a garbage value',
      interactive({
        type: 'block_actions',
        user: { id: USERS.admin },
        actions: [{ action_id: 'pledge_set_status', value: '{"id":"../../etc/passwd"}', type: 'button' }],
        channel: { id: 'C0WINWIN01' },
        container: { type: 'message', channel_id: 'C0WINWIN01', message_ts: '1.1' },
        response_url: 'http://127.0.0.1:9/response/none',
      }),
    ],
    ['an unknown interactive type', interactive({ type: 'workflow_step_edit', user: { id: USERS.admin } })],
    ['a command without user_id', new URLSearchParams({ command: '/winwin', text: GRANT }).toString()],
    ['a command without text', new URLSearchParams({ command: '/winwin', user_id: USERS.admin }).toString()],
    ['an unknown slash command', commandBody('whoami').replace('%2Fwinwin', '%2Fother')],
    ['an empty form body', ''],
    ['JSON that is not an event', '{"hello":"world"}', 'application/json'],
    ['JSON that does not parse', '{"type":', 'application/json'],
    [
      'an unknown event type',
      JSON.stringify({ type: 'event_callback', event: { type: 'reaction_added', user: USERS.admin } }),
      'application/json',
    ],
    [
      'app_home_opened without a user',
      JSON.stringify({ type: 'event_callback', event: { type: 'app_home_opened', tab: 'home' } }),
      'application/json',
    ],
    ['a text/plain body', 'payload=x', 'text/plain'],
    ['a 1 MB text', commandBody(`whoami ${'x'.repeat(1_000_000)}`)],
  ];

  it.each(cases)('%s: a clean answer, nothing stored, no stack trace', async (_name, body, contentType) => {
    const before = await h.storeBytes();
    const res = await signedFetch(h, body, contentType === undefined ? {} : { contentType });
    expect(res.status).toBeLessThan(500);
    expect(res.text).not.toMatch(STACK);
    expect(await h.storeBytes()).toBe(before);
  });

  it('url_verification gets its challenge back', async () => {
    const res = await signedFetch(h, JSON.stringify({ type: 'url_verification', challenge: 'abc123' }), {
      contentType: 'application/json',
    });
    expect(res.status).toBe(200);
    expect(res.text).toContain('abc123');
  });

  it('the server is still up and answering afterwards', async () => {
    expect((await fetch(`${h.url}/healthz`)).status).toBe(200);
    const reply = await h.command('/winwin whoami', { user: USERS.viewer });
    expect(textOf(reply)).toContain(USERS.viewer);
  });

  it('nothing in the logs holds a stack of our files beyond the first frame, or a request body', () => {
    const all = h.logs.join('\n');
    expect(all).not.toContain('payload=');
    expect(all).not.toContain('../../etc/passwd');
    expect(all).not.toContain(h.config.signingSecret as string);
  });
});
