import { createHmac } from 'node:crypto';

/**
 * Sends requests to Winwin the way Slack does: v0 signatures (HMAC-SHA256 of `v0:{ts}:{body}`), the
 * form content-type exactly `application/x-www-form-urlencoded` with a string body (Bolt parses a form
 * only for that exact type), and the fields Slack puts in each kind of request.
 */

export type Signing = 'valid' | 'wrong' | 'stale' | 'none';

export interface SendOptions {
  /** `wrong`: signed with another secret; `stale`: timestamp 6 minutes old; `none`: no signature headers. */
  readonly signing?: Signing;
}

export interface SlackHttpResponse {
  readonly status: number;
  readonly text: string;
  /** The body parsed as JSON when it is JSON, else undefined (an empty ack). */
  readonly json: unknown;
}

export interface CommandRequest {
  readonly text: string;
  readonly user: string;
  readonly command?: string;
  readonly channel?: string;
  readonly responseUrl?: string;
  readonly triggerId?: string;
  readonly userName?: string;
  readonly channelName?: string;
}

export interface SignedClientOptions {
  /** Winwin's base URL, e.g. http://127.0.0.1:3000 */
  readonly baseUrl: string;
  readonly signingSecret: string;
  readonly path?: string;
  readonly teamId?: string;
  readonly apiAppId?: string;
  /** Makes a response_url for each request (the loopback fake's `responseUrl`). */
  readonly responseUrl?: () => string;
  /** The clock used for timestamps, in ms (tests may pin it). */
  readonly now?: () => number;
}

export interface SignedClient {
  command(request: CommandRequest, options?: SendOptions): Promise<SlackHttpResponse>;
  /** Any interactive payload (block_actions, view_submission, …), sent as `payload=<json>`. */
  interactive(payload: Record<string, unknown>, options?: SendOptions): Promise<SlackHttpResponse>;
  /** An Events API event, wrapped in an event_callback envelope and sent as JSON. */
  event(event: Record<string, unknown>, options?: SendOptions): Promise<SlackHttpResponse>;
  /** A raw body with the given content type, signed as asked. */
  send(body: string, contentType: string, options?: SendOptions): Promise<SlackHttpResponse>;
}

export const FORM = 'application/x-www-form-urlencoded';

