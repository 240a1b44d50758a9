import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { 억 } from '../domain/fixtures.js';
import { blockKitProblems } from '../support/block-kit-limits.js';
import { type Harness, startHarness, textOf, USERS } from '../support/harness.js';
import { HOSTILE, unescapedMarkup } from '../support/hostile.js';
import { element, type View } from '../support/modal-view.js';

const GOOD_PLEDGE = {
  program: 'autos-hl',
  contributor: 'HL Mando',
  kind: 'corporation',
  amount: '1조 2,630억',
  status: 'committed',
  due: '2026-03-31',
  note: 'Signed at the ministry.',
} as const;

describe('pledge modal', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ seed: 'demo' });
  });
  afterAll(() => h.close());
  beforeEach(() => h.fake.reset());

  const openPledge = async (line = '/winwin pledge', user: string = USERS.editor): Promise<View> => {
    const reply = await h.command(line, { user });
    expect(reply).toBeFalsy();
    const call = h.fake.last('views.open');
    expect(call?.args.trigger_id).toEqual(expect.any(String));
    return h.fake.lastModal() as View;
  };

  it('/winwin pledge opens the modal with the contract ids', async () => {
    const view = await openPledge();
    expect(view.callback_id).toBe('pledge');
    expect(view.blocks.map((b) => b.block_id)).toEqual([
      'program',
      'contributor',
      'kind',
      'amount',
      'status',
      'due',
      'note',
      'schedule',
    ]);
    for (const b of view.blocks) expect(b.element?.action_id).toBe(b.block_id);
    const groups = element(view, 'program').option_groups as { options: { value: string }[] }[];
    expect(groups.flatMap((g) => g.options.map((o) => o.value))).toContain('retail-consortium');
    expect(JSON.parse(String(view.private_metadata))).toEqual({ channel: 'C0WINWIN01' });
  });

  it('a program target preselects it; a sector with several programs filters', async () => {
    const one = await openPledge('/winwin pledge autos-hl');
    expect((element(one, 'program').initial_option as { value: string }).value).toBe('autos-hl');
    const autos = await openPledge('/winwin pledge 자동차');
    const groups = element(autos, 'program').option_groups as { options: { value: string }[] }[];
    expect(groups.flatMap((g) => g.options.map((o) => o.value))).toEqual(['autos-hyundai', 'autos-hl']);
    expect(element(autos, 'program').initial_option).toBeUndefined();
  });

  it('a second word fills in the amount when it reads as one, else the contributor; options fill the rest', async () => {
    const withAmount = await openPledge('/winwin pledge retail 10억 kind:bank status:committed');
    expect((element(withAmount, 'program').initial_option as { value: string }).value).toBe(
      'retail-consortium',
    );
    expect(element(withAmount, 'amount').initial_value).toBe('10억');
    expect((element(withAmount, 'kind').initial_option as { value: string }).value).toBe('bank');
    expect((element(withAmount, 'status').initial_option as { value: string }).value).toBe('committed');
    const withName = await openPledge('/winwin pledge retail Coupang');
    expect(element(withName, 'contributor').initial_value).toBe('Coupang');
    expect(element(withName, 'amount').initial_value).toBeUndefined();
  });

  it('an unknown target is refused without opening anything', async () => {
    const reply = await h.command('/winwin pledge narnia', { user: USERS.editor });
    expect(textOf(reply)).toContain('Known:');
    expect(h.fake.calls('views.open')).toHaveLength(0);
  });

  it('a valid submission is stored before the ack, then confirmed in the channel', async () => {
    const view = await openPledge();
    const id = `P${h.state().nextPledge}`;
    const ack = await h.submitView(view, GOOD_PLEDGE, { user: USERS.editor });
    expect(ack?.response_action).toBeUndefined();
    // The ack has arrived: the pledge must already be stored.
    const pledge = h.state().pledges.find((p) => p.id === id);
    expect(pledge).toMatchObject({
      program: 'autos-hl',
      contributor: 'HL Mando',
      status: 'committed',
      due: '2026-03-31',
      note: 'Signed at the ministry.',
      recordedBy: USERS.editor,
    });
    expect(pledge?.amount.toFixed(0)).toBe(억(12630));
    const confirmation = await h.fake.waitForCall('chat.postEphemeral');
    expect(confirmation.args).toMatchObject({ channel: 'C0WINWIN01', user: USERS.editor });
    expect(String(confirmation.args.text)).toContain(id);
    expect(String(confirmation.args.text)).toContain('Capacity now');
  });

  it('without a channel the confirmation is a DM', async () => {
    const view = await openPledge();
    await h.submitView(
      view,
      { ...GOOD_PLEDGE, contributor: 'DM Corp' },
      { user: USERS.admin, privateMetadata: '' },
    );
    const dm = await h.fake.waitForCall('chat.postMessage');
    expect(dm.args.channel).toBe(USERS.admin);
    expect(String(dm.args.text)).toContain('DM Corp');
  });

  it('a channel that refuses the ephemeral gets a DM instead', async () => {
    const view = await openPledge();
    h.fake.failNext('chat.postEphemeral', { error: 'channel_not_found' });
    await h.submitView(view, { ...GOOD_PLEDGE, contributor: 'Fallback Corp' }, { user: USERS.editor });
    const dm = await h.fake.waitForCall('chat.postMessage');
    expect(dm.args.channel).toBe(USERS.editor);
  });

  it('submitting the same view twice records it once', async () => {
    const view = await openPledge();
    const before = h.state().pledges.length;
    await h.submitView(view, { ...GOOD_PLEDGE, contributor: 'Twice Corp' }, { user: USERS.editor });
    await h.submitView(view, { ...GOOD_PLEDGE, contributor: 'Twice Corp' }, { user: USERS.editor });
    await Promise.all([
      h.submitView(view, { ...GOOD_PLEDGE, contributor: 'Twice Corp' }, { user: USERS.editor }),
      h.submitView(view, { ...GOOD_PLEDGE, contributor: 'Twice Corp' }, { user: USERS.editor }),
    ]);
    expect(h.state().pledges.length).toBe(before + 1);
    expect(h.state().submissions.length).toBeGreaterThan(0);
  });

  it('bad fields come back under their blocks and nothing is stored', async () => {
    const view = await openPledge();
    const bytes = await h.storeBytes();
    const ack = await h.submitView(
      view,
      {
        ...GOOD_PLEDGE,
        contributor: '\u200b\u202e ',
        amount: '300',
        due: '2026-02-30',
        note: 'x'.repeat(2001),
      },
      { user: USERS.editor },
    );
    expect(ack.response_action).toBe('errors');
    expect(Object.keys(ack.errors).sort()).toEqual(['amount', 'contributor', 'due', 'note']);
    expect(ack.errors.amount).toContain('did you mean 300억');
    expect(await h.storeBytes()).toBe(bytes);
    expect(h.fake.calls('chat.postEphemeral')).toHaveLength(0);
  });

  it('a program that cannot take the pledge is an error on the program field', async () => {
    const view = await openPledge();
    const bytes = await h.storeBytes();
    const ack = await h.submitView(
      view,
      { ...GOOD_PLEDGE, program: 'autos-nonexistent' },
      { user: USERS.editor },
    );
    expect(ack.response_action).toBe('errors');
    expect(Object.keys(ack.errors)).toEqual(['program']);
    expect(await h.storeBytes()).toBe(bytes);
  });

  it('malformed values are field errors, not crashes', async () => {
    const bytes = await h.storeBytes();
    const ack = await h.submitView('pledge', {
      program: { type: 'static_select', selected_option: { value: 42 } } as never,
      contributor: { type: 'plain_text_input', value: ['x'] } as never,
      kind: 'spaceship',
      amount: '5억',
      status: 'paid',
    });
    expect(ack.response_action).toBe('errors');
    expect(Object.keys(ack.errors).sort()).toEqual(['contributor', 'kind', 'program']);
    expect(await h.storeBytes()).toBe(bytes);
  });

  it('a viewer submitting is refused and nothing changes', async () => {
    const view = await openPledge('/winwin pledge', USERS.admin);
    const bytes = await h.storeBytes();
    const ack = await h.submitView(view, GOOD_PLEDGE, { user: USERS.viewer });
    expect(ack.response_action).toBe('update');
    expect(textOf(ack.view)).toContain('Only editors and admins');
    expect(await h.storeBytes()).toBe(bytes);
  });
});

