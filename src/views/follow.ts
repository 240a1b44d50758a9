import { formatWon } from '../domain/amount.js';
import type { FollowUp, Reminder } from '../domain/follow.js';
import type { InstallmentStanding } from '../domain/payments.js';
import type { Installment, Payment, Pledge } from '../domain/types.js';
import { type Locale, type Localized, PLEDGE_STATUS_LABELS } from '../i18n/common.js';
import {
  actions,
  button,
  context,
  divider,
  header,
  type KnownBlock,
  type Message,
  message,
  section,
} from './blocks.js';
import { ACTIONS } from './ids.js';
import { bold, code, escapeMrkdwn, mentionUser } from './mrkdwn.js';

/**
 * Follow-through in words: payments, schedules, owners, next steps, `/winwin mine`, reminder DMs.
 * The readers are the editor who made a change (their own reply) or the owner (a DM, "mine"), who
 * may read the pledge's contributor and next step.
 */

interface Words {
  readonly paid: (id: string, amount: string, on: string) => string;
  readonly paidIn: (paid: string, amount: string, balance: string) => string;
  readonly paidInFull: (id: string) => string;
  readonly scheduleSet: (id: string) => string;
  readonly scheduleCleared: (id: string) => string;
  readonly unchanged: (id: string) => string;
  readonly overdue: string;
  readonly ownerSet: (id: string, who: string) => string;
  readonly nextSet: (id: string, due: string) => string;
  readonly nextCleared: (id: string) => string;
  readonly noNext: (id: string) => string;
  readonly mineTitle: string;
  readonly mineEmpty: string;
  readonly nextLine: (due: string, text: string, daysLeft: number) => string;
  readonly installmentLine: (i: InstallmentStanding, today: string, locale: Locale) => string;
  readonly stale: (days: number) => string;
  readonly reminderTitle: (today: string) => string;
  readonly reminderIntro: (n: number) => string;
  readonly done: string;
  readonly snoozeDay: string;
  readonly snoozeWeek: string;
  readonly doneBy: (id: string, who: string) => string;
  readonly snoozedBy: (id: string, until: string, who: string) => string;
  readonly snoozed: (until: string) => string;
}

const dayWord = (n: number, ko: boolean): string => {
  if (ko) return n === 0 ? '오늘' : n < 0 ? `${-n}일 지남` : `${n}일 남음`;
  return n === 0
    ? 'today'
    : n < 0
      ? `${-n} day${n === -1 ? '' : 's'} overdue`
      : `in ${n} day${n === 1 ? '' : 's'}`;
};

const WORDS: Localized<Words> = {
  en: {
    paid: (id, amount, on) => `Recorded ${amount} paid in to ${id} on ${on}.`,
    paidIn: (paid, amount, balance) => `Paid in ${paid} of ${amount} · balance ${balance}`,
    paidInFull: (id) => `${id} is now paid in full.`,
    scheduleSet: (id) => `Installments of ${id}:`,
    scheduleCleared: (id) => `${id} has no installment schedule now.`,
    unchanged: (id) => `Nothing changed in ${id}.`,
    overdue: 'overdue',
    ownerSet: (id, who) => `${id} is now handled by ${who}.`,
    nextSet: (id, due) => `Next step of ${id}, by ${due}:`,
    nextCleared: (id) => `Next step of ${id} done and cleared.`,
    noNext: (id) => `${id} has no next step to clear.`,
    mineTitle: 'My follow-ups',
    mineEmpty: 'Nothing to follow up: no next steps, no installments due, no stale talks.',
    nextLine: (due, text, d) => `:arrow_right: Next step by ${due} (${dayWord(d, false)}): ${text}`,
    installmentLine: (i, today, locale) =>
      `:moneybag: Installment ${formatWon(i.installment.amount, locale)} due ${i.installment.due}` +
      `${i.installment.due < today ? ' — *overdue*' : ''} (short ${formatWon(i.short, locale)})`,
    stale: (days) => `:hourglass: Verbal, no change for ${days} days`,
    reminderTitle: (today) => `Winwin follow-ups for ${today}`,
    reminderIntro: (n) =>
      `${n} pledge${n === 1 ? '' : 's'} of yours need${n === 1 ? 's' : ''} attention today.`,
    done: 'Done',
    snoozeDay: 'Snooze 1 day',
    snoozeWeek: 'Snooze 1 week',
    doneBy: (id, who) => `:white_check_mark: Next step of ${id} marked done by ${who}.`,
    snoozedBy: (id, until, who) => `:zzz: ${id} snoozed until ${until} by ${who}.`,
    snoozed: (until) => `snoozed until ${until}`,
  },
  ko: {
    paid: (id, amount, on) => `${id}에 ${amount} 납입을 기록했습니다 (납입일 ${on}).`,
    paidIn: (paid, amount, balance) => `납입 ${paid} / 출연 ${amount} · 잔액 ${balance}`,
    paidInFull: (id) => `${id} 출연금 납입이 완료되었습니다.`,
    scheduleSet: (id) => `${id} 납입 일정:`,
    scheduleCleared: (id) => `${id}의 납입 일정을 지웠습니다.`,
    unchanged: (id) => `${id}에 바뀐 것이 없습니다.`,
    overdue: '연체',
    ownerSet: (id, who) => `${id} 담당자를 ${who}(으)로 바꿨습니다.`,
    nextSet: (id, due) => `${id} 다음 단계 (기한 ${due}):`,
    nextCleared: (id) => `${id}의 다음 단계를 완료 처리했습니다.`,
    noNext: (id) => `${id}에는 완료할 다음 단계가 없습니다.`,
    mineTitle: '내 후속 조치',
    mineEmpty: '후속 조치할 것이 없습니다: 다음 단계, 납입 예정, 정체된 협의가 없습니다.',
    nextLine: (due, text, d) => `:arrow_right: 다음 단계 (기한 ${due}, ${dayWord(d, true)}): ${text}`,
    installmentLine: (i, today, locale) =>
      `:moneybag: 납입 예정 ${formatWon(i.installment.amount, locale)} (기한 ${i.installment.due})` +
      `${i.installment.due < today ? ' — *연체*' : ''} (부족 ${formatWon(i.short, locale)})`,
    stale: (days) => `:hourglass: 구두 의사, ${days}일째 변동 없음`,
    reminderTitle: (today) => `Winwin 후속 조치 알림 (${today})`,
    reminderIntro: (n) => `오늘 챙길 출연이 ${n}건 있습니다.`,
    done: '완료',
    snoozeDay: '1일 미루기',
    snoozeWeek: '1주 미루기',
    doneBy: (id, who) => `:white_check_mark: ${who}님이 ${id}의 다음 단계를 완료 처리했습니다.`,
    snoozedBy: (id, until, who) => `:zzz: ${who}님이 ${id} 알림을 ${until}까지 미뤘습니다.`,
    snoozed: (until) => `${until}까지 알림 미룸`,
  },
};

