import { isoDateIn } from '../../domain/dates.js';
import { recordPledge } from '../../domain/pledges.js';
import { committedProgram } from '../../shell/committed-program.js';
import type { ViewListener } from '../../shell/deps.js';
import { pledgeRecordedMessage } from '../../views/confirmations.js';
import { PLEDGE_MODAL } from '../../views/ids.js';
import { decodeMetadata } from '../../views/metadata.js';
import { deliver } from './deliver.js';
import { submittedByEditor } from './editor-gate.js';
import { fieldErrorsFor } from './field-errors.js';
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
    if (!(await submittedByEditor(ack, ctx))) return;
    // Typed as always present, but a forged payload may lack any part of it.
    const view = body.view as Partial<typeof body.view> | undefined;
    const today = isoDateIn(ctx.now, ctx.deps.zone);
    const parsed = parsePledgeValues(view?.state?.values, ctx.locale, today);
    if (!parsed.ok) {
      await ack({ response_action: 'errors', errors: parsed.errors });
      return;
    }
    const key = submissionKey(PLEDGE_MODAL.callbackId, view ?? {});
    const domainCtx = { actor: ctx.user, now: ctx.now, today };
    // Only the change itself runs in the serialized mutation; the reply's figures are read after it.
    const result = await ctx.deps.store.mutate(
      once(key, (state) => recordPledge(state, parsed.value, domainCtx)),
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
    const pledge = result.value.value;
    const after = committedProgram(ctx.deps.derived, pledge.program);
    // Programs are never deleted: a committed pledge's program is there.
    if (!after.ok) throw new Error(`pledge ${pledge.id} recorded, but its program is gone`);
    const { channel } = decodeMetadata(view?.private_metadata);
    await deliver(
      client,
      { user: ctx.user, ...(channel === undefined ? {} : { channel }) },
      pledgeRecordedMessage({ pledge, ...after.value, locale: ctx.locale }),
      logger,
    );
  },
};
