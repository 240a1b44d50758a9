import type { Change } from '../domain/change.js';
import { grantRole, revokeRole } from '../domain/permissions.js';
import { ok, type Result } from '../domain/result.js';
import type { Grant } from '../domain/types.js';
import { anyAdmin, type CommandContext, hasRole, type Subcommand } from '../shell/deps.js';
import { parseUserMention } from '../shell/mention.js';
import { type AccessOutcome, buildAccessList, buildAccessReply } from '../views/access.js';

/**
 * `/winwin access` lists who holds which role; `grant` and `revoke` change in-app grants (admins only,
 * each an audit event). Roles always come from the request's user id via ctx.role.
 */

const ROLE_WORDS: Readonly<Record<string, 'admin' | 'editor'>> = {
  admin: 'admin',
  editor: 'editor',
  관리자: 'admin',
  편집자: 'editor',
};

/** Runs a grant/revoke and keeps the id of the event it recorded (undefined when nothing changed). */
const withEventId = (
  change: Result<Change<Grant>>,
): Result<Change<{ grant: Grant; event: number | undefined }>> =>
  change.ok
    ? ok({ ...change.value, value: { grant: change.value.value, event: change.value.events[0]?.id } })
    : change;

const grant = async (ctx: CommandContext, user: string, role: 'admin' | 'editor'): Promise<AccessOutcome> => {
  const { config, store } = ctx.deps;
  if (config.admins.includes(user)) return { kind: 'envAdminGrant', user };
  const result = await store.mutate((state) =>
    withEventId(grantRole(state, user, role, { actor: ctx.user, now: ctx.now })),
  );
  if (!result.ok) return { kind: 'failed', error: result.error };
  const { event } = result.value;
  if (event === undefined) return { kind: 'unchanged', user, role };
  ctx.logger.info(`access: E${event} granted ${role} to ${user} by ${ctx.user}`);
  return { kind: 'granted', user, role, event };
};

const revoke = async (ctx: CommandContext, user: string): Promise<AccessOutcome> => {
  const { config, store } = ctx.deps;
  if (config.admins.includes(user)) return { kind: 'envAdminRevoke', user };
  const result = await store.mutate((state) =>
    withEventId(revokeRole(state, user, { actor: ctx.user, now: ctx.now }, config.admins)),
  );
  if (!result.ok) {
    if (result.error.code === 'ACCESS.DENIED') return { kind: 'envAdminRevoke', user };
    if (result.error.code === 'ACCESS.INVALID' && result.error.details.field === 'grant') {
      return config.editors.includes(user) ? { kind: 'envEditorRevoke', user } : { kind: 'noGrant', user };
    }
    return { kind: 'failed', error: result.error };
  }
  const { grant: removed, event } = result.value;
  ctx.logger.info(`access: E${event ?? '?'} revoked ${removed.role} from ${user} by ${ctx.user}`);
  return { kind: 'revoked', user, role: removed.role, event: event ?? 0 };
};

const change = async (ctx: CommandContext, verb: 'grant' | 'revoke'): Promise<AccessOutcome> => {
  if (!hasRole(ctx.role, 'admin')) {
    return { kind: 'notAdmin', noAdmins: !anyAdmin(ctx.deps.config, ctx.deps.store.read()) };
  }
  const words = ctx.args.slice(1).join(' ');
  if (words.trim() === '') return { kind: 'usage' };
  const target = parseUserMention(words);
  if (target === undefined) return { kind: 'badUser', given: ctx.args[1] ?? '' };
  if (verb === 'revoke') return target.rest === '' ? revoke(ctx, target.user) : { kind: 'usage' };
  if (target.rest === '') return { kind: 'usage' };
  const role = ROLE_WORDS[target.rest.toLowerCase()];
  return role === undefined ? { kind: 'badRole', given: target.rest } : grant(ctx, target.user, role);
};

export const accessCommand: Subcommand = {
  name: 'access',
  aliases: ['roles', '권한'],
  usage: {
    en: '/winwin access\n/winwin access grant @user editor|admin\n/winwin access revoke @user',
    ko: '/winwin access\n/winwin access grant @사용자 editor|admin\n/winwin access revoke @사용자',
  },
  summary: {
    en: 'who can change data; admins grant and revoke roles',
    ko: '데이터 변경 권한 보기, 관리자는 역할 부여·회수',
  },
  async run(ctx) {
    const verb = ctx.args[0]?.toLowerCase();
    if (verb === undefined || verb === 'list') {
      const { config, store } = ctx.deps;
      await ctx.reply(
        buildAccessList({
          locale: ctx.locale,
          admins: config.admins,
          editors: config.editors,
          grants: store.read().grants,
          canManage: hasRole(ctx.role, 'admin'),
        }),
      );
      return;
    }
    const outcome =
      verb === 'grant' || verb === 'revoke' ? await change(ctx, verb) : ({ kind: 'usage' } as const);
    await ctx.reply(buildAccessReply(outcome, ctx.locale));
  },
};
