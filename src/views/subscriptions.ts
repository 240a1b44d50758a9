import { formatWon } from '../domain/amount.js';
import type { EventKind } from '../domain/filters.js';
import type { DigestSchedule } from '../domain/schedule.js';
import { ALL, type Subscribed } from '../domain/subscriptions.js';
import type { Subscription } from '../domain/types.js';
import type { Locale, Localized } from '../i18n/common.js';
import { WORDS } from '../i18n/common.js';
import {
  actions,
  button,
  context,
  type KnownBlock,
  linesToSections,
  type Message,
  message,
  paginate,
  section,
  warningReply,
} from './blocks.js';
import { formatWhen } from './event-text.js';
import { ACTIONS, BLOCKS } from './ids.js';
import { code, escapeMrkdwn, mentionUser } from './mrkdwn.js';

/** Replies of /winwin subscribe, unsubscribe and subscriptions. */

/** Subscriptions per page of `/winwin subscriptions all`. */
export const SUBSCRIPTIONS_PAGE_SIZE = 40;

const T: Localized<{
  all: string;
  cadence: Record<Subscription['cadence'], (s: DigestSchedule) => string>;
  detail: Record<Subscription['detail'], string>;
  subscribed: (target: string, how: string) => string;
  changed: (target: string, was: string, now: string) => string;
  resumed: string;
  same: (target: string, how: string) => string;
  invite: string;
  totalsNote: string;
  namesNote: string;
  unsubscribed: (target: string) => string;
  none: string;
  noneAll: string;
  heading: string;
  headingAll: (n: number) => string;
  created: (who: string, when: string) => string;
  paused: (reason: string, when: string) => string;
  lastDigest: (when: string) => string;
  manage: string;
  page: (page: number, pages: number) => string;
  kinds: Record<EventKind, string>;
  only: (kinds: string) => string;
  min: (amount: string) => string;
  heartbeat: string;
}> = {
  en: {
    all: 'all programs',
    cadence: {
      daily: (s) => `daily at ${s.time} (${s.tz})`,
      weekly: (s) => `weekly on Mondays at ${s.time} (${s.tz})`,
      realtime: () => 'in real time',
    },
    detail: { totals: 'totals', names: 'with names' },
    subscribed: (target, how) => `This channel now follows ${target}, ${how}.`,
    changed: (target, was, now) => `This channel's subscription to ${target} changed from ${was} to ${now}.`,
    resumed: 'It was paused; it is active again.',
    same: (target, how) => `This channel already follows ${target}, ${how}. Nothing changed.`,
    invite:
      'Winwin posts here only if it is a member of the channel: if it is not yet, type `/invite @winwin`.',
    totalsNote: 'Contributors who have not signed yet are shown as an undisclosed contributor.',
    namesNote:
      'Every contributor is named here, including those still negotiating: keep this channel restricted.',
    unsubscribed: (target) => `This channel no longer follows ${target}.`,
    none: 'This channel follows nothing yet. Try `/winwin subscribe all` or `/winwin subscribe autos weekly`.',
    noneAll: 'No channel follows anything yet.',
    heading: "This channel's subscriptions",
    headingAll: (n) => `Every channel's subscriptions (${n})`,
    created: (who, when) => `set up by ${who} on ${when}`,
    paused: (reason, when) =>
      `:double_vertical_bar: paused since ${when} (${reason}); subscribe again to resume`,
    lastDigest: (when) => `last digest ${when}`,
    manage: 'Change one with `/winwin subscribe <target> …`, stop one with `/winwin unsubscribe <target>`.',
    page: (page, pages) => `Page ${page}/${pages}`,
    kinds: { programs: 'programs', pledges: 'pledges', payments: 'payments', guarantees: 'guarantees' },
    only: (kinds) => `only ${kinds}`,
    min: (amount) => `changes of ${amount} or more`,
    heartbeat: '"no changes" digests too',
  },
  ko: {
    all: '전체 프로그램',
    cadence: {
      daily: (s) => `매일 ${s.time} (${s.tz})`,
      weekly: (s) => `매주 월요일 ${s.time} (${s.tz})`,
      realtime: () => '실시간',
    },
    detail: { totals: '합계만', names: '출연자 이름 포함' },
    subscribed: (target, how) => `이 채널이 이제 ${target}을(를) 구독합니다: ${how}.`,
    changed: (target, was, now) => `이 채널의 ${target} 구독이 ${was}에서 ${now}(으)로 바뀌었습니다.`,
    resumed: '일시 중지되어 있던 구독이 다시 활성화되었습니다.',
    same: (target, how) => `이 채널은 이미 ${target}을(를) 구독 중입니다: ${how}. 변경 사항이 없습니다.`,
    invite: 'Winwin이 채널 멤버일 때만 게시할 수 있습니다. 아직 아니라면 `/invite @winwin`을 입력하세요.',
    totalsNote: '아직 협약하지 않은 출연자는 비공개 출연자로 표시됩니다.',
    namesNote: '협상 중인 출연자를 포함해 모든 출연자 이름이 표시됩니다. 채널 접근을 제한하세요.',
    unsubscribed: (target) => `이 채널은 더 이상 ${target}을(를) 구독하지 않습니다.`,
    none: '이 채널은 아직 아무것도 구독하지 않습니다. `/winwin subscribe all` 또는 `/winwin subscribe autos weekly`를 입력해 보세요.',
    noneAll: '구독 중인 채널이 없습니다.',
    heading: '이 채널의 구독',
    headingAll: (n) => `모든 채널의 구독 (${n})`,
    created: (who, when) => `${who} 설정, ${when}`,
    paused: (reason, when) =>
      `:double_vertical_bar: ${when}부터 일시 중지 (${reason}); 다시 구독하면 재개됩니다`,
    lastDigest: (when) => `최근 요약 ${when}`,
    manage: '`/winwin subscribe <대상> …`으로 변경하고 `/winwin unsubscribe <대상>`으로 해지하세요.',
    page: (page, pages) => `${pages}쪽 중 ${page}쪽`,
    kinds: { programs: '프로그램', pledges: '출연', payments: '납입', guarantees: '보증' },
    only: (kinds) => `${kinds}만`,
    min: (amount) => `${amount} 이상 변경만`,
    heartbeat: '변경 없는 요약도 게시',
  },
};

