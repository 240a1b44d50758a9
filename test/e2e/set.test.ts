import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness, textOf, USERS } from '../support/harness.js';

/** Demo pledges (see src/domain/demo.ts): P1 Hyundai paid, P5 POSCO paid, P6 IBK committed, P9 Coupang suspended, P10 verbal. */
describe('/winwin set', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ seed: 'demo' });
  });
  afterAll(() => h.close());

  it('moves a pledge along its lifecycle, shows before → after, the reason and the capacity', async () => {
    expect(h.pledge('P10').status).toBe('verbal');
    const reply = await h.command('/winwin set P10 suspended data leak', { user: USERS.editor });
    expect(h.pledge('P10')).toMatchObject({ status: 'suspended', suspendedFrom: 'verbal' });
    const text = textOf(reply);
    expect(text).toContain('verbal intent → suspended');
    expect(text).toContain('Reason: data leak');
    expect(text).toContain('Capacity now');
    const [event] = await h.store.recentEvents(1);
    expect(event).toMatchObject({
      type: 'pledge.status',
      target: 'P10',
      reason: 'data leak',
      actor: USERS.editor,
    });
  });

  it('accepts a lowercase id and a status label', async () => {
    await h.command('/winwin set p10 구두의사 talks resumed', { user: USERS.editor });
    expect(h.pledge('P10').status).toBe('verbal');
  });

  it('an illegal move names the allowed ones and changes nothing', async () => {
    const bytes = await h.storeBytes();
    const reply = await h.command('/winwin set P6 verbal', { user: USERS.editor });
    const text = textOf(reply);
    expect(text).toContain('P6');
    expect(text).toContain('Allowed: paid (paid in), suspended, withdrawn');
    expect(await h.storeBytes()).toBe(bytes);
  });

  it('a paid pledge is final and the reply points at the correction', async () => {
    const reply = await h.command('/winwin set P1 withdrawn', { user: USERS.editor });
    expect(textOf(reply)).toContain('is final');
    expect(textOf(reply)).toContain('amount');
  });

  it('corrects a paid pledge amount with a reason, keeping the old value in the audit trail', async () => {
    const reply = await h.command('/winwin set P5 amount 55억 POSCO confirmed a top-up', {
      user: USERS.editor,
    });
    expect(h.pledge('P5').amount.toFixed(0)).toBe('5500000000');
    expect(textOf(reply)).toContain('5 billion won → 5.5 billion won');
    const [event] = await h.store.recentEvents(1);
    expect(event).toMatchObject({
      type: 'pledge.corrected',
      target: 'P5',
      before: { amount: '5000000000' },
      after: { amount: '5500000000' },
      reason: 'POSCO confirmed a top-up',
    });
  });

  it('a correction without a reason, or with a bad amount, changes nothing', async () => {
    const bytes = await h.storeBytes();
    expect(textOf(await h.command('/winwin set P5 amount 60억', { user: USERS.editor }))).toContain(
      'needs a reason',
    );
    expect(textOf(await h.command('/winwin set P5 amount 60 because', { user: USERS.editor }))).toContain(
      'did you mean 60억',
    );
    expect(await h.storeBytes()).toBe(bytes);
  });

  it('unknown ids and targets get clear errors', async () => {
    const bytes = await h.storeBytes();
    expect(textOf(await h.command('/winwin set P999 paid', { user: USERS.editor }))).toContain(
      'No pledge P999',
    );
    expect(textOf(await h.command('/winwin set narnia announced', { user: USERS.editor }))).toContain(
      'Known:',
    );
    expect(textOf(await h.command('/winwin set autos launched', { user: USERS.editor }))).toContain(
      'autos-hyundai, autos-hl',
    );
    expect((await h.command('/winwin set P5', { user: USERS.editor })).text).toContain(
      '/winwin set &lt;pledge-id&gt;',
    );
    expect(await h.storeBytes()).toBe(bytes);
  });

  it("sets a program's status through a sector with one program, with a reason", async () => {
    const reply = await h.command('/winwin set retail on-hold year-end unlikely', { user: USERS.editor });
    const program = h.state().programs.find((p) => p.slug === 'retail-consortium');
    expect(program).toMatchObject({ status: 'on_hold', heldFrom: 'negotiating' });
    expect(textOf(reply)).toContain('in talks → on hold');
    const [event] = await h.store.recentEvents(1);
    expect(event).toMatchObject({
      type: 'program.status',
      target: 'retail-consortium',
      reason: 'year-end unlikely',
    });
  });

  it('an illegal program move names the allowed ones', async () => {
    const bytes = await h.storeBytes();
    const reply = await h.command('/winwin set retail launched', { user: USERS.editor });
    expect(textOf(reply)).toContain('retail-consortium: cannot go from on_hold (on hold) to launched');
    expect(textOf(reply)).toContain('Allowed: negotiating (in talks), closed');
    expect(await h.storeBytes()).toBe(bytes);
  });

  it('a viewer is refused and nothing changes', async () => {
    const bytes = await h.storeBytes();
    for (const line of [
      '/winwin set P10 committed',
      '/winwin set retail closed',
      '/winwin set P5 amount 1억 x',
    ]) {
      expect(textOf(await h.command(line, { user: USERS.viewer }))).toContain('Only editors and admins');
    }
    expect(await h.storeBytes()).toBe(bytes);
  });
});

describe('/winwin set in Korean', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ seed: 'demo', locale: 'ko' });
  });
  afterAll(() => h.close());

  it('replies before → after in Korean', async () => {
    const reply = await h.command('/winwin set P10 committed 협약 체결', { user: USERS.editor });
    expect(textOf(reply)).toContain('구두 의사 → 협약 체결');
    expect(textOf(reply)).toContain('사유: 협약 체결');
  });

  it('names the allowed moves in Korean', async () => {
    const reply = await h.command('/winwin set P6 verbal', { user: USERS.editor });
    expect(textOf(reply)).toContain('가능한 상태: paid (출연 완료), suspended (논의 중단), withdrawn (철회)');
  });
});
