import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createWinwin, safeLogger, type Winwin } from '../../src/app.js';
import type { ChannelsOptions } from '../../src/channels/channels.js';
import type { Listeners } from '../../src/commands/index.js';
import { type Config, loadConfig } from '../../src/config.js';
import { demoChange } from '../../src/domain/demo.js';
import type { Pledge, State } from '../../src/domain/types.js';
import type { Locale } from '../../src/i18n/common.js';
import {
  type ActionClick,
  blockActionsPayload,
  createSignedClient,
  type InputValue,
  type SendOptions,
  type SignedClient,
  type SlackHttpResponse,
  viewSubmissionPayload,
} from '../../src/loopback/signed-client.js';
import { type RecordedCall, type SlackFake, startSlackFake } from '../../src/loopback/slack-api.js';
import { openStore } from '../../src/storage/open-store.js';
import type { Store } from '../../src/storage/store.js';

/** Users every harness knows: WINWIN_ADMINS = [admin], WINWIN_EDITORS = [editor] unless overridden. */
export const USERS = { admin: 'UADMIN001', editor: 'UEDITOR01', viewer: 'UVIEWER01' } as const;

export interface HarnessOptions {
  /** Extra environment for loadConfig (wins over everything the harness sets). */
  readonly env?: Readonly<Record<string, string>>;
  readonly admins?: readonly string[];
  readonly editors?: readonly string[];
  readonly locale?: Locale;
  /** Initial state: the DOMAIN.md programs, or any State. Empty when omitted. */
  readonly seed?: 'demo' | State;
  readonly clock?: () => Date;
  /** Replaces the registry (tests of the shell itself). */
  readonly listeners?: Listeners;
  /** Channel timings (e.g. a tickMs so long that only a change can trigger a retry). */
  readonly channels?: ChannelsOptions;
  /** Whether the channels tick sends reminder DMs (default false: only reminder tests want them). */
  readonly reminders?: boolean;
}

/** The JSON body of an acknowledgement (a slash-command reply, `response_action` for a view), or undefined when empty. */
// biome-ignore lint/suspicious/noExplicitAny: tests read replies structurally; assertions check the shape
export type Reply = any;

export interface CommandOptions {
  readonly user?: string;
  readonly channel?: string;
  /** Lets a test name the response_url, to find what was posted to it later. */
  readonly responseId?: string;
  readonly signing?: SendOptions['signing'];
}

export interface SubmitOptions {
  readonly user?: string;
  readonly privateMetadata?: string;
  readonly signing?: SendOptions['signing'];
}

/** A field's value for submitView: text (or the selected option's value / the date), null when left empty, or Slack's raw shape. */
export type FieldValue = string | null | InputValue;

export interface Harness {
  readonly dir: string;
  readonly dbPath: string;
  readonly config: Config;
  readonly store: Store;
  readonly fake: SlackFake;
  readonly client: SignedClient;
  readonly winwin: Winwin;
  /** Winwin's base URL (http://127.0.0.1:port). */
  readonly url: string;
  /** Log lines Winwin wrote (also printed when HARNESS_LOGS=1). */
  readonly logs: string[];
  /**
   * Sends a signed slash command, e.g. `h.command('/winwin status retail', { user: USERS.editor })`,
   * and returns the acknowledgement body (throws unless HTTP 200). Default user: the admin.
   */
  command(line: string, options?: CommandOptions): Promise<Reply>;
  /** Same, but returns the raw HTTP response whatever its status (signature tests). */
  commandRaw(line: string, options?: CommandOptions): Promise<SlackHttpResponse>;
  /**
   * Submits a modal. Pass the view Winwin opened (`h.fake.lastModal()`) to have each field typed as its
   * element (select, datepicker…) and unset fields sent as empty, as Slack does; or a callback_id.
   */
  submitView(
    view: Record<string, unknown> | string,
    values: Readonly<Record<string, FieldValue>>,
    options?: SubmitOptions,
  ): Promise<Reply>;
  /** Clicks a button or picks an option; a message container gets a response_url on the fake. */
  clickAction(click: Omit<ActionClick, 'user'> & { user?: string }, options?: SendOptions): Promise<Reply>;
  /** Opens App Home as `user` and resolves with the view Winwin published. */
  openHome(user?: string): Promise<Record<string, unknown>>;
  /** The current committed state. */
  state(): State;
  /** The pledge with this id in the committed state (throws when there is none). */
  pledge(id: string): Pledge;
  /**
   * Starts the app again on the store file, as a new process would: this harness's config and clock,
   * default options otherwise, on a port of its own. Stop the app before (the harness's own, or the
   * last restart) first; close() stops the last restart too.
   */
  restart(): Promise<{ winwin: Winwin; store: Store }>;
  /** The store file's bytes, to prove nothing changed. */
  storeBytes(): Promise<string>;
  close(): Promise<void>;
}

