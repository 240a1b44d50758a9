import { describe, expect, test } from 'vitest';
import { Decimal } from '../../src/domain/decimal.js';
import {
  allowedPledgeTransitions,
  correctPledge,
  getPledge,
  type PledgeInput,
  recordPledge,
  setPledgeStatus,
} from '../../src/domain/pledges.js';
import { setProgramStatus } from '../../src/domain/programs.js';
import { PLEDGE_STATUSES, type PledgeStatus, type State, StateSchema } from '../../src/domain/types.js';
import { changed, ctx, deepFreeze, english, eok, errorOf, withProgram } from './fixtures.js';

const input = (over: Partial<PledgeInput> = {}): PledgeInput => ({
  program: 'autos-hyundai',
  contributor: 'Hana Bank',
  kind: 'bank',
  amount: eok(300),
  status: 'verbal',
  ...over,
});

const recorded = (over: Partial<PledgeInput> = {}, state: State = withProgram()): State =>
  deepFreeze(changed(recordPledge(state, input(over), ctx)).state);

describe('recordPledge', () => {
  test('records P{nextPledge} with a pledge.recorded event and advances both counters', () => {
    const state = withProgram();
    const change = changed(recordPledge(state, input({ due: '2026-01-31', note: 'Pays in January' }), ctx));
    expect(change.value).toMatchObject({
      id: 'P1',
      program: 'autos-hyundai',
      contributor: 'Hana Bank',
      status: 'verbal',
      signed: false,
      due: '2026-01-31',
      recordedBy: 'U0EDITOR',
    });
    expect(change.state.nextPledge).toBe(2);
    expect(change.state.nextEvent).toBe(3);
    expect(change.events).toEqual([
      {
        id: 2,
        at: '2025-12-01T09:00:00.000Z',
        actor: 'U0EDITOR',
        type: 'pledge.recorded',
        target: 'P1',
        program: 'autos-hyundai',
        sector: 'autos',
        before: null,
        after: {
          program: 'autos-hyundai',
          contributor: 'Hana Bank',
          kind: 'bank',
          amount: '30000000000',
          status: 'verbal',
          due: '2026-01-31',
          note: 'Pays in January',
        },
      },
    ]);
    expect(state.pledges).toEqual([]);
    expect(StateSchema.safeEncode(change.state).success).toBe(true);
  });

  test('ids are never reused, even after a pledge is gone from the list', () => {
    const two = recorded({}, recorded());
    const pruned = { ...two, pledges: two.pledges.filter((p) => p.id !== 'P2') };
    expect(changed(recordPledge(pruned, input(), ctx)).value.id).toBe('P3');
  });

  test('a committed or paid pledge is signed from the start', () => {
    expect(changed(recordPledge(withProgram(), input({ status: 'committed' }), ctx)).value.signed).toBe(true);
    expect(changed(recordPledge(withProgram(), input({ status: 'paid' }), ctx)).value.signed).toBe(true);
  });

  test.each([
    [{ program: 'nope' }, 'PROGRAM.UNKNOWN', 'program'],
    [{ contributor: '\u0000 ' }, 'TEXT.INVALID', 'contributor'],
    [{ contributor: 'x'.repeat(151) }, 'TEXT.INVALID', 'contributor'],
    [{ kind: 'charity' as never }, 'PLEDGE.INVALID', 'kind'],
    [{ amount: new Decimal(0) }, 'AMOUNT.ZERO', 'amount'],
    [{ amount: new Decimal('0.5') }, 'AMOUNT.FRACTION', 'amount'],
    [{ amount: new Decimal('-1') }, 'AMOUNT.NEGATIVE', 'amount'],
    [{ amount: new Decimal('1e15').plus(1) }, 'AMOUNT.TOO_LARGE', 'amount'],
    [{ status: 'suspended' as never }, 'PLEDGE.INVALID', 'status'],
    [{ due: '31/01/2026' }, 'DATE.INVALID', 'due'],
    [{ note: 'x'.repeat(2001) }, 'TEXT.INVALID', 'note'],
  ] as const)('refuses %j with %s on field %s', (over, code, field) => {
    expect(errorOf(recordPledge(withProgram(), input(over), ctx), code).details?.field).toBe(field);
  });

  test('a closed program takes no new pledges', () => {
    const closed = changed(setProgramStatus(withProgram(), 'autos-hyundai', 'closed', undefined, ctx)).state;
    errorOf(recordPledge(closed, input(), ctx), 'PLEDGE.INVALID');
  });

  test('the contributor name is sanitized', () => {
    const change = changed(recordPledge(withProgram(), input({ contributor: ' Cou\u202Epang\u0000 ' }), ctx));
    expect(change.value.contributor).toBe('Coupang');
  });
});

