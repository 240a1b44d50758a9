import type { ProgramCapacity } from './capacity.js';
import { type Audience, contributorVisible, eventContributorHidden } from './permissions.js';
import { type PledgeGroups, pledgesByProgram } from './pledge-groups.js';
import type { RiskFlag } from './risk.js';
import { programStanding } from './standing.js';
import { ALL, covers } from './subscriptions.js';
import { contributorKeys } from './text.js';
import type { Fields, Pledge, Program, State, WinwinEvent } from './types.js';
import type { ProgramUtilization } from './utilization.js';

/** One change in a digest, already cut to what its audience may read. */
export interface DigestChange {
  /**
   * The event, redacted when `undisclosed`: the contributor's name, notes and the reason are gone from
   * it, and any confidential name inside the text it keeps is replaced.
   */
  readonly event: WinwinEvent;
  readonly program?: Program;
  /** For pledge events: the contributor's current name, when this audience may read it. */
  readonly contributor?: string;
  /** A pledge event whose contributor this audience must see as "an undisclosed contributor". */
  readonly undisclosed: boolean;
}

/** A risk flag as this audience may read it: a concentration on an unsigned contributor loses the name. */
export interface DigestRisk {
  readonly flag: RiskFlag;
  readonly undisclosed: boolean;
}

/** Where a program stands, for the short standing at the end of a digest and on a live card. */
export interface DigestProgram {
  readonly program: Program;
  readonly capacity: ProgramCapacity;
  /** Guarantees issued against it and the capacity they use (counts and amounts only). */
  readonly utilization: ProgramUtilization;
  readonly risks: readonly DigestRisk[];
  /** Whether the digest holds changes of this program. */
  readonly changed: boolean;
}

export interface Digest {
  /** `all`, a sector name or a program slug. */
  readonly target: string;
  /** YYYY-MM-DD in the ministry's time zone. */
  readonly today: string;
  readonly changes: readonly DigestChange[];
  readonly programs: readonly DigestProgram[];
}

export interface DigestInput {
  readonly state: State;
  /** `all`, a sector name or a program slug (see subscriptionTarget). */
  readonly target: string;
  /** Candidate events, oldest first (e.g. store.eventsSince(watermark)); those outside the target are left out. */
  readonly events: readonly WinwinEvent[];
  /** Who reads it: a channel is a viewer, with `channelNames` when it subscribed with `names`. */
  readonly audience: Audience;
  readonly today: string;
  /** Replaces a confidential name found inside free text, e.g. "an undisclosed contributor". */
  readonly undisclosedLabel: string;
  /** `pledgesByProgram(state.pledges)`, when the caller has it (the shell keeps it per revision). */
  readonly groups?: PledgeGroups;
  /** `confidentialNames(state.pledges, audience)`, when the caller has it. */
  readonly names?: readonly string[];
}

/** Fields of a pledge event that never identify the contributor. */
const SAFE_PLEDGE_FIELDS: ReadonlySet<string> = new Set([
  'program',
  'kind',
  'amount',
  'status',
  'suspendedFrom',
  'signed',
  'due',
  'issuedOn',
]);

/**
 * Fields left as they are when names are replaced in text: a program's name and ids are public, and a
 * pledge event that keeps its contributor field is one whose contributor this audience may read.
 */
const PUBLIC_FIELDS: ReadonlySet<string> = new Set(['name', 'slug', 'sector', 'program', 'contributor']);

/** Whether the digest covers a program: its target names it, its sector, or `all`. */
const inScope = (target: string, program: Program): boolean =>
  covers({ target }, { program: program.slug, sector: program.sector });

/**
 * Names this audience may not read anywhere: contributors of pledges it must not see, unless the same
 * contributor has signed elsewhere (then the name is public). One-letter names are left alone, as
 * replacing them inside every word would make text unreadable without protecting anyone.
 */
export const confidentialNames = (pledges: readonly Pledge[], audience: Audience): string[] =>
  // An audience that may read unsigned pledges' names reads every name; any other reads signed ones.
  contributorVisible({ signed: false }, audience) ? [] : unsignedNames(pledges);

/** Names of unsigned pledges' contributors that no signed pledge makes public, longest first. */
const unsignedNames = (pledges: readonly Pledge[]): string[] => {
  const keyOf = contributorKeys();
  const publicKeys = new Set<string>();
  for (const p of pledges) if (p.signed) publicKeys.add(keyOf(p.contributor));
  const names = new Set<string>();
  for (const p of pledges) {
    if (!p.signed && p.contributor.length >= 2 && !publicKeys.has(keyOf(p.contributor))) {
      names.add(p.contributor);
    }
  }
  // Longest first, so "Coupang Pay" is replaced whole before "Coupang".
  return [...names].sort((a, b) => b.length - a.length);
};

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `text` with every confidential name (any case) replaced by `label`. */
export const scrubNames = (text: string, names: readonly string[], label: string): string => {
  if (names.length === 0) return text;
  const pattern = new RegExp(names.map(escapeRegExp).join('|'), 'giu');
  return text.replace(pattern, label);
};

