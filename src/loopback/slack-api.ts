import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An in-process fake of the Slack Web API on 127.0.0.1, for tests, the console and the benchmark.
 * Point `SLACK_API_URL` at `fake.url`. It records every call, answers like Slack would, receives
 * `response_url` posts and file uploads, and can be told to fail the next call of a method.
 */

export interface RecordedCall {
  /** Sequence number across all calls, from 1. */
  readonly seq: number;
  /** Web API method (`chat.postMessage`), or `response_url` / `upload` for those endpoints. */
  readonly method: string;
  /** Parsed arguments: form fields (JSON-valued ones such as `blocks`, `view` decoded) or the JSON body. */
  readonly args: Record<string, unknown>;
  /** Request headers, without authorization. */
  readonly headers: Record<string, string>;
  /** Whether an Authorization bearer token came with the call (its value is never kept). */
  readonly authorized: boolean;
  /** For `response_url` and `upload`: the id in the URL. */
  readonly id?: string;
  /** Set when the call was answered with an injected fault. */
  readonly fault?: Fault;
}

export type Fault =
  | { status: 500 }
  | { status: 429; retryAfter: number }
  | { error: string; errors?: readonly unknown[] };

export interface SlackFakeOptions {
  readonly botUserId?: string;
  readonly botId?: string;
  readonly teamId?: string;
  /** When set, calls whose bearer token differs get `invalid_auth`, as Slack would answer. */
  readonly token?: string;
}

export interface SlackFake {
  /** Base Web API URL, ending in `/api/`. */
  readonly url: string;
  readonly botUserId: string;
  readonly botId: string;
  readonly teamId: string;
  /** Every recorded call, oldest first; only those of `method` when given. */
  calls(method?: string): RecordedCall[];
  /** The newest call of `method`, if any. */
  last(method: string): RecordedCall | undefined;
  /** A response_url on this fake; posts to it are recorded as method `response_url` with this id. */
  responseUrl(id?: string): string;
  /** Posts received on response_urls, oldest first; only those of `id` when given. */
  responses(id?: string): RecordedCall[];
  /** The view last opened, pushed or updated (views.open / views.push / views.update), with its id. */
  lastModal(): Record<string, unknown> | undefined;
  /** The App Home last published for `user`. */
  home(user: string): Record<string, unknown> | undefined;
  /** Bytes uploaded for a file id (files.getUploadURLExternal + upload). */
  upload(fileId: string): { bytes: Buffer; filename?: string } | undefined;
  /**
   * A file as if a user had shared it in a modal's file_input: files.info describes it, and its
   * url_private_download serves the bytes only to a request bearing `token` (the bot token).
   */
  addFile(file: { name: string; bytes: Buffer; filetype?: string; token: string }): string;
  /** What apps.connections.open answers (Socket Mode): the `ws://127.0.0.1:…` URL of a loopback server. */
  setSocketModeUrl(url: string | (() => string)): void;
  /** What users.info answers for `user` from now on: another team (Slack Connect), or a stranger. */
  setUser(user: string, profile: { readonly teamId?: string; readonly isStranger?: boolean }): void;
  /** Makes the next call of `method` (or `response_url`) fail this way; queued faults apply in order. */
  failNext(method: string, fault: Fault): void;
  /**
   * Answers `invalid_blocks` (as GovSlack or an older workspace would) to every Web API call whose
   * blocks or view hold a block of one of `types` (data_visualization, table, …);
   * an empty list accepts them again. Refused calls are recorded with that fault.
   */
  refuseBlocks(types: readonly string[]): void;
  /** Resolves with the predicate's first truthy value, re-checked after every call; rejects after timeoutMs. */
  waitFor<T>(predicate: () => T | undefined | null | false, timeoutMs?: number): Promise<T>;
  /** Waits for a call of `method` (matching `where`) numbered after `afterSeq`. */
  waitForCall(
    method: string,
    where?: (call: RecordedCall) => boolean,
    options?: { afterSeq?: number; timeoutMs?: number },
  ): Promise<RecordedCall>;
  /** Sequence number of the newest call (0 when none): take it before acting, pass it as `afterSeq`. */
  seq(): number;
  /** Forgets recorded calls, views, uploads and pending faults. */
  reset(): void;
  close(): Promise<void>;
}

