import type { AnyMiddlewareArgs, Logger, Middleware, webApi } from '@slack/bolt';
import type { Config } from '../config.js';
import { WORDS } from '../i18n/common.js';
import { ephemeral, header, type ModalView, plainText, section } from '../views/blocks.js';
import { escapeMrkdwn } from '../views/mrkdwn.js';
import { describe } from './describe.js';

/**
 * Strangers stay out. In a Slack Connect channel people of another organization can run the host
 * workspace's apps like its own members; Winwin admits only users of its own team (the team `auth.test`
 * reports for the bot token) and of the partner teams in WINWIN_ALLOWED_TEAMS. Everyone else gets one
 * polite refusal that names no program, on every surface (commands, buttons, modals, App Home), before any
 * listener runs. Roles are unchanged: they still come only from WINWIN_ADMINS, WINWIN_EDITORS and grants.
 *
 * How the team is known: `users.info`'s `team_id` (scope users:read), cached per user. A slash command's
 * `team_id` is not the user's team (in a shared channel it can be the host workspace's for an external
 * user), so it is never trusted. An interaction's `user.team_id` is the user's own team: when it names a
 * team that is not admitted the user is refused at once; when it names an admitted team, users.info still
 * confirms it. A user users.info marks `is_stranger`, or whose team cannot be determined (users.info
 * fails), is refused: fail closed.
 */

export type Admission =
  | { readonly admitted: true; readonly team: string }
  | { readonly admitted: false; readonly reason: 'foreign_team' | 'stranger' | 'unknown_team' };

export interface Membership {
  /** Whether `user` may use Winwin; `hint` is an interaction's `user.team_id`, when it had one. */
  admit(client: webApi.WebClient, user: string, hint?: string): Promise<Admission>;
}

export interface MembershipOptions {
  readonly config: Pick<Config, 'allowedTeams'>;
  readonly logger: Logger;
  readonly clock: () => Date;
  /** Winwin's own team when already known (skips auth.test). */
  readonly homeTeam?: string;
  /** How long a user's team is remembered (default 15 minutes). */
  readonly ttlMs?: number;
  /** At most this many users are remembered (default 10,000; the oldest is forgotten first). */
  readonly maxEntries?: number;
}

interface Known {
  readonly team: string;
  readonly stranger: boolean;
  readonly at: number;
}