describe('modals in Korean', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ seed: 'demo', locale: 'ko' });
  });
  afterAll(() => h.close());

  it('labels, errors and the confirmation are Korean', async () => {
    await h.command('/winwin pledge 철강', { user: USERS.editor });
    const view = h.fake.lastModal() as View;
    expect(textOf(view.title)).toBe('출연 기록');
    expect(JSON.stringify(view.blocks)).toContain('출연자');
    const bad = await h.submitView(
      view,
      { ...GOOD_PLEDGE, program: 'steel-posco', amount: '300' },
      { user: USERS.editor },
    );
    expect(bad.errors.amount).toContain('300억을(를) 뜻하셨나요?');
    await h.submitView(
      view,
      { ...GOOD_PLEDGE, program: 'steel-posco', amount: '50억' },
      { user: USERS.editor },
    );
    const confirmation = await h.fake.waitForCall('chat.postEphemeral');
    expect(String(confirmation.args.text)).toContain('기록 완료');
    expect(String(confirmation.args.text)).toContain('50억 원');
  });

  it('the program modal is Korean and shows amounts in 억', async () => {
    await h.command('/winwin program edit autos-hyundai', { user: USERS.editor });
    const view = h.fake.lastModal() as View;
    expect(textOf(view.title)).toBe('프로그램 편집');
    expect(element(view, 'target').initial_value).toBe('6,300억 원');
  });
});