const JSON_FIELDS = new Set([
  'blocks',
  'attachments',
  'view',
  'files',
  'metadata',
  'unfurls',
  'user_ids',
  'message',
  'manifest',
]);

type Problem = { pointer: string; code: string; message: string };
const BLOCK_TYPES = new Set([
  'actions',
  'context',
  'divider',
  'header',
  'image',
  'input',
  'section',
  'rich_text',
  'table',
  'data_visualization',
  'file',
  'video',
  'markdown',
  'context_actions',
]);
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const textLength = (v: unknown): number => (isRecord(v) && typeof v.text === 'string' ? v.text.length : 0);

/**
 * A small, honest subset of Slack's Block Kit schema for blocks.validate: block types, the block limit of
 * the surface, the longest section, header and modal title texts. Real Slack checks far more; the fake only
 * has to answer in Slack's shape (pointer, code, message).
 */
const blockProblems = (blocks: unknown, at: string, max: number): Problem[] => {
  if (!Array.isArray(blocks))
    return [{ pointer: at, code: 'invalid_type', message: 'expected an array of blocks' }];
  const out: Problem[] = [];
  if (blocks.length > max)
    out.push({ pointer: at, code: 'failed_constraint', message: `must contain at most ${max} blocks` });
  blocks.forEach((block, i) => {
    const here = `${at}/${i}`;
    if (!isRecord(block) || typeof block.type !== 'string' || !BLOCK_TYPES.has(block.type)) {
      out.push({ pointer: `${here}/type`, code: 'invalid_value', message: 'unknown block type' });
      return;
    }
    if (block.type === 'section' && textLength(block.text) > 3000)
      out.push({
        pointer: `${here}/text/text`,
        code: 'failed_constraint',
        message: 'must be at most 3000 characters',
      });
    if (block.type === 'header' && textLength(block.text) > 150)
      out.push({
        pointer: `${here}/text/text`,
        code: 'failed_constraint',
        message: 'must be at most 150 characters',
      });
  });
  return out;
};

const validateBlocksCall = (args: Record<string, unknown>): Record<string, unknown> => {
  const given = ['blocks', 'message', 'view'].filter((k) => args[k] !== undefined);
  if (given.length !== 1) return { ok: false, error: 'invalid_arguments' };
  let problems: Problem[];
  let error: string;
  if (args.blocks !== undefined) {
    error = 'invalid_blocks';
    problems = blockProblems(args.blocks, '', 50);
  } else if (args.message !== undefined) {
    error = 'invalid_message';
    problems = isRecord(args.message)
      ? blockProblems(args.message.blocks ?? [], '/blocks', 50)
      : [{ pointer: '', code: 'invalid_type', message: 'expected a message object' }];
  } else {
    error = 'invalid_view';
    const view = args.view;
    if (!isRecord(view) || (view.type !== 'modal' && view.type !== 'home')) {
      problems = [{ pointer: '/type', code: 'invalid_value', message: 'must be modal or home' }];
    } else {
      problems = blockProblems(view.blocks, '/blocks', 100);
      if (view.type === 'modal' && (textLength(view.title) === 0 || textLength(view.title) > 24))
        problems.push({
          pointer: '/title/text',
          code: 'failed_constraint',
          message: 'must be 1 to 24 characters',
        });
    }
  }
  return problems.length === 0 ? { ok: true } : { ok: false, error, errors: problems };
};

