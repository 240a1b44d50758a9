import type { Change, Ctx } from './change.js';
import { checkMultiple, checkWon } from './checks.js';
import { checkIsoDate, isoDateIn } from './dates.js';
import type { Decimal } from './decimal.js';
import { changeWith, diffFields, dropUndefined, snapshot } from './events.js';
import { err, ok, type Result } from './result.js';
import { ensureSector, findSector, RESERVED_NAMES } from './sectors.js';
import { cleanOptionalText, cleanText, TEXT_LIMITS } from './text.js';
import {
  PROGRAM_STATUSES,
  type Program,
  ProgramSlugSchema,
  type ProgramStatus,
  type State,
  type Won,
} from './types.js';

/** What a new program needs. Text is sanitized here; amounts are already parsed. */
export interface ProgramInput {
  /** Sector name or Korean alias; a new name creates the sector. */
  readonly sector: string;
  /** Alias for a newly created sector (known sectors get theirs automatically). */
  readonly sectorAlias?: string;
  readonly name: string;
  /** Defaults to one suggested from the sector and the name. */
  readonly slug?: string;
  readonly target: Won;
  readonly operating?: Won;
  readonly multiple: Decimal;
  /** A program starts in talks, announced or launched; default negotiating. */
  readonly status?: ProgramStatus;
  readonly announceBy?: string;
  readonly terms?: string;
  readonly note?: string;
  /** Most one supplier may hold in active guarantees. */
  readonly supplierCap?: Won;
}

/** Fields an edit may change; `null` clears an optional field. Status changes go through setProgramStatus. */
export interface ProgramPatch {
  readonly name?: string;
  readonly sector?: string;
  readonly target?: Won;
  readonly operating?: Won | null;
  readonly multiple?: Decimal;
  readonly announceBy?: string | null;
  readonly terms?: string | null;
  readonly note?: string | null;
  readonly supplierCap?: Won | null;
}

export const CREATION_STATUSES: readonly ProgramStatus[] = ['negotiating', 'announced', 'launched'];

/** Every field an event snapshots (what `program.created` records and `program.edited` compares). */
const RECORDED = [
  'slug',
  'sector',
  'name',
  'target',
  'operating',
  'multiple',
  'status',
  'announceBy',
  'terms',
  'note',
  'supplierCap',
] as const satisfies readonly (keyof Program)[];
const EDITABLE = RECORDED.filter((k) => k !== 'slug' && k !== 'status');

/**
 * Where a program may go from its status. Announcement and launch only go forward; a program on hold
 * returns to the status it was held from, or closes. Closed is final: a revived program is a new
 * agreement with its own figures, so it is created anew and keeps the closed one's history intact.
 */
export const allowedProgramTransitions = (program: Pick<Program, 'status' | 'heldFrom'>): ProgramStatus[] => {
  switch (program.status) {
    case 'negotiating':
      return ['announced', 'on_hold', 'closed'];
    case 'announced':
      return ['launched', 'on_hold', 'closed'];
    case 'launched':
      return ['on_hold', 'closed'];
    case 'on_hold':
      // A hold recorded before heldFrom existed may resume anywhere short of closing.
      return program.heldFrom
        ? [program.heldFrom, 'closed']
        : ['negotiating', 'announced', 'launched', 'closed'];
    case 'closed':
      return [];
  }
};

/** Lowercase ASCII slug of a name: "HD Hyundai Heavy + Hana" → "hd-hyundai-heavy-hana". May be empty (Korean names). */
export const slugify = (text: string): string =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/, '');

/** A free, valid slug for a new program of `sector` named `name`: `autos-hyundai-motor`, then `-2`, `-3`… */
export const suggestSlug = (state: State, sector: string, name: string): string => {
  // A Korean name gives no ASCII slug: `autos-program`.
  const fromName = slugify(name) || 'program';
  const base = fromName.startsWith(`${sector}-`) ? fromName : slugify(`${sector}-${fromName}`);
  const stem = base.slice(0, 44).replace(/-+$/, '');
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? stem : `${stem}-${n}`;
    if (checkSlug(state, candidate).ok) return candidate;
  }
};

/** The program with this slug (case-insensitive), or PROGRAM.UNKNOWN listing the known slugs. */
export const getProgram = (state: State, slug: string): Result<Program> => {
  const wanted = slug.trim().toLowerCase();
  const program = state.programs.find((p) => p.slug === wanted);
  if (program) return ok(program);
  const known = state.programs.map((p) => p.slug);
  return err('PROGRAM.UNKNOWN', { wanted, known });
};