export const createMembership = (options: MembershipOptions): Membership => {
  const ttl = options.ttlMs ?? 15 * 60_000;
  const max = options.maxEntries ?? 10_000;
  const allowed = new Set(options.config.allowedTeams);
  let home: string | undefined = options.homeTeam;
  let homeLookup: Promise<string> | undefined;
  const known = new Map<string, Known>();

  const homeTeam = async (client: webApi.WebClient): Promise<string> => {
    if (home !== undefined) return home;
    homeLookup ??= client.auth
      .test()
      .then((r) => {
        if (typeof r.team_id !== 'string' || r.team_id === '')
          throw new Error('auth.test returned no team_id');
        home = r.team_id;
        return r.team_id;
      })
      .finally(() => {
        homeLookup = undefined;
      });
    return homeLookup;
  };

  /** Lookups in flight: concurrent first requests of one user share one users.info call. */
  const pending = new Map<string, Promise<Known>>();

  const lookUp = (client: webApi.WebClient, user: string): Promise<Known> => {
    const cached = known.get(user);
    if (cached !== undefined && options.clock().getTime() - cached.at < ttl) return Promise.resolve(cached);
    let lookup = pending.get(user);
    if (lookup === undefined) {
      lookup = fetchTeam(client, user).finally(() => pending.delete(user));
      pending.set(user, lookup);
    }
    return lookup;
  };

  const fetchTeam = async (client: webApi.WebClient, user: string): Promise<Known> => {
    const now = options.clock().getTime();
    const info = await client.users.info({ user });
    const profile = info.user as { team_id?: unknown; is_stranger?: unknown } | undefined;
    if (typeof profile?.team_id !== 'string' || profile.team_id === '') {
      throw new Error('users.info returned no team_id');
    }
    const entry = { team: profile.team_id, stranger: profile.is_stranger === true, at: now };
    known.delete(user);
    known.set(user, entry);
    if (known.size > max) {
      const oldest = known.keys().next().value;
      if (oldest !== undefined) known.delete(oldest);
    }
    return entry;
  };

  return {
    async admit(client, user, hint) {
      try {
        const own = await homeTeam(client);
        const ok = (team: string): boolean => team === own || allowed.has(team);
        if (hint !== undefined && hint !== '' && !ok(hint))
          return { admitted: false, reason: 'foreign_team' };
        const entry = await lookUp(client, user);
        if (entry.stranger) return { admitted: false, reason: 'stranger' };
        if (!ok(entry.team)) return { admitted: false, reason: 'foreign_team' };
        return { admitted: true, team: entry.team };
      } catch (error) {
        options.logger.warn(`could not determine the team of ${user}, refusing: ${describe(error)}`);
        return { admitted: false, reason: 'unknown_team' };
      }
    },
  };
};

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** Who sent a request, and the team an interaction says they belong to. Undefined: no user (let it pass). */
export const requester = (body: unknown): { user: string; hint?: string } | undefined => {
  if (!isObject(body)) return undefined;
  if (typeof body.command === 'string') {
    const user = text(body.user_id);
    return user === undefined ? undefined : { user };
  }
  if (body.type === 'event_callback') {
    const event = body.event;
    const user = isObject(event) ? text(event.user) : undefined;
    return user === undefined ? undefined : { user };
  }
  if (isObject(body.user)) {
    const user = text(body.user.id);
    const hint = text(body.user.team_id);
    if (user === undefined) return undefined;
    return hint === undefined ? { user } : { user, hint };
  }
  return undefined;
};

const refusalView = (locale: Config['locale']): ModalView => ({
  type: 'modal',
  title: plainText('Winwin', 24),
  close: plainText('OK', 24),
  blocks: [section(`:lock: ${escapeMrkdwn(WORDS[locale].strangerRefused)}`)],
});

/**
 * Global middleware (after dropMalformed): refuses users who are not admitted before any listener sees
 * the request. The refusal says only that Winwin is for its own organization.
 */
export const keepStrangersOut =
  (membership: Membership, locale: Config['locale']): Middleware<AnyMiddlewareArgs> =>
  async (args) => {
    const who = requester(args.body);
    // Events without a user (none Winwin subscribes to) and the bot's own requests pass.
    if (who === undefined) {
      await args.next();
      return;
    }
    const admission = await membership.admit(args.client, who.user, who.hint);
    if (admission.admitted) {
      await args.next();
      return;
    }
    args.logger.info(`refused ${who.user}: ${admission.reason}`);
    const refusal = WORDS[locale].strangerRefused;
    const body = args.body as Json;
    const ack =
      'ack' in args && typeof args.ack === 'function'
        ? (args.ack as (r?: unknown) => Promise<void>)
        : undefined;
    const says = { text: refusal, blocks: [section(`:lock: ${escapeMrkdwn(refusal)}`)] };
    try {
      if (typeof body.command === 'string') {
        await ack?.(ephemeral(says));
        return;
      }
      switch (body.type) {
        case 'view_submission':
          await ack?.({ response_action: 'update', view: refusalView(locale) });
          return;
        case 'block_suggestion':
          await ack?.({ options: [] });
          return;
        case 'event_callback':
          await args.client.views.publish({
            user_id: who.user,
            view: { type: 'home', blocks: [header('Winwin'), ...says.blocks] },
          });
          return;
        default: {
          await ack?.();
          const responseUrl = text(body.response_url);
          if (responseUrl !== undefined && 'respond' in args && typeof args.respond === 'function') {
            await args.respond({ ...ephemeral(says), replace_original: false });
          } else if (body.type === 'block_actions') {
            await args.client.chat.postMessage({ channel: who.user, ...says });
          }
        }
      }
    } catch (error) {
      args.logger.error(`could not tell ${who.user} they are not admitted: ${describe(error)}`);
    }
  };