/** apps.manifest.validate: the rules about URLs and Socket Mode that Slack's own errors document. */
const validateManifestCall = (args: Record<string, unknown>): Record<string, unknown> => {
  const m = args.manifest;
  if (!isRecord(m))
    return { ok: false, error: 'invalid_manifest', errors: [{ message: 'not JSON', pointer: '/' }] };
  const errors: { message: string; pointer: string }[] = [];
  const info = isRecord(m.display_information) ? m.display_information : {};
  if (typeof info.name !== 'string' || info.name === '')
    errors.push({ message: 'Display name is required', pointer: '/display_information/name' });
  const settings = isRecord(m.settings) ? m.settings : {};
  const socket = settings.socket_mode_enabled === true;
  const events = settings.event_subscriptions;
  if (isRecord(events) && !socket && typeof events.request_url !== 'string')
    errors.push({
      message: 'Event Subscription requires either Request URL or Socket Mode Enabled',
      pointer: '/settings/event_subscriptions',
    });
  const interactivity = settings.interactivity;
  if (
    isRecord(interactivity) &&
    interactivity.is_enabled === true &&
    !socket &&
    typeof interactivity.request_url !== 'string'
  )
    errors.push({ message: 'Interactivity requires a Request URL', pointer: '/settings/interactivity' });
  return errors.length === 0 ? { ok: true } : { ok: false, error: 'invalid_manifest', errors };
};

const readBody = (req: IncomingMessage): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });

const parseArgs = (body: Buffer, contentType: string): Record<string, unknown> => {
  const text = body.toString('utf8');
  if (contentType.startsWith('application/json')) {
    try {
      const parsed: unknown = JSON.parse(text);
      return typeof parsed === 'object' && parsed !== null
        ? (parsed as Record<string, unknown>)
        : { value: parsed };
    } catch {
      return { raw: text };
    }
  }
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(text)) {
    if (JSON_FIELDS.has(key) && /^[[{]/.test(value)) {
      try {
        args[key] = JSON.parse(value);
        continue;
      } catch {
        // keep the raw string: a malformed value is worth seeing in a test failure
      }
    }
    args[key] = value;
  }
  delete args.token;
  return args;
};

const headersOf = (req: IncomingMessage): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (k === 'authorization' || v === undefined) continue;
    out[k] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
};

