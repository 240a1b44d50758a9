import type {
  AllMiddlewareArgs,
  BlockAction,
  Logger,
  SlackActionMiddlewareArgs,
  SlackCommandMiddlewareArgs,
  SlackEventMiddlewareArgs,
  SlackViewMiddlewareArgs,
  ViewSubmitAction,
  webApi,
} from '@slack/bolt';
import type { Config } from '../config.js';
import type { Derived } from '../derived.js';
import type { Zone } from '../domain/dates.js';
import { roleOf } from '../domain/permissions.js';
import type { HomeViewers } from '../home-viewers.js';

export { hasRole } from '../domain/permissions.js';

import type { Role, State } from '../domain/types.js';
import { type Locale, WORDS } from '../i18n/common.js';
import type { Store } from '../storage/store.js';
import type { Message } from '../views/blocks.js';
import type { RichBlocks } from './rich-blocks.js';

/** What every handler may use from the outside world. Built once in createWinwin. */
export interface Deps {
  readonly config: Config;
  readonly store: Store;
  readonly clock: () => Date;
  readonly logger: Logger;
  /** Data derived from the store's snapshots, remembered by revision (standings, status replies). */
  readonly derived: Derived;
  /** WINWIN_TZ with its date formatters, made once. */
  readonly zone: Zone;
  /** Who opened their App Home lately (kept in memory): their Home is republished after changes. */
  readonly homeViewers: HomeViewers;
  /** Charts and tables or their plain form, per workspace (see rich-blocks.ts). */
  readonly rich: RichBlocks;
}

/** Who is asking, computed on the server from the request's user id (never from payload values). */
export interface WinwinContext {
  readonly deps: Deps;
  readonly user: string;
  readonly role: Role;
  readonly locale: Locale;
  readonly now: Date;
}

export interface RespondOptions {
  /** Post visibly to the channel instead of only to the requester. */
  readonly inChannel?: boolean;
  /** Replace the message that carried the button (for block_actions). */
  readonly replaceOriginal?: boolean;
}

/** Everything a `/winwin <subcommand>` handler gets. */
export interface CommandContext extends WinwinContext {
  /** The subcommand as typed (lowercased), e.g. `status`. */
  readonly subcommand: string;
  /** Positional tokens after the subcommand, quotes removed, Slack entities decoded. */
  readonly args: readonly string[];
  /** `key:value` tokens whose key the subcommand declared in `options`. */
  readonly options: Readonly<Record<string, string>>;
  /** The whole command text after `/winwin`, entities decoded. */
  readonly text: string;
  readonly channel: string;
  readonly triggerId: string;
  readonly responseUrl: string;
  readonly client: webApi.WebClient;
  readonly logger: Logger;
  /** Whether the request has been acknowledged yet. */
  readonly acked: boolean;
  /**
   * Acknowledges the command; with a message, that message is the ephemeral reply (the fastest path,
   * no Web API call). At most once. If a handler never acks, the router acks with nothing.
   */
  ack(message?: Message): Promise<void>;
  /** Posts to response_url (works up to 30 minutes after the command). Ephemeral unless `inChannel`. */
  respond(message: Message, options?: RespondOptions): Promise<void>;
  /** `ack(message)` if not yet acknowledged, else `respond(message)`. The usual way to answer. */
  reply(message: Message): Promise<void>;
  /**
   * True when the user holds at least `role`; otherwise replies with a localized refusal and returns
   * false. Call it before any mutation: `if (!(await ctx.require('editor'))) return;`.
   */
  require(role: 'editor' | 'admin'): Promise<boolean>;
}

export type BoltCommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;
export type ViewArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;
export type ActionArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;
export type HomeOpenedArgs = SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs;

/** A `/winwin` subcommand. Add one by appending it to `subcommands` in registry.ts. */
export interface Subcommand {
  readonly name: string;
  readonly aliases?: readonly string[];
  /** e.g. `/winwin status [<target>]`; several forms separated by `\n`. Shown in help in registry order. */
  readonly usage: { readonly en: string; readonly ko: string };
  readonly summary: { readonly en: string; readonly ko: string };
  /** Option keys this subcommand accepts as `key:value` (e.g. ['kind', 'status']). Others stay positional. */
  readonly options?: readonly string[];
  run(ctx: CommandContext): Promise<void>;
}

/** Handles a modal submission with this callback_id. Ack with errors, or store then ack. */
export interface ViewListener {
  readonly callbackId: string;
  run(args: ViewArgs, ctx: WinwinContext): Promise<void>;
}

/** Handles a block action (button, select) whose action_id is this (or matches). */
export interface ActionListener {
  readonly actionId: string | RegExp;
  run(args: ActionArgs, ctx: WinwinContext): Promise<void>;
}

/** Handles app_home_opened (publish the App Home). */
export interface HomeListener {
  readonly event: 'app_home_opened';
  run(args: HomeOpenedArgs, ctx: WinwinContext): Promise<void>;
}

/**
 * Whether anyone can administer Winwin. Only WINWIN_ADMINS counts (see `roleOf`): without it nobody
 * holds any role and every mutation is refused (fail closed).
 */
export const anyAdmin = (config: Config, _state?: State): boolean => config.admins.length > 0;

/**
 * What someone who may not change data is told. With no admin configured nobody could grant them a
 * role, so it says how to configure one instead.
 */
export const deniedText = (ctx: { readonly deps: Deps; readonly locale: Locale }): string =>
  anyAdmin(ctx.deps.config) ? WORDS[ctx.locale].deniedNeedsEditor : WORDS[ctx.locale].noAdminsConfigured;

/** The user's role from the env lists and in-app grants (the rules live in the domain). */
export const roleFor = (user: string, config: Config, state: State): Role =>
  roleOf(user, config, state.grants);

/** Builds the per-request context; the one place a role is computed. */
export const contextFor = (deps: Deps, user: string): WinwinContext => ({
  deps,
  user,
  role: roleFor(user, deps.config, deps.store.read()),
  locale: deps.config.locale,
  now: deps.clock(),
});
