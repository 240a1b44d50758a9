import { andThen, type Change, type Ctx } from './change.js';
import { multipleFor } from './checks.js';
import { Decimal } from './decimal.js';
import { type GuaranteeInput, issueGuarantee, setGuaranteeStatus } from './guarantees.js';
import { recordPayment, setSchedule } from './payments.js';
import { type PledgeInput, recordPledge, setPledgeStatus } from './pledges.js';
import { createProgram, type ProgramInput } from './programs.js';
import { ok, type Result } from './result.js';
import { emptyState, type State } from './types.js';

const 억 = (n: number | string): Decimal => new Decimal(n).times(1e8);

type Step = (state: State, ctx: Ctx) => Result<Change<unknown>>;

const program =
  (input: ProgramInput): Step =>
  (state, ctx) =>
    createProgram(state, input, ctx);
const pledge =
  (input: PledgeInput): Step =>
  (state, ctx) =>
    recordPledge(state, input, ctx);
const latestPledgeTo =
  (status: string, reason: string): Step =>
  (state, ctx) =>
    setPledgeStatus(state, `P${state.nextPledge - 1}`, status, reason, ctx);
/** Money paid into the fund for the pledge just recorded (the payment reaching the amount makes it paid). */
const latestPaid =
  (amount: Decimal, on: string, note?: string): Step =>
  (state, ctx) =>
    recordPayment(
      state,
      `P${state.nextPledge - 1}`,
      { amount, on, ...(note === undefined ? {} : { note }) },
      ctx,
    );
/** The expected installments of the pledge just recorded. */
const latestSchedule =
  (...installments: readonly [Decimal, string][]): Step =>
  (state, ctx) =>
    setSchedule(
      state,
      `P${state.nextPledge - 1}`,
      installments.map(([amount, due]) => ({ amount, due })),
      ctx,
    );
const guarantee =
  (input: GuaranteeInput): Step =>
  (state, ctx) =>
    issueGuarantee(state, input, ctx);
const latestGuaranteeTo =
  (status: string, reason: string): Step =>
  (state, ctx) =>
    setGuaranteeStatus(state, `G${(state.nextGuarantee ?? 1) - 1}`, status, reason, ctx);

const HYUNDAI_TERMS =
  'Loan-rate cut for suppliers up to 2.4%p; guarantee term 1 → 3 years; guarantee fee 1% → 0.7%, ' +
  'paid in full by Hana Bank; guarantee ratio 90% → 100%; fee support up to 40m won per company. ' +
  'Eligibility: suppliers recommended by Hyundai Motor & Kia.';

