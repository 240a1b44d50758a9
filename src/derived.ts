import { type ProgramCapacity, programCapacity } from './domain/capacity.js';
import { confidentialNames } from './domain/digest.js';
import { type GuaranteeGroups, guaranteesByProgram, guaranteesOf } from './domain/guarantees.js';
import { type Audience, contributorVisible } from './domain/permissions.js';
import { type PledgeGroups, pledgesByProgram } from './domain/pledge-groups.js';
import { ok, type Result } from './domain/result.js';
import {
  type ProgramStanding,
  programStandingWith,
  type SectorStanding,
  type Standing,
  sectorStandingOf,
} from './domain/standing.js';
import { type ResolvedTarget, resolveTarget } from './domain/targets.js';
import { contributorKey } from './domain/text.js';
import type { Guarantee, Pledge, Program, Sector, State, WinwinEvent } from './domain/types.js';
import type { Locale } from './i18n/common.js';
import type { EventFilter, Snapshot, Store } from './storage/store.js';
import type { Message } from './views/blocks.js';
import { errorReply } from './views/error-text.js';
import { buildStatusMessage } from './views/status.js';

/**
 * Derived data, remembered by snapshot revision: the one cache of the shell.
 *
 * The domain computes everything from its arguments and remembers nothing. What several requests
 * between two commits would compute again — pledges grouped by program, standings, the names an
 * audience may not read, finished status replies — is kept here, keyed by the revision of the store
 * snapshot it came from (`store.snapshot()`: the revision increases with every commit). A new revision
 * is a new key, so a commit shows in the very next answer; nothing is keyed by object identity, and
 * nothing relies on objects being frozen.
 *
 * Bounded: the newest `revisions` revisions are kept (an answer being computed from the previous one
 * while a commit lands still finds its entries), each with at most `entriesPerRevision` entries,
 * the oldest forgotten first. A snapshot older than every kept revision is computed afresh.
 *
 * A commit changes a few programs, and a program's standing costs a pass over its pledges with
 * Decimal sums: so the standings of a new revision reuse, per program, the last standing computed
 * when its inputs — the program, its sector, its pledges and the day — are equal in value to the
 * ones it was computed from (compared field by field, never by identity: a standing is a pure
 * function of them). Comparing costs a fraction of recomputing.
 */

export interface DerivedOptions {
  /** Revisions kept (default 2). */
  readonly revisions?: number;
  /** Entries kept per revision (default 256): standings per day and target, replies per audience … */
  readonly entriesPerRevision?: number;
}

/** A status request: what the reply depends on besides the snapshot. */
export interface StatusRequest {
  /** The target as typed (`autos`, `자동차`, `all`, empty). */
  readonly target: string;
  readonly audience: Audience;
  readonly locale: Locale;
  /** YYYY-MM-DD in the ministry's time zone. */
  readonly today: string;
  /** Shown in the last change's time. */
  readonly timeZone: string;
  /** Share button, page controls and (for editors) pledge menus: an ephemeral reply to its reader. */
  readonly interactive: boolean;
  readonly page?: number;
  /** A one-off line on top (a status change's confirmation): such replies are not kept. */
  readonly notice?: string;
}

export interface Derived {
  /** The store's current snapshot. */
  snapshot(): Snapshot;
  /** `compute()`, remembered for the snapshot's revision under `key`. */
  remember<T>(snapshot: Snapshot, key: string, compute: () => T): T;
  /** Every pledge of the snapshot, by program. */
  pledgeGroups(snapshot: Snapshot): PledgeGroups;
  /**
   * Where a program of the snapshot stands (programCapacity). The replies to concurrent changes of one
   * program committed together share it.
   */
  programCapacity(snapshot: Snapshot, program: Program): ProgramCapacity;
  /** Every guarantee of the snapshot, by program. */
  guaranteeGroups(snapshot: Snapshot): GuaranteeGroups;
  /** Names this audience may not read anywhere (confidentialNames). */
  confidentialNames(snapshot: Snapshot, audience: Audience): readonly string[];
  /** Every sector on `today`, in state order. */
  overall(snapshot: Snapshot, today: string): readonly SectorStanding[];
  /** One sector of the snapshot on `today`, as `overall` holds it. */
  sectorStanding(snapshot: Snapshot, sector: Sector, today: string): SectorStanding;
  /** The standing of a target (looked up again in the snapshot by slug or name) on `today`. */
  standing(
    snapshot: Snapshot,
    target: ResolvedTarget | 'all',
    today: string,
    lastChange?: WinwinEvent,
  ): Standing;
  /** The newest event of what the target covers, as of the snapshot. */
  lastChange(snapshot: Snapshot, target: ResolvedTarget | 'all'): Promise<WinwinEvent | undefined>;
  /** `standing` with its last change. */
  loadStanding(snapshot: Snapshot, target: ResolvedTarget | 'all', today: string): Promise<Standing>;
  /** The status reply of a target as typed, or the localized reason it can't be shown. */
  statusReply(snapshot: Snapshot, request: StatusRequest): Promise<Message>;
}