const scrubJson = (value: Fields[string], names: readonly string[], label: string): Fields[string] => {
  if (typeof value === 'string') return scrubNames(value, names, label);
  if (Array.isArray(value)) return value.map((v) => scrubJson(v, names, label));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubJson(v ?? null, names, label)]));
  }
  return value;
};

const scrubFields = (
  fields: Fields | null,
  keep: (field: string) => boolean,
  names: readonly string[],
  label: string,
): Fields | null => {
  if (fields === null) return null;
  const out: Fields = {};
  for (const [key, value] of Object.entries(fields)) {
    if (!keep(key)) continue;
    out[key] = PUBLIC_FIELDS.has(key) ? value : scrubJson(value, names, label);
  }
  return out;
};

/**
 * An event as this audience may read it. For a pledge whose contributor is confidential, only the
 * fields that cannot identify it stay (amount, status, kind, due); names of confidential contributors
 * are replaced in whatever text remains, in this and every other event.
 */
export const redactEvent = (
  event: WinwinEvent,
  pledges: readonly Pledge[],
  audience: Audience,
  names: readonly string[],
  label: string,
): { event: WinwinEvent; undisclosed: boolean } => {
  const undisclosed = eventContributorHidden(event, pledges, audience);
  const keep = undisclosed ? (field: string) => SAFE_PLEDGE_FIELDS.has(field) : () => true;
  const { reason, ...rest } = event;
  const redacted: WinwinEvent = {
    ...rest,
    before: scrubFields(event.before, keep, names, label),
    after: scrubFields(event.after, keep, names, label),
    ...(reason === undefined || undisclosed ? {} : { reason: scrubNames(reason, names, label) }),
  };
  return { event: redacted, undisclosed };
};

/** The program with confidential names replaced in its free text (note, terms). */
const scrubProgram = (program: Program, names: readonly string[], label: string): Program => {
  if (names.length === 0) return program;
  const { note, terms, ...rest } = program;
  return {
    ...rest,
    ...(note === undefined ? {} : { note: scrubNames(note, names, label) }),
    ...(terms === undefined ? {} : { terms: scrubNames(terms, names, label) }),
  };
};

/**
 * What a digest's programs share, computed once per digest: the state's pledges by program and the
 * names this audience may not read (confidentialNames).
 */
export interface DigestContext {
  readonly groups: PledgeGroups;
  readonly names: readonly string[];
}

/** A program's standing for this audience: figures, and risk flags without confidential names. */
export const digestProgram = (
  state: State,
  program: Program,
  today: string,
  audience: Audience,
  undisclosedLabel: string,
  changed = false,
  context: DigestContext = {
    groups: pledgesByProgram(state.pledges),
    names: confidentialNames(state.pledges, audience),
  },
): DigestProgram => {
  const standing = programStanding(state, program, today, {}, context.groups);
  const risks = standing.risks.map((flag): DigestRisk => {
    if (flag.code !== 'concentration') return { flag, undisclosed: false };
    const visible = contributorVisible({ signed: flag.signed }, audience);
    return visible ? { flag, undisclosed: false } : { flag: { ...flag, contributor: '' }, undisclosed: true };
  });
  return {
    program: scrubProgram(program, context.names, undisclosedLabel),
    capacity: standing.capacity,
    utilization: standing.utilization,
    risks,
    changed,
  };
};

/**
 * What changed in a target, for one audience, then where each of its programs stands. Programs listed:
 * every open program the target covers, and closed ones only when they changed. An empty `changes`
 * means there is nothing to post.
 */
export const buildDigest = (input: DigestInput): Digest => {
  const { state, target, audience, today, undisclosedLabel } = input;
  const names = input.names ?? confidentialNames(state.pledges, audience);
  const changes = input.events
    .filter((event) => covers({ target }, event))
    .map((event): DigestChange => {
      const { event: redacted, undisclosed } = redactEvent(
        event,
        state.pledges,
        audience,
        names,
        undisclosedLabel,
      );
      const program = state.programs.find((p) => p.slug === event.program);
      const pledge = event.type.startsWith('pledge.')
        ? state.pledges.find((p) => p.id === event.target)
        : undefined;
      return {
        event: redacted,
        ...(program === undefined ? {} : { program: scrubProgram(program, names, undisclosedLabel) }),
        ...(pledge === undefined || undisclosed ? {} : { contributor: pledge.contributor }),
        undisclosed,
      };
    });
  const touched = new Set(changes.map((c) => c.event.program));
  const context: DigestContext = { groups: input.groups ?? pledgesByProgram(state.pledges), names };
  const programs = state.programs
    .filter((p) => (target === ALL || inScope(target, p)) && (p.status !== 'closed' || touched.has(p.slug)))
    .map((p) => digestProgram(state, p, today, audience, undisclosedLabel, touched.has(p.slug), context));
  return { target, today, changes, programs };
};
