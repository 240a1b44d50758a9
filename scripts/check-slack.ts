/**
 * npm run check:slack — for an operator with a real workspace, before a release; never in CI.
 *
 * Builds every Block Kit surface Winwin shows (status of every kind, digests, capacity, history, help,
 * whoami, subscriptions, access, the pledge and program modals, App Home, live cards and their thread
 * replies) by running the real app over the demo programs in a throwaway store, in English and Korean,
 * for an admin and a viewer, exactly as the console and the tests do; then sends each one to Slack's
 * `blocks.validate` (any valid token, no scope needed: SLACK_BOT_TOKEN) and `manifest.yml` to
 * `apps.manifest.validate` (an app configuration token: SLACK_CONFIG_TOKEN, optional SLACK_APP_ID).
 * Prints every rejection with its JSON pointer; exits 1 when Slack rejected anything, 2 when no token is
 * set or Slack could not be asked.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { webApi } from '@slack/bolt';
import { CONSOLE_CHANNEL, CONSOLE_USER, type Session, startSession } from '../src/console/session.js';
import type { RecordedCall } from '../src/loopback/slack-api.js';
import { parseManifestYaml } from './manifest-yaml.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface Surface {
  /** What produced it, e.g. `ko admin: /winwin status retail → ack`. */
  readonly name: string;
  readonly kind: 'message' | 'view';
  readonly payload: Record<string, unknown>;
}

export interface Rejection {
  readonly pointer: string;
  readonly code?: string;
  readonly message: string;
}

export interface CheckOptions {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly manifestPath?: string;
  readonly print?: (line: string) => void;
}

const VIEWER = 'UCHECKVIEW';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** The Block Kit payloads in one recorded call: a message's blocks, or a view. */
const surfacesOf = (call: RecordedCall, label: string): Surface[] => {
  const args = call.args;
  if (
    ['views.open', 'views.push', 'views.update', 'views.publish'].includes(call.method) &&
    isObject(args.view)
  ) {
    return [{ name: `${label} → ${call.method}`, kind: 'view', payload: args.view }];
  }
  if (Array.isArray(args.blocks)) {
    return [{ name: `${label} → ${call.method}`, kind: 'message', payload: { blocks: args.blocks } }];
  }
  return [];
};

const COMMANDS = [
  'help',
  'whoami',
  'status',
  'status autos',
  'status retail',
  'status autos-hyundai',
  'capacity autos 100억',
  'history autos 5',
  'digest all',
  'digest retail',
  'subscriptions all',
  'access',
  'pledge autos-hyundai',
  'program new autos',
  'program edit autos-hyundai',
];

