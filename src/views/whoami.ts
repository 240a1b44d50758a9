import type { Role } from '../domain/types.js';
import { type Locale, type Localized, ROLE_LABELS, WORDS } from '../i18n/common.js';
import { type KnownBlock, type Message, message, section } from './blocks.js';
import { code, escapeMrkdwn } from './mrkdwn.js';

const MEANS: Localized<Record<Role, string>> = {
  en: {
    admin: 'You can change data and grant or revoke access.',
    editor: 'You can record pledges and edit programs.',
    viewer: 'You can read status and history; contributors who have not signed yet are shown as undisclosed.',
  },
  ko: {
    admin: '데이터를 변경하고 권한을 부여·회수할 수 있습니다.',
    editor: '출연을 기록하고 프로그램을 편집할 수 있습니다.',
    viewer: '현황과 이력을 볼 수 있습니다. 아직 협약하지 않은 출연자는 비공개로 표시됩니다.',
  },
};

export interface WhoamiInput {
  readonly locale: Locale;
  readonly user: string;
  readonly role: Role;
  readonly noAdmin: boolean;
}

export const buildWhoamiMessage = ({ locale, user, role, noAdmin }: WhoamiInput): Message => {
  const w = WORDS[locale];
  const roleLabel = ROLE_LABELS[locale][role];
  const blocks: KnownBlock[] = [
    section(
      `${w.yourId}: ${code(user)}\n${w.role}: *${escapeMrkdwn(roleLabel)}* (${code(role)})\n${MEANS[locale][role]}`,
    ),
  ];
  if (noAdmin) blocks.push(section(`:lock: ${escapeMrkdwn(w.noAdminsConfigured)}`));
  const fallback = [
    `${w.yourId}: ${user}`,
    `${w.role}: ${roleLabel}`,
    ...(noAdmin ? [w.noAdminsConfigured] : []),
  ];
  return message(fallback.join('\n'), blocks);
};
