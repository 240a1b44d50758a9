import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SlackFake, startSlackFake } from '../../src/loopback/slack-api.js';

describe('the loopback Slack Web API fake', () => {
  let fake: SlackFake;
  let client: webApi.WebClient;
  beforeAll(async () => {
    fake = await startSlackFake({ token: 'xoxb-right' });
    client = new webApi.WebClient('xoxb-right', { slackApiUrl: fake.url, retryConfig: { retries: 0 } });
  });
  afterAll(() => fake.close());

  it('records calls with parsed args (blocks decoded) and without the token', async () => {
    const res = await client.chat.postMessage({ channel: 'C1', text: 'hi', blocks: [{ type: 'divider' }] });
    expect(res).toMatchObject({ ok: true, channel: 'C1' });
    const call = fake.last('chat.postMessage');
    expect(call?.args).toEqual({ channel: 'C1', text: 'hi', blocks: [{ type: 'divider' }] });
    expect(call?.authorized).toBe(true);
    expect(JSON.stringify(call)).not.toContain('xoxb-right');
  });

  it('answers like Slack: a DM channel for a user, view ids, published homes', async () => {
    expect((await client.chat.postMessage({ channel: 'U0123ABCD', text: 'dm' })).channel).toBe('D0123ABCD');
    const opened = await client.views.open({
      trigger_id: 't',
      view: { type: 'modal', callback_id: 'pledge', title: { type: 'plain_text', text: 'x' }, blocks: [] },
    });
    expect(opened.view?.id).toMatch(/^V/);
    expect(fake.lastModal()?.callback_id).toBe('pledge');
    await client.views.publish({ user_id: 'U0123ABCD', view: { type: 'home', blocks: [] } });
    expect(fake.home('U0123ABCD')?.type).toBe('home');
    expect((await client.conversations.open({ users: 'U0456EFGH' })).channel?.id).toBe('D0456EFGH');
  });

  it('rejects a wrong token with invalid_auth', async () => {
    const wrong = new webApi.WebClient('xoxb-wrong', { slackApiUrl: fake.url, retryConfig: { retries: 0 } });
    await expect(wrong.auth.test()).rejects.toThrow(/invalid_auth/);
  });

  it('injects faults once each, in order', async () => {
    fake.failNext('chat.postMessage', { error: 'channel_not_found' });
    fake.failNext('chat.postMessage', { status: 500 });
    await expect(client.chat.postMessage({ channel: 'C1', text: 'a' })).rejects.toThrow(/channel_not_found/);
    await expect(client.chat.postMessage({ channel: 'C1', text: 'b' })).rejects.toThrow(/500/);
    await expect(client.chat.postMessage({ channel: 'C1', text: 'c' })).resolves.toMatchObject({ ok: true });
    const faults = fake
      .calls('chat.postMessage')
      .slice(-3)
      .map((c) => c.fault);
    expect(faults).toEqual([{ error: 'channel_not_found' }, { status: 500 }, undefined]);
  });

  it('answers 429 with Retry-After', async () => {
    fake.failNext('chat.update', { status: 429, retryAfter: 0 });
    const limited = new webApi.WebClient('xoxb-right', {
      slackApiUrl: fake.url,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
    });
    await expect(limited.chat.update({ channel: 'C1', ts: '1.2', text: 'x' })).rejects.toThrow(/rate/i);
  });

  it('receives file uploads (files.uploadV2 = getUploadURLExternal + POST + completeUploadExternal)', async () => {
    await client.files.uploadV2({ channel_id: 'D0123ABCD', filename: 'winwin.csv', content: 'a,b\n1,2\n' });
    const fileId = fake.last('files.getUploadURLExternal') && fake.last('upload')?.id;
    expect(fileId).toBeDefined();
    expect(fake.upload(fileId as string)?.bytes.toString('utf8')).toBe('a,b\n1,2\n');
    expect(fake.last('files.completeUploadExternal')?.args.files).toEqual([
      { id: fileId, title: 'winwin.csv' },
    ]);
  });

  it('receives response_url posts and can fail them', async () => {
    const url = fake.responseUrl('r1');
    const ok = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"text":"x"}',
    });
    expect(ok.status).toBe(200);
    fake.failNext('response_url', { status: 500 });
    const failed = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(failed.status).toBe(500);
    expect(fake.responses('r1').map((c) => c.args.text)).toEqual(['x', undefined]);
  });

  it('waitFor resolves on a later call and times out with what it saw', async () => {
    const after = fake.seq();
    const waiting = fake.waitForCall('chat.postEphemeral', (c) => c.args.user === 'U9', { afterSeq: after });
    setTimeout(() => void client.chat.postEphemeral({ channel: 'C1', user: 'U9', text: 'x' }), 10);
    expect((await waiting).args.text).toBe('x');
    await expect(fake.waitFor(() => false, 50)).rejects.toThrow(
      /timed out after 50 ms; calls so far: .*chat.postEphemeral/,
    );
  });
});
