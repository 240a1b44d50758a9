import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../support/harness.js';

describe('HTTP surface', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('GET /healthz answers 200 ok', async () => {
    const res = await fetch(`${h.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('ok');
  });

  it('an unknown path is a 404, not a crash', async () => {
    const res = await fetch(`${h.url}/nope`);
    expect(res.status).toBe(404);
    expect((await fetch(`${h.url}/healthz`)).status).toBe(200);
  });

  it('GET on the events endpoint is not served', async () => {
    const res = await fetch(`${h.url}/slack/events`);
    expect(res.status).toBe(404);
  });

  it('verified the bot token with auth.test at start-up, over the configured SLACK_API_URL', () => {
    const auth = h.fake.calls('auth.test');
    expect(auth).toHaveLength(1);
    expect(auth[0]?.authorized).toBe(true);
    expect(auth[0]?.headers.authorization).toBeUndefined();
  });
});

describe('Socket Mode', () => {
  it('is chosen when SLACK_APP_TOKEN is set: no HTTP receiver is built', async () => {
    const { createWinwin } = await import('../../src/app.js');
    const { loadConfig } = await import('../../src/config.js');
    const h = await startHarness();
    try {
      const config = loadConfig({
        SLACK_BOT_TOKEN: 'xoxb-x',
        SLACK_APP_TOKEN: 'xapp-x',
        SLACK_API_URL: h.fake.url,
      });
      const winwin = createWinwin({ config, store: h.store, bot: { botId: 'B1', botUserId: 'U1' } });
      expect(winwin.receiver).toBeUndefined();
    } finally {
      await h.close();
    }
  });
});
