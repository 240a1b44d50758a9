import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIONS } from '../../src/views/ids.js';
import { controlBlockId } from '../../src/views/pledge-controls.js';
import { blockKitProblems } from '../support/block-kit-limits.js';
import { type Harness, startHarness, textOf, USERS } from '../support/harness.js';

describe('/winwin history', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ seed: 'demo' });
    // One change by the editor, through the status menu, to read back.
    const pledge = h.state().pledges.find((p) => p.contributor === 'Large retailer A');
    if (pledge === undefined) throw new Error('demo has Large retailer A');
    const after = h.fake.seq();
    await h.clickAction({
      user: USERS.editor,
      actionId: ACTIONS.pledgeSetStatus,
      blockId: controlBlockId({ pledge: pledge.id, target: 'retail', page: 0 }),
      selected: `${pledge.id}:suspended`,
      container: { type: 'message', channel: 'C0WINWIN01' },
    });
    await h.fake.waitForCall('response_url', undefined, { afterSeq: after });
  });
  afterAll(() => h.close());

  const ask = async (line: string, user: string = USERS.viewer) => {
    const reply = await h.command(line, { user });
    expect(reply.response_type).toBe('ephemeral');
    expect(blockKitProblems(reply)).toEqual([]);
    return reply;
  };

  it('the newest change first: when, who, before → after', async () => {
    const text = textOf(await ask('/winwin history retail 3', USERS.editor));
    expect(text).toContain('Last 3 changes: retail-consortium');
    const first = text.split('\n').find((l) => l.includes('pledge status'));
    expect(first).toContain(`<@${USERS.editor}>`);
    expect(text).toContain('status: verbal intent → suspended');
    expect(text).toMatch(/\*\d{4}-\d{2}-\d{2} \d{2}:\d{2}\*/);
  });

  it('hides unsigned contributors from viewers', async () => {
    const editor = textOf(await ask('/winwin history retail 10', USERS.editor));
    const viewer = textOf(await ask('/winwin history retail 10'));
    expect(editor).toContain('contributor: Coupang');
    expect(viewer).not.toContain('Coupang');
    expect(viewer).toContain('contributor: undisclosed contributor');
  });

  it('defaults to the last 10 of everything; a lone number is the count', async () => {
    const all = await ask('/winwin history');
    expect(textOf(all)).toContain('Last 10 changes: everything');
    expect(textOf(await ask('/winwin history 2'))).toContain('Last 2 changes: everything');
  });

  it('a pledge id narrows to that pledge', async () => {
    const pledge = h.state().pledges.find((p) => p.contributor === 'POSCO');
    const text = textOf(await ask(`/winwin history ${pledge?.id}`));
    // Recorded as signed, then paid in (src/domain/demo.ts).
    expect(text).toContain(`Last 2 changes: ${pledge?.id}`);
    expect(text).toContain('payment recorded');
    expect(text).toContain('pledge recorded');
    expect(text).toContain('contributor: POSCO');
  });

  it('refuses a count that is not a whole number, caps one above 50', async () => {
    expect(textOf(await ask('/winwin history retail zero'))).toContain('"zero" is not a number of changes');
    expect(textOf(await ask('/winwin history 0'))).toContain('"0" is not a number of changes');
    expect(textOf(await ask('/winwin history 500'))).toContain('Showing at most 50 changes');
  });

  it('an unknown target lists the known ones', async () => {
    expect(textOf(await ask('/winwin history mars'))).toContain('Unknown target `mars`');
  });

  it('ko', async () => {
    const ko = await startHarness({ seed: 'demo', locale: 'ko' });
    try {
      const text = textOf(await ko.command('/winwin history autos-hyundai 20', { user: USERS.viewer }));
      expect(text).toContain('최근 변경');
      expect(text).toContain('납입 기록');
      expect(text).toContain('금액: 150억 원');
    } finally {
      await ko.close();
    }
  });
});
