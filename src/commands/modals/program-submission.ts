import { programCapacity } from '../../domain/capacity.js';
import { andThen, type Change, type Ctx } from '../../domain/change.js';
import { createProgram, editProgram, getProgram, setProgramStatus } from '../../domain/programs.js';
import { ok, type Result } from '../../domain/result.js';
import type { Program, State } from '../../domain/types.js';
import type { Locale } from '../../i18n/common.js';
import type { ViewListener } from '../../shell/deps.js';
import { changeCtx } from '../../shell/follow-args.js';
import { programSavedMessage } from '../../views/confirmations.js';
import { errorText } from '../../views/error-text.js';
import { PROGRAM_MODAL } from '../../views/ids.js';
import { decodeMetadata } from '../../views/metadata.js';
import { deliver } from './deliver.js';
import { submittedByEditor } from './editor-gate.js';
import { fieldErrorsFor } from './field-errors.js';
import { fieldError } from './fields.js';
import { type ProgramForm, parseProgramValues } from './program-fields.js';
import { once, submissionKey } from './submissions.js';

const F = PROGRAM_MODAL.fields;
const FIELDS = Object.values(F);

const SLUG_FIXED = {
  en: (slug: string) => `A program's slug cannot change; keep "${slug}".`,
  ko: (slug: string) => `프로그램의 슬러그는 바꿀 수 없습니다. "${slug}"를 그대로 두세요.`,
} as const satisfies Record<Locale, (slug: string) => string>;

interface Saved {
  readonly program: Program;
  readonly created: boolean;
  readonly changed: readonly string[];
}

const create = (state: State, form: ProgramForm, ctx: Ctx): Result<Change<Saved>> =>
  andThen(createProgram(state, form, ctx), (next, program) =>
    ok({ state: next, events: [], value: { program, created: true, changed: [] } }),
  );

/** An edit, then a status move when the form asks for one: one mutation, every change an event. */
const edit = (state: State, slug: string, form: ProgramForm, ctx: Ctx): Result<Change<Saved>> => {
  const edited = editProgram(
    state,
    slug,
    {
      name: form.name,
      sector: form.sector,
      target: form.target,
      multiple: form.multiple,
      announceBy: form.announceBy ?? null,
      terms: form.terms ?? null,
      note: form.note ?? null,
      supplierCap: form.supplierCap ?? null,
    },
    ctx,
  );
  const moved = andThen(edited, (next, program) =>
    program.status === form.status
      ? ok({ state: next, events: [], value: program })
      : setProgramStatus(next, slug, form.status, undefined, ctx),
  );
  if (!moved.ok) return moved;
  const changed = [...new Set(moved.value.events.flatMap((e) => Object.keys(e.after ?? {})))];
  return ok({ ...moved.value, value: { program: moved.value.value, created: false, changed } });
};

/**
 * The program modal's submission. private_metadata may name the program being edited, but only as a
 * hint: the role comes from the request's user id and the program is re-loaded from the store, so a
 * forged payload can neither act for someone else nor edit what the store does not hold.
 */
export const programSubmission: ViewListener = {
  callbackId: PROGRAM_MODAL.callbackId,
  async run({ ack, body, client, logger }, ctx) {
    if (!(await submittedByEditor(ack, ctx))) return;
    // Typed as always present, but a forged payload may lack any part of it.
    const view = body.view as Partial<typeof body.view> | undefined;
    const parsed = parseProgramValues(view?.state?.values, ctx.locale);
    if (!parsed.ok) {
      await ack({ response_action: 'errors', errors: parsed.errors });
      return;
    }
    const form = parsed.value;
    const metadata = decodeMetadata(view?.private_metadata);
    // A launch is dated in the ministry's time zone (WINWIN_TZ).
    const domainCtx = changeCtx(ctx);

    let editing: string | undefined;
    if (metadata.program !== undefined) {
      const existing = getProgram(ctx.deps.store.read(), metadata.program);
      if (!existing.ok) {
        await ack({
          response_action: 'errors',
          errors: { [F.slug]: fieldError(errorText(existing.error, ctx.locale, 'plain')) },
        });
        return;
      }
      if (form.slug !== undefined && form.slug !== existing.value.slug) {
        await ack({
          response_action: 'errors',
          errors: { [F.slug]: fieldError(SLUG_FIXED[ctx.locale](existing.value.slug)) },
        });
        return;
      }
      editing = existing.value.slug;
    }

    const key = submissionKey(PROGRAM_MODAL.callbackId, view ?? {});
    const result = await ctx.deps.store.mutate(
      once(key, (state) => {
        const saved =
          editing === undefined ? create(state, form, domainCtx) : edit(state, editing, form, domainCtx);
        if (!saved.ok) return saved;
        const capacity = programCapacity(saved.value.value.program, saved.value.state.pledges);
        return ok({ ...saved.value, value: { ...saved.value.value, capacity } });
      }),
    );
    if (!result.ok) {
      await ack({
        response_action: 'errors',
        errors: fieldErrorsFor(result.error, FIELDS, F.name, ctx.locale),
      });
      return;
    }
    await ack();
    if (result.value.duplicate) return;
    await deliver(
      client,
      { user: ctx.user, ...(metadata.channel === undefined ? {} : { channel: metadata.channel }) },
      programSavedMessage({ ...result.value.value, locale: ctx.locale }),
      logger,
    );
  },
};
