import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paidIn } from '../../src/domain/payments.js';
import { type Harness, startHarness, textOf, USERS } from '../support/harness.js';

/**
 * Demo pledges (src/domain/demo.ts): P1/P2 autos-hyundai paid, P3/P4 autos-hl committed, P5 POSCO paid,
 * P6 IBK committed (15bn due January 2026), P7/P8 shipbuilding committed, P9 Coupang suspended,
 * P10/P11 retail verbal. The clock reads 2026-01-20 10:00 in Seoul.
 */
describe('/winwin pay and /winwin schedule', () => {
  let h: Harness;
  let now = new Date('2026-01-20T01:00:00Z');
  beforeAll(async () => {
    h = await startHarness({ seed: 'demo', clock: () => now });
  });
  afterAll(() => h.close());

  it('records a payment dated today in Seoul, in any amount form, with a note', async () => {
    const reply = await h.command('/winwin pay P3 1조 원 first tranche', { user: USERS.editor });
    expect(textOf(reply)).toContain('balance');
    // 1조 is above the 20억 pledge: refused, naming the balance.
    expect(textOf(reply)).toContain('balance of 2 billion won');
    expect(paidIn(h.pledge('P3')).toFixed(0)).toBe('0');

    const ok = await h.command('/winwin pay P3 "5억 원" first tranche', { user: USERS.editor });
    expect(textOf(ok)).toContain('Recorded 500 million won paid in to P3 on 2026-01-20');
    expect(h.pledge('P3').payments).toMatchObject([{ on: '2026-01-20', note: 'first tranche' }]);
    const [event] = await h.store.recentEvents(1);
    expect(event).toMatchObject({
      type: 'payment.recorded',
      target: 'P3',
      before: { paidIn: '0' },
      after: { amount: '500000000', on: '2026-01-20', paidIn: '500000000' },
    });
  });

  it('takes on:<date>, and the payment that reaches the amount makes the pledge paid in one event', async () => {
    const before = h.state().nextEvent;
    const reply = await h.command('/winwin pay P3 1,500,000,000원 on:2026-01-19', { user: USERS.editor });
    expect(textOf(reply)).toContain('paid in full');
    expect(h.pledge('P3').status).toBe('paid');
    expect(h.state().nextEvent).toBe(before + 1);
    const [event] = await h.store.recentEvents(1);
    expect(event?.before).toMatchObject({ status: 'committed' });
    expect(event?.after).toMatchObject({ status: 'paid', on: '2026-01-19', paidIn: '2000000000' });
  });

  it('refuses a verbal pledge with the reason and what to do, and names the balance when over', async () => {
    const bytes = await h.storeBytes();
    const verbal = textOf(await h.command('/winwin pay P10 1억', { user: USERS.editor }));
    expect(verbal).toContain('only a signed pledge takes payments');
    expect(verbal).toContain('/winwin set P10 committed');
    const over = textOf(await h.command('/winwin pay P4 61억', { user: USERS.editor }));
    expect(over).toContain('balance of 6 billion won');
    const unknown = textOf(await h.command('/winwin pay P999 1억', { user: USERS.editor }));
    expect(unknown).toContain('P999');
    const badDate = textOf(await h.command('/winwin pay P4 1억 on:2026-02-30', { user: USERS.editor }));
    expect(badDate).toContain('2026-02-30');
    const bare = textOf(await h.command('/winwin pay P4 300', { user: USERS.editor }));
    expect(bare).toContain('300억');
    expect(await h.storeBytes()).toBe(bytes);
  });

  it('refuses viewers', async () => {
    const bytes = await h.storeBytes();
    const reply = textOf(await h.command('/winwin pay P4 1억', { user: USERS.viewer }));
    expect(reply).toMatch(/editor/i);
    expect(await h.storeBytes()).toBe(bytes);
  });

  it('next, schedule and pay: editors only, a pledge id with what follows, the usage with every refusal', async () => {
    const bytes = await h.storeBytes();
    for (const line of ['/winwin next P4 tomorrow call', '/winwin schedule P4 10억 2026-03-31']) {
      expect(textOf(await h.command(line, { user: USERS.viewer }))).toMatch(/editor/i);
    }
    const missing: Record<string, string> = {
      '/winwin next P4': 'Give the pledge, a date and the step',
      '/winwin schedule': 'Give the pledge and its installments',
      '/winwin pay P4': 'Say which pledge and how much',
    };
    for (const [line, text] of Object.entries(missing)) {
      const reply = textOf(await h.command(line, { user: USERS.editor }));
      expect(reply).toContain(text);
      expect(reply).toContain(`/winwin ${line.split(' ')[1]} &lt;pledge-id&gt;`);
    }
    const unknown = textOf(await h.command('/winwin schedule P999 none', { user: USERS.editor }));
    expect(unknown).toContain('P999');
    expect(unknown).toContain('/winwin schedule &lt;pledge-id&gt; none');
    expect(await h.storeBytes()).toBe(bytes);
  });

  it('set <id> paid records the balance as one payment dated today', async () => {
    await h.command('/winwin pay P4 10억 on:2026-01-05', { user: USERS.editor });
    await h.command('/winwin set P4 paid', { user: USERS.editor });
    const p = h.pledge('P4');
    expect(p.status).toBe('paid');
    expect(p.payments?.map((x) => [x.amount.toFixed(0), x.on])).toEqual([
      ['1000000000', '2026-01-05'],
      ['5000000000', '2026-01-20'],
    ]);
    expect(paidIn(p).eq(p.amount)).toBe(true);
    const [event] = await h.store.recentEvents(1);
    expect(event).toMatchObject({
      type: 'payment.recorded',
      after: { amount: '5000000000', status: 'paid' },
    });
  });

  it('sets a schedule, flags an overdue installment the day after its date, and the status shows paid-in', async () => {
    const reply = await h.command('/winwin schedule P6 100억 2026-01-20 50억 2026-03-31', {
      user: USERS.editor,
    });
    expect(textOf(reply)).toContain('2026-01-20 · 10 billion won');
    expect(textOf(reply)).not.toContain('overdue');
    expect(h.pledge('P6').schedule?.map((i) => i.due)).toEqual(['2026-01-20', '2026-03-31']);
    // 2026-01-20 23:59 in Seoul: not overdue yet.
    now = new Date('2026-01-20T14:59:00Z');
    expect(textOf(await h.command('/winwin status steel-posco'))).not.toContain('overdue installment');
    // 2026-01-21 00:00 in Seoul: overdue.
    now = new Date('2026-01-20T15:00:00Z');
    const status = textOf(await h.command('/winwin status steel-posco'));
    expect(status).toContain('installments overdue on `P6`');
    expect(status).toContain('Paid in');
    await h.command('/winwin pay P6 100억', { user: USERS.editor });
    expect(textOf(await h.command('/winwin status steel-posco'))).not.toContain('installments overdue');
  });

  it('refuses a schedule above the pledge, and bad pairs; none clears it', async () => {
    const over = textOf(
      await h.command('/winwin schedule P6 100억 2026-04-01 60억 2026-05-01', { user: USERS.editor }),
    );
    expect(over).toContain('more than P6');
    const pairs = textOf(await h.command('/winwin schedule P6 100억', { user: USERS.editor }));
    expect(pairs).toContain('&lt;amount&gt; &lt;date&gt; pairs');
    await h.command('/winwin schedule P6 none', { user: USERS.editor });
    expect(h.pledge('P6').schedule).toBeUndefined();
    const history = textOf(await h.command('/winwin history P6 3'));
    expect(history).toContain('installment schedule');
    expect(history).toContain('10 billion won 2026-01-20, 5 billion won 2026-03-31 → —');
  });

  it('answers in Korean', async () => {
    const ko = await startHarness({ seed: 'demo', locale: 'ko', clock: () => now });
    try {
      const verbal = textOf(await ko.command('/winwin pay P10 1억', { user: USERS.editor }));
      expect(verbal).toContain('협약(서명)된 출연만 납입을 받습니다');
      const paid = textOf(await ko.command('/winwin 납입 P4 10억', { user: USERS.editor }));
      expect(paid).toContain('납입을 기록했습니다');
    } finally {
      await ko.close();
    }
  });
});
