import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChannelPoster } from '../../src/channels/poster.js';
import { type SlackFake, startSlackFake } from '../../src/loopback/slack-api.js';
import { message, section } from '../../src/views/blocks.js';

/**
 * The poster's pace against the Slack fake, with an injected clock: sleeping advances the clock
 * instead of waiting, so the test checks what the poster asked to wait, never how long it took.
 */
describe('ChannelPoster pacing', () => {
  let fake: SlackFake;
  let clock = 0;
  let sleeps: number[] = [];
  let poster: ChannelPoster;

  beforeAll(async () => {
    fake = await startSlackFake();
  });
  afterAll(() => fake.close());

  const fresh = (): void => {
    clock = 1_000_000;
    sleeps = [];
    const client = new webApi.WebClient('xoxb-test', {
      slackApiUrl: fake.url,
      rejectRateLimitedCalls: true,
      retryConfig: { retries: 0 },
    });
    poster = new ChannelPoster(client, {
      minIntervalMs: 1000,
      maxRateLimitWaits: 2,
      now: () => clock,
      sleep: async (ms) => {
        sleeps.push(ms);
        clock += ms;
      },
    });
  };
  const m = message('hello', [section('hello')]);

  it('spaces messages to one channel by a second; other channels do not wait', async () => {
    fresh();
    expect((await poster.post('C0ONE0001', m)).ok).toBe(true);
    clock += 300;
    expect((await poster.post('C0ONE0001', m)).ok).toBe(true);
    expect(sleeps).toEqual([700]);
    expect((await poster.post('C0TWO0001', m)).ok).toBe(true);
    expect(sleeps).toEqual([700]);
    // Edits are not new messages: no wait.
    expect((await poster.update('C0ONE0001', '1.1', m)).ok).toBe(true);
    expect(sleeps).toEqual([700]);
  });

  it('waits out a 429 for its Retry-After, then the same call succeeds', async () => {
    fresh();
    fake.failNext('chat.postMessage', { status: 429, retryAfter: 7 });
    const seq = fake.seq();
    const result = await poster.post('C0ONE0001', m);
    expect(result.ok).toBe(true);
    expect(sleeps).toEqual([7000]);
    expect(fake.calls('chat.postMessage').filter((c) => c.seq > seq)).toHaveLength(2);
  });

  it('gives up after repeated 429s, leaving the post for a later tick', async () => {
    fresh();
    for (let i = 0; i < 3; i++) fake.failNext('chat.postMessage', { status: 429, retryAfter: 2 });
    const result = await poster.post('C0ONE0001', m);
    expect(result).toEqual({ ok: false, failure: { kind: 'retry', error: 'ratelimited' } });
    expect(sleeps).toEqual([2000, 2000]);
  });

  it('sorts failures: gone channels, and everything else to retry', async () => {
    fresh();
    for (const error of ['channel_not_found', 'is_archived', 'not_in_channel']) {
      fake.failNext('chat.postMessage', { error });
      expect(await poster.post('C0ONE0001', m)).toEqual({ ok: false, failure: { kind: 'gone', error } });
    }
    fake.failNext('chat.postMessage', { status: 500 });
    expect(await poster.post('C0ONE0001', m)).toEqual({
      ok: false,
      failure: { kind: 'retry', error: 'http_500' },
    });
    fake.failNext('chat.update', { error: 'msg_too_long' });
    expect(await poster.update('C0ONE0001', '1.1', m)).toEqual({
      ok: false,
      failure: { kind: 'retry', error: 'msg_too_long' },
    });
  });

  it('after close, a pending wait ends at once and the post is left for later', async () => {
    fresh();
    await poster.post('C0ONE0001', m);
    poster.close();
    expect(await poster.post('C0ONE0001', m)).toEqual({
      ok: false,
      failure: { kind: 'retry', error: 'shutting_down' },
    });
  });
});
