import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoChange } from '../../src/domain/demo.js';
import {
  blockActionsPayload,
  newTriggerId,
  viewSubmissionPayload,
} from '../../src/loopback/signed-client.js';
import { type SlackFake, startSlackFake } from '../../src/loopback/slack-api.js';
import { openStore } from '../../src/storage/open-store.js';
import { ACTIONS, PLEDGE_MODAL } from '../../src/views/ids.js';
import { textOf, USERS, viewState } from '../support/harness.js';
import { type SocketModeServer, startSocketModeServer } from '../support/socket-mode-server.js';

/**
 * Socket Mode end to end: the real app, built and started as `npm start` starts it (node on the
 * esbuild bundle, SLACK_APP_TOKEN set), connects to a loopback Socket Mode server whose URL the Slack
 * fake's apps.connections.open hands out, and serves commands, interactions and events over it.
 */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const run = promisify(execFile);

// The Socket Mode client waits 5 s (its ping timeout) before reconnecting; a loaded machine adds more.
const RECONNECT_MS = 40_000;

describe('Socket Mode, end to end against the built app', () => {
  let dir: string;
  let fake: SlackFake;
  let sm: SocketModeServer;
  let child: ChildProcess;
  let stdout = '';
  let stderr = '';
  let port = 0;

  beforeAll(async () => {
    await run('npm', ['run', 'build'], { cwd: ROOT, timeout: 120_000 });
    dir = await mkdtemp(path.join(tmpdir(), 'winwin-socket-'));
    const db = path.join(dir, 'winwin.json');
    const store = await openStore(db);
    const seed = demoChange(new Date(), USERS.admin);
    await store.replaceAll(seed.state, seed.events);
    await store.close();

    fake = await startSlackFake();
    sm = await startSocketModeServer();
    fake.setSocketModeUrl(() => sm.url());
    child = spawn(process.execPath, ['dist/src/main.js'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        NODE_ENV: 'production',
        SLACK_BOT_TOKEN: 'xoxb-socket-test',
        SLACK_APP_TOKEN: 'xapp-1-socket-test',
        SLACK_API_URL: fake.url,
        WINWIN_DB: db,
        WINWIN_ADMINS: USERS.admin,
        WINWIN_EDITORS: USERS.editor,
        PORT: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.setEncoding('utf8').on('data', (c: string) => {
      stdout += c;
    });
    child.stderr?.setEncoding('utf8').on('data', (c: string) => {
      stderr += c;
    });
    port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no start-up line:\n${stdout}\n${stderr}`)), 60_000);
      const check = (): void => {
        const match = /Socket Mode \(GET \/healthz on port (\d+)\)/.exec(stdout);
        if (match === null) return;
        clearTimeout(timer);
        resolve(Number(match[1]));
      };
      child.stdout?.on('data', check);
      child.once('exit', (code) => reject(new Error(`the app exited (${code}):\n${stdout}\n${stderr}`)));
      check();
    });
    await sm.waitForConnection(1);
  }, 180_000);

  afterAll(async () => {
    if (child !== undefined && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const hard = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(hard);
    }
    await sm?.close();
    await fake?.close();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  }, 30_000);

  const slash = (text: string, user: string = USERS.editor, responseId?: string) =>
    sm.deliver('slash_commands', {
      token: 'verification-token-unused',
      team_id: fake.teamId,
      team_domain: 'winwin-test',
      channel_id: 'C0WINWIN01',
      channel_name: 'winwin',
      user_id: user,
      user_name: user.toLowerCase(),
      command: '/winwin',
      text,
      api_app_id: 'AWINWIN01',
      is_enterprise_install: 'false',
      response_url: fake.responseUrl(responseId),
      trigger_id: newTriggerId(),
    });

  it('opened the connection through apps.connections.open with the app token, over SLACK_API_URL', () => {
    const opens = fake.calls('apps.connections.open');
    expect(opens.length).toBeGreaterThanOrEqual(1);
    expect(opens.every((c) => c.authorized)).toBe(true);
    expect(sm.connected()).toBe(true);
  });

  it('/healthz answers in Socket Mode; nothing else is served over HTTP', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('ok');
    expect((await fetch(`http://127.0.0.1:${port}/healthz`, { method: 'HEAD' })).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST' })).status).toBe(404);
  });

  it('a status command is answered in the acknowledgement payload', async () => {
    const ack = await slash('status retail');
    expect(ack.payload?.response_type).toBe('ephemeral');
    expect(textOf(ack.payload)).toContain('retail');
    expect(ack.payload?.blocks?.length).toBeGreaterThan(0);
  });

  it('a quick pledge is recorded and shows up in the history', async () => {
    const ack = await slash('pledge retail-consortium 12억 "Socket Mode Corp" status:committed');
    expect(textOf(ack.payload)).toContain('Socket Mode Corp');
    const history = await slash('history retail 3');
    expect(textOf(history.payload)).toContain('Socket Mode Corp');
  });

  it('a modal submission with field errors gets response_action errors in the ack; a valid one is stored', async () => {
    const seq = fake.seq();
    await slash('pledge retail-consortium');
    const opened = await fake.waitForCall('views.open', () => true, { afterSeq: seq, timeoutMs: 10_000 });
    const view = opened.args.view as Record<string, unknown>;
    expect(view.callback_id).toBe(PLEDGE_MODAL.callbackId);
    const blocks = (view.blocks ?? []) as unknown[];
    const submit = (values: Record<string, string | null>) =>
      sm.deliver(
        'interactive',
        viewSubmissionPayload(
          {
            user: USERS.editor,
            callbackId: PLEDGE_MODAL.callbackId,
            values: viewState(blocks, values),
            privateMetadata: typeof view.private_metadata === 'string' ? view.private_metadata : '',
            blocks,
          },
          fake.teamId,
        ),
      );
    const bad = await submit({
      program: 'retail-consortium',
      contributor: 'Modal Corp',
      amount: '300',
      kind: 'corporation',
      status: 'verbal',
    });
    expect(bad.payload?.response_action).toBe('errors');
    expect(Object.keys(bad.payload?.errors ?? {})).toContain('amount');

    const good = await submit({
      program: 'retail-consortium',
      contributor: 'Modal Corp',
      amount: '7억',
      kind: 'corporation',
      status: 'verbal',
    });
    expect(good.payload?.errors).toBeUndefined();
    expect(good.payload?.response_action).toBeUndefined();
    const history = await slash('history retail 3');
    expect(textOf(history.payload)).toContain('Modal Corp');
  });

  it('a button (block_actions) is acknowledged and acted on', async () => {
    const seq = fake.seq();
    const ack = await sm.deliver(
      'interactive',
      blockActionsPayload(
        {
          user: USERS.editor,
          actionId: ACTIONS.shareStatus,
          value: 'retail-consortium',
          container: { type: 'message', channel: 'C0WINWIN01' },
          responseUrl: fake.responseUrl(),
        },
        fake.teamId,
      ),
    );
    expect(ack.envelope_id).toBeTruthy();
    const post = await fake.waitForCall('chat.postMessage', (c) => c.args.channel === 'C0WINWIN01', {
      afterSeq: seq,
      timeoutMs: 10_000,
    });
    expect(textOf(post.args)).toContain('retail');
  });

  it('App Home: app_home_opened over events_api publishes the Home', async () => {
    const seq = fake.seq();
    const now = Math.floor(Date.now() / 1000);
    const ack = await sm.deliver('events_api', {
      token: 'verification-token-unused',
      team_id: fake.teamId,
      api_app_id: 'AWINWIN01',
      event: {
        type: 'app_home_opened',
        user: USERS.viewer,
        channel: 'DVIEWER01',
        tab: 'home',
        event_ts: `${now}.000100`,
      },
      type: 'event_callback',
      event_id: `Ev${now}SOCKET`,
      event_time: now,
      authorizations: [
        { team_id: fake.teamId, user_id: fake.botUserId, is_bot: true, is_enterprise_install: false },
      ],
      is_ext_shared_channel: false,
    });
    expect(ack.payload ?? {}).toEqual({});
    const publish = await fake.waitForCall('views.publish', (c) => c.args.user_id === USERS.viewer, {
      afterSeq: seq,
      timeoutMs: 10_000,
    });
    expect(textOf(publish.args.view)).toContain('*viewer*');
  });

  it(
    'a disconnect with refresh_requested: the app reconnects by itself and keeps serving',
    async () => {
      const before = sm.connections();
      const opens = fake.calls('apps.connections.open').length;
      sm.requestDisconnect('refresh_requested');
      await sm.waitForConnection(before + 1, RECONNECT_MS);
      expect(fake.calls('apps.connections.open').length).toBeGreaterThan(opens);
      const ack = await slash('status autos');
      expect(textOf(ack.payload)).toContain('autos');
    },
    RECONNECT_MS + 20_000,
  );

  it(
    'an abrupt close: the app reconnects by itself and keeps serving',
    async () => {
      const before = sm.connections();
      sm.dropAbruptly();
      await sm.waitForConnection(before + 1, RECONNECT_MS);
      const ack = await slash('status steel');
      expect(textOf(ack.payload)).toContain('steel');
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
      expect(child.exitCode).toBeNull();
    },
    RECONNECT_MS + 20_000,
  );

  it('logged nothing alarming and no token', () => {
    expect(stdout + stderr).not.toMatch(/xoxb-socket-test|xapp-1-socket-test/);
    expect(stderr).not.toMatch(/unhandled|TypeError|ReferenceError/i);
  });
});
