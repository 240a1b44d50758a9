import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness, textOf, USERS } from '../support/harness.js';

/*
 * Status replies are remembered per snapshot revision (src/derived.ts): a commit must show in the
 * very next reply, and a reply drawn for one audience must never reach another.
 */
describe('cached status replies', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ seed: 'demo', clock: () => new Date('2025-12-19T01:00:00Z') });
  });
  afterAll(() => h.close());

  it('the same request on the same state gets the same reply', async () => {
    const first = await h.command('/winwin status autos', { user: USERS.editor });
    const second = await h.command('/winwin status autos', { user: USERS.editor });
    expect(second).toEqual(first);
  });

  it('a pledge recorded between two requests shows in the second: program, sector and overview', async () => {
    const program = () => h.command('/winwin status retail-consortium', { user: USERS.editor });
    const overview = () => h.command('/winwin status', { user: USERS.editor });
    const programBefore = await program();
    const overviewBefore = await overview();
    expect(textOf(programBefore)).not.toContain('Fresh Mart');

    const recorded = await h.command('/winwin pledge retail-consortium 30억 "Fresh Mart" status:committed', {
      user: USERS.editor,
    });
    expect(textOf(recorded)).toContain('Fresh Mart');

    const programAfter = await program();
    expect(textOf(programAfter)).toContain('Fresh Mart');
    // The last change is the new pledge too (events are cached with the state they came with).
    const lastChange = JSON.stringify(programAfter.blocks.at(-2) ?? {});
    expect(lastChange).toContain('Fresh Mart');
    const overviewAfter = await overview();
    expect(textOf(overviewAfter)).not.toEqual(textOf(overviewBefore));
    expect(overviewAfter.text).not.toEqual(overviewBefore.text);
  });

  it('a status change shows in the next reply', async () => {
    const pledge = h.state().pledges.find((p) => p.contributor === 'Fresh Mart');
    if (pledge === undefined) throw new Error('Fresh Mart was recorded above');
    const before = await h.command('/winwin status retail-consortium', { user: USERS.viewer });
    expect(textOf(before)).toContain('*agreement signed* — 1 · 3 billion won');
    expect(textOf(before)).not.toContain('*paid in*');
    await h.command(`/winwin set ${pledge.id} paid`, { user: USERS.editor });
    const after = await h.command('/winwin status retail-consortium', { user: USERS.viewer });
    expect(textOf(after)).not.toContain('*agreement signed*');
    expect(textOf(after)).toContain('*paid in* — 1 · 3 billion won');
    expect(textOf(after)).not.toEqual(textOf(before));
  });

  it("an editor's reply (names, menus) is never served to a viewer, nor a viewer's to an editor", async () => {
    const editor = await h.command('/winwin status retail-consortium', { user: USERS.editor });
    const viewer = await h.command('/winwin status retail-consortium', { user: USERS.viewer });
    expect(textOf(editor)).toContain('Coupang');
    expect(textOf(viewer)).not.toContain('Coupang');
    expect(JSON.stringify(viewer.blocks)).not.toContain('static_select');
    const editorAgain = await h.command('/winwin status retail-consortium', { user: USERS.editor });
    expect(editorAgain).toEqual(editor);
  });
});
