import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness, textOf, USERS } from '../support/harness.js';

describe('/winwin guarantee, guarantees and set G…', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ seed: 'demo', env: { WINWIN_TZ: 'Asia/Seoul' } });
  });
  afterAll(() => h.close());

  it('records a guarantee; the first one on an announced program launches it (an event)', async () => {
    expect(h.state().programs.find((p) => p.slug === 'autos-hl')?.status).toBe('announced');
    const next = h.state().nextGuarantee ?? 1;
    const reply = await h.command('/winwin guarantee autos-hl 20억 Hanon Parts on:2025-10-01', {
      user: USERS.editor,
    });
    const text = textOf(reply);
    expect(text).toContain(`G${next}`);
    expect(text).toContain('Hanon Parts');
    expect(text).toContain('autos-hl is now launched');
    const g = h.state().guarantees?.at(-1);
    expect(g).toMatchObject({
      id: `G${next}`,
      supplier: 'Hanon Parts',
      issuedOn: '2025-10-01',
      status: 'active',
    });
    expect(g?.amount.toFixed()).toBe('2000000000');
    expect(h.state().programs.find((p) => p.slug === 'autos-hl')).toMatchObject({
      status: 'launched',
      launchedOn: '2025-10-01',
    });
    const events = await h.store.recentEvents(2);
    expect(events.map((e) => e.type).sort()).toEqual(['guarantee.issued', 'program.status']);
  });

  it('defaults the date to today in WINWIN_TZ and reads amounts in any form', async () => {
    await h.command('/winwin guarantee autos-hl "1조 2,630억" Big Supplier', { user: USERS.editor });
    // 1조 2,630억 is above the 100bn program, but there is no cap: recorded, and flagged.
    const g = h.state().guarantees?.at(-1);
    expect(g?.amount.toFixed()).toBe('1263000000000');
    const seoul = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Seoul' }).format(new Date());
    expect(g?.issuedOn).toBe(seoul);
    const status = textOf(await h.command('/winwin status autos-hl', { user: USERS.editor }));
    expect(status).toContain('capacity is used');
  });

  it('refuses programs that are not announced or launched, and bad input, with the usage', async () => {
    const reply = textOf(await h.command('/winwin guarantee retail 1억 Someone', { user: USERS.editor }));
    expect(reply).toContain('only announced or launched programs take guarantees');
    expect(reply).toContain('/winwin guarantee &lt;program&gt; &lt;amount&gt; &lt;supplier…&gt;');
    const bad = textOf(
      await h.command('/winwin guarantee autos-hl 1억 X on:2025-02-30', { user: USERS.editor }),
    );
    expect(bad).toContain('YYYY-MM-DD');
  });

  it('refuses viewers, and stores nothing', async () => {
    const before = await h.storeBytes();
    const reply = textOf(await h.command('/winwin guarantee autos-hl 1억 X', { user: USERS.viewer }));
    expect(reply).toContain('Only editors and admins');
    expect(await h.storeBytes()).toBe(before);
  });

  it('lists the latest guarantees; viewers see counts and amounts, not suppliers', async () => {
    const editor = textOf(await h.command('/winwin guarantees autos 3', { user: USERS.editor }));
    expect(editor).toContain('Guarantees: autos');
    expect(editor).toContain('Big Supplier');
    expect(editor).toMatch(/The latest 3 of \d+/);
    const viewer = textOf(await h.command('/winwin guarantees autos-hyundai', { user: USERS.viewer }));
    expect(viewer).toContain('4 issued to 3 suppliers');
    expect(viewer).not.toContain('DY Auto');
    expect(viewer).toContain('undisclosed supplier');
    const all = textOf(await h.command('/winwin guarantees all', { user: USERS.editor }));
    expect(all).toContain('TGS Pipe');
  });

  it('ends a guarantee with set G… repaid, and refuses a second end', async () => {
    const reply = textOf(await h.command('/winwin set G1 repaid loan paid back', { user: USERS.editor }));
    expect(reply).toContain('G1');
    expect(reply).toContain('active → repaid');
    expect(h.state().guarantees?.[0]?.status).toBe('repaid');
    const again = textOf(await h.command('/winwin set g1 expired', { user: USERS.editor }));
    expect(again).toContain('final');
    const unknown = textOf(await h.command('/winwin set G999 repaid', { user: USERS.editor }));
    expect(unknown).toContain('No guarantee G999');
    // A guarantee's own history; a viewer sees it without the supplier's name.
    const history = textOf(await h.command('/winwin history G1', { user: USERS.viewer }));
    expect(history).toContain('guarantee issued');
    expect(history).toContain('guarantee status');
    expect(history).not.toContain('DY Auto');
    expect(history).not.toContain('loan paid back');
  });

  it('the program modal sets a supplier cap; a guarantee above it is refused, naming the cap and the total', async () => {
    await h.command('/winwin program edit shipbuilding-hd', { user: USERS.editor });
    const view = h.fake.lastModal() as Record<string, unknown>;
    const ack = await h.submitView(
      view,
      {
        sector: 'shipbuilding',
        name: 'HD Hyundai Heavy Industries + Hana Bank win-win guarantee',
        slug: 'shipbuilding-hd',
        target: '4,000억',
        multiple: '14.285715',
        status: 'announced',
        supplier_cap: '70억',
      },
      { user: USERS.editor },
    );
    expect(ack?.response_action).toBeUndefined();
    expect(
      h
        .state()
        .programs.find((p) => p.slug === 'shipbuilding-hd')
        ?.supplierCap?.toFixed(),
    ).toBe('7000000000');
    const [edited] = await h.store.recentEvents(1);
    expect(edited).toMatchObject({ type: 'program.edited', after: { supplierCap: '7000000000' } });
    await h.command('/winwin guarantee shipbuilding-hd 50억 Hull Works', { user: USERS.editor });
    const count = h.state().guarantees?.length;
    const reply = textOf(
      await h.command('/winwin guarantee shipbuilding-hd 30억 hull works', { user: USERS.editor }),
    );
    expect(reply).toContain('cap of 7 billion won');
    expect(reply).toContain('8 billion won');
    expect(h.state().guarantees?.length).toBe(count);
  });

  it('status, App Home and help show guarantees', async () => {
    const status = textOf(await h.command('/winwin status steel-posco', { user: USERS.viewer }));
    expect(status).toContain('1 issued to 1 supplier');
    expect(status).toContain('of operating capacity 354 billion won');
    const home = JSON.stringify(await h.openHome(USERS.viewer));
    expect(home).toContain('guarantees · outstanding');
    const help = textOf(await h.command('/winwin help'));
    expect(help).toContain('/winwin guarantee &lt;program&gt;');
    expect(help).toContain('/winwin guarantees');
  });
});