export const followWords = (locale: Locale): Words => WORDS[locale];

const pledgeTitle = (pledge: Pledge, locale: Locale): string =>
  `${code(pledge.id)} ${bold(pledge.contributor)} · ${code(pledge.program)} · ${formatWon(pledge.amount, locale)} · ${escapeMrkdwn(PLEDGE_STATUS_LABELS[locale][pledge.status])}`;

/** The reply to `/winwin pay`. */
export const paymentRecordedMessage = (o: {
  readonly pledge: Pledge;
  readonly payment: Payment;
  readonly paidIn: Pledge['amount'];
  readonly balance: Pledge['amount'];
  readonly becamePaid: boolean;
  readonly locale: Locale;
}): Message => {
  const w = WORDS[o.locale];
  const amount = formatWon(o.payment.amount, o.locale);
  const head = w.paid(o.pledge.id, amount, o.payment.on);
  const figures = w.paidIn(
    formatWon(o.paidIn, o.locale),
    formatWon(o.pledge.amount, o.locale),
    formatWon(o.balance, o.locale),
  );
  const lines = [head, figures, ...(o.becamePaid ? [w.paidInFull(o.pledge.id)] : [])];
  return message(lines.join('\n'), [
    section(`:moneybag: ${escapeMrkdwn(head)}`),
    section(pledgeTitle(o.pledge, o.locale)),
    context(escapeMrkdwn(figures)),
    ...(o.becamePaid ? [section(`:tada: ${escapeMrkdwn(w.paidInFull(o.pledge.id))}`)] : []),
  ]);
};

const installmentText = (i: Installment, overdue: boolean, locale: Locale): string =>
  `• ${i.due} · ${formatWon(i.amount, locale)}${overdue ? ` — *${WORDS[locale].overdue}*` : ''}`;

/** The reply to `/winwin schedule`. */
export const scheduleMessage = (o: {
  readonly pledge: Pledge;
  readonly changed: boolean;
  readonly overdue: readonly InstallmentStanding[];
  readonly locale: Locale;
}): Message => {
  const w = WORDS[o.locale];
  const schedule = o.pledge.schedule ?? [];
  if (!o.changed) return message(w.unchanged(o.pledge.id), [section(escapeMrkdwn(w.unchanged(o.pledge.id)))]);
  if (schedule.length === 0) {
    return message(w.scheduleCleared(o.pledge.id), [section(escapeMrkdwn(w.scheduleCleared(o.pledge.id)))]);
  }
  const overdue = new Set(o.overdue.map((i) => i.installment.due));
  const lines = schedule.map((i) => installmentText(i, overdue.has(i.due), o.locale));
  return message(`${w.scheduleSet(o.pledge.id)}\n${lines.join('\n')}`, [
    section(`:spiral_calendar_pad: ${escapeMrkdwn(w.scheduleSet(o.pledge.id))}\n${lines.join('\n')}`),
    section(pledgeTitle(o.pledge, o.locale)),
  ]);
};

