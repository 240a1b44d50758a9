import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECTORS_PER_PAGE } from '../../src/views/home.js';
import { ACTIONS, BLOCKS, PLEDGE_MODAL, PROGRAM_MODAL } from '../../src/views/ids.js';
import { manySectors } from '../domain/fixtures.js';
import { blockKitProblems } from '../support/block-kit-limits.js';
import { type Harness, startHarness, textOf, USERS } from '../support/harness.js';

type View = {
  blocks?: { type: string; block_id?: string; elements?: { action_id?: string; value?: string }[] }[];
};

const actionIds = (view: View): string[] =>
  (view.blocks ?? []).flatMap((b) =>
    b.type === 'actions' ? (b.elements ?? []).map((e) => e.action_id ?? '') : [],
  );

const HOME = { type: 'view' as const, viewId: 'VHOME0001', viewType: 'home' as const };

describe('App Home', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ seed: 'demo' });
  });
  afterAll(() => h.close());

  it('publishes the dashboard of every sector when the Home tab opens', async () => {
    const view = await h.openHome(USERS.editor);
    expect(view.type).toBe('home');
    const text = textOf(view);
    for (const sector of ['autos', 'steel', 'shipbuilding', 'retail']) expect(text).toContain(`*${sector}*`);
    expect(text).toContain('*editor*');
    expect(text).toContain('Coupang');
    expect(actionIds(view)).toEqual(
      expect.arrayContaining([ACTIONS.homeRecordPledge, ACTIONS.homeNewProgram]),
    );
    const call = h.fake.last('views.publish');
    expect(call?.args.user_id).toBe(USERS.editor);
    expect(blockKitProblems(call?.args)).toEqual([]);
  });

  it('shows a viewer no buttons and no unsigned contributor names', async () => {
    const view = await h.openHome(USERS.viewer);
    const text = textOf(view);
    expect(text).toContain('*viewer*');
    expect(actionIds(view)).toEqual([]);
    expect((view as View).blocks?.some((b) => b.block_id === BLOCKS.homeActions)).toBe(false);
    expect(text).not.toContain('Coupang');
    expect(text).toContain('undisclosed');
  });

  it.each([
    [ACTIONS.homeRecordPledge, PLEDGE_MODAL.callbackId],
    [ACTIONS.homeNewProgram, PROGRAM_MODAL.callbackId],
  ])('%s opens the %s modal for an editor', async (actionId, callbackId) => {
    const after = h.fake.seq();
    await h.clickAction({ user: USERS.editor, actionId, container: HOME });
    const call = await h.fake.waitForCall('views.open', () => true, { afterSeq: after });
    const view = call.args.view as Record<string, unknown>;
    expect(view.callback_id).toBe(callbackId);
    expect(typeof call.args.trigger_id).toBe('string');
    expect(blockKitProblems(call.args)).toEqual([]);
  });

  it.each([ACTIONS.homeRecordPledge, ACTIONS.homeNewProgram])(
    '%s is refused for a viewer, whatever the button says, and nothing changes',
    async (actionId) => {
      const before = await h.storeBytes();
      const after = h.fake.seq();
      await h.clickAction({ user: USERS.viewer, actionId, container: HOME });
      const call = await h.fake.waitForCall('views.open', () => true, { afterSeq: after });
      const view = call.args.view as Record<string, unknown>;
      expect(view.callback_id).toBeUndefined();
      expect(textOf(view)).toContain('Only editors and admins can change data');
      // The viewer's Home is redrawn, without the buttons.
      const home = await h.fake.waitForCall('views.publish', (c) => c.args.user_id === USERS.viewer, {
        afterSeq: after,
      });
      expect(actionIds(home.args.view as View)).toEqual([]);
      expect(h.fake.calls('views.open').filter((c) => c.seq > after)).toHaveLength(1);
      expect(await h.storeBytes()).toBe(before);
    },
  );

  it.each([
    [USERS.editor, true],
    [USERS.viewer, false],
  ])(
    "a sector's Details button sends %s its status as a direct message (names shown: %s)",
    async (user, names) => {
      const after = h.fake.seq();
      await h.clickAction({ user, actionId: ACTIONS.homeOpenStatus, value: 'retail', container: HOME });
      const call = await h.fake.waitForCall('chat.postMessage', (c) => c.args.channel === user, {
        afterSeq: after,
      });
      const text = textOf(call.args);
      expect(text).toContain('100 billion won');
      expect(text).toContain('suspended');
      expect(text.includes('Coupang')).toBe(names);
      expect(blockKitProblems(call.args)).toEqual([]);
    },
  );
});

describe('App Home with many sectors, in Korean', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ seed: manySectors(SECTORS_PER_PAGE + 5), locale: 'ko' });
  });
  afterAll(() => h.close());

  it('pages through sectors with the page buttons', async () => {
    const first = await h.openHome(USERS.admin);
    expect((first as View).blocks?.length).toBeLessThanOrEqual(100);
    expect(textOf(first)).toContain('*sector0*');
    expect(textOf(first)).not.toContain(`*sector${SECTORS_PER_PAGE}*`);
    expect(textOf(first)).toContain('관리자');
    expect(textOf(first)).toContain('6,300억 원');
    expect(actionIds(first)).toContain(ACTIONS.homePageNext);

    const after = h.fake.seq();
    await h.clickAction({ user: USERS.admin, actionId: ACTIONS.homePageNext, value: '1', container: HOME });
    const call = await h.fake.waitForCall('views.publish', (c) => c.args.user_id === USERS.admin, {
      afterSeq: after,
    });
    const second = call.args.view as View;
    expect(textOf(second)).toContain(`*sector${SECTORS_PER_PAGE}*`);
    expect(textOf(second)).not.toContain('*sector0*');
    expect(actionIds(second)).toContain(ACTIONS.homePagePrev);
    expect(blockKitProblems(call.args)).toEqual([]);
  });

  it('treats a forged page value as the first page', async () => {
    const after = h.fake.seq();
    await h.clickAction({
      user: USERS.viewer,
      actionId: ACTIONS.homePageNext,
      value: '{"x":1}',
      container: HOME,
    });
    const call = await h.fake.waitForCall('views.publish', (c) => c.args.user_id === USERS.viewer, {
      afterSeq: after,
    });
    expect(textOf(call.args.view)).toContain('*sector0*');
    expect(actionIds(call.args.view as View)).not.toContain(ACTIONS.homeRecordPledge);
  });
});
