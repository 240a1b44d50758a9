import { describe, expect, it } from 'vitest';
import type { Change, Ctx } from '../../src/domain/change.js';
import { Decimal } from '../../src/domain/decimal.js';
import { buildDigest, confidentialNames, type DigestInput, scrubNames } from '../../src/domain/digest.js';
import { recordPledge, setPledgeStatus } from '../../src/domain/pledges.js';
import { createProgram, editProgram, setProgramStatus } from '../../src/domain/programs.js';
import type { Result } from '../../src/domain/result.js';
import { emptyState, type State, type WinwinEvent } from '../../src/domain/types.js';
import { changed, ctx, eok, programInput } from './fixtures.js';

const LABEL = 'an undisclosed contributor';
const TODAY = '2025-12-01';

/** buildDigest with this file's defaults: every target, a viewer, today, the English label. */
const digestOf = (input: Pick<DigestInput, 'state' | 'events'> & Partial<DigestInput>) =>
  buildDigest({
    target: 'all',
    audience: { role: 'viewer' },
    today: TODAY,
    undisclosedLabel: LABEL,
    ...input,
  });

/** Builds a state step by step, keeping every event, as the store would. */
const history = () => {
  let state: State = emptyState();
  const events: WinwinEvent[] = [];
  const step = <T>(result: Result<Change<T>>): T => {
    const change = changed(result);
    state = change.state;
    events.push(...change.events);
    return change.value;
  };
  const c: Ctx = ctx;
  step(createProgram(state, programInput(), c));
  step(
    createProgram(
      state,
      programInput({
        sector: 'retail',
        slug: 'retail-big',
        name: 'Large retailers',
        target: eok(1000),
        multiple: new Decimal(50),
      }),
      c,
    ),
  );
  const watermark = events.length;
  step(
    recordPledge(
      state,
      {
        program: 'autos-hyundai',
        contributor: 'Hyundai Motor',
        kind: 'corporation',
        amount: eok(100),
        status: 'committed',
      },
      c,
    ),
  );
  step(
    recordPledge(
      state,
      {
        program: 'retail-big',
        contributor: 'Coupang',
        kind: 'corporation',
        amount: eok(20),
        status: 'verbal',
        note: 'Coupang wants fee support',
      },
      c,
    ),
  );
  step(setPledgeStatus(state, 'P2', 'suspended', 'Coupang data leak; talks halted', c));
  step(editProgram(state, 'retail-big', { note: 'MOTI talking to others after COUPANG stepped back' }, c));
  step(setProgramStatus(state, 'autos-hyundai', 'announced', undefined, c));
  return { state, events, watermark };
};