const checkSlug = (state: State, slug: string): Result<string> => {
  if (!ProgramSlugSchema.safeParse(slug).success || slug.endsWith('-')) {
    return err('PROGRAM.SLUG_INVALID', { field: 'slug', slug, reason: 'format' });
  }
  // "p7" would read as a pledge id in `/winwin set` ("g7" as a guarantee id), and "all" as every target.
  if (/^[pg]\d+$/.test(slug) || RESERVED_NAMES.includes(slug)) {
    return err('PROGRAM.SLUG_INVALID', { field: 'slug', slug, reason: 'reserved' });
  }
  if (state.programs.some((p) => p.slug === slug)) {
    return err('PROGRAM.SLUG_TAKEN', { field: 'slug', slug, by: 'program' });
  }
  if (findSector(state, slug)) {
    return err('PROGRAM.SLUG_TAKEN', { field: 'slug', slug, by: 'sector' });
  }
  return ok(slug);
};

const checkStatusName = (text: string, allowed: readonly ProgramStatus[]): Result<ProgramStatus> => {
  const status = text.trim().toLowerCase().replace(/-/g, '_');
  return (PROGRAM_STATUSES as readonly string[]).includes(status) && allowed.includes(status as ProgramStatus)
    ? ok(status as ProgramStatus)
    : err('PROGRAM.INVALID', { field: 'status', allowed, input: text });
};

/** Creates a program (and its sector when new): event program.created with every field in `after`. */
export const createProgram = (state: State, input: ProgramInput, ctx: Ctx): Result<Change<Program>> => {
  const name = cleanText(input.name, { field: 'name', max: TEXT_LIMITS.name });
  if (!name.ok) return name;
  const sectored = ensureSector(state, input.sector, input.sectorAlias);
  if (!sectored.ok) return sectored;
  const next = sectored.value.state;
  const sector = sectored.value.sector.name;
  const slug =
    input.slug === undefined || input.slug.trim() === ''
      ? ok(suggestSlug(next, sector, name.value))
      : checkSlug(next, input.slug.trim().toLowerCase());
  if (!slug.ok) return slug;
  const status = checkStatusName(input.status ?? 'negotiating', CREATION_STATUSES);
  if (!status.ok) return status;
  const target = checkWon(input.target, 'target');
  if (!target.ok) return target;
  const operating = input.operating === undefined ? ok(undefined) : checkWon(input.operating, 'operating');
  if (!operating.ok) return operating;
  const multiple = checkMultiple(input.multiple);
  if (!multiple.ok) return multiple;
  const announceBy =
    input.announceBy === undefined ? ok(undefined) : checkIsoDate(input.announceBy, 'announce_by');
  if (!announceBy.ok) return announceBy;
  const terms = cleanOptionalText(input.terms, { field: 'terms', max: TEXT_LIMITS.terms, multiline: true });
  if (!terms.ok) return terms;
  const note = cleanOptionalText(input.note, { field: 'note', max: TEXT_LIMITS.note, multiline: true });
  if (!note.ok) return note;
  const supplierCap =
    input.supplierCap === undefined ? ok(undefined) : checkWon(input.supplierCap, 'supplier_cap');
  if (!supplierCap.ok) return supplierCap;

  const at = ctx.now.toISOString();
  const program: Program = dropUndefined({
    slug: slug.value,
    sector,
    name: name.value,
    target: target.value,
    operating: operating.value,
    multiple: multiple.value,
    status: status.value,
    announceBy: announceBy.value,
    terms: terms.value,
    note: note.value,
    supplierCap: supplierCap.value,
    launchedOn: status.value === 'launched' ? (ctx.today ?? isoDateIn(ctx.now)) : undefined,
    createdBy: ctx.actor,
    createdAt: at,
    updatedAt: at,
  });
  return ok(
    changeWith(
      { ...next, programs: [...next.programs, program] },
      [
        {
          type: 'program.created',
          target: program.slug,
          program: program.slug,
          sector,
          before: null,
          after: snapshot(program, RECORDED),
        },
      ],
      program,
      ctx,
    ),
  );
};

/**
 * Changes a program's figures or texts: event program.edited with the old and new value of just the
 * changed fields. A patch that changes nothing succeeds with no event and the state unchanged.
 */