const splitCommand = (line: string): { command: string; text: string } => {
  const match = /^(\/\S+)\s*([\s\S]*)$/.exec(line);
  if (match === null) throw new Error(`not a slash command: ${line}`);
  return { command: match[1] as string, text: match[2] as string };
};

const jsonOrUndefined = (res: SlackHttpResponse, what: string): Reply => {
  if (res.status !== 200) throw new Error(`${what}: HTTP ${res.status} ${res.text}`);
  return res.json;
};

interface ViewBlock {
  block_id?: string;
  type?: string;
  element?: {
    type?: string;
    action_id?: string;
    options?: { text: unknown; value: string }[];
    option_groups?: { options: { text: unknown; value: string }[] }[];
  };
}

const inputValue = (elementType: string, value: FieldValue, element?: ViewBlock['element']): InputValue => {
  if (value !== null && typeof value === 'object') return value;
  switch (elementType) {
    case 'static_select':
    case 'external_select': {
      if (value === null) return { type: elementType, selected_option: null };
      const options = [
        ...(element?.options ?? []),
        ...(element?.option_groups ?? []).flatMap((g) => g.options),
      ];
      const found = options.find((o) => o.value === value);
      return {
        type: elementType,
        selected_option: { text: found?.text ?? { type: 'plain_text', text: value }, value },
      };
    }
    case 'datepicker':
      return { type: 'datepicker', selected_date: value };
    case 'number_input':
      return { type: 'number_input', value };
    default:
      return { type: elementType, value };
  }
};

/**
 * Slack's `view.state.values` for a submission of a view with these blocks: each field typed as its
 * element (select, datepicker…), unset fields sent as empty, as Slack does; unknown fields as text.
 */
export const viewState = (
  blocks: readonly unknown[],
  values: Readonly<Record<string, FieldValue>>,
): Record<string, Record<string, InputValue>> => {
  const state: Record<string, Record<string, InputValue>> = {};
  for (const block of blocks as ViewBlock[]) {
    if (block.type !== 'input' || block.block_id === undefined || block.element?.action_id === undefined)
      continue;
    const given = values[block.block_id];
    state[block.block_id] = {
      [block.element.action_id]: inputValue(
        block.element.type ?? 'plain_text_input',
        given === undefined ? null : given,
        block.element,
      ),
    };
  }
  for (const [field, value] of Object.entries(values)) {
    if (state[field] === undefined) state[field] = { [field]: inputValue('plain_text_input', value) };
  }
  return state;
};

