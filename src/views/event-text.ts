import { formatWon } from '../domain/amount.js';
import { formatterIn, type TimeZone } from '../domain/dates.js';
import { Decimal } from '../domain/decimal.js';
import { fieldChanges, type JsonValue } from '../domain/events.js';
import { type Audience, eventContributorHidden, nextStepVisible } from '../domain/permissions.js';
import { sanitizeText } from '../domain/text.js';
import { type EventType, type Pledge, SlackUserIdSchema, type WinwinEvent } from '../domain/types.js';
import {
  CONTRIBUTOR_KIND_LABELS,
  GUARANTEE_STATUS_LABELS,
  type Locale,
  type Localized,
  PLEDGE_STATUS_LABELS,
  PROGRAM_STATUS_LABELS,
  ROLE_LABELS,
  WORDS,
} from '../i18n/common.js';
import { truncate } from './blocks.js';
import { code, escapeMrkdwn, mentionUser } from './mrkdwn.js';

/** Audit events in words (history and "last change"): when, who, what, before → after. */

const EVENT_LABELS: Localized<Record<EventType, string>> = {
  en: {
    'program.created': 'program created',
    'program.edited': 'program edited',
    'program.status': 'program status',
    'pledge.recorded': 'pledge recorded',
    'pledge.status': 'pledge status',
    'pledge.corrected': 'pledge corrected',
    'access.granted': 'access granted',
    'access.revoked': 'access revoked',
    'guarantee.issued': 'guarantee issued',
    'guarantee.status': 'guarantee status',
    'payment.recorded': 'payment recorded',
    'pledge.schedule': 'installment schedule',
    'pledge.owner': 'owner',
    'pledge.next': 'next step',
  },
  ko: {
    'program.created': '프로그램 생성',
    'program.edited': '프로그램 수정',
    'program.status': '프로그램 상태 변경',
    'pledge.recorded': '출연 기록',
    'pledge.status': '출연 상태 변경',
    'pledge.corrected': '출연 정정',
    'access.granted': '권한 부여',
    'access.revoked': '권한 회수',
    'guarantee.issued': '보증 발급',
    'guarantee.status': '보증 상태 변경',
    'payment.recorded': '납입 기록',
    'pledge.schedule': '납입 일정',
    'pledge.owner': '담당자 변경',
    'pledge.next': '다음 단계',
  },
};

/** What kind of change an event is: "pledge status", "출연 정정". */
export const eventLabel = (type: EventType, locale: Locale): string => EVENT_LABELS[locale][type];

const FIELD_LABELS: Localized<Record<string, string>> = {
  en: {
    amount: 'amount',
    target: 'target',
    operating: 'operating capacity',
    multiple: 'multiple',
    status: 'status',
    contributor: 'contributor',
    kind: 'kind',
    due: 'expected payment',
    note: 'note',
    terms: 'terms',
    name: 'name',
    sector: 'sector',
    slug: 'slug',
    program: 'program',
    announceBy: 'announce by',
    signed: 'signed',
    heldFrom: 'held from',
    suspendedFrom: 'suspended from',
    role: 'role',
    supplier: 'supplier',
    issuedOn: 'issued on',
    importId: 'import',
    launchedOn: 'launched on',
    supplierCap: 'cap per supplier',
    on: 'paid on',
    paidIn: 'paid in',
    schedule: 'schedule',
    owner: 'owner',
    nextStep: 'next step',
    nextDue: 'next step by',
    snoozedUntil: 'snoozed until',
  },
  ko: {
    amount: '금액',
    target: '목표',
    operating: '운영 규모',
    multiple: '배수',
    status: '상태',
    contributor: '출연자',
    kind: '구분',
    due: '납입 예정일',
    note: '메모',
    terms: '조건',
    name: '이름',
    sector: '업종',
    slug: '슬러그',
    program: '프로그램',
    announceBy: '발표 기한',
    signed: '협약 여부',
    heldFrom: '보류 전 상태',
    suspendedFrom: '중단 전 상태',
    role: '역할',
    supplier: '업체',
    issuedOn: '보증일자',
    importId: '가져오기',
    launchedOn: '보증 개시일',
    supplierCap: '업체당 한도',
    on: '납입일',
    paidIn: '납입액',
    schedule: '납입 일정',
    owner: '담당자',
    nextStep: '다음 단계',
    nextDue: '다음 단계 기한',
    snoozedUntil: '알림 미룸',
  },
};

const HIDDEN_TEXT: Localized = { en: '(hidden)', ko: '(비공개)' };
const YES_NO: Localized<[string, string]> = { en: ['yes', 'no'], ko: ['예', '아니오'] };
const REASON: Localized = { en: 'reason', ko: '사유' };

/** Fields whose values are money in whole won. */
const WON_FIELDS = new Set(['amount', 'target', 'operating', 'supplierCap', 'paidIn']);
/** Free text about a pledge may name its contributor: hidden with the name (a guarantee's supplier too). */
const CONFIDENTIAL_FIELDS = new Set(['contributor', 'note', 'supplier']);
const SHORT_TEXT = 120;

const lookup = <T extends string>(labels: Record<T, string>, value: string): string | undefined =>
  Object.hasOwn(labels, value) ? labels[value as T] : undefined;

