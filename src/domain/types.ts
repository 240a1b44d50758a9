import { z } from 'zod';
import { Decimal, isDecimal } from './decimal.js';

/**
 * The data model. Each schema is a zod codec: `z.decode(Schema, json)` turns what is stored or
 * received into domain values (money as Decimal); `z.encode(Schema, value)` turns it back into JSON.
 */

const DecimalValue = z.custom<Decimal>(isDecimal, 'expected a Decimal');

/** Whole won, stored as a string of digits ("630000000000"), held as a Decimal. */
export const WonSchema = z.codec(z.string().regex(/^\d{1,20}$/, 'whole won as digits'), DecimalValue, {
  decode: (digits) => new Decimal(digits),
  encode: (won) => won.toFixed(0),
});
export type Won = Decimal;

/** A leverage multiple such as 15.75, stored as a decimal string. */
export const MultipleSchema = z.codec(
  z.string().regex(/^\d{1,6}(\.\d{1,6})?$/, 'a decimal multiple'),
  DecimalValue,
  {
    decode: (text) => new Decimal(text),
    encode: (multiple) => multiple.toString(),
  },
);

export const IsoDateSchema = z.iso.date(); // 2025-12-31
export const IsoDateTimeSchema = z.iso.datetime({ offset: true });
export const SlackUserIdSchema = z.string().regex(/^[UWB][A-Z0-9]{2,20}$/, 'a Slack user id');
export const SlackChannelIdSchema = z.string().regex(/^[CGD][A-Z0-9]{2,20}$/, 'a Slack channel id');

export const SectorNameSchema = z.string().regex(/^[a-z][a-z0-9-]{1,30}$/, 'lowercase letters, digits, -');
export const SectorSchema = z.object({
  name: SectorNameSchema,
  /** Korean alias, e.g. 자동차 for autos. */
  alias: z.string().min(1).max(30).optional(),
});
export type Sector = z.infer<typeof SectorSchema>;

export const PROGRAM_STATUSES = ['negotiating', 'announced', 'launched', 'on_hold', 'closed'] as const;
export const ProgramStatusSchema = z.enum(PROGRAM_STATUSES);
export type ProgramStatus = z.infer<typeof ProgramStatusSchema>;

export const ProgramSlugSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,47}$/, 'lowercase letters, digits, -');

export const ProgramSchema = z.object({
  slug: ProgramSlugSchema,
  sector: SectorNameSchema,
  name: z.string().min(1).max(150),
  /** Headline target guarantee capacity. */
  target: WonSchema,
  /** Operating capacity when it differs from the headline (steel: 400bn announced, 354bn operating). */
  operating: WonSchema.optional(),
  multiple: MultipleSchema,
  status: ProgramStatusSchema,
  /** Status to return to from on_hold. */
  heldFrom: ProgramStatusSchema.optional(),
  announceBy: IsoDateSchema.optional(),
  terms: z.string().max(2000).optional(),
  note: z.string().max(2000).optional(),
  /** Most one supplier may hold in active guarantees of this program ("up to 7bn per firm"). */
  supplierCap: WonSchema.optional(),
  /** The day the program launched (its first guarantee, or the status change), YYYY-MM-DD. */
  launchedOn: IsoDateSchema.optional(),
  createdBy: SlackUserIdSchema,
  createdAt: IsoDateTimeSchema,
  updatedAt: IsoDateTimeSchema,
});
export type Program = z.output<typeof ProgramSchema>;

export const CONTRIBUTOR_KINDS = ['corporation', 'bank', 'public', 'other'] as const;
export const ContributorKindSchema = z.enum(CONTRIBUTOR_KINDS);
export type ContributorKind = z.infer<typeof ContributorKindSchema>;

export const PLEDGE_STATUSES = ['verbal', 'committed', 'paid', 'suspended', 'withdrawn'] as const;
export const PledgeStatusSchema = z.enum(PLEDGE_STATUSES);
export type PledgeStatus = z.infer<typeof PledgeStatusSchema>;

export const PledgeIdSchema = z.string().regex(/^P[1-9]\d{0,8}$/, 'a pledge id such as P7');

/** Money paid into the fund against a pledge (출연금 납입). */
export const PaymentSchema = z.object({
  amount: WonSchema,
  /** The day the money arrived, YYYY-MM-DD in WINWIN_TZ. */
  on: IsoDateSchema,
  note: z.string().max(500).optional(),
  recordedBy: SlackUserIdSchema,
  at: IsoDateTimeSchema,
});
export type Payment = z.output<typeof PaymentSchema>;