describe('hostile text through the write path', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ seed: 'demo' });
  });
  afterAll(() => h.close());

  const allowed = new Set<string>(Object.values(USERS));

  it('never comes back as live markup, in replies, field errors, views or confirmations', async () => {
    const replies: unknown[] = [];
    for (const { text } of HOSTILE) {
      const quoted = `"${text.replace(/["“”]/g, '')}"`;
      replies.push(await h.command(`/winwin pledge retail 1억 ${quoted}`, { user: USERS.editor }));
      replies.push(await h.command(`/winwin pledge ${quoted} 1억 x`, { user: USERS.editor }));
      replies.push(await h.command(`/winwin pledge retail ${quoted} x`, { user: USERS.editor }));
      replies.push(await h.command(`/winwin set P10 suspended ${quoted}`, { user: USERS.editor }));
      replies.push(await h.command(`/winwin set P10 verbal ${quoted}`, { user: USERS.editor }));
      await h.command('/winwin pledge retail', { user: USERS.editor });
      const view = h.fake.lastModal() as View;
      replies.push(
        await h.submitView(view, { ...GOOD_PLEDGE, contributor: text, note: text }, { user: USERS.editor }),
      );
      replies.push(await h.submitView(view, { ...GOOD_PLEDGE, amount: text }, { user: USERS.editor }));
      await h.command('/winwin program new', { user: USERS.editor });
      replies.push(
        await h.submitView(
          h.fake.lastModal() as View,
          {
            sector: text,
            name: text,
            slug: text,
            target: text,
            multiple: '10',
            status: 'negotiating',
            terms: text,
          },
          { user: USERS.editor },
        ),
      );
      replies.push(
        await h.submitView(
          h.fake.lastModal() as View,
          { sector: 'retail', name: text, target: '10억', multiple: '10', status: 'negotiating', note: text },
          { user: USERS.editor },
        ),
      );
    }
    await h.fake.waitFor(() => h.fake.calls('chat.postEphemeral').length >= HOSTILE.length);
    expect(replies.flatMap((r) => unescapedMarkup(r, allowed))).toEqual([]);
    for (const call of h.fake.calls()) {
      expect(unescapedMarkup(call.args, allowed)).toEqual([]);
      expect(blockKitProblems(call.args)).toEqual([]);
    }
    for (const r of replies) expect(blockKitProblems(r)).toEqual([]);
  });
});