/** Starts a temp store, the Slack fake and Winwin on 127.0.0.1:0, wired together. Always `close()` it. */
export const startHarness = async (options: HarnessOptions = {}): Promise<Harness> => {
  const dir = await mkdtemp(path.join(tmpdir(), 'winwin-test-'));
  const dbPath = path.join(dir, 'winwin.json');
  const fake = await startSlackFake();
  const signingSecret = randomBytes(16).toString('hex');
  const admins = options.admins ?? [USERS.admin];
  const editors = options.editors ?? [USERS.editor];
  const config = loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-harness-token',
    SLACK_SIGNING_SECRET: signingSecret,
    SLACK_API_URL: fake.url,
    WINWIN_DB: dbPath,
    WINWIN_ADMINS: admins.join(','),
    WINWIN_EDITORS: editors.join(','),
    WINWIN_LOCALE: options.locale ?? 'en',
    ...options.env,
  });
  const clock = options.clock ?? (() => new Date());

  const store = await openStore(config.dbPath);
  if (options.seed !== undefined) {
    const seed =
      options.seed === 'demo'
        ? demoChange(clock(), admins[0] ?? USERS.admin)
        : { state: options.seed, events: [] };
    await store.replaceAll(seed.state, seed.events);
  }

  const logs: string[] = [];
  const logger = safeLogger((_level, line) => {
    logs.push(line);
    if (process.env.HARNESS_LOGS === '1') console.log(line);
  });
  const winwin = createWinwin({
    config,
    store,
    clock,
    logger,
    retries: 0,
    reminders: options.reminders ?? false,
    ...(options.listeners === undefined ? {} : { listeners: options.listeners }),
    ...(options.channels === undefined ? {} : { channels: options.channels }),
  });
  const { port } = await winwin.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${port}`;
  const client = createSignedClient({
    baseUrl: url,
    signingSecret,
    teamId: fake.teamId,
    responseUrl: () => fake.responseUrl(),
  });

  const commandRaw = (line: string, o: CommandOptions = {}): Promise<SlackHttpResponse> => {
    const { command, text } = splitCommand(line);
    return client.command(
      {
        command,
        text,
        user: o.user ?? USERS.admin,
        ...(o.channel === undefined ? {} : { channel: o.channel }),
        responseUrl: fake.responseUrl(o.responseId),
      },
      o.signing === undefined ? {} : { signing: o.signing },
    );
  };

  let restarted: { winwin: Winwin; store: Store } | undefined;
  const restart = async (): Promise<{ winwin: Winwin; store: Store }> => {
    const again = await openStore(dbPath);
    const app = createWinwin({ config, store: again, clock, logger, retries: 0 });
    restarted = { winwin: app, store: again };
    await app.listen(0, '127.0.0.1');
    return restarted;
  };

  return {
    dir,
    dbPath,
    config,
    store,
    fake,
    client,
    winwin,
    url,
    logs,
    commandRaw,
    command: async (line, o) => jsonOrUndefined(await commandRaw(line, o), line),
    submitView: async (view, values, o = {}) => {
      const recorded = typeof view === 'string' ? undefined : view;
      const callbackId = typeof view === 'string' ? view : String(view.callback_id ?? '');
      const blocks = (recorded?.blocks ?? []) as ViewBlock[];
      const state = viewState(blocks, values);
      const payload = viewSubmissionPayload(
        {
          user: o.user ?? USERS.admin,
          callbackId,
          values: state,
          privateMetadata:
            o.privateMetadata ??
            (typeof recorded?.private_metadata === 'string' ? recorded.private_metadata : ''),
          ...(typeof recorded?.id === 'string' ? { viewId: recorded.id } : {}),
          ...(typeof recorded?.hash === 'string' ? { hash: recorded.hash } : {}),
          blocks,
        },
        fake.teamId,
      );
      const res = await client.interactive(payload, o.signing === undefined ? {} : { signing: o.signing });
      return jsonOrUndefined(res, `view ${callbackId}`);
    },
    clickAction: async (click, o) => {
      const container = click.container ?? { type: 'message' as const, channel: 'C0WINWIN01' };
      const payload = blockActionsPayload(
        {
          ...click,
          user: click.user ?? USERS.admin,
          container,
          ...(container.type === 'message' && click.responseUrl === undefined
            ? { responseUrl: fake.responseUrl() }
            : {}),
        },
        fake.teamId,
      );
      return jsonOrUndefined(await client.interactive(payload, o), `action ${click.actionId}`);
    },
    openHome: async (user = USERS.admin) => {
      const after = fake.seq();
      const res = await client.event({
        type: 'app_home_opened',
        user,
        channel: `D${user.slice(1)}`,
        tab: 'home',
      });
      if (res.status !== 200) throw new Error(`app_home_opened: HTTP ${res.status}`);
      const call = await fake.waitForCall('views.publish', (c) => c.args.user_id === user, {
        afterSeq: after,
      });
      return call.args.view as Record<string, unknown>;
    },
    state: () => store.read(),
    pledge: (id) => {
      const found = store.read().pledges.find((p) => p.id === id);
      if (found === undefined) throw new Error(`no ${id}`);
      return found;
    },
    restart,
    storeBytes: () => readFile(dbPath, 'utf8'),
    close: async () => {
      if (restarted !== undefined) {
        await restarted.winwin.stop();
        await restarted.store.close();
      }
      await winwin.stop();
      await store.close();
      await fake.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
};

/** The messages delivered (no fault) to `channel` (a user id for a DM) since `afterSeq`. */
export const postsIn = (h: Pick<Harness, 'fake'>, channel: string, afterSeq = 0): RecordedCall[] =>
  h.fake
    .calls('chat.postMessage')
    .filter((c) => c.seq > afterSeq && c.args.channel === channel && c.fault === undefined);

export { textOf } from './text-of.js';