/** The target as people read it, escaped: `all programs` or `autos`. */
export const targetLabel = (target: string, locale: Locale): string =>
  target === ALL ? escapeMrkdwn(T[locale].all) : code(target);

/** "daily at 09:00 (Asia/Seoul), totals", then its filters: "only pledges, payments, changes of 1 billion won or more". */
export const settingsText = (
  s: Pick<Subscription, 'cadence' | 'detail' | 'only' | 'min' | 'quiet'>,
  schedule: DigestSchedule,
  locale: Locale,
): string => {
  const t = T[locale];
  const parts = [t.cadence[s.cadence](schedule), t.detail[s.detail]];
  if (s.only !== undefined && s.only.length > 0) {
    parts.push(t.only(s.only.map((kind) => t.kinds[kind]).join(locale === 'ko' ? '·' : ', ')));
  }
  if (s.min !== undefined) parts.push(t.min(formatWon(s.min, locale)));
  if (s.quiet === false && s.cadence !== 'realtime') parts.push(t.heartbeat);
  return parts.join(', ');
};

export const buildSubscribedMessage = (
  result: Subscribed,
  schedule: DigestSchedule,
  locale: Locale,
): Message => {
  const t = T[locale];
  const { subscription: s, previous } = result;
  const target = targetLabel(s.target, locale);
  const now = settingsText(s, schedule, locale);
  let headline: string;
  if (previous === undefined) headline = t.subscribed(target, now);
  else {
    const was = settingsText(previous, schedule, locale);
    headline =
      was === now
        ? previous.paused === undefined
          ? t.same(target, now)
          : t.subscribed(target, now)
        : t.changed(target, was, now);
    if (previous.paused !== undefined) headline = `${headline} ${t.resumed}`;
  }
  const note = s.detail === 'names' ? `:lock: ${t.namesNote}` : t.totalsNote;
  return message(headline, [section(`:white_check_mark: ${headline}`), context(note, t.invite)]);
};

export const buildUnsubscribedMessage = (subscription: Subscription, locale: Locale): Message => {
  const text = T[locale].unsubscribed(targetLabel(subscription.target, locale));
  return message(text, [section(`:white_check_mark: ${text}`)]);
};

export interface ListOptions {
  readonly schedule: DigestSchedule;
  readonly locale: Locale;
  readonly timeZone: string;
}

