import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIONS } from '../../src/views/ids.js';
import { controlBlockId } from '../../src/views/pledge-controls.js';
import { blockKitProblems } from '../support/block-kit-limits.js';
import { type Harness, startHarness, textOf, USERS } from '../support/harness.js';

const CHANNEL = 'C0WINWIN01';

const pledgeOf = (h: Harness, contributor: string) => {
  const pledge = h.state().pledges.find((p) => p.contributor === contributor);
  if (pledge === undefined) throw new Error(`no pledge of ${contributor}`);
  return pledge;
};

describe('/winwin status', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ seed: 'demo', clock: () => new Date('2025-12-19T01:00:00Z') });
  });
  afterAll(() => h.close());

  it('without a target: every sector with target, confirmed, capacity, gap and flags', async () => {
    const reply = await h.command('/winwin status', { user: USERS.viewer });
    expect(reply.response_type).toBe('ephemeral');
    const text = textOf(reply);
    for (const sector of ['autos', 'steel', 'shipbuilding', 'retail']) expect(text).toContain(`*${sector}*`);
    expect(text).toContain('Target ₩730bn');
    expect(text).toContain('suspended pledges');
    expect(reply.text).toContain('retail');
    expect(blockKitProblems(reply)).toEqual([]);
  });

  it('a sector by its Korean alias acts as its one program', async () => {
    const reply = await h.command('/winwin status 유통', { user: USERS.viewer });
    const text = textOf(reply);
    expect(text).toContain('`retail-consortium`');
    expect(text).toContain('announce-by 2025-12-31 is 12 days away');
    expect(text).toContain('is suspended');
    expect(text).not.toContain('Coupang');
  });

  it('a program by slug, for an editor: names, menus and the Share button', async () => {
    const reply = await h.command('/winwin status retail-consortium', { user: USERS.editor });
    const text = textOf(reply);
    expect(text).toContain("Coupang's verbal pledge");
    const selects = reply.blocks.filter(
      (b: { accessory?: { action_id?: string } }) => b.accessory?.action_id === ACTIONS.pledgeSetStatus,
    );
    expect(selects.length).toBe(3);
    expect(JSON.stringify(reply.blocks)).toContain(ACTIONS.shareStatus);
  });

  it('a multi-program sector lists its programs', async () => {
    const text = textOf(await h.command('/winwin status autos', { user: USERS.viewer }));
    expect(text).toContain('`autos-hyundai`');
    expect(text).toContain('`autos-hl`');
  });

  it('an unknown target lists the known ones', async () => {
    const reply = await h.command('/winwin status cosmetics', { user: USERS.viewer });
    const text = textOf(reply);
    expect(text).toContain('Unknown target `cosmetics`');
    expect(text).toContain('`retail` (유통)');
    expect(text).toContain('`steel-posco`');
  });
});

describe('/winwin status in Korean', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ seed: 'demo', locale: 'ko' });
  });
  afterAll(() => h.close());

  it('renders labels and amounts in Korean', async () => {
    const text = textOf(await h.command('/winwin status autos-hyundai', { user: USERS.viewer }));
    expect(text).toContain('6,300억 원');
    expect(text).toContain('출연 완료');
    expect(text).toContain('채널에 공유');
    expect(text).not.toMatch(/billion|Target/);
  });

  it('the overview uses compact Korean amounts', async () => {
    const text = textOf(await h.command('/winwin status', { user: USERS.viewer }));
    expect(text).toContain('목표 7,300억');
    expect(text).toContain('상생금융');
  });
});

describe('per-pledge controls', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ seed: 'demo' });
  });
  afterAll(() => h.close());

  /** `user` picks `status` in the menu of pledge `id` under `/winwin status <target>`; Slack's answer. */
  const pickStatus = async (user: string, id: string, target: string, status: string) => {
    const after = h.fake.seq();
    await h.clickAction({
      user,
      actionId: ACTIONS.pledgeSetStatus,
      blockId: controlBlockId({ pledge: id, target, page: 0 }),
      selected: `${id}:${status}`,
      container: { type: 'message', channel: CHANNEL },
    });
    return h.fake.waitForCall('response_url', undefined, { afterSeq: after });
  };

  it('an editor moves a pledge on; the reply is redrawn in place with the new status', async () => {
    const pledge = pledgeOf(h, 'Large retailer A');
    const response = await pickStatus(USERS.editor, pledge.id, 'retail', 'committed');
    expect(response.args.replace_original).toBe(true);
    expect(textOf(response.args)).toContain(`\`${pledge.id}\` is now *agreement signed*`);
    expect(blockKitProblems(response.args)).toEqual([]);
    expect(h.state().pledges.find((p) => p.id === pledge.id)).toMatchObject({
      status: 'committed',
      signed: true,
    });
    // The redrawn retail standing counts the newly signed 4억 × 50.
    expect(textOf(response.args)).toContain('20 billion won (Confirmed 400 million won)');
  });

  it('a viewer is refused and the store is unchanged byte for byte', async () => {
    const pledge = pledgeOf(h, 'Commercial bank A');
    const before = await h.storeBytes();
    const response = await pickStatus(USERS.viewer, pledge.id, 'retail', 'committed');
    expect(response.args.replace_original).toBe(false);
    expect(textOf(response.args)).toContain('Only editors and admins can change data');
    expect(await h.storeBytes()).toBe(before);
  });

  it('an illegal transition is explained and changes nothing', async () => {
    const paid = pledgeOf(h, 'POSCO');
    const before = await h.storeBytes();
    const response = await pickStatus(USERS.editor, paid.id, 'steel', 'verbal');
    expect(textOf(response.args)).toContain('paid in is final');
    expect(await h.storeBytes()).toBe(before);
  });

  it('page buttons redraw the page asked for', async () => {
    const after = h.fake.seq();
    await h.clickAction({
      user: USERS.editor,
      actionId: ACTIONS.pageNext,
      value: JSON.stringify({ target: 'autos', page: 0 }),
      container: { type: 'message', channel: CHANNEL },
    });
    const response = await h.fake.waitForCall('response_url', undefined, { afterSeq: after });
    expect(response.args.replace_original).toBe(true);
    expect(textOf(response.args)).toContain('`autos-hl`');
  });
});