/** `all`, empty or a target as typed: the whole overview, or what resolveTarget finds. */
export const resolveStatusTarget = (state: State, text: string): Result<ResolvedTarget | 'all'> => {
  const wanted = text.trim();
  return wanted === '' || wanted.toLowerCase() === 'all' ? ok('all') : resolveTarget(state, wanted);
};

/** The events of what a standing shows, for its "last change". */
export const eventFilterOf = (target: ResolvedTarget | 'all'): EventFilter =>
  target === 'all'
    ? {}
    : target.kind === 'program'
      ? { program: target.program.slug }
      : { sector: target.sector.name };

/**
 * Whether two values of the state (records, lists, Decimals, strings …) are equal in value: the
 * same own fields with equal values, and the same prototype (a Decimal equals only a Decimal).
 */
export const sameData = (a: unknown, b: unknown): boolean => {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    if (a.length !== other.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameData(a[i], other[i])) return false;
    return true;
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let fields = 0;
  for (const key in x) {
    if (!Object.hasOwn(x, key)) continue;
    fields++;
    if (!Object.hasOwn(y, key) || !sameData(x[key], y[key])) return false;
  }
  for (const key in y) if (Object.hasOwn(y, key)) fields--;
  return fields === 0;
};

interface ProgramEntry {
  readonly program: Program;
  readonly sector: Sector;
  readonly pledges: readonly Pledge[];
  readonly guarantees: readonly Guarantee[];
  readonly today: string;
  readonly standing: ProgramStanding;
}

