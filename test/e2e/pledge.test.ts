import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Pledge } from '../../src/domain/types.js';
import { 억 } from '../domain/fixtures.js';
import { type Harness, startHarness, textOf, USERS } from '../support/harness.js';

describe('/winwin pledge, recorded at once', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ seed: 'demo' });
  });
  afterAll(() => h.close());

  const lastPledge = (): Pledge => {
    const pledges = h.state().pledges;
    const last = pledges[pledges.length - 1];
    if (last === undefined) throw new Error('no pledge');
    return last;
  };

  it.each([
    ['10억', 억(10)],
    ['6,300억원', 억(6300)],
    ['6천300억', 억(6300)],
    ['"1조 2,630억"', 억(12630)],
    ['“1조 2,630억원”', 억(12630)],
    ['4000만원', '40000000'],
    ['2bn', '2000000000'],
    ['KRW 2bn', '2000000000'],
    ['2 billion won', '2000000000'],
    ['₩2bn', '2000000000'],
  ])('reads the amount %s', async (amount, won) => {
    const before = h.state().nextPledge;
    const reply = await h.command(`/winwin pledge retail ${amount} Lotte Shopping`, { user: USERS.editor });
    const pledge = lastPledge();
    expect(pledge.id).toBe(`P${before}`);
    expect(pledge.amount.toFixed(0)).toBe(won);
    expect(pledge.contributor).toBe('Lotte Shopping');
    expect(pledge.program).toBe('retail-consortium');
    expect(pledge.recordedBy).toBe(USERS.editor);
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.text).toContain(`P${before}`);
  });

  it('defaults to kind corporation, status verbal, and replies with the new capacity', async () => {
    const reply = await h.command('/winwin pledge retail 10억 Emart', { user: USERS.admin });
    const pledge = lastPledge();
    expect(pledge).toMatchObject({ kind: 'corporation', status: 'verbal', signed: false });
    const text = textOf(reply);
    expect(text).toContain(pledge.id);
    expect(text).toMatch(/confirmed .* potential .* gap/);
    expect(text).toContain('target 100 billion won');
  });

  it('takes kind: and status: options (codes or labels)', async () => {
    await h.command('/winwin pledge steel-posco 5억 "Woori Bank" kind:bank status:committed', {
      user: USERS.editor,
    });
    expect(lastPledge()).toMatchObject({
      contributor: 'Woori Bank',
      kind: 'bank',
      status: 'committed',
      signed: true,
    });
    await h.command('/winwin pledge steel-posco 5억 KEB kind:은행 status:출연완료', { user: USERS.editor });
    expect(lastPledge()).toMatchObject({ contributor: 'KEB', kind: 'bank', status: 'paid' });
  });

  it('an event records each pledge', async () => {
    await h.command('/winwin pledge shipbuilding 7억 Samsung Heavy', { user: USERS.editor });
    const [event] = await h.store.recentEvents(1);
    expect(event).toMatchObject({ type: 'pledge.recorded', target: lastPledge().id, actor: USERS.editor });
  });

  it('sanitizes the contributor name and escapes it in the reply', async () => {
    const reply = await h.command('/winwin pledge retail 1억 <!channel> \u202eevil\u0000', {
      user: USERS.editor,
    });
    expect(lastPledge().contributor).toBe('<!channel> evil');
    expect(JSON.stringify(reply.blocks)).not.toContain('<!channel>');
    expect(JSON.stringify(reply.blocks)).toContain('&lt;!channel&gt;');
  });

  describe('refuses, with the accepted forms, and stores nothing', () => {
    it.each([
      ['/winwin pledge retail 300 Coupang', 'did you mean 300억'],
      ['/winwin pledge retail lots Coupang', '630억'],
      ['/winwin pledge retail -5억 Coupang', 'negative'],
      ['/winwin pledge narnia 5억 Coupang', 'Known:'],
      ['/winwin pledge autos 5억 Kia', 'autos-hyundai, autos-hl'],
      ['/winwin pledge retail 5억 Coupang kind:bakery', 'kind:corporation|bank|public|other'],
      ['/winwin pledge retail 5억 Coupang status:suspended', 'verbal, committed, paid'],
    ])('%s', async (line, says) => {
      const bytes = await h.storeBytes();
      const reply = await h.command(line, { user: USERS.editor });
      expect(textOf(reply)).toContain(says);
      expect(reply.text).toContain('/winwin pledge &lt;target&gt; &lt;amount&gt;');
      expect(await h.storeBytes()).toBe(bytes);
    });

    it('a closed program takes no pledges', async () => {
      await h.command('/winwin set autos-hl closed merged', { user: USERS.editor });
      const bytes = await h.storeBytes();
      const reply = await h.command('/winwin pledge autos-hl 5억 HL', { user: USERS.editor });
      expect(textOf(reply)).toContain('closed');
      expect(await h.storeBytes()).toBe(bytes);
    });
  });

  it('refuses a viewer and stores nothing', async () => {
    const bytes = await h.storeBytes();
    const reply = await h.command('/winwin pledge retail 10억 Coupang', { user: USERS.viewer });
    expect(textOf(reply)).toContain('Only editors and admins');
    expect(await h.storeBytes()).toBe(bytes);
    await h.command('/winwin pledge retail', { user: USERS.viewer });
    expect(h.fake.calls('views.open')).toHaveLength(0);
  });
});

describe('/winwin pledge in Korean', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ seed: 'demo', locale: 'ko' });
  });
  afterAll(() => h.close());

  it('replies in Korean with amounts in 억', async () => {
    const reply = await h.command('/winwin pledge 유통 "1조 2,630억" 롯데쇼핑', { user: USERS.editor });
    const text = textOf(reply);
    expect(text).toContain('기록 완료');
    expect(text).toContain('1조 2,630억 원');
    expect(text).toContain('현재 보증 규모');
    expect(text).toContain('구두 의사');
  });

  it('explains an ambiguous amount in Korean', async () => {
    const reply = await h.command('/winwin pledge 유통 300 쿠팡', { user: USERS.editor });
    expect(textOf(reply)).toContain('300억을(를) 뜻하셨나요?');
  });

  it('refuses a viewer in Korean', async () => {
    const reply = await h.command('/winwin pledge 유통 10억 쿠팡', { user: USERS.viewer });
    expect(textOf(reply)).toContain('편집자와 관리자만');
  });
});
