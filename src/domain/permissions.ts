import type { Change, Ctx } from './change.js';
import { changeWith } from './events.js';
import { err, ok, type Result } from './result.js';
import { type Grant, type Pledge, type Role, SlackUserIdSchema, type State } from './types.js';

/** The user ids the environment names (WINWIN_ADMINS, WINWIN_EDITORS). */
export interface EnvRoles {
  readonly admins: readonly string[];
  readonly editors: readonly string[];
}

// Each role may do what the role below it may, and these.
const VIEWER = ['view.status', 'view.history', 'access.list'] as const;
const EDITOR = [
  ...VIEWER,
  'view.contributorNames',
  'pledge.record',
  'pledge.status',
  'pledge.correct',
  'program.create',
  'program.edit',
  'program.status',
  'subscribe',
  'export',
  'guarantee.record',
  'guarantee.status',
  'guarantee.import',
] as const;
export const ACTIONS = [
  ...EDITOR,
  'subscribe.names',
  'subscriptions.all',
  'access.grant',
  'access.revoke',
] as const;
export type Action = (typeof ACTIONS)[number];

const PERMITTED: Readonly<Record<Role, ReadonlySet<Action>>> = {
  viewer: new Set(VIEWER),
  editor: new Set(EDITOR),
  admin: new Set(ACTIONS),
};

/**
 * A user's role. Environment lists and in-app grants both count, and the higher one wins, so an
 * environment admin stays admin whatever a grant says. Fail closed: with no admin configured in the
 * environment nobody holds any role (no one could govern the grants), and unknown users are viewers.
 */
export const roleOf = (user: string, env: EnvRoles, grants: readonly Grant[]): Role => {
  const id = user.trim();
  const admins = env.admins.map((a) => a.trim()).filter((a) => a !== '');
  if (admins.length === 0 || id === '') return 'viewer';
  if (admins.includes(id)) return 'admin';
  const granted = grants.find((g) => g.user === id)?.role;
  if (granted === 'admin') return 'admin';
  if (granted === 'editor' || env.editors.some((e) => e.trim() === id)) return 'editor';
  return 'viewer';
};

/** Whether a role may perform an action. */
const RANK: Record<Role, number> = { viewer: 0, editor: 1, admin: 2 };

/** Whether `role` is at least `needed`. */
export const hasRole = (role: Role, needed: Role): boolean => RANK[role] >= RANK[needed];

export const can = (role: Role, action: Action): boolean => PERMITTED[role].has(action);

/**
 * Who a rendering is for: a person with a role, or a channel (role 'viewer'; `channelNames` when the
 * channel is subscribed with `names`).
 */
export interface Audience {
  readonly role: Role;
  readonly channelNames?: boolean;
  /** The person reading, when it is one (not a channel): an owner sees their pledges' next steps. */
  readonly user?: string;
}

/**
 * May this audience read the pledge's next step? It can name people and plans: editors, admins and
 * the pledge's owner only (the recorder when no owner was set), never a channel.
 */
export const nextStepVisible = (
  pledge: Partial<Pick<Pledge, 'owner' | 'recordedBy'>>,
  audience: Audience,
): boolean =>
  can(audience.role, 'view.contributorNames') ||
  (audience.user !== undefined && audience.user === (pledge.owner ?? pledge.recordedBy));

/** May this audience see the pledge's contributor name? Unsigned pledges' names are confidential. */
export const contributorVisible = (pledge: Pick<Pledge, 'signed'>, audience: Audience): boolean =>
  pledge.signed || audience.channelNames === true || can(audience.role, 'view.contributorNames');

/**
 * May this audience see suppliers' names? Suppliers are small firms named in a guarantee: editors,
 * admins and `names` channels see them; viewers and `totals` channels see counts and amounts only.
 */
export const supplierVisible = (audience: Audience): boolean =>
  audience.channelNames === true || can(audience.role, 'view.contributorNames');

const checkUser = (user: string): Result<string> => {
  const id = user.trim();
  return SlackUserIdSchema.safeParse(id).success
    ? ok(id)
    : err('ACCESS.INVALID', { field: 'user', input: id });
};

/**
 * Grants `role` to a user (replacing an earlier grant): event access.granted. The caller checks that the
 * actor may grant (`can(role, 'access.grant')`). Granting the role a user already has changes nothing.
 */
export const grantRole = (
  state: State,
  user: string,
  role: 'admin' | 'editor',
  ctx: Ctx,
): Result<Change<Grant>> => {
  const id = checkUser(user);
  if (!id.ok) return id;
  if (role !== 'admin' && role !== 'editor') {
    return err('ACCESS.INVALID', { field: 'role', input: String(role) });
  }
  const previous = state.grants.find((g) => g.user === id.value);
  if (previous?.role === role) return ok({ state, events: [], value: previous });
  const grant: Grant = { user: id.value, role, grantedBy: ctx.actor, at: ctx.now.toISOString() };
  return ok(
    changeWith(
      { ...state, grants: [...state.grants.filter((g) => g.user !== id.value), grant] },
      [
        {
          type: 'access.granted',
          target: id.value,
          before: previous ? { role: previous.role } : null,
          after: { role },
        },
      ],
      grant,
      ctx,
    ),
  );
};

/**
 * Removes a user's in-app grant: event access.revoked. Admins named in the environment cannot be
 * revoked in-app (ACCESS.DENIED); a user without a grant is ACCESS.INVALID.
 */
export const revokeRole = (
  state: State,
  user: string,
  ctx: Ctx,
  envAdmins: readonly string[],
): Result<Change<Grant>> => {
  const id = checkUser(user);
  if (!id.ok) return id;
  if (envAdmins.some((a) => a.trim() === id.value)) {
    return err('ACCESS.DENIED', { user: id.value });
  }
  const previous = state.grants.find((g) => g.user === id.value);
  if (!previous) {
    return err('ACCESS.INVALID', { field: 'grant', user: id.value });
  }
  return ok(
    changeWith(
      { ...state, grants: state.grants.filter((g) => g.user !== id.value) },
      [{ type: 'access.revoked', target: id.value, before: { role: previous.role }, after: null }],
      previous,
      ctx,
    ),
  );
};

/**
 * Whether a history event's contributor names must be hidden from this audience: a pledge event whose
 * pledge (as it is now) has never been signed. Views render "undisclosed contributor" instead.
 */
export const eventContributorHidden = (
  event: { readonly type: string; readonly target: string },
  pledges: readonly Pick<Pledge, 'id' | 'signed'>[],
  audience: Audience,
): boolean => {
  if (event.type.startsWith('guarantee.')) return !supplierVisible(audience);
  if (!event.type.startsWith('pledge.')) return false;
  const pledge = pledges.find((p) => p.id === event.target);
  return !contributorVisible(pledge ?? { signed: false }, audience);
};
