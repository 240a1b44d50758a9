import { existsSync } from 'node:fs';
import { z } from 'zod';
import { SlackUserIdSchema } from './domain/types.js';
import { LOCALES, type Locale } from './i18n/common.js';

/** Everything Winwin reads from the environment, typed and validated in one place. */
export interface Config {
  /** xoxb- token; absent only for the console and tests that bring their own. */
  readonly botToken: string | undefined;
  readonly signingSecret: string | undefined;
  /** xapp- token; when present Winwin runs in Socket Mode instead of HTTP. */
  readonly appToken: string | undefined;
  readonly apiUrl: string;
  readonly port: number;
  readonly dbPath: string;
  /** postgres://… when the store is PostgreSQL (replicas); then dbPath is ignored. */
  readonly databaseUrl: string | undefined;
  readonly admins: readonly string[];
  readonly editors: readonly string[];
  /** Partner teams (Slack Connect) whose users are admitted as viewers, besides Winwin's own team. */
  readonly allowedTeams: readonly string[];
  readonly locale: Locale;
  /** HH:MM in `tz`, when daily digests go out. */
  readonly digestTime: string;
  /** HH:MM in `tz`, when reminder DMs go out on Korean business days (default: the digest time). */
  readonly reminderTime: string;
  readonly tz: string;
  /**
   * WINWIN_RICH_BLOCKS=on: charts and tables in acknowledgements and response_url replies too (Slack
   * answers those without telling whether it took the blocks). Off: those get text bars and sections.
   */
  readonly richBlocks: boolean;
}

export type Env = Readonly<Record<string, string | undefined>>;

/** A configuration problem; its message names every bad variable and never echoes a value. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

// An empty value (a copied .env.sample line left blank) means "not set".
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());

/** The items of a comma-separated list, trimmed, empty ones dropped. */
const splitList = (text: string): string[] =>
  text
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');

const commaList = z.string().transform(splitList);

const userList = commaList.pipe(z.array(SlackUserIdSchema));

const LIST_HINT =
  'expected comma-separated Slack user ids such as U0123ABCD (find yours with /winwin whoami)';

const isTimeZone = (tz: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

// Messages are written here, per variable, so zod never puts a received (possibly secret) value in them.
const EnvSchema = z.object({
  SLACK_BOT_TOKEN: optional(z.string().startsWith('xoxb-', 'expected a bot token starting with xoxb-')),
  SLACK_SIGNING_SECRET: optional(z.string().min(8, 'too short to be a signing secret')),
  SLACK_APP_TOKEN: optional(
    z.string().startsWith('xapp-', 'expected an app-level token starting with xapp-'),
  ),
  SLACK_API_URL: optional(
    z
      .url({ protocol: /^https?$/, error: 'expected an http(s) URL such as https://slack.com/api/' })
      .transform((url) => (url.endsWith('/') ? url : `${url}/`)),
  ),
  PORT: optional(
    z.coerce.number({ error: 'expected a port number' }).int('expected a port number').min(0).max(65535),
  ),
  WINWIN_DB: optional(z.string()),
  WINWIN_DATABASE_URL: optional(
    z
      .string()
      .regex(
        /^postgres(ql)?:\/\/\S+$/,
        'expected a PostgreSQL URL such as postgres://winwin@db.internal:5432/winwin',
      ),
  ),
  WINWIN_ADMINS: optional(userList),
  WINWIN_EDITORS: optional(userList),
  WINWIN_ALLOWED_TEAMS: optional(
    commaList.pipe(
      z.array(
        z.string().regex(/^[TE][A-Z0-9]{2,}$/, 'expected comma-separated Slack team ids such as T0123ABCD'),
      ),
    ),
  ),
  WINWIN_LOCALE: optional(z.enum(LOCALES, { error: `expected one of ${LOCALES.join(', ')}` })),
  WINWIN_DIGEST_TIME: optional(
    z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a 24-hour time HH:MM such as 09:00'),
  ),
  WINWIN_REMINDER_TIME: optional(
    z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a 24-hour time HH:MM such as 09:00'),
  ),
  WINWIN_TZ: optional(z.string().refine(isTimeZone, 'expected an IANA time zone such as Asia/Seoul')),
  WINWIN_RICH_BLOCKS: optional(z.enum(['on', 'off'], { error: 'expected on or off' })),
});

/** Parses an explicit environment (tests pass their own object). Throws ConfigError on any problem. */
export const loadConfig = (env: Env): Config => {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const [name, index] = issue.path;
        // User ids are not secrets, so the bad one is named to make it easy to find.
        if (typeof index === 'number') {
          const item = splitList(String(env[String(name)] ?? ''))[index] ?? '';
          return name === 'WINWIN_ALLOWED_TEAMS'
            ? `${String(name)}: "${item}" is not a Slack team id; ${issue.message}`
            : `${String(name)}: "${item}" is not a Slack user id; ${LIST_HINT}`;
        }
        return `${String(name)}: ${issue.message}`;
      }),
    );
  }
  const e = parsed.data;
  return {
    botToken: e.SLACK_BOT_TOKEN,
    signingSecret: e.SLACK_SIGNING_SECRET,
    appToken: e.SLACK_APP_TOKEN,
    apiUrl: e.SLACK_API_URL ?? 'https://slack.com/api/',
    port: e.PORT ?? 3000,
    dbPath: e.WINWIN_DB ?? './data/winwin.json',
    databaseUrl: e.WINWIN_DATABASE_URL,
    admins: e.WINWIN_ADMINS ?? [],
    editors: e.WINWIN_EDITORS ?? [],
    allowedTeams: e.WINWIN_ALLOWED_TEAMS ?? [],
    locale: e.WINWIN_LOCALE ?? 'en',
    digestTime: e.WINWIN_DIGEST_TIME ?? '09:00',
    reminderTime: e.WINWIN_REMINDER_TIME ?? e.WINWIN_DIGEST_TIME ?? '09:00',
    tz: e.WINWIN_TZ ?? 'Asia/Seoul',
    richBlocks: e.WINWIN_RICH_BLOCKS === 'on',
  };
};

/** The process environment, after reading `.env` (if present) underneath it: real env vars win. */
export const processEnv = (envFile = '.env'): Env => {
  if (existsSync(envFile)) process.loadEnvFile(envFile);
  return process.env;
};

/** What `npm start` still needs before it can talk to Slack, as variable names; empty when ready. */
export const missingForSlack = (config: Config): string[] => {
  const missing: string[] = [];
  if (config.botToken === undefined) missing.push('SLACK_BOT_TOKEN');
  if (config.appToken === undefined && config.signingSecret === undefined)
    missing.push('SLACK_SIGNING_SECRET');
  return missing;
};