describe('buildDigest', () => {
  const { state, events, watermark } = history();
  const since = events.filter((e) => e.id > watermark);

  it('lists the changes since the watermark within the target, oldest first', () => {
    const digest = digestOf({ state, events: since });
    expect(digest.changes.map((c) => c.event.type)).toEqual([
      'pledge.recorded',
      'pledge.recorded',
      'pledge.status',
      'program.edited',
      'program.status',
    ]);
    const autos = digestOf({ state, events: since, target: 'autos' });
    expect(autos.changes.map((c) => c.event.target)).toEqual(['P1', 'autos-hyundai']);
    expect(autos.programs.map((p) => p.program.slug)).toEqual(['autos-hyundai']);
  });

  it('totals: never names an unsigned contributor, anywhere in the digest', () => {
    const digest = digestOf({ state, events: since });
    const text = JSON.stringify(digest);
    expect(text).not.toMatch(/coupang/i);
    const recorded = digest.changes[1];
    expect(recorded?.undisclosed).toBe(true);
    expect(recorded?.contributor).toBeUndefined();
    expect(recorded?.event.after).toEqual({
      program: 'retail-big',
      kind: 'corporation',
      amount: '2000000000',
      status: 'verbal',
    });
    expect(digest.changes[2]?.event.reason).toBeUndefined();
    expect(digest.changes[3]?.event.after).toEqual({
      note: `MOTI talking to others after ${LABEL} stepped back`,
    });
    // A signed contributor is public.
    expect(digest.changes[0]).toMatchObject({ undisclosed: false, contributor: 'Hyundai Motor' });
  });

  it('names (or an editor) sees every name and reason', () => {
    for (const audience of [{ role: 'viewer' as const, channelNames: true }, { role: 'editor' as const }]) {
      const digest = digestOf({ state, events: since, target: 'retail', audience });
      expect(digest.changes[0]).toMatchObject({ undisclosed: false, contributor: 'Coupang' });
      expect(digest.changes[1]?.event.reason).toBe('Coupang data leak; talks halted');
    }
  });

  it('ends with where each program stands: figures and flags, confidential names removed', () => {
    const digest = digestOf({ state, events: since });
    const autos = digest.programs.find((p) => p.program.slug === 'autos-hyundai');
    expect(autos?.changed).toBe(true);
    expect(autos?.capacity.confirmed.toFixed()).toBe(eok(100).toFixed());
    expect(autos?.capacity.confirmedCapacity.toFixed()).toBe(eok(1575).toFixed());
    const retail = digest.programs.find((p) => p.program.slug === 'retail-big');
    expect(retail?.risks.map((r) => r.flag.code)).toContain('suspended');
  });

  it('a concentration on a verbal contributor loses the name for totals', () => {
    let s = state;
    s = changed(
      recordPledge(
        s,
        {
          program: 'retail-big',
          contributor: 'Lotte Shopping',
          kind: 'corporation',
          amount: eok(15),
          status: 'verbal',
        },
        ctx,
      ),
    ).state;
    const digest = digestOf({ state: s, events: [], target: 'retail' });
    const flag = digest.programs[0]?.risks.find((r) => r.flag.code === 'concentration');
    expect(flag?.undisclosed).toBe(true);
    expect(JSON.stringify(digest)).not.toContain('Lotte');
    const named = digestOf({ state: s, events: [], target: 'retail', audience: { role: 'admin' } });
    expect(JSON.stringify(named)).toContain('Lotte');
  });

  it('no change in the target means an empty digest; events without a program never appear', () => {
    const access: WinwinEvent = {
      id: 99,
      at: ctx.now.toISOString(),
      actor: ctx.actor,
      type: 'access.granted',
      target: 'U0NEW0001',
      before: null,
      after: { role: 'editor' },
    };
    const digest = digestOf({ state, events: [access] });
    expect(digest.changes).toEqual([]);
  });

  it('leaves closed programs out of the standing unless they changed', () => {
    const closed = changed(setProgramStatus(state, 'retail-big', 'closed', 'ended', ctx));
    const quiet = digestOf({ state: closed.state, events: [] });
    expect(quiet.programs.map((p) => p.program.slug)).toEqual(['autos-hyundai']);
    const loud = digestOf({ state: closed.state, events: [...closed.events] });
    expect(loud.programs.map((p) => p.program.slug)).toEqual(['autos-hyundai', 'retail-big']);
  });
});

describe('confidential names', () => {
  const { state } = history();
  it('are the unsigned contributors, unless the same contributor signed elsewhere', () => {
    expect(confidentialNames(state.pledges, { role: 'viewer' })).toEqual(['Coupang']);
    expect(confidentialNames(state.pledges, { role: 'editor' })).toEqual([]);
    const signedElsewhere = changed(
      recordPledge(
        state,
        {
          program: 'autos-hyundai',
          contributor: '쿠팡 coupang',
          kind: 'corporation',
          amount: eok(1),
          status: 'paid',
        },
        ctx,
      ),
    ).state;
    const renamed = {
      ...signedElsewhere,
      pledges: signedElsewhere.pledges.map((p) => (p.id === 'P3' ? { ...p, contributor: 'COUPANG' } : p)),
    };
    expect(confidentialNames(renamed.pledges, { role: 'viewer' })).toEqual([]);
  });
  it('are replaced whatever their case, longest first', () => {
    expect(scrubNames('Coupang Pay and coupang', ['Coupang Pay', 'Coupang'], 'X')).toBe('X and X');
    expect(scrubNames('a (b) c', ['(b)'], 'X')).toBe('a X c');
  });
});
