import type { webApi } from '@slack/bolt';
import { ok, type Result } from '../../domain/result.js';
import { findSector } from '../../domain/sectors.js';
import { resolveTarget } from '../../domain/targets.js';
import type { State } from '../../domain/types.js';
import type { Locale } from '../../i18n/common.js';
import { buildPledgeModal, type PledgeModalPrefill } from '../../views/pledge-modal.js';
import { buildProgramModal } from '../../views/program-modal.js';
import { resolveProgram } from './resolve.js';

export interface OpenPledgeOptions {
  readonly locale: Locale;
  /**
   * A sector name/alias or program slug as the user typed it: a program (or a sector with one program)
   * is preselected; a sector with several offers only its programs. Unknown: TARGET.UNKNOWN.
   */
  readonly target?: string;
  /** Channel to confirm in; without it the confirmation is a DM. */
  readonly channel?: string;
  /** Other fields to fill in (contributor, kind, amount, status, due, note). */
  readonly prefill?: Omit<PledgeModalPrefill, 'program' | 'sector' | 'channel'>;
}

/**
 * Opens the pledge modal with `views.open`. The caller checks the user's role first (the submission
 * checks it again). Resolves with the target's error, if any, without opening anything; a Web API
 * failure rejects.
 */
export const openPledgeModal = async (
  client: webApi.WebClient,
  triggerId: string,
  state: State,
  options: OpenPledgeOptions,
): Promise<Result<void>> => {
  let prefill: PledgeModalPrefill = {
    ...options.prefill,
    ...(options.channel === undefined ? {} : { channel: options.channel }),
  };
  if (options.target !== undefined) {
    const target = resolveTarget(state, options.target);
    if (!target.ok) return target;
    prefill =
      target.value.kind === 'program'
        ? { ...prefill, program: target.value.program.slug }
        : { ...prefill, sector: target.value.sector.name };
  }
  await client.views.open({ trigger_id: triggerId, view: buildPledgeModal(state, prefill, options.locale) });
  return ok(undefined);
};

export interface OpenProgramOptions {
  readonly locale: Locale;
  /** Edit this program (a slug, or a sector with one program); absent: a new program. */
  readonly program?: string;
  /** For a new program: the sector to fill in (a known name or alias, or a new name as typed). */
  readonly sector?: string;
  readonly channel?: string;
}

/** Opens the program modal, new or editing. The caller checks the role; errors as openPledgeModal. */
export const openProgramModal = async (
  client: webApi.WebClient,
  triggerId: string,
  state: State,
  options: OpenProgramOptions,
): Promise<Result<void>> => {
  const modalOptions = options.channel === undefined ? {} : { channel: options.channel };
  if (options.program !== undefined) {
    const program = resolveProgram(state, options.program);
    if (!program.ok) return program;
    await client.views.open({
      trigger_id: triggerId,
      view: buildProgramModal(state.sectors, program.value, options.locale, modalOptions),
    });
    return ok(undefined);
  }
  const sector =
    options.sector === undefined ? undefined : (findSector(state, options.sector)?.name ?? options.sector);
  await client.views.open({
    trigger_id: triggerId,
    view: buildProgramModal(state.sectors, undefined, options.locale, {
      ...modalOptions,
      ...(sector === undefined ? {} : { sector }),
    }),
  });
  return ok(undefined);
};