/** One expected installment of a pledge: this much paid in by that day. */
export const InstallmentSchema = z.object({
  amount: WonSchema,
  due: IsoDateSchema,
});
export type Installment = z.output<typeof InstallmentSchema>;

export const PledgeSchema = z.object({
  id: PledgeIdSchema,
  program: ProgramSlugSchema,
  contributor: z.string().min(1).max(150),
  kind: ContributorKindSchema,
  amount: WonSchema,
  status: PledgeStatusSchema,
  /** Set while suspended: the status a resumed pledge returns to. */
  suspendedFrom: z.enum(['verbal', 'committed']).optional(),
  /** True once the pledge was ever committed or paid; unsigned contributors stay confidential. */
  signed: z.boolean(),
  due: IsoDateSchema.optional(),
  note: z.string().max(2000).optional(),
  recordedBy: SlackUserIdSchema,
  createdAt: IsoDateTimeSchema,
  updatedAt: IsoDateTimeSchema,
  /** Money paid in, oldest first. Absent: none (a paid pledge without payments counts as paid in full). */
  payments: z.array(PaymentSchema).optional(),
  /** Expected installments, by date. Absent: no schedule. */
  schedule: z.array(InstallmentSchema).optional(),
  /** The official who handles this contributor; absent: whoever recorded it. */
  owner: SlackUserIdSchema.optional(),
  /** The next step (confidential: editors, admins and the owner only) and its date. */
  nextStep: z.string().max(500).optional(),
  nextDue: IsoDateSchema.optional(),
  /** Reminders about this pledge wait until this day (a DM's Snooze button). */
  snoozedUntil: IsoDateSchema.optional(),
});
export type Pledge = z.output<typeof PledgeSchema>;

export const EVENT_TYPES = [
  'program.created',
  'program.edited',
  'program.status',
  'pledge.recorded',
  'pledge.status',
  'pledge.corrected',
  'access.granted',
  'access.revoked',
  'guarantee.issued',
  'guarantee.status',
  'payment.recorded',
  'pledge.schedule',
  'pledge.owner',
  'pledge.next',
] as const;
export const EventTypeSchema = z.enum(EVENT_TYPES);
export type EventType = z.infer<typeof EventTypeSchema>;

/** Snapshot of the fields a change touched, in JSON form (amounts as digit strings). */
export const FieldsSchema = z.record(z.string(), z.json());
export type Fields = z.infer<typeof FieldsSchema>;

export const EventSchema = z.object({
  /** Monotonic, never reused; shown as E{id}. */
  id: z.number().int().positive(),
  at: IsoDateTimeSchema,
  actor: SlackUserIdSchema,
  type: EventTypeSchema,
  /** What changed: a program slug, a pledge id or a user id. */
  target: z.string().min(1).max(60),
  /** The program and sector affected, when there is one (for digests and history filters). */
  program: ProgramSlugSchema.optional(),
  sector: SectorNameSchema.optional(),
  before: FieldsSchema.nullable(),
  after: FieldsSchema.nullable(),
  reason: z.string().max(2000).optional(),
});
export type WinwinEvent = z.output<typeof EventSchema>;

export const GUARANTEE_STATUSES = ['active', 'repaid', 'expired', 'cancelled'] as const;
export const GuaranteeStatusSchema = z.enum(GUARANTEE_STATUSES);
export type GuaranteeStatus = z.infer<typeof GuaranteeStatusSchema>;

export const GuaranteeIdSchema = z.string().regex(/^G[1-9]\d{0,8}$/, 'a guarantee id such as G7');

/** A guarantee K-sure issued to a supplier against a program. The supplier's name is confidential to editors. */
export const GuaranteeSchema = z.object({
  id: GuaranteeIdSchema,
  program: ProgramSlugSchema,
  supplier: z.string().min(1).max(150),
  amount: WonSchema,
  /** The day it was issued, YYYY-MM-DD in WINWIN_TZ. */
  issuedOn: IsoDateSchema,
  status: GuaranteeStatusSchema,
  /** The import it came with (the file's SHA-256), when imported. */
  importId: z
    .string()
    .regex(/^[0-9a-f]{64}$/, 'a SHA-256 in hex')
    .optional(),
  recordedBy: SlackUserIdSchema,
  createdAt: IsoDateTimeSchema,
  updatedAt: IsoDateTimeSchema,
});
export type Guarantee = z.output<typeof GuaranteeSchema>;