export const signature = (secret: string, timestamp: number, body: string): string =>
  `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;

let triggerCounter = 0;
/** A trigger_id shaped like Slack's. */
export const newTriggerId = (): string => {
  triggerCounter += 1;
  return `${1000000000 + triggerCounter}.1000000001.${'0'.repeat(24)}${triggerCounter}`.slice(0, 60);
};

export const createSignedClient = (options: SignedClientOptions): SignedClient => {
  const url = `${options.baseUrl.replace(/\/$/, '')}${options.path ?? '/slack/events'}`;
  const teamId = options.teamId ?? 'TWINWIN01';
  const apiAppId = options.apiAppId ?? 'AWINWIN01';
  const now = options.now ?? Date.now;
  const responseUrl = options.responseUrl ?? (() => 'https://hooks.slack.com/commands/T0/0/none');

  const send = async (body: string, contentType: string, o: SendOptions = {}): Promise<SlackHttpResponse> => {
    const signing = o.signing ?? 'valid';
    const seconds = Math.floor(now() / 1000) - (signing === 'stale' ? 6 * 60 : 0);
    const headers: Record<string, string> = { 'content-type': contentType };
    if (signing !== 'none') {
      const secret = signing === 'wrong' ? `${options.signingSecret}-not` : options.signingSecret;
      headers['x-slack-request-timestamp'] = String(seconds);
      headers['x-slack-signature'] = signature(secret, seconds, body);
    }
    const res = await fetch(url, { method: 'POST', headers, body });
    const text = await res.text();
    let json: unknown;
    if (text !== '' && (res.headers.get('content-type') ?? '').includes('json')) json = JSON.parse(text);
    return { status: res.status, text, json };
  };

  return {
    send,
    command: (r, o) => {
      const fields: Record<string, string> = {
        token: 'verification-token-unused',
        team_id: teamId,
        team_domain: 'winwin-test',
        channel_id: r.channel ?? 'C0WINWIN01',
        channel_name: r.channelName ?? 'winwin',
        user_id: r.user,
        user_name: r.userName ?? r.user.toLowerCase(),
        command: r.command ?? '/winwin',
        text: r.text,
        api_app_id: apiAppId,
        is_enterprise_install: 'false',
        response_url: r.responseUrl ?? responseUrl(),
        trigger_id: r.triggerId ?? newTriggerId(),
      };
      return send(new URLSearchParams(fields).toString(), FORM, o);
    },
    interactive: (payload, o) =>
      send(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), FORM, o),
    event: (event, o) =>
      send(
        JSON.stringify({
          token: 'verification-token-unused',
          team_id: teamId,
          api_app_id: apiAppId,
          event: { event_ts: `${Math.floor(now() / 1000)}.000100`, ...event },
          type: 'event_callback',
          event_id: `Ev${now()}${Math.floor(Math.random() * 1e6)}`,
          event_time: Math.floor(now() / 1000),
          authorizations: [
            { team_id: teamId, user_id: 'UWINWINBOT', is_bot: true, is_enterprise_install: false },
          ],
          is_ext_shared_channel: false,
        }),
        'application/json',
        o,
      ),
  };
};

/** Slack's `view.state.values` entry for one input, by element type. */
export type InputValue =
  | { readonly type: 'plain_text_input'; readonly value: string | null }
  | { readonly type: 'static_select'; readonly selected_option: { text: unknown; value: string } | null }
  | { readonly type: 'datepicker'; readonly selected_date: string | null }
  | { readonly type: string; readonly [key: string]: unknown };

export interface ViewSubmission {
  readonly user: string;
  readonly callbackId: string;
  /** block_id → action_id → value (Winwin's modals use the field name for both). */
  readonly values: Record<string, Record<string, InputValue>>;
  readonly privateMetadata?: string;
  readonly viewId?: string;
  readonly hash?: string;
  readonly blocks?: unknown[];
}

export const viewSubmissionPayload = (s: ViewSubmission, teamId = 'TWINWIN01'): Record<string, unknown> => ({
  type: 'view_submission',
  team: { id: teamId, domain: 'winwin-test' },
  user: { id: s.user, username: s.user.toLowerCase(), name: s.user.toLowerCase(), team_id: teamId },
  api_app_id: 'AWINWIN01',
  token: 'verification-token-unused',
  trigger_id: newTriggerId(),
  view: {
    id: s.viewId ?? 'VSUBMITTED',
    team_id: teamId,
    type: 'modal',
    blocks: s.blocks ?? [],
    private_metadata: s.privateMetadata ?? '',
    callback_id: s.callbackId,
    state: { values: s.values },
    hash: s.hash ?? 'hash-1',
    title: { type: 'plain_text', text: 'Winwin' },
    clear_on_close: false,
    notify_on_close: false,
    close: null,
    submit: null,
    previous_view_id: null,
    root_view_id: s.viewId ?? 'VSUBMITTED',
    app_id: 'AWINWIN01',
    external_id: '',
    app_installed_team_id: teamId,
    bot_id: 'BWINWINBOT',
  },
  response_urls: [],
  is_enterprise_install: false,
  enterprise: null,
});

export interface ActionClick {
  readonly user: string;
  readonly actionId: string;
  readonly blockId?: string;
  readonly value?: string;
  /** For a select: the chosen option's value. */
  readonly selected?: string;
  /** Where the button was: a message (default; needs channel) or a view (App Home / modal). */
  readonly container?:
    | { type: 'message'; channel: string; ts?: string }
    | { type: 'view'; viewId: string; viewType?: 'home' | 'modal' };
  readonly responseUrl?: string;
  readonly message?: Record<string, unknown>;
}

export const blockActionsPayload = (c: ActionClick, teamId = 'TWINWIN01'): Record<string, unknown> => {
  const container = c.container ?? { type: 'message', channel: 'C0WINWIN01' };
  const action =
    c.selected === undefined
      ? {
          type: 'button',
          action_id: c.actionId,
          block_id: c.blockId ?? 'b',
          text: { type: 'plain_text', text: 'button' },
          ...(c.value === undefined ? {} : { value: c.value }),
          action_ts: `${Math.floor(Date.now() / 1000)}.000200`,
        }
      : {
          type: 'static_select',
          action_id: c.actionId,
          block_id: c.blockId ?? 'b',
          selected_option: { text: { type: 'plain_text', text: c.selected }, value: c.selected },
          action_ts: `${Math.floor(Date.now() / 1000)}.000200`,
        };
  const base = {
    type: 'block_actions',
    user: { id: c.user, username: c.user.toLowerCase(), name: c.user.toLowerCase(), team_id: teamId },
    api_app_id: 'AWINWIN01',
    token: 'verification-token-unused',
    trigger_id: newTriggerId(),
    team: { id: teamId, domain: 'winwin-test' },
    enterprise: null,
    is_enterprise_install: false,
    actions: [action],
  };
  if (container.type === 'message') {
    const ts = container.ts ?? '1760000000.000001';
    return {
      ...base,
      container: {
        type: 'message',
        message_ts: ts,
        channel_id: container.channel,
        is_ephemeral: c.message === undefined,
      },
      channel: { id: container.channel, name: 'winwin' },
      message: c.message ?? { type: 'message', ts, text: '' },
      ...(c.responseUrl === undefined ? {} : { response_url: c.responseUrl }),
      state: { values: {} },
    };
  }
  return {
    ...base,
    container: { type: 'view', view_id: container.viewId },
    view: {
      id: container.viewId,
      type: container.viewType ?? 'home',
      blocks: [],
      private_metadata: '',
      callback_id: '',
      state: { values: {} },
      hash: 'hash-1',
    },
  };
};
