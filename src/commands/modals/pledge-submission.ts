import { programCapacity } from '../../domain/capacity.js';
import { recordPledge } from '../../domain/pledges.js';
import { getProgram } from '../../domain/programs.js';
import { deniedText, hasRole, type ViewListener } from '../deps.js';
import { PLEDGE_MODAL } from '../ids.js';
import { pledgeRecordedMessage, refusalModal } from '../views/confirmations.js';
import { deliver } from './deliver.js';
import { fieldErrorsFor } from './field-errors.js';
import { decodeMetadata } from './metadata.js';
import { parsePledgeValues } from './pledge-fields.js';
import { once, submissionKey } from './submissions.js';

const FIELDS = Object.values(PLEDGE_MODAL.fields);

/**
 * The pledge modal's submission: role from the request's user id, fields parsed, the pledge stored
 * (once per view) before the acknowledgement, then a confirmation with its id. Bad fields come back
 * under their blocks and nothing is stored.
 */
export const pledgeSubmission: ViewListener = {
  callbackId: PLEDGE_MODAL.callbackId,
  async run({ ack, body, client, logger }, ctx) {
    if (!hasRole(ctx.role, 'editor')) {
      await ack({ response_action: 'update', view: refusalModal(ctx.locale, deniedText(ctx)) });
      return;
    }
    // Typed as always present, but a forged payload may lack any part of it.
    const view = body.view as Partial<typeof body.view> | undefined;
    const parsed = parsePledgeValues(view?.state?.values, ctx.locale);
    if (!parsed.ok) {
      await ack({ response_action: 'errors', errors: parsed.errors });
      return;
    }
    const key = submissionKey(PLEDGE_MODAL.callbackId, view ?? {});
    const domainCtx = { actor: ctx.user, now: ctx.now };
    const result = await ctx.deps.store.mutate(
      once(key, (state) => {
        const recorded = recordPledge(state, parsed.value, domainCtx);
        if (!recorded.ok) return recorded;
        const { state: next, value: pledge } = recorded.value;
        const program = getProgram(next, pledge.program);
        if (!program.ok) return program;
        const capacity = programCapacity(program.value, next.pledges);
        return {
          ok: true,
          value: { ...recorded.value, value: { pledge, program: program.value, capacity } },
        };
      }),
    );
    if (!result.ok) {
      await ack({
        response_action: 'errors',
        errors: fieldErrorsFor(result.error, FIELDS, PLEDGE_MODAL.fields.program, ctx.locale),
      });
      return;
    }
    await ack();
    if (result.value.duplicate) return;
    const { channel } = decodeMetadata(view?.private_metadata);
    await deliver(
      client,
      { user: ctx.user, ...(channel === undefined ? {} : { channel }) },
      pledgeRecordedMessage({ ...result.value.value, locale: ctx.locale }),
      logger,
    );
  },
};
