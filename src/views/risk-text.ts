import { formatMultiple, formatWon } from '../domain/amount.js';
import type { Decimal } from '../domain/decimal.js';
import { type Audience, contributorVisible } from '../domain/permissions.js';
import type { RiskFlag } from '../domain/risk.js';
import type { Pledge } from '../domain/types.js';
import { type Locale, type Localized, WORDS } from '../i18n/common.js';
import { escapeMrkdwn } from './mrkdwn.js';

/**
 * Risk flags in words, for one audience. Returns mrkdwn with every user string escaped. A flag names a
 * contributor only when the audience may see that contributor (contributorVisible).
 */

const percent = (share: Decimal): string => `${share.times(100).toDecimalPlaces(0).toFixed()}%`;

/** How the suspended pledge stood before: "Coupang's verbal pledge P5 is suspended". */
const WAS: Localized<Record<'verbal' | 'committed', string>> = {
  en: { verbal: 'verbal', committed: 'signed' },
  ko: { verbal: '구두 의사', committed: '협약' },
};

const ids = (list: readonly string[]): string => list.map((id) => `\`${id}\``).join(', ');

const UNDISCLOSED: Localized = { en: 'An undisclosed contributor', ko: WORDS.ko.undisclosed };

/** "Coupang" or "an undisclosed contributor", escaped. */
const nameFor = (pledge: Pick<Pledge, 'contributor' | 'signed'>, audience: Audience, locale: Locale) =>
  contributorVisible(pledge, audience) ? escapeMrkdwn(pledge.contributor) : UNDISCLOSED[locale];

const suspendedText = (
  flag: Extract<RiskFlag, { code: 'suspended' }>,
  pledges: readonly Pledge[],
  audience: Audience,
  locale: Locale,
): string => {
  const [onlyId] = flag.pledges;
  const only = flag.pledges.length === 1 ? pledges.find((p) => p.id === onlyId) : undefined;
  if (only !== undefined) {
    const name = nameFor(only, audience, locale);
    const was = WAS[locale][only.suspendedFrom ?? 'verbal'];
    return locale === 'ko'
      ? `${name}의 ${was} 출연 \`${only.id}\` (${formatWon(only.amount, locale)}) 논의가 중단되었습니다`
      : `${name}'s ${was} pledge \`${only.id}\` (${formatWon(only.amount, locale)}) is suspended`;
  }
  return locale === 'ko'
    ? `출연 ${flag.pledges.length}건(${ids(flag.pledges)}, ${formatWon(flag.amount, locale)})의 논의가 중단되었습니다`
    : `${flag.pledges.length} pledges (${ids(flag.pledges)}, ${formatWon(flag.amount, locale)}) are suspended`;
};

/** One flag as a sentence (mrkdwn). `pledges` are the program's, to name the contributors involved. */
export const riskText = (
  flag: RiskFlag,
  pledges: readonly Pledge[],
  audience: Audience,
  locale: Locale,
): string => {
  const ko = locale === 'ko';
  switch (flag.code) {
    case 'deadline': {
      const gap = formatWon(flag.gap, locale);
      if (flag.overdue) {
        const late = -flag.daysLeft;
        return ko
          ? `발표 기한 ${flag.announceBy}이 ${late}일 지났고 보증 규모 ${gap}이 아직 부족합니다`
          : `announce-by ${flag.announceBy} passed ${late} day${late === 1 ? '' : 's'} ago and ${gap} of capacity is still missing`;
      }
      const when = ko
        ? flag.daysLeft === 0
          ? '오늘'
          : `${flag.daysLeft}일 남았는데`
        : flag.daysLeft === 0
          ? 'is today'
          : `is ${flag.daysLeft} day${flag.daysLeft === 1 ? '' : 's'} away`;
      return ko
        ? `발표 기한 ${flag.announceBy}까지 ${when} 보증 규모 ${gap}이 아직 부족합니다`
        : `announce-by ${flag.announceBy} ${when} and ${gap} of capacity is still missing`;
    }
    case 'suspended':
      return suspendedText(flag, pledges, audience, locale);
    case 'concentration': {
      const who = contributorVisible({ signed: flag.signed }, audience)
        ? escapeMrkdwn(flag.contributor)
        : undefined;
      const share = percent(flag.share);
      const unpaid = formatWon(flag.unpaid, locale);
      if (ko) {
        return `${who ?? '한 출연자'}가 집계된 출연금의 ${share}를 차지합니다 (${formatWon(flag.amount, locale)} / ${formatWon(flag.counted, locale)}, 미납 ${unpaid})`;
      }
      return `${who ?? 'one contributor'} holds ${share} of counted contributions (${formatWon(flag.amount, locale)} of ${formatWon(flag.counted, locale)}; ${unpaid} not paid in yet)`;
    }
    case 'unsigned':
      return ko
        ? `협약이 하나도 체결되지 않았습니다: 구두 의사 ${formatWon(flag.pipeline, locale)} (${ids(flag.pledges)})`
        : `nothing is signed yet: ${formatWon(flag.pipeline, locale)} of verbal pledges (${ids(flag.pledges)})`;
    case 'multiple':
      return ko
        ? `배수 ${formatMultiple(flag.multiple)}가 ${formatMultiple(flag.limit)}를 넘습니다. 입력 오류일 수 있습니다`
        : `multiple ${formatMultiple(flag.multiple)} is above ${formatMultiple(flag.limit)}: likely a typo`;
    case 'utilization':
      return ko
        ? `보증 한도의 ${percent(flag.utilization)}를 사용 중입니다 (${formatWon(flag.outstanding, locale)} / ${formatWon(flag.capacity, locale)}): 출연이 더 필요합니다`
        : `${percent(flag.utilization)} of capacity is used (${formatWon(flag.outstanding, locale)} of ${formatWon(flag.capacity, locale)}): the program needs more contributions`;
    case 'underused':
      return ko
        ? `${flag.launchedOn} 보증 개시 후 ${flag.days}일이 지났지만 보증 한도의 ${percent(flag.utilization)}만 사용되었습니다`
        : `launched ${flag.launchedOn}, ${flag.days} days ago, and only ${percent(flag.utilization)} of capacity is used`;
    case 'installment':
      return ko
        ? `납입 기한이 지난 출연 ${ids(flag.pledges)}: ${formatWon(flag.short, locale)} 미납`
        : `installments overdue on ${ids(flag.pledges)}: ${formatWon(flag.short, locale)} not paid in`;
    case 'nextStep':
      return ko
        ? `다음 단계 기한이 지났습니다: ${ids(flag.pledges)}`
        : `next step overdue on ${ids(flag.pledges)}`;
    case 'stale':
      return ko
        ? `${flag.days}일 넘게 변동 없는 구두 의사: ${ids(flag.pledges)}`
        : `talks stale for ${flag.days}+ days (verbal, no change): ${ids(flag.pledges)}`;
  }
};