export const ownerMessage = (pledge: Pledge, owner: string, changed: boolean, locale: Locale): Message => {
  const w = WORDS[locale];
  const text = changed ? w.ownerSet(pledge.id, mentionUser(owner)) : w.unchanged(pledge.id);
  return message(changed ? w.ownerSet(pledge.id, owner) : text, [
    section(text),
    section(pledgeTitle(pledge, locale)),
  ]);
};

export const nextStepMessage = (pledge: Pledge, changed: boolean, locale: Locale): Message => {
  const w = WORDS[locale];
  if (pledge.nextDue === undefined || pledge.nextStep === undefined) {
    const text = changed ? w.nextCleared(pledge.id) : w.noNext(pledge.id);
    return message(text, [section(escapeMrkdwn(text))]);
  }
  const head = w.nextSet(pledge.id, pledge.nextDue);
  return message(`${head} ${pledge.nextStep}`, [
    section(`:arrow_right: ${escapeMrkdwn(head)} ${escapeMrkdwn(pledge.nextStep)}`),
    section(pledgeTitle(pledge, locale)),
  ]);
};

/** The lines of one follow-up (what is due about one pledge). */
export const followUpLines = (f: FollowUp, today: string, locale: Locale): string[] => {
  const w = WORDS[locale];
  return [
    ...(f.next === undefined ? [] : [w.nextLine(f.next.due, escapeMrkdwn(f.next.text), f.next.daysLeft)]),
    ...f.overdue.map((i) => w.installmentLine(i, today, locale)),
    ...f.upcoming.map((i) => w.installmentLine(i, today, locale)),
    ...(f.staleDays === undefined ? [] : [w.stale(f.staleDays)]),
    ...(f.pledge.snoozedUntil !== undefined && f.pledge.snoozedUntil > today
      ? [`:zzz: ${w.snoozed(f.pledge.snoozedUntil)}`]
      : []),
  ];
};

/** The blocks of a follow-up list (mine, App Home), each pledge a section. */
export const followUpBlocks = (items: readonly FollowUp[], today: string, locale: Locale): KnownBlock[] =>
  items.map((f) =>
    section(`${pledgeTitle(f.pledge, locale)}\n${followUpLines(f, today, locale).join('\n')}`),
  );

/** `/winwin mine`. */
export const mineMessage = (items: readonly FollowUp[], today: string, locale: Locale): Message => {
  const w = WORDS[locale];
  if (items.length === 0)
    return message(w.mineEmpty, [header(w.mineTitle), section(escapeMrkdwn(w.mineEmpty))]);
  return message(`${w.mineTitle}: ${items.map((f) => f.pledge.id).join(', ')}`, [
    header(w.mineTitle),
    ...followUpBlocks(items, today, locale),
  ]);
};

/** The value of a reminder button: the pledge id (roles are checked again on the click). */
export const reminderButtons = (pledge: Pledge, locale: Locale): KnownBlock => {
  const w = WORDS[locale];
  return actions(
    [
      ...(pledge.nextStep === undefined
        ? []
        : [button({ text: w.done, actionId: ACTIONS.reminderDone, value: pledge.id, style: 'primary' })]),
      button({ text: w.snoozeDay, actionId: ACTIONS.reminderSnoozeDay, value: pledge.id }),
      button({ text: w.snoozeWeek, actionId: ACTIONS.reminderSnoozeWeek, value: pledge.id }),
    ],
    `reminder_${pledge.id}`,
  );
};

/** One owner's reminder DM: each pledge with what is due, and its buttons. */
export const reminderMessage = (reminder: Reminder, today: string, locale: Locale): Message => {
  const w = WORDS[locale];
  const blocks: KnownBlock[] = [
    header(w.reminderTitle(today)),
    context(escapeMrkdwn(w.reminderIntro(reminder.items.length))),
  ];
  // 50 blocks per message: three per pledge, so up to 15 pledges get buttons; the rest are listed.
  reminder.items.forEach((f, i) => {
    if (i < 15) {
      blocks.push(divider(), ...followUpBlocks([f], today, locale), reminderButtons(f.pledge, locale));
    } else {
      blocks.push(...followUpBlocks([f], today, locale));
    }
  });
  const fallback = `${w.reminderTitle(today)}: ${reminder.items.map((f) => f.pledge.id).join(', ')}`;
  return message(fallback, blocks);
};

/** The note that replaces a pressed reminder's buttons. */
export const reminderPressedText = (
  kind: 'done' | 'snooze',
  pledge: Pledge,
  who: string,
  locale: Locale,
): string => {
  const w = WORDS[locale];
  return kind === 'done'
    ? w.doneBy(pledge.id, mentionUser(who))
    : w.snoozedBy(pledge.id, pledge.snoozedUntil ?? '', mentionUser(who));
};