export const editProgram = (
  state: State,
  slug: string,
  patch: ProgramPatch,
  ctx: Ctx,
): Result<Change<Program>> => {
  const found = getProgram(state, slug);
  if (!found.ok) return found;
  const old = found.value;
  let next = state;
  const edited: { -readonly [K in keyof Program]?: Program[K] } = {};

  if (patch.name !== undefined) {
    const name = cleanText(patch.name, { field: 'name', max: TEXT_LIMITS.name });
    if (!name.ok) return name;
    edited.name = name.value;
  }
  if (patch.sector !== undefined) {
    const sectored = ensureSector(state, patch.sector);
    if (!sectored.ok) return sectored;
    next = sectored.value.state;
    edited.sector = sectored.value.sector.name;
  }
  if (patch.target !== undefined) {
    const target = checkWon(patch.target, 'target');
    if (!target.ok) return target;
    edited.target = target.value;
  }
  if (patch.operating !== undefined) {
    const operating = patch.operating === null ? ok(undefined) : checkWon(patch.operating, 'operating');
    if (!operating.ok) return operating;
    edited.operating = operating.value;
  }
  if (patch.multiple !== undefined) {
    const multiple = checkMultiple(patch.multiple);
    if (!multiple.ok) return multiple;
    edited.multiple = multiple.value;
  }
  if (patch.announceBy !== undefined) {
    const date = patch.announceBy === null ? ok(undefined) : checkIsoDate(patch.announceBy, 'announce_by');
    if (!date.ok) return date;
    edited.announceBy = date.value;
  }
  if (patch.supplierCap !== undefined) {
    const cap = patch.supplierCap === null ? ok(undefined) : checkWon(patch.supplierCap, 'supplier_cap');
    if (!cap.ok) return cap;
    edited.supplierCap = cap.value;
  }
  for (const field of ['terms', 'note'] as const) {
    const value = patch[field];
    if (value === undefined) continue;
    const text = cleanOptionalText(value, { field, max: TEXT_LIMITS[field], multiline: true });
    if (!text.ok) return text;
    edited[field] = text.value;
  }

  const candidate = dropUndefined({ ...old, ...edited });
  const diff = diffFields(old, candidate, EDITABLE);
  if (!diff) return ok({ state, events: [], value: old });
  const program: Program = { ...candidate, updatedAt: ctx.now.toISOString() };
  return ok(
    changeWith(
      replaceProgram(next, program),
      [
        {
          type: 'program.edited',
          target: program.slug,
          program: program.slug,
          sector: program.sector,
          ...diff,
        },
      ],
      program,
      ctx,
    ),
  );
};

/**
 * Moves a program to another status if the lifecycle allows it; otherwise PROGRAM.ILLEGAL_TRANSITION
 * with `{ from, to, allowed }`. Going on hold remembers where from; leaving the hold forgets it.
 */
export const setProgramStatus = (
  state: State,
  slug: string,
  to: string,
  reason: string | undefined,
  ctx: Ctx,
): Result<Change<Program>> => {
  const found = getProgram(state, slug);
  if (!found.ok) return found;
  const old = found.value;
  const allowed = allowedProgramTransitions(old);
  const wanted = to.trim().toLowerCase().replace(/-/g, '_');
  if (!allowed.includes(wanted as ProgramStatus)) {
    return err('PROGRAM.ILLEGAL_TRANSITION', { from: old.status, to: wanted, allowed });
  }
  const status = wanted as ProgramStatus;
  const why = cleanOptionalText(reason, { field: 'reason', max: TEXT_LIMITS.reason, multiline: true });
  if (!why.ok) return why;
  const { heldFrom: _previousHold, ...rest } = old;
  // The first launch is dated (for the "launched 60 days, little used" flag); the first guarantee's
  // day would be truer, but a status change has no such day, so it is today in the ministry's time
  // zone (ctx.today; Asia/Seoul's date when the caller gives none).
  const launch =
    status === 'launched' && old.launchedOn === undefined
      ? { launchedOn: ctx.today ?? isoDateIn(ctx.now) }
      : {};
  const program: Program =
    status === 'on_hold'
      ? { ...rest, status, heldFrom: old.status, updatedAt: ctx.now.toISOString() }
      : { ...rest, status, ...launch, updatedAt: ctx.now.toISOString() };
  return ok(
    changeWith(
      replaceProgram(state, program),
      [
        {
          type: 'program.status',
          target: program.slug,
          program: program.slug,
          sector: program.sector,
          before: snapshot(old, ['status', 'heldFrom']),
          after: snapshot(program, ['status']),
          reason: why.value,
        },
      ],
      program,
      ctx,
    ),
  );
};

const replaceProgram = (state: State, program: Program): State => ({
  ...state,
  programs: state.programs.map((p) => (p.slug === program.slug ? program : p)),
});