export const startSlackFake = async (options: SlackFakeOptions = {}): Promise<SlackFake> => {
  const botUserId = options.botUserId ?? 'UWINWINBOT';
  const botId = options.botId ?? 'BWINWINBOT';
  const teamId = options.teamId ?? 'TWINWIN01';
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);

  let calls: RecordedCall[] = [];
  let faults = new Map<string, Fault[]>();
  let refusedBlocks = new Set<string>();
  /** A refusal of the rich blocks in `args` (blocks, a view's blocks), when the fake refuses them. */
  const blocksFault = (args: Record<string, unknown>): Fault | undefined => {
    if (refusedBlocks.size === 0) return undefined;
    const view = args.view as { blocks?: unknown } | undefined;
    const lists = [args.blocks, view?.blocks].filter(Array.isArray) as unknown[][];
    const refused = lists.some((blocks) =>
      blocks.some(
        (b) =>
          typeof b === 'object' && b !== null && refusedBlocks.has(String((b as { type?: unknown }).type)),
      ),
    );
    return refused ? { error: 'invalid_blocks' } : undefined;
  };
  let modal: Record<string, unknown> | undefined;
  let homes = new Map<string, Record<string, unknown>>();
  let uploads = new Map<string, { bytes: Buffer; filename?: string }>();
  let pendingUploads = new Map<string, string | undefined>();
  let files = new Map<string, { name: string; bytes: Buffer; filetype: string; token: string }>();
  let profiles = new Map<string, { readonly teamId?: string; readonly isStranger?: boolean }>();
  let socketModeUrl: string | (() => string) | undefined;
  let seq = 0;
  let counter = 0;
  let base = '';

  const nextTs = (): string => {
    counter += 1;
    return `1760000000.${String(counter).padStart(6, '0')}`;
  };
  const nextId = (prefix: string): string => {
    counter += 1;
    return `${prefix}${String(counter).padStart(8, '0')}`;
  };

  const takeFault = (method: string): Fault | undefined => {
    const queue = faults.get(method);
    const fault = queue?.shift();
    if (queue !== undefined && queue.length === 0) faults.delete(method);
    return fault;
  };

  const record = (call: Omit<RecordedCall, 'seq'>): RecordedCall => {
    seq += 1;
    const full = { ...call, seq };
    calls.push(full);
    emitter.emit('call', full);
    return full;
  };

  const send = (
    res: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ): void => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    res.end(JSON.stringify(body));
  };

  const sendFault = (res: ServerResponse, fault: Fault): void => {
    if ('error' in fault) {
      send(res, 200, {
        ok: false,
        error: fault.error,
        ...(fault.errors === undefined ? {} : { errors: fault.errors }),
      });
    } else if (fault.status === 429) {
      send(res, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(fault.retryAfter) });
    } else send(res, 500, { ok: false, error: 'internal_error' });
  };

  const withViewId = (view: unknown, id: string): Record<string, unknown> => ({
    ...(typeof view === 'object' && view !== null ? (view as Record<string, unknown>) : {}),
    id,
    hash: nextId('h'),
    state: { values: {} },
  });

  const answer = (method: string, args: Record<string, unknown>): Record<string, unknown> => {
    const channelArg = typeof args.channel === 'string' ? args.channel : 'C0000000';
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          url: 'https://winwin-test.slack.com/',
          team: 'Winwin Test',
          user: 'winwin',
          team_id: teamId,
          user_id: botUserId,
          bot_id: botId,
        };
      case 'blocks.validate':
        return validateBlocksCall(args);
      case 'apps.manifest.validate':
        return validateManifestCall(args);
      case 'apps.connections.open': {
        const url = typeof socketModeUrl === 'function' ? socketModeUrl() : socketModeUrl;
        return url === undefined ? { ok: false, error: 'invalid_auth' } : { ok: true, url };
      }
      case 'chat.postMessage': {
        const ts = nextTs();
        // Posting to a user id lands in the DM with that user.
        const channel = /^[UW]/.test(channelArg) ? `D${channelArg.slice(1)}` : channelArg;
        return {
          ok: true,
          channel,
          ts,
          message: {
            type: 'message',
            text: args.text,
            blocks: args.blocks,
            ts,
            user: botUserId,
            bot_id: botId,
          },
        };
      }
      case 'chat.postEphemeral':
        return { ok: true, message_ts: nextTs() };
      case 'chat.update':
        return { ok: true, channel: channelArg, ts: args.ts, text: args.text };
      case 'chat.getPermalink':
        return {
          ok: true,
          channel: channelArg,
          permalink: `https://winwin-test.slack.com/archives/${channelArg}/p${String(args.message_ts ?? '').replace('.', '')}`,
        };
      case 'views.open':
      case 'views.push': {
        modal = withViewId(args.view, nextId('V'));
        return { ok: true, view: modal };
      }
      case 'views.update': {
        modal = withViewId(args.view, typeof args.view_id === 'string' ? args.view_id : nextId('V'));
        return { ok: true, view: modal };
      }
      case 'views.publish': {
        const view = withViewId(args.view, nextId('V'));
        if (typeof args.user_id === 'string') homes.set(args.user_id, view);
        return { ok: true, view };
      }
      case 'conversations.open': {
        const users = typeof args.users === 'string' ? args.users : 'U0000000';
        return { ok: true, channel: { id: `D${users.split(',')[0]?.slice(1) ?? '0000000'}` } };
      }
      case 'conversations.info':
        return {
          ok: true,
          channel: { id: channelArg, name: `channel-${channelArg.toLowerCase()}`, is_member: true },
        };
      case 'users.info': {
        const id = typeof args.user === 'string' ? args.user : 'U0000000';
        const profile = profiles.get(id);
        return {
          ok: true,
          user: {
            id,
            team_id: profile?.teamId ?? teamId,
            ...(profile?.isStranger === true ? { is_stranger: true } : {}),
            name: id.toLowerCase(),
            real_name: `User ${id}`,
            tz: 'Asia/Seoul',
            locale: 'ko-KR',
            is_bot: false,
          },
        };
      }
      case 'files.getUploadURLExternal': {
        const fileId = nextId('F');
        pendingUploads.set(fileId, typeof args.filename === 'string' ? args.filename : undefined);
        return { ok: true, upload_url: `${base}upload/${fileId}`, file_id: fileId };
      }
      case 'files.info': {
        const id = typeof args.file === 'string' ? args.file : '';
        const file = files.get(id);
        if (file === undefined) return { ok: false, error: 'file_not_found' };
        return {
          ok: true,
          file: {
            id,
            name: file.name,
            title: file.name,
            filetype: file.filetype,
            size: file.bytes.length,
            url_private: `${base}files-pri/${id}/${encodeURIComponent(file.name)}`,
            url_private_download: `${base}files-pri/${id}/download/${encodeURIComponent(file.name)}`,
          },
        };
      }
      case 'files.completeUploadExternal': {
        const files = Array.isArray(args.files) ? (args.files as { id?: string; title?: string }[]) : [];
        return {
          ok: true,
          files: files.map((f) => ({
            id: f.id,
            title: f.title,
            name: f.id === undefined ? undefined : pendingUploads.get(f.id),
          })),
        };
      }
      default:
        return { ok: true };
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const body = await readBody(req);
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const contentType = req.headers['content-type'] ?? '';
    const headers = headersOf(req);
    const authorization = req.headers.authorization;
    const authorized = typeof authorization === 'string' && authorization.startsWith('Bearer ');

    const responseMatch = /^\/response\/([^/]+)$/.exec(path);
    if (responseMatch !== null) {
      const id = decodeURIComponent(responseMatch[1] as string);
      const fault = takeFault('response_url');
      record({
        method: 'response_url',
        id,
        args: parseArgs(body, 'application/json'),
        headers,
        authorized,
        ...(fault ? { fault } : {}),
      });
      if (fault !== undefined) return sendFault(res, fault);
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('ok');
      return;
    }

    const fileMatch = /^\/files-pri\/([^/]+)\//.exec(path);
    if (fileMatch !== null) {
      const id = fileMatch[1] as string;
      const file = files.get(id);
      const fault = takeFault('download');
      record({ method: 'download', id, args: {}, headers, authorized, ...(fault ? { fault } : {}) });
      if (fault !== undefined) return sendFault(res, fault);
      // Slack answers a request without the right token with its sign-in page, not the file.
      if (file === undefined || authorization !== `Bearer ${file.token}`) {
        res.writeHead(file === undefined ? 404 : 403, { 'content-type': 'text/html' });
        res.end('<html>sign in</html>');
        return;
      }
      res.writeHead(200, {
        'content-type': 'application/octet-stream',
        'content-length': String(file.bytes.length),
      });
      res.end(file.bytes);
      return;
    }

    const uploadMatch = /^\/upload\/([^/]+)$/.exec(path);
    if (uploadMatch !== null) {
      const fileId = uploadMatch[1] as string;
      const fault = takeFault('upload');
      let bytes = body;
      if (contentType.startsWith('multipart/form-data')) {
        const form = await new Response(new Uint8Array(body), {
          headers: { 'content-type': contentType },
        }).formData();
        const part = form.get('body') ?? form.get('file');
        if (part !== null && typeof part !== 'string') bytes = Buffer.from(await part.arrayBuffer());
        else if (typeof part === 'string') bytes = Buffer.from(part, 'utf8');
      }
      record({
        method: 'upload',
        id: fileId,
        args: { bytes: bytes.length },
        headers,
        authorized,
        ...(fault ? { fault } : {}),
      });
      if (fault !== undefined) return sendFault(res, fault);
      const filename = pendingUploads.get(fileId);
      uploads.set(fileId, filename === undefined ? { bytes } : { bytes, filename });
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(`OK - ${bytes.length}`);
      return;
    }

    const apiMatch = /^\/api\/([A-Za-z0-9_.]+)$/.exec(path);
    if (apiMatch === null || req.method !== 'POST')
      return send(res, 404, { ok: false, error: 'unknown_method' });
    const method = apiMatch[1] as string;
    const args = parseArgs(body, contentType);
    const fault = takeFault(method) ?? blocksFault(args);
    record({ method, args, headers, authorized, ...(fault ? { fault } : {}) });
    if (fault !== undefined) return sendFault(res, fault);
    if (!authorized) return send(res, 200, { ok: false, error: 'not_authed' });
    if (options.token !== undefined && authorization !== `Bearer ${options.token}`) {
      return send(res, 200, { ok: false, error: 'invalid_auth' });
    }
    send(res, 200, answer(method, args));
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      send(res, 500, { ok: false, error: 'fake_failed', detail: String(error) });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}/`;
  let responseCounter = 0;

  const waitFor = <T>(predicate: () => T | undefined | null | false, timeoutMs = 5000): Promise<T> =>
    new Promise((resolve, reject) => {
      const check = (): boolean => {
        const value = predicate();
        if (value === undefined || value === null || value === false) return false;
        cleanup();
        resolve(value);
        return true;
      };
      const onCall = (): void => {
        check();
      };
      const timer = setTimeout(() => {
        cleanup();
        const seen = calls.map((c) => c.method).join(', ') || 'none';
        reject(new Error(`SlackFake.waitFor timed out after ${timeoutMs} ms; calls so far: ${seen}`));
      }, timeoutMs);
      const cleanup = (): void => {
        clearTimeout(timer);
        emitter.off('call', onCall);
      };
      emitter.on('call', onCall);
      check();
    });

  return {
    url: `${base}api/`,
    botUserId,
    botId,
    teamId,
    calls: (method) => (method === undefined ? [...calls] : calls.filter((c) => c.method === method)),
    last: (method) => calls.filter((c) => c.method === method).at(-1),
    responseUrl: (id) => {
      responseCounter += 1;
      return `${base}response/${encodeURIComponent(id ?? `R${responseCounter}`)}`;
    },
    responses: (id) => calls.filter((c) => c.method === 'response_url' && (id === undefined || c.id === id)),
    lastModal: () => modal,
    home: (user) => homes.get(user),
    upload: (fileId) => uploads.get(fileId),
    addFile: (file) => {
      const id = nextId('F');
      files.set(id, { filetype: file.name.split('.').pop()?.toLowerCase() ?? 'text', ...file });
      return id;
    },
    setSocketModeUrl: (url) => {
      socketModeUrl = url;
    },
    setUser: (user, profile) => {
      profiles.set(user, profile);
    },
    failNext: (method, fault) => {
      faults.set(method, [...(faults.get(method) ?? []), fault]);
    },
    refuseBlocks: (types) => {
      refusedBlocks = new Set(types);
    },
    waitFor,
    waitForCall: (method, where = () => true, { afterSeq = 0, timeoutMs = 5000 } = {}) =>
      waitFor(() => calls.find((c) => c.seq > afterSeq && c.method === method && where(c)), timeoutMs),
    seq: () => seq,
    reset: () => {
      calls = [];
      faults = new Map();
      modal = undefined;
      homes = new Map();
      uploads = new Map();
      pendingUploads = new Map();
      files = new Map();
      profiles = new Map();
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        server.closeAllConnections();
      }),
  };
};