/** A file of guarantees imported, so that the same file is refused the second time. */
export const GuaranteeImportSchema = z.object({
  /** SHA-256 of the file's bytes, hex. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in hex'),
  program: ProgramSlugSchema,
  filename: z.string().min(1).max(255),
  rows: z.number().int().nonnegative(),
  by: SlackUserIdSchema,
  at: IsoDateTimeSchema,
});
export type GuaranteeImport = z.output<typeof GuaranteeImportSchema>;

export const ROLES = ['admin', 'editor', 'viewer'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

export const GrantSchema = z.object({
  user: SlackUserIdSchema,
  role: z.enum(['admin', 'editor']),
  grantedBy: SlackUserIdSchema,
  at: IsoDateTimeSchema,
});
export type Grant = z.output<typeof GrantSchema>;

export const CADENCES = ['daily', 'weekly', 'realtime'] as const;
export const DETAILS = ['totals', 'names'] as const;
/** Kinds of change a subscription may keep (`only:`), each the events whose type starts with it. */
export const EVENT_KINDS = ['programs', 'pledges', 'payments', 'guarantees'] as const;

export const SubscriptionSchema = z.object({
  channel: SlackChannelIdSchema,
  /** 'all', a sector name or a program slug. */
  target: z.string().min(1).max(60),
  cadence: z.enum(CADENCES),
  detail: z.enum(DETAILS),
  createdBy: SlackUserIdSchema,
  createdAt: IsoDateTimeSchema,
  /** Id of the last event this subscription has posted (the digest watermark). */
  watermark: z.number().int().nonnegative(),
  lastDigestAt: IsoDateTimeSchema.optional(),
  paused: z.object({ reason: z.string().max(200), at: IsoDateTimeSchema }).optional(),
  /** `only:` — the kinds of change reported; absent: every kind. */
  only: z.array(z.enum(EVENT_KINDS)).min(1).optional(),
  /** `min:` — changes about a smaller amount are not reported. */
  min: WonSchema.optional(),
  /** `quiet:off` stores false: a digest with nothing new still posts a short "no changes". Absent: quiet. */
  quiet: z.boolean().optional(),
});
export type Subscription = z.output<typeof SubscriptionSchema>;

/** A realtime channel's live card for one program: edited in place, changes go in its thread. */
export const CardSchema = z.object({
  channel: SlackChannelIdSchema,
  program: ProgramSlugSchema,
  ts: z.string().min(1).max(40),
  /**
   * Changes shown on the card but not yet replied in its thread (event ids, oldest first): a burst of
   * changes gets one reply, once the first of them is a minute old.
   */
  pending: z.array(z.number().int().positive()).optional(),
  /** When the first pending change was made. */
  pendingSince: IsoDateTimeSchema.optional(),
});
export type Card = z.output<typeof CardSchema>;

/**
 * The reminder watermark: the business day whose reminders are being (or were) sent and the owners
 * already sent theirs that day, so a restart neither repeats a DM nor skips one.
 */
export const ReminderMarkSchema = z.object({
  date: IsoDateSchema,
  sent: z.array(SlackUserIdSchema),
  /** Every reminder of `date` is out: nothing more is sent that day. */
  done: z.boolean().optional(),
});
export type ReminderMark = z.output<typeof ReminderMarkSchema>;

/** Everything Winwin knows, as the domain sees it. Events older than the store keeps are archived. */
export const StateSchema = z.object({
  nextPledge: z.number().int().positive(),
  nextEvent: z.number().int().positive(),
  sectors: z.array(SectorSchema),
  programs: z.array(ProgramSchema),
  pledges: z.array(PledgeSchema),
  grants: z.array(GrantSchema),
  subscriptions: z.array(SubscriptionSchema),
  cards: z.array(CardSchema),
  /** Keys of modal submissions already stored, so a view submitted twice records once. */
  submissions: z.array(z.string().max(200)),
  /** Guarantees issued against programs; absent in stores written before them. */
  guarantees: z.array(GuaranteeSchema).optional(),
  nextGuarantee: z.number().int().positive().optional(),
  /** Files of guarantees imported (absent before the first). */
  guaranteeImports: z.array(GuaranteeImportSchema).optional(),
  /** Reminder DMs' progress; absent until the first reminder day. */
  reminders: ReminderMarkSchema.optional(),
});
export type State = z.output<typeof StateSchema>;

export const emptyState = (): State => ({
  nextPledge: 1,
  nextEvent: 1,
  sectors: [],
  programs: [],
  pledges: [],
  grants: [],
  subscriptions: [],
  cards: [],
  submissions: [],
  guarantees: [],
  nextGuarantee: 1,
  guaranteeImports: [],
});
