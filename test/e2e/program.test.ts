import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { 억 } from '../domain/fixtures.js';
import { type Harness, startHarness, textOf, USERS } from '../support/harness.js';
import { element, type View } from '../support/modal-view.js';

describe('program modal', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ seed: 'demo' });
  });
  afterAll(() => h.close());
  beforeEach(() => h.fake.reset());

  const open = async (line: string, user: string = USERS.editor): Promise<View> => {
    const reply = await h.command(line, { user });
    expect(reply).toBeFalsy();
    return h.fake.lastModal() as View;
  };

  it('/winwin program new <sector> opens the modal with the contract ids and the sector filled in', async () => {
    const view = await open('/winwin program new 유통');
    expect(view.callback_id).toBe('program');
    expect(view.blocks.map((b) => b.block_id)).toEqual([
      'sector',
      'name',
      'slug',
      'target',
      'multiple',
      'status',
      'announce_by',
      'supplier_cap',
      'terms',
      'note',
    ]);
    expect(element(view, 'sector').initial_value).toBe('retail');
  });

  it('creates a program (and a new sector) from the modal', async () => {
    const view = await open('/winwin program new');
    const ack = await h.submitView(
      view,
      {
        sector: 'platforms',
        name: 'Naver + Shinhan win-win guarantee',
        slug: '',
        target: '2,000억',
        multiple: '20x',
        status: 'negotiating',
        announce_by: '2026-06-30',
        terms: 'Fee 1% → 0.7%',
        note: '',
      },
      { user: USERS.editor },
    );
    expect(ack?.response_action).toBeUndefined();
    const program = h.state().programs.find((p) => p.sector === 'platforms');
    expect(program).toMatchObject({ name: 'Naver + Shinhan win-win guarantee', announceBy: '2026-06-30' });
    expect(program?.target.toFixed(0)).toBe(억(2000));
    expect(program?.multiple.toString()).toBe('20');
    expect(h.state().sectors.find((s) => s.name === 'platforms')?.alias).toBe('플랫폼');
    const confirmation = await h.fake.waitForCall('chat.postEphemeral');
    expect(String(confirmation.args.text)).toContain(program?.slug);
  });

  it('bad fields come back under their blocks and nothing is stored', async () => {
    const view = await open('/winwin program new');
    const bytes = await h.storeBytes();
    const ack = await h.submitView(
      view,
      { sector: 'autos', name: 'X', slug: 'P7', target: 'lots', multiple: '0', status: 'negotiating' },
      { user: USERS.editor },
    );
    expect(ack.response_action).toBe('errors');
    expect(Object.keys(ack.errors).sort()).toEqual(['multiple', 'target']);
    expect(await h.storeBytes()).toBe(bytes);
    const slug = await h.submitView(
      view,
      { sector: 'autos', name: 'X', slug: 'autos-hl', target: '10억', multiple: '10', status: 'negotiating' },
      { user: USERS.editor },
    );
    expect(Object.keys(slug.errors)).toEqual(['slug']);
    expect(await h.storeBytes()).toBe(bytes);
  });

  it('edits a program: figures, then the status move, each an event', async () => {
    const view = await open('/winwin program edit autos-hl');
    expect(JSON.parse(String(view.private_metadata))).toMatchObject({ program: 'autos-hl' });
    expect(element(view, 'target').initial_value).toBe('100 billion won');
    const after = h.store.lastEventId();
    const ack = await h.submitView(
      view,
      {
        sector: 'autos',
        name: 'HL Group + Hana Bank win-win guarantee',
        slug: 'autos-hl',
        target: '1,020억',
        multiple: '12.75',
        status: 'launched',
        terms: 'Settled.',
        note: '',
      },
      { user: USERS.editor },
    );
    expect(ack?.response_action).toBeUndefined();
    const program = h.state().programs.find((p) => p.slug === 'autos-hl');
    expect(program?.target.toFixed(0)).toBe(억(1020));
    expect(program?.status).toBe('launched');
    expect(program?.note).toBeUndefined();
    const events = await h.store.eventsSince(after);
    expect(events.map((e) => e.type)).toEqual(['program.edited', 'program.status']);
    expect(events[0]?.actor).toBe(USERS.editor);
    const confirmation = await h.fake.waitForCall('chat.postEphemeral');
    expect(String(confirmation.args.text)).toContain('Changed');
  });

  it('the slug of an existing program cannot change', async () => {
    const view = await open('/winwin program edit steel');
    const bytes = await h.storeBytes();
    const ack = await h.submitView(
      view,
      {
        sector: 'steel',
        name: 'POSCO',
        slug: 'steel-new',
        target: '4,000억',
        multiple: '20',
        status: 'launched',
      },
      { user: USERS.editor },
    );
    expect(Object.keys(ack.errors)).toEqual(['slug']);
    expect(await h.storeBytes()).toBe(bytes);
  });

  it('a viewer is refused, even with a forged private_metadata, and nothing changes', async () => {
    const bytes = await h.storeBytes();
    const reply = await h.command('/winwin program new', { user: USERS.viewer });
    expect(textOf(reply)).toContain('Only editors and admins');
    expect(h.fake.calls('views.open')).toHaveLength(0);
    const ack = await h.submitView(
      'program',
      { sector: 'autos', name: 'Mine now', target: '1억', multiple: '10', status: 'negotiating' },
      {
        user: USERS.viewer,
        privateMetadata: JSON.stringify({ program: 'autos-hyundai', channel: 'C0WINWIN01' }),
      },
    );
    expect(ack.response_action).toBe('update');
    expect(await h.storeBytes()).toBe(bytes);
  });

  it('private_metadata naming a program the store does not hold edits nothing', async () => {
    const bytes = await h.storeBytes();
    const ack = await h.submitView(
      'program',
      { sector: 'autos', name: 'Ghost', target: '1억', multiple: '10', status: 'negotiating' },
      { user: USERS.editor, privateMetadata: JSON.stringify({ program: 'ghost-program' }) },
    );
    expect(Object.keys(ack.errors)).toEqual(['slug']);
    expect(await h.storeBytes()).toBe(bytes);
  });

  it('usage errors name the forms', async () => {
    expect(textOf(await h.command('/winwin program', { user: USERS.editor }))).toContain(
      '/winwin program new',
    );
    expect(textOf(await h.command('/winwin program edit', { user: USERS.editor }))).toContain(
      'autos-hyundai',
    );
    expect(textOf(await h.command('/winwin program edit autos', { user: USERS.editor }))).toContain(
      'autos-hyundai, autos-hl',
    );
  });
});

describe('a launch is dated in WINWIN_TZ', () => {
  // 02:00 UTC on 2 December: still 1 December in Los Angeles, already 2 December in Seoul.
  const now = new Date('2026-12-02T02:00:00Z');
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ seed: 'demo', env: { WINWIN_TZ: 'America/Los_Angeles' }, clock: () => now });
  });
  afterAll(() => h.close());

  it('/winwin set <program> launched records the date of the ministry’s zone, not Seoul’s', async () => {
    const announced = h.state().programs.find((p) => p.status === 'announced');
    expect(announced).toBeDefined();
    const reply = textOf(await h.command(`/winwin set ${announced?.slug} launched`, { user: USERS.editor }));
    expect(reply).not.toMatch(/:warning:/);
    expect(h.state().programs.find((p) => p.slug === announced?.slug)?.launchedOn).toBe('2026-12-01');
  });
});
