import { type Locale, type Localized, WORDS } from '../i18n/common.js';
import { context, divider, header, type KnownBlock, type Message, message, section } from './blocks.js';
import { code, escapeMrkdwn } from './mrkdwn.js';

/** One line of the usage list: what a registered subcommand looks like and does. */
export interface UsageLine {
  readonly name: string;
  readonly usage: string;
  readonly summary: string;
}

const TITLE: Localized = { en: 'Winwin — win-win finance programs', ko: 'Winwin — 상생금융 프로그램' };
const COMMANDS: Localized = { en: 'Commands', ko: '명령' };
const GRAMMAR_TITLE: Localized = { en: 'How to write it', ko: '작성 방법' };
const EXAMPLES_TITLE: Localized = { en: 'Examples', ko: '예시' };

/**
 * The full /winwin grammar (issue 3) as fixed text: it is a contract, so it does not depend on what is
 * registered. Lines are mrkdwn written by us; only `&`, `<`, `>` need escaping.
 */
const GRAMMAR: Localized<readonly string[]> = {
  en: [
    '`/winwin` or `/winwin help` shows this message.',
    '`<target>` is a sector name or alias (`retail`, `유통`) or a program slug. A sector with one program acts as that program; an unknown target lists the known ones.',
    'An amount is one token in any usual form: `630억`, `6,300억원`, `6천300억`, `KRW 630bn`. Quote it when it has spaces: `"1조 2,630억"`. Quotes “ ” work too.',
    'Options are written `key:value`: `kind:corporation|bank|public|other`, `status:verbal|committed|paid`. A quick pledge defaults to `kind:corporation status:verbal`.',
    'Pledge statuses: `verbal` → `committed` → `paid`, or `suspended` / `withdrawn`. Program statuses: `negotiating`, `announced`, `launched`, `on_hold`, `closed`.',
    'Replies are visible only to you; a status reply has a *Share in channel* button. Changing data needs the editor or admin role.',
    'Subscriptions: `only:programs,pledges,payments,guarantees` keeps those kinds of change, `min:<amount>` leaves out smaller ones, `quiet:off` posts a short "no changes" digest instead of none. A live card gets one thread reply per minute of changes.',
    'Status replies and digests show a bar chart (target, confirmed capacity, with verbal pledges) and the pledges as a table where Slack shows them, else text bars such as `████████░░ 80 %`. Editors change a pledge through the ⋯ menu of its row.',
    'Money paid in: `/winwin pay <pledge-id> <amount> [on:<YYYY-MM-DD>] [note…]` (signed pledges only, never above the pledge); `/winwin schedule <pledge-id> <amount> <YYYY-MM-DD> …` sets the expected installments (`none` clears them). An installment is overdue once its date has passed and paid-in is short.',
    'Follow-up: every pledge has an owner (`/winwin owner <pledge-id> <@user>`; default: who recorded it) and a next step (`/winwin next <pledge-id> <date> <what…>`, `… done`). Dates: `2026-12-15`, `12/15`, `12월 15일`, `tomorrow`, `+7d`. `/winwin mine` lists yours; on Korean business days owners get one DM with what is due, with *Done* and *Snooze* buttons.',
  ],
  ko: [
    '`/winwin` 또는 `/winwin help`: 이 도움말을 봅니다.',
    '`<target>`은 업종 이름이나 별칭(`retail`, `유통`) 또는 프로그램 슬러그입니다. 프로그램이 하나인 업종은 그 프로그램으로 취급하고, 모르는 대상이면 알려진 대상을 보여 줍니다.',
    '금액은 한 토큰으로, 흔히 쓰는 형식이면 됩니다: `630억`, `6,300억원`, `6천300억`, `KRW 630bn`. 띄어쓰기가 있으면 따옴표로 묶으세요: `"1조 2,630억"` (“ ”도 됩니다).',
    '옵션은 `key:value`로 씁니다: `kind:corporation|bank|public|other`, `status:verbal|committed|paid`. 빠른 출연 기록의 기본값은 `kind:corporation status:verbal`입니다.',
    '출연 상태: `verbal`(구두 의사) → `committed`(협약 체결) → `paid`(출연 완료), 또는 `suspended`(논의 중단) / `withdrawn`(철회). 프로그램 상태: `negotiating`, `announced`, `launched`, `on_hold`, `closed`.',
    '답변은 본인에게만 보입니다. 현황 답변의 *채널에 공유* 버튼으로 채널에 올릴 수 있습니다. 데이터 변경은 편집자 또는 관리자 권한이 필요합니다.',
    '구독: `only:programs,pledges,payments,guarantees`는 그 종류의 변경만, `min:<금액>`은 그보다 작은 변경을 빼고 받습니다. 변경이 없으면 요약을 올리지 않으며, `quiet:off`면 짧은 "변경 없음"을 올립니다. 실시간 카드의 스레드에는 1분 동안의 변경이 한 번에 답글로 달립니다.',
    '현황 답변과 요약에는 막대 차트(목표, 확정 보증 규모, 구두 포함 규모)와 출연 표가 나옵니다. Slack이 차트를 보여 주지 못하면 `████████░░ 80 %` 같은 텍스트 막대로 보여 줍니다. 편집자는 각 출연 행의 ⋯ 메뉴로 상태를 바꿉니다.',
    '납입: `/winwin pay <출연-ID> <금액> [on:<YYYY-MM-DD>] [메모…]` (협약된 출연만, 출연액을 넘을 수 없음). `/winwin schedule <출연-ID> <금액> <YYYY-MM-DD> …`로 납입 일정을 정합니다 (`none`은 삭제). 기한이 지났는데 납입액이 모자라면 연체입니다.',
    '후속 조치: 출연마다 담당자(`/winwin owner <출연-ID> <@사용자>`, 기본은 기록한 사람)와 다음 단계(`/winwin next <출연-ID> <날짜> <할 일…>`, `… done`)가 있습니다. 날짜: `2026-12-15`, `12/15`, `12월 15일`, `내일`, `+7d`. `/winwin mine`으로 내 것을 보고, 영업일마다 담당자에게 챙길 것을 DM으로 알려 줍니다 (*완료*, *미루기* 버튼).',
  ],
};

