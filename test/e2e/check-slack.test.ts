import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSlack } from '../../scripts/check-slack.js';
import { parseManifestYaml } from '../../scripts/manifest-yaml.js';
import { type SlackFake, startSlackFake } from '../../src/loopback/slack-api.js';

/** npm run check:slack against the loopback fake standing in for Slack's validators. */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const run = promisify(execFile);

describe('npm run check:slack', () => {
  let fake: SlackFake;
  let dir: string;
  beforeAll(async () => {
    fake = await startSlackFake();
    dir = await mkdtemp(path.join(tmpdir(), 'winwin-check-'));
  });
  afterAll(async () => {
    await fake.close();
    await rm(dir, { recursive: true, force: true });
  });

  const env = (over: Record<string, string> = {}) => ({
    SLACK_BOT_TOKEN: 'xoxb-check',
    SLACK_CONFIG_TOKEN: 'xoxe.xoxp-check',
    SLACK_API_URL: fake.url,
    ...over,
  });

  it('without a token it says what to set and exits 2, checking nothing (a real child process)', async () => {
    // In an empty folder, so no .env is read; tsx comes from the repository.
    const tsx = pathToFileURL(path.join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
    const error = await run(process.execPath, ['--import', tsx, path.join(ROOT, 'scripts/check-slack.ts')], {
      cwd: dir,
      env: { PATH: process.env.PATH, HOME: process.env.HOME },
      timeout: 60_000,
    }).then(
      () => undefined,
      (e: { code?: number; stdout?: string; stderr?: string }) => e,
    );
    expect(error?.stderr ?? '').toBe('');
    expect(error?.code).toBe(2);
    expect(error?.stdout).toContain('SLACK_BOT_TOKEN');
    expect(error?.stdout).toContain('SLACK_CONFIG_TOKEN');
    expect(error?.stdout).toContain('not for CI');
  }, 90_000);

  it('sends every surface (messages and views, en and ko) to blocks.validate and the manifest to apps.manifest.validate', async () => {
    fake.reset();
    const lines: string[] = [];
    const code = await checkSlack({ env: env(), print: (l) => lines.push(l) });
    expect(lines.filter((l) => l.startsWith('✗') || l.startsWith('?'))).toEqual([]);
    expect(code).toBe(0);
    const calls = fake.calls('blocks.validate');
    const views = calls
      .filter((c) => c.args.view !== undefined)
      .map((c) => c.args.view as Record<string, unknown>);
    const messages = calls.filter((c) => c.args.message !== undefined);
    expect(messages.length).toBeGreaterThan(20);
    expect(views.some((v) => v.type === 'home')).toBe(true);
    expect(views.filter((v) => v.type === 'modal').map((v) => v.callback_id)).toEqual(
      expect.arrayContaining(['pledge', 'program']),
    );
    const text = JSON.stringify(calls.map((c) => c.args));
    expect(text).toContain('억 원'); // Korean amounts
    expect(text).toMatch(/bn won|billion/); // English ones
    expect(lines.some((l) => l.includes('live card'))).toBe(true);
    expect(calls.every((c) => c.authorized)).toBe(true);
    const manifest = fake.last('apps.manifest.validate');
    expect(manifest?.args.manifest).toEqual(
      parseManifestYaml(await readFile(path.join(ROOT, 'manifest.yml'), 'utf8')),
    );
    expect(lines.at(-1)).toBe('Slack accepted everything.');
  }, 120_000);

  it('prints each rejection with its JSON pointer and exits 1', async () => {
    fake.reset();
    fake.failNext('blocks.validate', {
      error: 'invalid_message',
      errors: [
        {
          pointer: '/blocks/3/text/text',
          code: 'failed_constraint',
          message: 'must be at most 3000 characters',
        },
      ],
    });
    const broken = path.join(dir, 'manifest.yml');
    const source = await readFile(path.join(ROOT, 'manifest.yml'), 'utf8');
    await writeFile(
      broken,
      source
        .replace('socket_mode_enabled: true', 'socket_mode_enabled: false')
        .replace(/^ {4}request_url: .*$/gm, ''),
    );
    const lines: string[] = [];
    const code = await checkSlack({ env: env(), manifestPath: broken, print: (l) => lines.push(l) });
    expect(code).toBe(1);
    const out = lines.join('\n');
    expect(out).toMatch(
      /✗ en admin: \/winwin help → ack\n {4}\/blocks\/3\/text\/text {2}failed_constraint: must be at most 3000/,
    );
    expect(out).toContain('/settings/interactivity  Interactivity requires a Request URL');
    expect(out).toContain('/settings/event_subscriptions');
    expect(lines.at(-1)).toBe('Slack rejected 2.');
  }, 120_000);

  it('a token Slack refuses is reported as not checked (exit 2), not as a rejection', async () => {
    const strict = await startSlackFake({ token: 'xoxb-the-real-one' });
    try {
      const lines: string[] = [];
      const code = await checkSlack({
        env: { SLACK_CONFIG_TOKEN: 'xoxe.xoxp-wrong', SLACK_API_URL: strict.url },
        print: (l) => lines.push(l),
      });
      expect(code).toBe(2);
      expect(lines.join('\n')).toContain('invalid_auth');
      expect(lines.join('\n')).toContain('blocks.validate skipped');
    } finally {
      await strict.close();
    }
  });
});