const subscriptionLine = (s: Subscription, o: ListOptions, withChannel: boolean): string => {
  const t = T[o.locale];
  const parts = [
    `${withChannel ? `<#${s.channel}> · ` : ''}${targetLabel(s.target, o.locale)} · ${settingsText(s, o.schedule, o.locale)}`,
    t.created(mentionUser(s.createdBy), formatWhen(s.createdAt, o.timeZone)),
  ];
  if (s.lastDigestAt !== undefined && s.cadence !== 'realtime') {
    parts.push(t.lastDigest(formatWhen(s.lastDigestAt, o.timeZone)));
  }
  const line = `• ${parts.join(' · ')}`;
  return s.paused === undefined
    ? line
    : `${line}\n   ${t.paused(escapeMrkdwn(s.paused.reason), formatWhen(s.paused.at, o.timeZone))}`;
};

/** `/winwin subscriptions`: this channel's, with who set each up and when. */
export const buildChannelSubscriptions = (
  subscriptions: readonly Subscription[],
  o: ListOptions,
): Message => {
  const t = T[o.locale];
  if (subscriptions.length === 0) return message(t.none, [section(t.none)]);
  return message(t.heading, [
    section(`*${escapeMrkdwn(t.heading)}*`),
    ...linesToSections(subscriptions.map((s) => subscriptionLine(s, o, false))),
    context(t.manage),
  ]);
};

/** `/winwin subscriptions all` (admins): every channel's, one page at a time. */
export const buildAllSubscriptions = (
  subscriptions: readonly Subscription[],
  page: number,
  o: ListOptions,
): Message => {
  const t = T[o.locale];
  if (subscriptions.length === 0) return message(t.noneAll, [section(t.noneAll)]);
  const pages = paginate(subscriptions, SUBSCRIPTIONS_PAGE_SIZE);
  const index = Math.min(Math.max(0, page), pages.length - 1);
  const heading = t.headingAll(subscriptions.length);
  const blocks: KnownBlock[] = [
    section(`*${escapeMrkdwn(heading)}*`),
    ...linesToSections((pages[index] ?? []).map((s) => subscriptionLine(s, o, true))),
  ];
  if (pages.length > 1) {
    const buttons = [];
    if (index > 0) {
      buttons.push(
        button({
          text: WORDS[o.locale].previous,
          actionId: ACTIONS.subscriptionsPage,
          value: String(index - 1),
        }),
      );
    }
    if (index < pages.length - 1) {
      buttons.push(
        button({ text: WORDS[o.locale].next, actionId: ACTIONS.subscriptionsPage, value: String(index + 1) }),
      );
    }
    blocks.push(context(t.page(index + 1, pages.length)), actions(buttons, BLOCKS.subscriptionsPagination));
  }
  return message(heading, blocks);
};

const PAUSED: Localized<{
  text: (channel: string, reason: string) => string;
  list: string;
  resume: string;
}> = {
  en: {
    text: (channel, reason) =>
      `Winwin can no longer post in ${channel} (Slack said \`${reason}\`), so its subscriptions there are paused and will not be retried.`,
    list: 'Paused:',
    resume:
      'Once the channel is usable again (unarchived, or Winwin invited back with `/invite @winwin`), type `/winwin subscribe <target> …` there to resume; nothing that changed meanwhile is lost.',
  },
  ko: {
    text: (channel, reason) =>
      `Winwin이 ${channel}에 더 이상 게시할 수 없어(Slack 응답 \`${reason}\`) 그 채널의 구독을 일시 중지했습니다. 재시도하지 않습니다.`,
    list: '일시 중지된 구독:',
    resume:
      '채널을 다시 쓸 수 있게 되면(보관 해제, 또는 `/invite @winwin`으로 다시 초대) 그 채널에서 `/winwin subscribe <대상> …`을 입력해 재개하세요. 그동안의 변경 사항은 빠짐없이 이어집니다.',
  },
};

/** The DM each admin gets when a channel's subscriptions are paused. */
export const buildChannelPausedNotice = (
  channel: string,
  reason: string,
  paused: readonly Subscription[],
  schedule: DigestSchedule,
  locale: Locale,
): Message => {
  const t = PAUSED[locale];
  const where = /^[CG][A-Z0-9]+$/.test(channel) ? `<#${channel}>` : code(channel);
  const headline = t.text(where, escapeMrkdwn(reason));
  const lines = paused.map(
    (s) => `• ${targetLabel(s.target, locale)} · ${settingsText(s, schedule, locale)}`,
  );
  return message(headline, [
    section(`:warning: ${headline}`),
    ...linesToSections([t.list, ...lines]),
    context(t.resume),
  ]);
};