/** Every command of the grammar, whether or not its handler is registered yet. */
const GRAMMAR_USAGE: readonly (readonly [name: string, usage: string])[] = [
  ['status', '/winwin status [<target>]'],
  ['pledge', '/winwin pledge [<target>]'],
  ['pledge', '/winwin pledge <target> <amount> <contributor…> [kind:<kind>] [status:<status>]'],
  ['set', '/winwin set <pledge-id> <status> [reason…]'],
  ['set', '/winwin set <program> <status> [reason…]'],
  ['program', '/winwin program new [<sector>]'],
  ['program', '/winwin program edit <program>'],
  ['capacity', '/winwin capacity <target> [<amount>]'],
  ['history', '/winwin history [<target>] [<n>]'],
  ['pay', '/winwin pay <pledge-id> <amount> [on:<YYYY-MM-DD>] [note…]'],
  ['schedule', '/winwin schedule <pledge-id> <amount> <YYYY-MM-DD> [<amount> <YYYY-MM-DD> …]'],
  ['owner', '/winwin owner <pledge-id> <@user>'],
  ['next', '/winwin next <pledge-id> <YYYY-MM-DD> <what…>'],
  ['next', '/winwin next <pledge-id> done'],
  ['mine', '/winwin mine'],
  ['whoami', '/winwin whoami'],
];

const EXAMPLES: readonly string[] = [
  '/winwin status',
  '/winwin status autos',
  '/winwin pledge retail "1조 2,630억" Coupang kind:corporation status:verbal',
  '/winwin set P7 suspended data leak',
  '/winwin set retail-2025 announced',
  '/winwin capacity steel 50억',
  '/winwin history autos 20',
  '/winwin subscribe retail realtime only:pledges,payments min:10억',
  '/winwin pay P6 150억 on:2026-01-30',
  '/winwin next P9 2026-12-15 call Coupang’s CFO after the board meeting',
];

export interface HelpInput {
  readonly locale: Locale;
  /** Usage lines of the registered subcommands, in registry order. */
  readonly lines: readonly UsageLine[];
  /** A problem with what the user typed, shown on top (already localized, plain text). */
  readonly error?: string;
  /** When nobody is admin, help says how to configure one (fail closed). */
  readonly noAdmin: boolean;
}

export const buildHelpMessage = ({ locale, lines, error, noAdmin }: HelpInput): Message => {
  // Registered subcommands describe themselves; the rest of the grammar is listed so help is complete.
  const registered = new Set(lines.map((l) => l.name));
  const usage = lines.flatMap((l) =>
    l.usage.split('\n').map((u, i) => (i === 0 ? `${code(u)} — ${escapeMrkdwn(l.summary)}` : code(u))),
  );
  for (const [name, u] of GRAMMAR_USAGE) if (!registered.has(name)) usage.push(code(u));

  const blocks: KnownBlock[] = [];
  if (error !== undefined) blocks.push(section(`:warning: ${escapeMrkdwn(error)}`));
  if (noAdmin) blocks.push(section(`:lock: ${escapeMrkdwn(WORDS[locale].noAdminsConfigured)}`));
  blocks.push(
    header(TITLE[locale]),
    section(`*${COMMANDS[locale]}*\n${usage.join('\n')}`),
    divider(),
    section(`*${GRAMMAR_TITLE[locale]}*\n${GRAMMAR[locale].map((g) => `• ${escapeMrkdwn(g)}`).join('\n')}`),
    context(`*${EXAMPLES_TITLE[locale]}*\n${EXAMPLES.map(code).join('\n')}`),
  );

  const fallback = [
    ...(error === undefined ? [] : [error]),
    ...(noAdmin ? [WORDS[locale].noAdminsConfigured] : []),
    TITLE[locale],
    ...lines.map((l) => `${l.usage} — ${l.summary}`),
  ].join('\n');
  // The fallback is read as mrkdwn too (notifications, screen readers): the echoed error is user text.
  return message(escapeMrkdwn(fallback), blocks);
};
