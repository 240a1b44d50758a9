import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as registry from '../../src/commands/registry.js';
import { grantRole } from '../../src/domain/permissions.js';
import { FORM, signature } from '../../src/loopback/signed-client.js';
import type { Subcommand } from '../../src/shell/deps.js';
import { message } from '../../src/views/blocks.js';
import { english } from '../domain/fixtures.js';
import { type Harness, startHarness, USERS } from '../support/harness.js';

/** A mutation reachable by command, so the tests can show a signed request does store and a bad one doesn't. */
const grantCommand: Subcommand = {
  name: 'grant-viewer',
  usage: { en: '/winwin grant-viewer', ko: '/winwin grant-viewer' },
  summary: { en: 'test only', ko: 'test only' },
  async run(ctx) {
    if (!(await ctx.require('admin'))) return;
    const result = await ctx.deps.store.mutate((state) =>
      grantRole(state, USERS.viewer, 'editor', { actor: ctx.user, now: ctx.now }),
    );
    await ctx.ack(message(result.ok ? 'granted' : english(result.error)));
  },
};

describe('request signatures', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      seed: 'demo',
      listeners: { ...registry, subcommands: [...registry.subcommands, grantCommand] },
    });
  });
  afterAll(() => h.close());

  it('a correctly signed command is answered', async () => {
    const res = await h.commandRaw('/winwin whoami', { user: USERS.editor });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ response_type: 'ephemeral' });
  });

  for (const signing of ['none', 'wrong', 'stale'] as const) {
    it(`a ${signing === 'none' ? 'missing' : signing} signature gets 401 and changes nothing`, async () => {
      const before = await h.storeBytes();
      const lastEvent = h.store.lastEventId();
      const calls = h.fake.seq();
      const res = await h.commandRaw('/winwin grant-viewer', { user: USERS.admin, signing });
      expect(res.status).toBe(401);
      expect(res.text).toBe('');
      expect(h.store.lastEventId()).toBe(lastEvent);
      expect(await h.storeBytes()).toBe(before);
      expect(h.fake.seq()).toBe(calls);
    });
  }

  it('the same command, correctly signed, does store (so the refusals above are real)', async () => {
    const lastEvent = h.store.lastEventId();
    const reply = await h.command('/winwin grant-viewer', { user: USERS.admin });
    expect(reply.text).toBe('granted');
    expect(h.store.lastEventId()).toBeGreaterThan(lastEvent);
    expect(h.state().grants.map((g) => g.user)).toContain(USERS.viewer);
  });

  it('a forged interactive payload is refused too', async () => {
    const before = await h.storeBytes();
    const res = await h.client.interactive(
      {
        type: 'view_submission',
        user: { id: USERS.admin },
        view: { callback_id: 'pledge', state: { values: {} } },
      },
      { signing: 'wrong' },
    );
    expect(res.status).toBe(401);
    expect(await h.storeBytes()).toBe(before);
  });

  it('a body changed after signing fails verification', async () => {
    const body = new URLSearchParams({
      command: '/winwin',
      text: 'whoami',
      user_id: USERS.viewer,
    }).toString();
    const stamp = Math.floor(Date.now() / 1000);
    const res = await fetch(`${h.url}/slack/events`, {
      method: 'POST',
      headers: {
        'content-type': FORM,
        'x-slack-request-timestamp': String(stamp),
        'x-slack-signature': signature(h.config.signingSecret as string, stamp, body),
      },
      body: body.replace(USERS.viewer, USERS.admin),
    });
    expect(res.status).toBe(401);
  });

  it('logs never contain the signing secret or the bot token', () => {
    const all = h.logs.join('\n');
    expect(all).not.toContain(h.config.signingSecret as string);
    expect(all).not.toContain('xoxb-harness-token');
  });
});