const valueText = (
  event: WinwinEvent,
  field: string,
  value: JsonValue | undefined,
  locale: Locale,
): string => {
  if (value === undefined || value === null) return '—';
  if (field === 'schedule' && Array.isArray(value)) return scheduleText(value, locale);
  if (field === 'owner' && typeof value === 'string' && SlackUserIdSchema.safeParse(value).success)
    return mentionUser(value);
  if (typeof value === 'boolean') return YES_NO[locale][value ? 0 : 1];
  if (typeof value !== 'string')
    return escapeMrkdwn(truncate(sanitizeText(JSON.stringify(value)), SHORT_TEXT));
  if (WON_FIELDS.has(field) && /^\d{1,20}$/.test(value)) return formatWon(new Decimal(value), locale);
  if (field === 'multiple') return `${escapeMrkdwn(value)}x`;
  if (field === 'status' || field === 'heldFrom' || field === 'suspendedFrom') {
    const labels = event.type.startsWith('pledge.')
      ? PLEDGE_STATUS_LABELS[locale]
      : event.type.startsWith('guarantee.')
        ? GUARANTEE_STATUS_LABELS[locale]
        : PROGRAM_STATUS_LABELS[locale];
    return escapeMrkdwn(lookup<string>(labels as Record<string, string>, value) ?? value);
  }
  if (field === 'kind') return escapeMrkdwn(lookup(CONTRIBUTOR_KIND_LABELS[locale], value) ?? value);
  if (field === 'role') return escapeMrkdwn(lookup(ROLE_LABELS[locale], value) ?? value);
  return escapeMrkdwn(truncate(sanitizeText(value), SHORT_TEXT));
};

/** A schedule as `150억 원 2026-01-30, …` (— when empty). */
const scheduleText = (items: readonly JsonValue[], locale: Locale): string => {
  const parts = items.flatMap((item) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) return [];
    const { amount, due } = item as Record<string, JsonValue>;
    if (typeof amount !== 'string' || typeof due !== 'string' || !/^\d{1,20}$/.test(amount)) return [];
    return [`${formatWon(new Decimal(amount), locale)} ${escapeMrkdwn(due)}`];
  });
  return parts.length === 0 ? '—' : parts.join(', ');
};

/**
 * `2025-12-19 14:03` in the ministry's time zone. A view formatting many times makes the zone once
 * (zoneOf) and passes it: a zone given by name makes its formatter on every call.
 */
export const formatWhen = (iso: string, timeZone: TimeZone): string => {
  const parts = formatterIn(timeZone, 'minute').formatToParts(new Date(iso));
  const part = (type: Intl.DateTimeFormatPartTypes): string =>
    parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
};

export interface EventTextOptions {
  readonly locale: Locale;
  readonly audience: Audience;
  /** Pledges as they are now: decides whether a pledge event's names (and next steps) are hidden. */
  readonly pledges: readonly (Pick<Pledge, 'id' | 'signed'> &
    Partial<Pick<Pledge, 'owner' | 'recordedBy'>>)[];
  readonly timeZone: TimeZone;
}

/** The event's headline: `2025-12-19 14:03 · @user · pledge status · P5 (retail-consortium)`. */
export const eventHeadline = (event: WinwinEvent, o: EventTextOptions): string => {
  const where =
    event.program !== undefined && event.program !== event.target ? ` (${code(event.program)})` : '';
  const target = event.type.startsWith('access.') ? mentionUser(event.target) : code(event.target);
  return `*${formatWhen(event.at, o.timeZone)}* · ${mentionUser(event.actor)} · ${EVENT_LABELS[o.locale][event.type]} · ${target}${where}`;
};

/**
 * What changed, one `field: before → after` per changed field (only the new value for a creation),
 * then the reason. Contributor names and free text of a pledge hidden from this audience read "(hidden)".
 */
export const eventChanges = (event: WinwinEvent, o: EventTextOptions): string[] => {
  const hidden = eventContributorHidden(event, o.pledges, o.audience);
  const stepHidden = !nextStepVisible(o.pledges.find((p) => p.id === event.target) ?? {}, o.audience);
  const labels = FIELD_LABELS[o.locale];
  const lines = fieldChanges(event)
    .filter((c) => !(event.type === 'pledge.status' && c.field === 'suspendedFrom'))
    .map((c) => {
      const label = escapeMrkdwn(labels[c.field] ?? c.field);
      if (stepHidden && c.field === 'nextStep') return `${label}: ${HIDDEN_TEXT[o.locale]}`;
      if (hidden && CONFIDENTIAL_FIELDS.has(c.field)) {
        return `${label}: ${c.field === 'contributor' ? WORDS[o.locale].undisclosed : HIDDEN_TEXT[o.locale]}`;
      }
      const after = valueText(event, c.field, c.after, o.locale);
      return event.before === null || c.before === undefined
        ? `${label}: ${after}`
        : `${label}: ${valueText(event, c.field, c.before, o.locale)} → ${after}`;
    });
  if (event.reason !== undefined) {
    const reason = hidden
      ? HIDDEN_TEXT[o.locale]
      : `_${escapeMrkdwn(truncate(sanitizeText(event.reason), SHORT_TEXT)).replace(/_/g, '\uff3f')}_`;
    lines.push(`${REASON[o.locale]}: ${reason}`);
  }
  return lines;
};

/** Headline and changes as one mrkdwn paragraph. */
export const eventText = (event: WinwinEvent, o: EventTextOptions): string => {
  const changes = eventChanges(event, o);
  return changes.length === 0
    ? eventHeadline(event, o)
    : `${eventHeadline(event, o)}\n> ${changes.join(' · ')}`;
};

/** The same in plain text, for fallbacks: no mentions, no markup. */
export const eventPlain = (event: WinwinEvent, o: Pick<EventTextOptions, 'locale' | 'timeZone'>): string =>
  `${formatWhen(event.at, o.timeZone)} ${EVENT_LABELS[o.locale][event.type]} ${escapeMrkdwn(event.target)}`;