const PROBLEMS: Localized<{
  subscribeUsage: string;
  unsubscribeUsage: string;
  unknownWord: (word: string) => string;
  twice: (what: string) => string;
  namesNeedsAdmin: string;
  allNeedsAdmin: string;
  notSubscribed: (target: string, subscribed: string) => string;
  quietValue: (word: string) => string;
}> = {
  en: {
    subscribeUsage:
      'Usage: `/winwin subscribe <target|all> [daily|weekly|realtime] [totals|names] [only:<kinds>] [min:<amount>] [quiet:off]`, e.g. `/winwin subscribe autos weekly only:pledges,payments min:10억`. Default: daily totals, every change, no digest when nothing changed.',
    unsubscribeUsage:
      'Usage: `/winwin unsubscribe <target|all>`. See what this channel follows with `/winwin subscriptions`.',
    unknownWord: (word) => `${word} is neither daily, weekly, realtime, totals nor names.`,
    twice: (what) => `Give the ${what} once.`,
    namesNeedsAdmin:
      'Only admins may subscribe a channel with `names`: it shows contributors still negotiating to everyone in the channel. Use `totals`, or ask an admin.',
    allNeedsAdmin:
      'Only admins may list every channel’s subscriptions. `/winwin subscriptions` lists this channel’s.',
    notSubscribed: (target, subscribed) =>
      `This channel does not follow ${target}.${subscribed === '' ? ' It follows nothing.' : ` It follows: ${subscribed}.`}`,
    quietValue: (word) => `quiet: takes on or off, not ${word}.`,
  },
  ko: {
    subscribeUsage:
      '사용법: `/winwin subscribe <대상|all> [daily|weekly|realtime] [totals|names] [only:<종류>] [min:<금액>] [quiet:off]`, 예: `/winwin subscribe autos weekly only:pledges,payments min:10억`. 기본값: daily totals, 모든 변경, 변경이 없으면 요약 없음.',
    unsubscribeUsage:
      '사용법: `/winwin unsubscribe <대상|all>`. 이 채널의 구독은 `/winwin subscriptions`로 확인하세요.',
    unknownWord: (word) => `${word}은(는) daily, weekly, realtime, totals, names 중 어느 것도 아닙니다.`,
    twice: (what) => `${what}은(는) 한 번만 지정하세요.`,
    namesNeedsAdmin:
      '`names` 구독은 관리자만 설정할 수 있습니다. 협상 중인 출연자 이름이 채널 전체에 보이기 때문입니다. `totals`를 쓰거나 관리자에게 요청하세요.',
    allNeedsAdmin:
      '모든 채널의 구독 목록은 관리자만 볼 수 있습니다. 이 채널의 구독은 `/winwin subscriptions`로 보세요.',
    notSubscribed: (target, subscribed) =>
      `이 채널은 ${target}을(를) 구독하지 않습니다.${subscribed === '' ? ' 구독 중인 대상이 없습니다.' : ` 구독 중: ${subscribed}.`}`,
    quietValue: (word) => `quiet:에는 on 또는 off를 쓰세요 (${word}가 아니라).`,
  },
};

export type SubscriptionProblem =
  | { readonly kind: 'subscribeUsage' }
  | { readonly kind: 'unsubscribeUsage' }
  | { readonly kind: 'unknownWord'; readonly word: string }
  | { readonly kind: 'twice'; readonly what: 'cadence' | 'detail' }
  | { readonly kind: 'namesNeedsAdmin' }
  | { readonly kind: 'allNeedsAdmin' }
  | { readonly kind: 'notSubscribed'; readonly target: string; readonly subscribed: readonly string[] }
  | { readonly kind: 'quietValue'; readonly word: string };

export const buildSubscriptionProblem = (problem: SubscriptionProblem, locale: Locale): Message => {
  const t = PROBLEMS[locale];
  let text: string;
  switch (problem.kind) {
    case 'subscribeUsage':
    case 'unsubscribeUsage':
    case 'namesNeedsAdmin':
    case 'allNeedsAdmin':
      text = t[problem.kind];
      break;
    case 'unknownWord':
      text = `${t.unknownWord(code(problem.word))} ${t.subscribeUsage}`;
      break;
    case 'twice':
      text = `${t.twice(problem.what)} ${t.subscribeUsage}`;
      break;
    case 'quietValue':
      text = `${t.quietValue(code(problem.word))} ${t.subscribeUsage}`;
      break;
    case 'notSubscribed':
      text = t.notSubscribed(
        code(problem.target),
        problem.subscribed.map((s) => targetLabel(s, locale)).join(', '),
      );
      break;
  }
  return warningReply(text);
};
