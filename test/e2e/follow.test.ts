import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness, textOf, USERS } from '../support/harness.js';

/** Demo pledges (src/domain/demo.ts), recorded by the admin; the clock reads 2026-01-20 10:00 in Seoul. */
describe('/winwin owner, next and mine', () => {
  let h: Harness;
  let now = new Date('2026-01-20T01:00:00Z');
  beforeAll(async () => {
    h = await startHarness({ seed: 'demo', clock: () => now });
  });
  afterAll(() => h.close());

  it('hands a pledge to another official, with the recorder as the owner before', async () => {
    const reply = await h.command(`/winwin owner P10 <@${USERS.editor}|kim>`, { user: USERS.editor });
    expect(textOf(reply)).toContain(`<@${USERS.editor}>`);
    expect(h.pledge('P10').owner).toBe(USERS.editor);
    const [event] = await h.store.recentEvents(1);
    expect(event).toMatchObject({
      type: 'pledge.owner',
      before: { owner: USERS.admin },
      after: { owner: USERS.editor },
    });
    const bad = textOf(await h.command('/winwin owner P10 nobody', { user: USERS.editor }));
    expect(bad).toContain('not a Slack user');
  });

  it('sets next steps in every date form and clears them with done', async () => {
    await h.command("/winwin next P10 2026-01-25 call Coupang's CFO after the board meeting", {
      user: USERS.editor,
    });
    expect(h.pledge('P10')).toMatchObject({
      nextDue: '2026-01-25',
      nextStep: "call Coupang's CFO after the board meeting",
    });
    await h.command('/winwin next P10 tomorrow send the draft', { user: USERS.editor });
    expect(h.pledge('P10').nextDue).toBe('2026-01-21');
    await h.command('/winwin next P10 +7d follow up', { user: USERS.editor });
    expect(h.pledge('P10').nextDue).toBe('2026-01-27');
    await h.command('/winwin next P10 12/15 year-end check', { user: USERS.editor });
    expect(h.pledge('P10').nextDue).toBe('2026-12-15');
    await h.command('/winwin next P10 2월 3일 meet the CFO', { user: USERS.editor });
    expect(h.pledge('P10')).toMatchObject({ nextDue: '2026-02-03', nextStep: 'meet the CFO' });
    const bad = textOf(await h.command('/winwin next P10 someday call', { user: USERS.editor }));
    expect(bad).toContain('someday');
    const [event] = await h.store.recentEvents(1);
    expect(event).toMatchObject({
      type: 'pledge.next',
      before: { nextDue: '2026-12-15', nextStep: 'year-end check' },
      after: { nextDue: '2026-02-03', nextStep: 'meet the CFO' },
    });
    const done = textOf(await h.command('/winwin next P10 done', { user: USERS.editor }));
    expect(done).toContain('done');
    expect(h.pledge('P10').nextStep).toBeUndefined();
  });

  it('shows next-step text to editors and the owner, hides it from viewers', async () => {
    await h.command('/winwin next P11 2026-01-19 ask the bank about the board vote', { user: USERS.editor });
    const editor = textOf(await h.command('/winwin history P11 1', { user: USERS.editor }));
    expect(editor).toContain('ask the bank about the board vote');
    const viewer = textOf(await h.command('/winwin history P11 1', { user: USERS.viewer }));
    expect(viewer).not.toContain('board vote');
    expect(viewer).toContain('(hidden)');
  });

  it('mine lists what I own: overdue next steps first, installments due within 14 days, stale talks', async () => {
    // The admin recorded the demo: owns P6 (IBK, 15bn due 2026-01-30) and P11 (next step overdue).
    const mine = textOf(await h.command('/winwin mine'));
    expect(mine).toContain('My follow-ups');
    expect(mine.indexOf('P11')).toBeLessThan(mine.indexOf('P6'));
    expect(mine).toContain('1 day overdue');
    expect(mine).toContain('Installment 15 billion won due 2026-01-30');
    const editor = textOf(await h.command('/winwin mine', { user: USERS.editor }));
    expect(editor).toContain('Nothing to follow up');
    // Thirty days later the verbal P10 (editor's) is stale talks.
    now = new Date('2026-02-20T01:00:00Z');
    expect(textOf(await h.command('/winwin mine', { user: USERS.editor }))).toContain('no change for');
    now = new Date('2026-01-20T01:00:00Z');
  });

  it('App Home shows My follow-ups', async () => {
    const home = textOf(await h.openHome(USERS.admin));
    expect(home).toContain('My follow-ups');
    expect(home).toContain('P11');
  });
});
