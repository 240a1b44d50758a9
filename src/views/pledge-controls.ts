import { allowedPledgeTransitions } from '../domain/pledges.js';
import { PLEDGE_STATUSES, type Pledge, PledgeIdSchema, type PledgeStatus } from '../domain/types.js';
import { type Locale, type Localized, PLEDGE_STATUS_LABELS } from '../i18n/common.js';
import { LIMITS, option, type SectionBlock } from './blocks.js';
import { ACTIONS, BLOCKS } from './ids.js';

/**
 * The per-pledge status menu editors get under `/winwin status`. Its option values are
 * `<pledge id>:<status>` (`P7:committed`); the section's block_id carries what the reply showed
 * (`pledge_controls:P7:<page>:<target>`) so the handler can redraw it. Neither is trusted for the role:
 * the handler checks it from the request's user id.
 */

const PLACEHOLDER: Localized = { en: 'Set', ko: '상태 변경' };

const OVERFLOW_OPTIONS = 5;

export const controlValue = (pledgeId: string, status: PledgeStatus): string => `${pledgeId}:${status}`;

/** `P7:committed` → { pledge: 'P7', status: 'committed' }, or undefined for anything else. */
export const parseControlValue = (value: string): { pledge: string; status: PledgeStatus } | undefined => {
  const [pledge = '', status = '', ...rest] = value.split(':');
  if (rest.length > 0 || !PledgeIdSchema.safeParse(pledge).success) return undefined;
  return (PLEDGE_STATUSES as readonly string[]).includes(status)
    ? { pledge, status: status as PledgeStatus }
    : undefined;
};

/** Where a control was: the pledge, and the status reply's target and page to redraw. */
export interface ControlPlace {
  readonly pledge: string;
  readonly target: string;
  readonly page: number;
}

export const controlBlockId = (place: ControlPlace): string =>
  `${BLOCKS.pledgeControls}:${place.pledge}:${place.page}:${place.target}`.slice(0, LIMITS.id);

export const parseControlBlockId = (blockId: string): ControlPlace | undefined => {
  const match = /^([a-z_]+):(P[1-9]\d{0,8}):(\d{1,4}):(.{1,200})$/s.exec(blockId);
  if (match === null || match[1] !== BLOCKS.pledgeControls) return undefined;
  return { pledge: match[2] as string, page: Number(match[3]), target: match[4] as string };
};

/** Whether a pledge gets a menu: not when its status is final (paid, withdrawn). */
export const hasPledgeControl = (pledge: Pick<Pledge, 'status' | 'suspendedFrom'>): boolean =>
  allowedPledgeTransitions(pledge).length > 0;

/** The menu for one pledge, or undefined when its status is final (paid, withdrawn). */
export const pledgeControl = (
  pledge: Pick<Pledge, 'id' | 'status' | 'suspendedFrom'>,
  locale: Locale,
): SectionBlock['accessory'] | undefined => {
  const allowed = allowedPledgeTransitions(pledge);
  if (allowed.length === 0) return undefined;
  // An overflow menu (⋯): at most five options, the allowed next statuses are at most four.
  return {
    type: 'overflow',
    action_id: ACTIONS.pledgeSetStatus,
    options: allowed
      .slice(0, OVERFLOW_OPTIONS)
      .map((to) =>
        option(`${PLACEHOLDER[locale]} → ${PLEDGE_STATUS_LABELS[locale][to]}`, controlValue(pledge.id, to)),
      ),
  };
};
