import type { DomainError } from '../domain/result.js';
import type { Grant, Role } from '../domain/types.js';
import { type Locale, type Localized, ROLE_LABELS, WORDS } from '../i18n/common.js';
import {
  context,
  header,
  type KnownBlock,
  linesToSections,
  type Message,
  message,
  section,
  truncate,
} from './blocks.js';
import { errorText } from './error-text.js';
import { code, escapeMrkdwn, mentionUser } from './mrkdwn.js';

/** Who holds which role, as `/winwin access` shows it. */
export interface AccessListInput {
  readonly locale: Locale;
  readonly admins: readonly string[];
  readonly editors: readonly string[];
  readonly grants: readonly Grant[];
  /** The asker may grant and revoke (shows the grammar for it). */
  readonly canManage: boolean;
}

const T: Localized<{
  title: string;
  envAdmins: string;
  envEditors: string;
  granted: string;
  nobody: string;
  grantedBy: (by: string, on: string) => string;
  howTo: string;
  envNote: string;
  onlyAdmins: string;
  granted1: (user: string, role: string, event: number) => string;
  unchanged: (user: string, role: string) => string;
  revoked: (user: string, role: string, event: number) => string;
  usage: string;
  badUser: (given: string) => string;
  badRole: (given: string) => string;
  envAdminGrant: (user: string) => string;
  envAdminRevoke: (user: string) => string;
  noGrant: (user: string) => string;
  envEditorRevoke: (user: string) => string;
}> = {
  en: {
    title: 'Who can change Winwin data',
    envAdmins: 'Admins (WINWIN_ADMINS)',
    envEditors: 'Editors (WINWIN_EDITORS)',
    granted: 'Granted in Winwin',
    nobody: 'nobody',
    grantedBy: (by, on) => `granted by ${by} on ${on}`,
    howTo: 'Grant with `/winwin access grant @user editor|admin`, revoke with `/winwin access revoke @user`.',
    envNote: 'Roles set in the environment change only there (and after a restart).',
    onlyAdmins: 'Only admins can grant or revoke access. `/winwin access` shows who the admins are.',
    granted1: (user, role, event) => `${user} is now ${role} (E${event}).`,
    unchanged: (user, role) => `${user} already has the ${role} role; nothing changed.`,
    revoked: (user, role, event) => `${user} no longer has the ${role} role granted in Winwin (E${event}).`,
    usage:
      'Write `/winwin access`, `/winwin access grant @user editor|admin` or `/winwin access revoke @user`.',
    badUser: (given) =>
      `"${given}" is not a Slack user. Mention the person (@name) or give their id, such as U0123ABCD.`,
    badRole: (given) => `"${given}" is not a role Winwin grants. Use editor or admin.`,
    envAdminGrant: (user) =>
      `${user} is an admin by configuration (WINWIN_ADMINS); a grant would change nothing.`,
    envAdminRevoke: (user) =>
      `${user} is an admin by configuration (WINWIN_ADMINS) and cannot be revoked in Winwin; change WINWIN_ADMINS and restart.`,
    noGrant: (user) => `${user} has no role granted in Winwin; nothing to revoke.`,
    envEditorRevoke: (user) =>
      `${user} is an editor by configuration (WINWIN_EDITORS); change WINWIN_EDITORS and restart to remove it.`,
  },
  ko: {
    title: 'Winwin 데이터를 변경할 수 있는 사람',
    envAdmins: '관리자 (WINWIN_ADMINS)',
    envEditors: '편집자 (WINWIN_EDITORS)',
    granted: 'Winwin에서 부여한 권한',
    nobody: '없음',
    grantedBy: (by, on) => `${by}님이 ${on}에 부여`,
    howTo: '부여: `/winwin access grant @사용자 editor|admin`, 회수: `/winwin access revoke @사용자`.',
    envNote: '환경 변수로 정한 역할은 환경 변수에서만 바꿀 수 있습니다(재시작 필요).',
    onlyAdmins: '관리자만 권한을 부여하거나 회수할 수 있습니다. `/winwin access`로 관리자를 확인하세요.',
    granted1: (user, role, event) => `${user}님에게 ${role} 역할을 부여했습니다 (E${event}).`,
    unchanged: (user, role) => `${user}님은 이미 ${role} 역할입니다. 변경 사항이 없습니다.`,
    revoked: (user, role, event) => `${user}님에게 부여한 ${role} 역할을 회수했습니다 (E${event}).`,
    usage:
      '`/winwin access`, `/winwin access grant @사용자 editor|admin` 또는 `/winwin access revoke @사용자`로 쓰세요.',
    badUser: (given) =>
      `"${given}"은(는) Slack 사용자가 아닙니다. 사람을 멘션(@이름)하거나 U0123ABCD 같은 ID를 쓰세요.`,
    badRole: (given) => `"${given}"은(는) 부여할 수 있는 역할이 아닙니다. editor 또는 admin을 쓰세요.`,
    envAdminGrant: (user) => `${user}님은 설정(WINWIN_ADMINS)상 관리자입니다. 부여해도 달라지지 않습니다.`,
    envAdminRevoke: (user) =>
      `${user}님은 설정(WINWIN_ADMINS)상 관리자라 Winwin에서 회수할 수 없습니다. WINWIN_ADMINS를 바꾸고 다시 시작하세요.`,
    noGrant: (user) => `${user}님에게 Winwin에서 부여한 역할이 없습니다. 회수할 것이 없습니다.`,
    envEditorRevoke: (user) =>
      `${user}님은 설정(WINWIN_EDITORS)상 편집자입니다. WINWIN_EDITORS를 바꾸고 다시 시작해야 합니다.`,
  },
};