/** Drives the real app over the demo data and collects every distinct surface it drew. */
export const collectSurfaces = async (locale: 'en' | 'ko'): Promise<Surface[]> => {
  const dir = await mkdtemp(path.join(tmpdir(), 'winwin-check-slack-'));
  const surfaces: Surface[] = [];
  let session: Session | undefined;
  try {
    session = await startSession({
      env: { WINWIN_DB: path.join(dir, 'winwin.json'), WINWIN_LOCALE: locale },
      demo: true,
      log: () => undefined,
    });
    const s = session;
    const take = (label: string, exchange: { ack: unknown; calls: readonly RecordedCall[] }): void => {
      if (isObject(exchange.ack) && Array.isArray(exchange.ack.blocks)) {
        surfaces.push({ name: `${label} → ack`, kind: 'message', payload: { blocks: exchange.ack.blocks } });
      }
      for (const call of exchange.calls) surfaces.push(...surfacesOf(call, label));
    };
    for (const [who, user] of [
      ['admin', CONSOLE_USER],
      ['viewer', VIEWER],
    ] as const) {
      s.user = user;
      for (const text of COMMANDS) take(`${locale} ${who}: /winwin ${text}`, await s.command(text));
      take(`${locale} ${who}: App Home`, await s.openHome());
    }
    // A live card and a thread reply under it.
    s.user = CONSOLE_USER;
    take(`${locale}: subscribe realtime`, await s.command('subscribe autos realtime totals'));
    await s.command('pledge autos-hyundai 10억 "Check Corp" status:verbal');
    await s.command('pledge autos-hyundai 20억 "Check Two Corp" status:committed');
    await s.winwin.channels.flushRealtime();
    await s.winwin.channels.idle();
    for (const call of s.fake.calls().filter((c) => c.args.channel === CONSOLE_CHANNEL)) {
      surfaces.push(...surfacesOf(call, `${locale}: live card`));
    }
  } finally {
    await session?.close();
    await rm(dir, { recursive: true, force: true });
  }
  // The same payload drawn twice is checked once.
  const seen = new Set<string>();
  return surfaces.filter((x) => {
    const key = `${x.kind}:${JSON.stringify(x.payload)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
};

const rejectionsOf = (error: unknown): Rejection[] | undefined => {
  if (!(error instanceof Error) || !('data' in error) || !isObject(error.data)) return undefined;
  const data = error.data as { error?: unknown; errors?: unknown };
  const errors = Array.isArray(data.errors) ? data.errors : [];
  const list = errors.map((e): Rejection => {
    const o = isObject(e) ? e : {};
    return {
      pointer: typeof o.pointer === 'string' ? o.pointer : '(no pointer)',
      ...(typeof o.code === 'string' ? { code: o.code } : {}),
      message: typeof o.message === 'string' ? o.message : JSON.stringify(e),
    };
  });
  return list.length > 0 ? list : [{ pointer: '/', message: String(data.error ?? 'rejected') }];
};

/** Errors that mean Slack could not judge (bad token, network), not that it rejected the payload. */
const NOT_A_VERDICT = new Set([
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'missing_scope',
]);

export const checkSlack = async (options: CheckOptions): Promise<number> => {
  const print = options.print ?? ((line: string) => process.stdout.write(`${line}\n`));
  const { env } = options;
  const botToken = env.SLACK_BOT_TOKEN?.trim() || undefined;
  const configToken = env.SLACK_CONFIG_TOKEN?.trim() || undefined;
  if (botToken === undefined && configToken === undefined) {
    print(
      [
        'check:slack asks Slack itself to validate every view and manifest.yml, so it needs real tokens:',
        '  SLACK_BOT_TOKEN     any token of the workspace (the bot token, xoxb-…) for blocks.validate',
        '  SLACK_CONFIG_TOKEN  an app configuration token (xoxe.xoxp-…, api.slack.com/apps → Your App',
        '                      Configuration Tokens) for apps.manifest.validate; SLACK_APP_ID optional',
        'Neither is set, so nothing was checked. It is meant for an operator before a release, not for CI.',
      ].join('\n'),
    );
    return 2;
  }
  const apiUrl = env.SLACK_API_URL?.trim() || 'https://slack.com/api/';
  const clientFor = (token: string): webApi.WebClient =>
    new webApi.WebClient(token, { slackApiUrl: apiUrl, retryConfig: { retries: 2 } });
  let rejected = 0;
  let unanswered = 0;

  const report = (name: string, error: unknown): void => {
    const code =
      isObject(error) && isObject((error as { data?: unknown }).data)
        ? String((error as { data: { error?: unknown } }).data.error ?? '')
        : '';
    const list = rejectionsOf(error);
    if (list === undefined || NOT_A_VERDICT.has(code)) {
      unanswered += 1;
      print(
        `? ${name}: Slack could not check it (${code || (error instanceof Error ? error.message : String(error))})`,
      );
      return;
    }
    rejected += 1;
    print(`✗ ${name}`);
    for (const r of list) print(`    ${r.pointer}  ${r.code === undefined ? '' : `${r.code}: `}${r.message}`);
  };

  if (botToken === undefined) print('- blocks.validate skipped: SLACK_BOT_TOKEN is not set');
  else {
    const surfaces = [...(await collectSurfaces('en')), ...(await collectSurfaces('ko'))];
    print(`blocks.validate: ${surfaces.length} surfaces`);
    for (const surface of surfaces) {
      try {
        await clientFor(botToken).blocks.validate({
          ...(surface.kind === 'view'
            ? { view: surface.payload as unknown as webApi.View }
            : { message: surface.payload as { blocks: webApi.KnownBlock[] } }),
        });
        print(`✓ ${surface.name}`);
      } catch (error) {
        report(surface.name, error);
      }
    }
  }

  if (configToken === undefined) print('- apps.manifest.validate skipped: SLACK_CONFIG_TOKEN is not set');
  else {
    const file = options.manifestPath ?? path.join(ROOT, 'manifest.yml');
    const manifest = parseManifestYaml(await readFile(file, 'utf8'));
    const appId = env.SLACK_APP_ID?.trim() || undefined;
    try {
      await clientFor(configToken).apps.manifest.validate({
        manifest: manifest as unknown as webApi.AppsManifestValidateArguments['manifest'],
        ...(appId === undefined ? {} : { app_id: appId }),
      });
      print(`✓ ${path.basename(file)}`);
    } catch (error) {
      report(path.basename(file), error);
    }
  }

  if (unanswered > 0) {
    print(`${unanswered} check(s) could not be made: see above (token, network).`);
    return 2;
  }
  print(rejected === 0 ? 'Slack accepted everything.' : `Slack rejected ${rejected}.`);
  return rejected === 0 ? 0 : 1;
};

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { processEnv } = await import('../src/config.js');
  process.exitCode = await checkSlack({ env: { ...processEnv(), ...process.env } });
}