/** A kept value is handed to every later request: freeze it so that none can change it for the others. */
const deepFreeze = <T>(value: T): T => {
  if (value !== null && typeof value === 'object') {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
};

const targetKey = (target: ResolvedTarget | 'all'): string =>
  target === 'all'
    ? 'all'
    : target.kind === 'program'
      ? `program ${target.program.slug}`
      : `sector ${target.sector.name}`;

export const createDerived = (
  store: Pick<Store, 'snapshot' | 'recentEvents'>,
  options: DerivedOptions = {},
): Derived => {
  const maxRevisions = Math.max(1, options.revisions ?? 2);
  const maxEntries = Math.max(1, options.entriesPerRevision ?? 256);
  /** Revision → key → value; revisions in ascending order of insertion (they only grow). */
  const kept = new Map<number, Map<string, unknown>>();

  /** The entries of a revision, made room for; undefined when it is older than every kept one. */
  const entriesOf = (revision: number): Map<string, unknown> | undefined => {
    const known = kept.get(revision);
    if (known !== undefined) return known;
    const revisions = [...kept.keys()];
    if (revisions.length >= maxRevisions && revisions.every((r) => r > revision)) return undefined;
    const entries = new Map<string, unknown>();
    kept.set(revision, entries);
    // Forget the oldest revisions beyond the bound (Map keys keep insertion order; sort to be sure).
    const sorted = [...kept.keys()].sort((a, b) => a - b);
    for (const r of sorted.slice(0, Math.max(0, sorted.length - maxRevisions))) kept.delete(r);
    return kept.get(revision);
  };

  const keep = (entries: Map<string, unknown>, key: string, value: unknown): void => {
    entries.delete(key);
    while (entries.size >= maxEntries) {
      const oldest = entries.keys().next();
      if (oldest.done === true) break;
      entries.delete(oldest.value);
    }
    entries.set(key, value);
  };

  const remember = <T>(snapshot: Snapshot, key: string, compute: () => T): T => {
    const entries = entriesOf(snapshot.revision);
    if (entries?.has(key) === true) return entries.get(key) as T;
    const value = compute();
    if (entries !== undefined) keep(entries, key, value);
    return value;
  };

  /**
   * `compute()` remembered like `remember`, but kept only if the store is still at the snapshot's
   * revision once it resolves and `valid` accepts it: what it read besides the snapshot (events)
   * then belongs to that revision alone.
   */
  const rememberAsync = async <T>(
    snapshot: Snapshot,
    key: string,
    compute: () => Promise<T>,
    valid: (value: T) => boolean = () => true,
  ): Promise<T> => {
    const known = kept.get(snapshot.revision);
    if (known?.has(key) === true) return known.get(key) as T;
    const value = await compute();
    if (store.snapshot().revision === snapshot.revision && valid(value)) {
      const entries = entriesOf(snapshot.revision);
      if (entries !== undefined) keep(entries, key, value);
    }
    return value;
  };

  const pledgeGroups = (snapshot: Snapshot): PledgeGroups =>
    remember(snapshot, 'pledge groups', () => pledgesByProgram(snapshot.state.pledges));

  const guaranteeGroups = (snapshot: Snapshot): GuaranteeGroups =>
    remember(snapshot, 'guarantee groups', () => guaranteesByProgram(guaranteesOf(snapshot.state)));
  const NO_GUARANTEES: readonly Guarantee[] = [];

  /** Per program slug, the last standing computed and its inputs (at most one per program of the store). */
  const lastStandings = new Map<string, ProgramEntry>();
  /** contributorKey of every name seen: a pure function of the name, so kept across revisions. */
  const keys = new Map<string, string>();
  const MAX_KEYS = 20_000;
  const risk = {
    contributorKey: (name: string): string => {
      let key = keys.get(name);
      if (key === undefined) {
        if (keys.size >= MAX_KEYS) keys.clear();
        key = contributorKey(name);
        keys.set(name, key);
      }
      return key;
    },
  };

  /**
   * Pledges and guarantees by program for `programs` of the snapshot: the snapshot's groups while its
   * revision is kept; for an older one (a Home drawn in steps while commits land) only these
   * programs', grouped in one pass, rather than every pledge grouped again for each sector.
   */
  const groupsFor = (
    snapshot: Snapshot,
    programs: readonly Program[],
  ): { readonly pledges: PledgeGroups; readonly guarantees: GuaranteeGroups } => {
    if (entriesOf(snapshot.revision) !== undefined)
      return { pledges: pledgeGroups(snapshot), guarantees: guaranteeGroups(snapshot) };
    const slugs = new Set(programs.map((p) => p.slug));
    return {
      pledges: pledgesByProgram(snapshot.state.pledges.filter((p) => slugs.has(p.program))),
      guarantees: guaranteesByProgram(guaranteesOf(snapshot.state).filter((g) => slugs.has(g.program))),
    };
  };

  const programIn = (
    snapshot: Snapshot,
    program: Program,
    sector: Sector,
    today: string,
    groups = groupsFor(snapshot, [program]),
  ): ProgramStanding => {
    const pledges = groups.pledges.get(program.slug) ?? [];
    const guarantees = groups.guarantees.get(program.slug) ?? NO_GUARANTEES;
    const last = lastStandings.get(program.slug);
    if (
      last !== undefined &&
      last.today === today &&
      sameData(last.program, program) &&
      sameData(last.sector, sector) &&
      sameData(last.pledges, pledges) &&
      sameData(last.guarantees, guarantees)
    ) {
      return last.standing;
    }
    const standing = programStandingWith(program, sector, pledges, guarantees, today, risk);
    if (lastStandings.size > snapshot.state.programs.length) lastStandings.clear();
    lastStandings.set(program.slug, { program, sector, pledges, guarantees, today, standing });
    return standing;
  };

  const sectorOf = (state: State, name: string): Sector =>
    state.sectors.find((s) => s.name === name) ?? { name };

  const sectorIn = (snapshot: Snapshot, sector: Sector, today: string): SectorStanding =>
    remember(snapshot, `sector ${sector.name} ${today}`, () => {
      const programs = snapshot.state.programs.filter((p) => p.sector === sector.name);
      const groups = groupsFor(snapshot, programs);
      return sectorStandingOf(
        sector,
        programs.map((p) => programIn(snapshot, p, sector, today, groups)),
      );
    });

  const standing = (
    snapshot: Snapshot,
    target: ResolvedTarget | 'all',
    today: string,
    lastChange?: WinwinEvent,
  ): Standing => {
    const { state } = snapshot;
    const last = lastChange === undefined ? {} : { lastChange };
    if (target === 'all') return { kind: 'all', today, sectors: overall(snapshot, today), ...last };
    if (target.kind === 'program') {
      const program = state.programs.find((p) => p.slug === target.program.slug) ?? target.program;
      return {
        kind: 'program',
        today,
        program: programIn(snapshot, program, sectorOf(state, program.sector), today),
        viaSector: target.viaSector,
        ...last,
      };
    }
    const sector = state.sectors.find((s) => s.name === target.sector.name) ?? target.sector;
    return {
      kind: 'sector',
      today,
      sector: sectorIn(snapshot, sector, today),
      ...last,
    };
  };

  const overall = (snapshot: Snapshot, today: string): readonly SectorStanding[] =>
    remember(snapshot, `overall ${today}`, () =>
      snapshot.state.sectors.map((s) => sectorIn(snapshot, s, today)),
    );

  /** Events take their ids from state.nextEvent: a newer one belongs to a later revision. */
  const ofSnapshot = (snapshot: Snapshot, event: WinwinEvent | undefined): boolean =>
    event === undefined || event.id < snapshot.state.nextEvent;

  const lastChange = (snapshot: Snapshot, target: ResolvedTarget | 'all'): Promise<WinwinEvent | undefined> =>
    rememberAsync(
      snapshot,
      `last change ${targetKey(target)}`,
      async () => (await store.recentEvents(1, eventFilterOf(target)))[0],
      (event) => ofSnapshot(snapshot, event),
    );

  const loadStanding = async (
    snapshot: Snapshot,
    target: ResolvedTarget | 'all',
    today: string,
  ): Promise<Standing> => standing(snapshot, target, today, await lastChange(snapshot, target));

  const statusReply = async (snapshot: Snapshot, r: StatusRequest): Promise<Message> => {
    /** The reply, and whether it was drawn from the snapshot alone (its last change included). */
    const build = async (): Promise<{ readonly message: Message; readonly consistent: boolean }> => {
      const target = resolveStatusTarget(snapshot.state, r.target);
      if (!target.ok) return { message: errorReply(target.error, r.locale), consistent: true };
      const last = await lastChange(snapshot, target.value);
      const message = buildStatusMessage(
        standing(snapshot, target.value, r.today, last),
        r.audience,
        r.locale,
        {
          interactive: r.interactive,
          timeZone: r.timeZone,
          ...(r.page === undefined ? {} : { page: r.page }),
          ...(r.notice === undefined ? {} : { notice: r.notice }),
        },
      );
      return { message, consistent: ofSnapshot(snapshot, last) };
    };
    if (r.notice !== undefined) return (await build()).message;
    const key = `status ${JSON.stringify([
      r.target.trim(),
      r.audience.role,
      r.audience.channelNames === true,
      r.locale,
      r.today,
      r.timeZone,
      r.page ?? 0,
      r.interactive,
    ])}`;
    const reply = await rememberAsync(
      snapshot,
      key,
      async () => deepFreeze(await build()),
      (built) => built.consistent,
    );
    return reply.message;
  };

  return {
    snapshot: () => store.snapshot(),
    remember,
    pledgeGroups,
    // One pass over every pledge: cheaper than grouping them all for one program.
    programCapacity: (snapshot, program) =>
      remember(snapshot, `capacity ${program.slug}`, () => programCapacity(program, snapshot.state.pledges)),
    guaranteeGroups,
    confidentialNames: (snapshot, audience) =>
      // The audience matters only through whether it may read unsigned pledges' names.
      remember(snapshot, `confidential names ${contributorVisible({ signed: false }, audience)}`, () =>
        confidentialNames(snapshot.state.pledges, audience),
      ),
    overall,
    sectorStanding: sectorIn,
    standing,
    lastChange,
    loadStanding,
    statusReply,
  };
};