// The role's own word is what `grant` takes, so it is shown next to a translated label.
const roleName = (role: Role, locale: Locale): string =>
  ROLE_LABELS[locale][role] === role ? role : `${ROLE_LABELS[locale][role]} (${role})`;

/** The roles list. User ids come from config (validated) or the store (schema-checked), so they are mentioned. */
export const buildAccessList = (input: AccessListInput): Message => {
  const t = T[input.locale];
  const people = (ids: readonly string[]): string =>
    ids.length === 0 ? t.nobody : ids.map(mentionUser).join(', ');
  const grants = [...input.grants].sort((a, b) => a.at.localeCompare(b.at));
  const grantLines = grants.map(
    (g) =>
      `• ${mentionUser(g.user)} — ${escapeMrkdwn(roleName(g.role, input.locale))}, ${t.grantedBy(mentionUser(g.grantedBy), code(g.at.slice(0, 10)))}`,
  );
  const blocks: KnownBlock[] = [header(t.title)];
  if (input.admins.length === 0)
    blocks.push(section(`:lock: ${escapeMrkdwn(WORDS[input.locale].noAdminsConfigured)}`));
  blocks.push(
    section(`*${escapeMrkdwn(t.envAdmins)}*\n${people(input.admins)}`),
    section(`*${escapeMrkdwn(t.envEditors)}*\n${people(input.editors)}`),
    ...linesToSections([
      `*${escapeMrkdwn(t.granted)}*`,
      ...(grantLines.length === 0 ? [t.nobody] : grantLines),
    ]),
    context(input.canManage ? `${t.howTo} ${escapeMrkdwn(t.envNote)}` : escapeMrkdwn(t.envNote)),
  );
  const fallback = [
    t.title,
    `${t.envAdmins}: ${input.admins.join(', ') || t.nobody}`,
    `${t.envEditors}: ${input.editors.join(', ') || t.nobody}`,
    `${t.granted}: ${grants.map((g) => `${g.user} ${g.role}`).join(', ') || t.nobody}`,
  ];
  return message(fallback.join('\n'), blocks);
};

/** Outcomes of grant/revoke, each a one-line reply. */
export type AccessOutcome =
  | {
      readonly kind: 'granted';
      readonly user: string;
      readonly role: 'admin' | 'editor';
      readonly event: number;
    }
  | { readonly kind: 'unchanged'; readonly user: string; readonly role: 'admin' | 'editor' }
  | {
      readonly kind: 'revoked';
      readonly user: string;
      readonly role: 'admin' | 'editor';
      readonly event: number;
    }
  | { readonly kind: 'notAdmin'; readonly noAdmins: boolean }
  | { readonly kind: 'usage' }
  | { readonly kind: 'badUser'; readonly given: string }
  | { readonly kind: 'badRole'; readonly given: string }
  | { readonly kind: 'envAdminGrant'; readonly user: string }
  | { readonly kind: 'envAdminRevoke'; readonly user: string }
  | { readonly kind: 'envEditorRevoke'; readonly user: string }
  | { readonly kind: 'noGrant'; readonly user: string }
  | { readonly kind: 'failed'; readonly error: DomainError };

// Echoed user input is cut short: it only has to be recognizable.
const echo = (given: string): string => truncate(given, 60);

/**
 * The reply for a grant/revoke outcome. Mentions are built only from validated ids; anything the user
 * typed is escaped, in the fallback text too (Slack reads mentions there as well).
 */
export const buildAccessReply = (outcome: AccessOutcome, locale: Locale): Message => {
  const [emoji, text] = replyText(outcome, locale);
  return message(text, [section(`${emoji} ${text}`)]);
};

const replyText = (outcome: AccessOutcome, locale: Locale): [emoji: string, mrkdwn: string] => {
  const t = T[locale];
  const role = (r: 'admin' | 'editor'): string => escapeMrkdwn(roleName(r, locale));
  switch (outcome.kind) {
    case 'granted':
      return [
        ':white_check_mark:',
        t.granted1(mentionUser(outcome.user), `*${role(outcome.role)}*`, outcome.event),
      ];
    case 'unchanged':
      return [':information_source:', t.unchanged(mentionUser(outcome.user), role(outcome.role))];
    case 'revoked':
      return [':white_check_mark:', t.revoked(mentionUser(outcome.user), role(outcome.role), outcome.event)];
    case 'notAdmin':
      return [':no_entry:', escapeMrkdwn(outcome.noAdmins ? WORDS[locale].noAdminsConfigured : t.onlyAdmins)];
    case 'usage':
      return [':warning:', escapeMrkdwn(t.usage)];
    case 'badUser':
      return [':warning:', escapeMrkdwn(t.badUser(echo(outcome.given)))];
    case 'badRole':
      return [':warning:', escapeMrkdwn(t.badRole(echo(outcome.given)))];
    case 'envAdminGrant':
      return [':warning:', t.envAdminGrant(mentionUser(outcome.user))];
    case 'envAdminRevoke':
      return [':warning:', t.envAdminRevoke(mentionUser(outcome.user))];
    case 'envEditorRevoke':
      return [':warning:', t.envEditorRevoke(mentionUser(outcome.user))];
    case 'noGrant':
      return [':warning:', t.noGrant(mentionUser(outcome.user))];
    case 'failed':
      return [':warning:', errorText(outcome.error, locale)];
  }
};