describe('pledge lifecycle', () => {
  const legal: Record<PledgeStatus, PledgeStatus[]> = {
    verbal: ['committed', 'suspended', 'withdrawn'],
    committed: ['paid', 'suspended', 'withdrawn'],
    paid: [],
    suspended: ['verbal', 'withdrawn'], // suspended from verbal
    withdrawn: [],
  };
  const pledgeIn = (status: PledgeStatus): State => {
    const paths: Record<PledgeStatus, string[]> = {
      verbal: [],
      committed: ['committed'],
      paid: ['committed', 'paid'],
      suspended: ['suspended'],
      withdrawn: ['withdrawn'],
    };
    let state = recorded();
    for (const step of paths[status])
      state = changed(setPledgeStatus(state, 'P1', step, undefined, ctx)).state;
    return deepFreeze(state);
  };

  for (const from of PLEDGE_STATUSES) {
    for (const to of PLEDGE_STATUSES) {
      const allowed = legal[from];
      if (allowed.includes(to)) {
        test(`${from} → ${to} is allowed`, () => {
          const change = changed(setPledgeStatus(pledgeIn(from), 'p1', to, 'talks', ctx));
          expect(change.value.status).toBe(to);
          expect(change.events[0]).toMatchObject({
            type: 'pledge.status',
            target: 'P1',
            program: 'autos-hyundai',
            sector: 'autos',
            before: { status: from },
            after: { status: to },
            reason: 'talks',
          });
        });
      } else {
        test(`${from} → ${to} is refused, naming the allowed ones`, () => {
          const error = errorOf(
            setPledgeStatus(pledgeIn(from), 'P1', to, undefined, ctx),
            'PLEDGE.ILLEGAL_TRANSITION',
          );
          expect(error.details).toEqual({ from, to, allowed });
          // The same status again reads "already …"; otherwise the allowed ones, or that it is final.
          if (from === to) expect(english(error)).toMatch(/^Already /);
          else for (const a of allowed) expect(english(error)).toContain(a);
          if (allowed.length === 0 && from !== to) expect(english(error)).toContain('final');
        });
      }
    }
  }

  test('a suspended pledge resumes to where it was, and signed never goes back', () => {
    const committed = changed(setPledgeStatus(recorded(), 'P1', 'committed', undefined, ctx));
    expect(committed.value.signed).toBe(true);
    expect(committed.events[0]).toMatchObject({ before: { signed: false }, after: { signed: true } });
    const suspended = changed(setPledgeStatus(committed.state, 'P1', 'suspended', 'data leak', ctx));
    expect(suspended.value).toMatchObject({ status: 'suspended', suspendedFrom: 'committed', signed: true });
    expect(allowedPledgeTransitions(suspended.value)).toEqual(['committed', 'withdrawn']);
    const resumed = changed(setPledgeStatus(suspended.state, 'P1', 'committed', undefined, ctx));
    expect(resumed.value.status).toBe('committed');
    expect('suspendedFrom' in resumed.value).toBe(false);
    expect(StateSchema.safeEncode(resumed.state).success).toBe(true);
  });

  test('a paid pledge points at correction', () => {
    const paid = changed(setPledgeStatus(pledgeIn('committed'), 'P1', 'paid', undefined, ctx)).state;
    expect(
      english(errorOf(setPledgeStatus(paid, 'P1', 'committed', undefined, ctx), 'PLEDGE.ILLEGAL_TRANSITION')),
    ).toContain('/winwin set <pledge-id> amount');
  });

  test('an unknown pledge id', () => {
    errorOf(setPledgeStatus(recorded(), 'P9', 'committed', undefined, ctx), 'PLEDGE.UNKNOWN');
    errorOf(getPledge(recorded(), 'X1'), 'PLEDGE.UNKNOWN');
  });
});

describe('correctPledge', () => {
  const paid = (): State => {
    let state = recorded({ status: 'committed', note: 'old' });
    state = changed(setPledgeStatus(state, 'P1', 'paid', undefined, ctx)).state;
    return deepFreeze(state);
  };

  test('changes a paid pledge and keeps the old values in the event', () => {
    const later = { actor: 'U0ADMIN', now: new Date('2025-12-05T00:00:00.000Z') };
    const change = changed(
      correctPledge(
        paid(),
        'P1',
        { amount: eok(215), contributor: 'Hana Bank', note: null },
        'Press figure was 21.5bn',
        later,
      ),
    );
    expect(change.value.amount.eq(eok(215))).toBe(true);
    expect(change.value.status).toBe('paid');
    expect('note' in change.value).toBe(false);
    expect(change.events).toEqual([
      {
        id: 4,
        at: '2025-12-05T00:00:00.000Z',
        actor: 'U0ADMIN',
        type: 'pledge.corrected',
        target: 'P1',
        program: 'autos-hyundai',
        sector: 'autos',
        before: { amount: '30000000000', note: 'old' },
        after: { amount: '21500000000', note: null },
        reason: 'Press figure was 21.5bn',
      },
    ]);
  });

  test('needs a reason, and valid values', () => {
    expect(
      errorOf(correctPledge(paid(), 'P1', { amount: eok(1) }, '  ', ctx), 'TEXT.INVALID').details?.field,
    ).toBe('reason');
    errorOf(correctPledge(paid(), 'P1', { amount: new Decimal(0) }, 'typo', ctx), 'AMOUNT.ZERO');
    errorOf(correctPledge(paid(), 'P1', { due: '2026-13-01' }, 'typo', ctx), 'DATE.INVALID');
    errorOf(correctPledge(paid(), 'P1', { kind: 'x' as never }, 'typo', ctx), 'PLEDGE.INVALID');
    errorOf(correctPledge(paid(), 'P7', { amount: eok(1) }, 'typo', ctx), 'PLEDGE.UNKNOWN');
  });

  test('a correction that changes nothing has no event', () => {
    const state = paid();
    const change = changed(correctPledge(state, 'P1', { amount: eok(300), kind: 'bank' }, 'check', ctx));
    expect(change.events).toEqual([]);
    expect(change.state).toBe(state);
  });
});