const steps: readonly Step[] = [
  program({
    sector: 'autos',
    slug: 'autos-hyundai',
    name: 'Hyundai Motor & Kia + Hana Bank win-win guarantee',
    target: 억(6300),
    multiple: new Decimal('15.75'),
    status: 'announced',
    terms: HYUNDAI_TERMS,
    note: 'Agreement (업무협약) signed 2025-08-18. One report gives Hana 21.5bn (31.5bn total, 20x).',
  }),
  pledge({
    program: 'autos-hyundai',
    contributor: 'Hyundai Motor & Kia',
    kind: 'corporation',
    amount: 억(100),
    status: 'committed',
  }),
  latestPaid(억(100), '2025-08-18', 'Paid in on the agreement day.'),
  pledge({
    program: 'autos-hyundai',
    contributor: 'Hana Bank',
    kind: 'bank',
    amount: 억(300),
    status: 'committed',
  }),
  latestSchedule([억(150), '2025-08-29'], [억(150), '2025-09-30']),
  latestPaid(억(150), '2025-08-29', 'First tranche.'),
  latestPaid(억(150), '2025-09-30', 'Second tranche.'),
  // The first guarantee (1호 보증서) launches the program.
  guarantee({ program: 'autos-hyundai', supplier: 'DY Auto', amount: 억(200), issuedOn: '2025-08-18' }),
  guarantee({
    program: 'autos-hyundai',
    supplier: 'Auto parts supplier A',
    amount: 억(50),
    issuedOn: '2025-09-03',
  }),
  guarantee({
    program: 'autos-hyundai',
    supplier: 'Auto parts supplier B',
    amount: 억(30),
    issuedOn: '2025-10-15',
  }),
  latestGuaranteeTo('repaid', 'Loan repaid early.'),
  guarantee({ program: 'autos-hyundai', supplier: 'DY Auto', amount: 억(20), issuedOn: '2025-11-20' }),

  program({
    sector: 'autos',
    slug: 'autos-hl',
    name: 'HL Group + Hana Bank win-win guarantee',
    target: 억(1000),
    multiple: new Decimal('12.5'),
    status: 'announced',
    terms: 'Supplier benefits (rate cut, fee, ratio) to be settled in follow-up talks.',
    note: "Agreement signed 2025-09-12. HL's own release gives 102bn of capacity.",
  }),
  pledge({
    program: 'autos-hl',
    contributor: 'HL Group',
    kind: 'corporation',
    amount: 억(20),
    status: 'committed',
  }),
  latestSchedule([억(20), '2026-03-31']),
  pledge({
    program: 'autos-hl',
    contributor: 'Hana Bank',
    kind: 'bank',
    amount: 억(60),
    status: 'committed',
  }),

  program({
    sector: 'steel',
    slug: 'steel-posco',
    name: 'POSCO + IBK win-win guarantee',
    target: 억(4000),
    operating: 억(3540),
    multiple: new Decimal(20),
    status: 'announced',
    note: 'Agreement signed 2025-11-04. 400bn announced; 354bn (17.7x) operating at the first guarantee.',
  }),
  pledge({
    program: 'steel-posco',
    contributor: 'POSCO',
    kind: 'corporation',
    amount: 억(50),
    status: 'committed',
  }),
  latestPaid(억(50), '2025-12-15'),
  pledge({
    program: 'steel-posco',
    contributor: 'IBK (Industrial Bank of Korea)',
    kind: 'bank',
    amount: 억(150),
    status: 'committed',
    due: '2026-01-31',
    note: 'IBK pays its 15bn in January 2026.',
  }),
  latestSchedule([억(150), '2026-01-30']),
  guarantee({ program: 'steel-posco', supplier: 'TGS Pipe', amount: 억(10), issuedOn: '2026-02-12' }),

  program({
    sector: 'shipbuilding',
    slug: 'shipbuilding-hd',
    name: 'HD Hyundai Heavy Industries + Hana Bank win-win guarantee',
    target: 억(4000),
    // 400bn ÷ 28bn = 14.2857…: rounded up so that the signed 28bn shows the full 400bn.
    multiple: multipleFor(억(4000), 억(280)),
    status: 'announced',
    note: 'Agreement signed 2026-01-23; guarantees supplied from Q1 2026.',
  }),
  pledge({
    program: 'shipbuilding-hd',
    contributor: 'HD Hyundai Heavy Industries',
    kind: 'corporation',
    amount: 억(50),
    status: 'committed',
  }),
  pledge({
    program: 'shipbuilding-hd',
    contributor: 'Hana Bank',
    kind: 'bank',
    amount: 억(230),
    status: 'committed',
  }),
  latestSchedule([억(115), '2026-03-31'], [억(115), '2026-06-30']),

  program({
    sector: 'retail',
    slug: 'retail-consortium',
    name: 'Large retailers + commercial banks win-win guarantee',
    target: 억(1000),
    multiple: new Decimal(50),
    status: 'negotiating',
    announceBy: '2025-12-31',
    note:
      'In talks for more than six months; ≈2bn under discussion. MOTI is talking to other corporations; ' +
      'a year-end announcement is now unlikely. Contributing is voluntary.',
  }),
  pledge({
    program: 'retail-consortium',
    contributor: 'Coupang',
    kind: 'corporation',
    amount: 억(10),
    status: 'verbal',
    note: 'Verbal intent (구두 의사) given in talks.',
  }),
  latestPledgeTo('suspended', "Talks suspended (논의 중단) after Coupang's personal-data leak."),
  pledge({
    program: 'retail-consortium',
    contributor: 'Large retailer A',
    kind: 'corporation',
    amount: 억(4),
    status: 'verbal',
  }),
  pledge({
    program: 'retail-consortium',
    contributor: 'Commercial bank A',
    kind: 'bank',
    amount: 억(6),
    status: 'verbal',
  }),
];

/**
 * The programs of DOMAIN.md, built through the same mutations the app uses, so the state carries the
 * audit trail of events. Every step is stamped `now` and `actor`.
 */
export const demoChange = (now: Date, actor: string): Change<unknown> => {
  const ctx: Ctx = { actor, now };
  let result: Result<Change<unknown>> = ok({ state: emptyState(), events: [], value: undefined });
  for (const step of steps) result = andThen(result, (state) => step(state, ctx));
  if (!result.ok)
    throw new Error(
      `demo data is inconsistent: ${result.error.code} ${JSON.stringify(result.error.details)}`,
    );
  return result.value;
};

/** The demo state alone; `demoChange` also gives the events that built it. */
export const demoState = (now: Date, actor: string): State => demoChange(now, actor).state;
