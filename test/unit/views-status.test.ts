import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/domain/decimal.js';
import { demoState } from '../../src/domain/demo.js';
import type { Audience } from '../../src/domain/permissions.js';
import { recordPledge, setPledgeStatus } from '../../src/domain/pledges.js';
import { createProgram } from '../../src/domain/programs.js';
import { type Standing, standingOf } from '../../src/domain/standing.js';
import { resolveTarget } from '../../src/domain/targets.js';
import { emptyState, type State, type WinwinEvent } from '../../src/domain/types.js';
import { type Message, plainMessage } from '../../src/views/blocks.js';
import { ACTIONS } from '../../src/views/ids.js';
import { parseControlBlockId, parseControlValue } from '../../src/views/pledge-controls.js';
import { buildStatusMessage } from '../../src/views/status.js';
import { parsePageValue } from '../../src/views/status-parts.js';
import { changed, ctx, english, eok, programInput } from '../domain/fixtures.js';
import { blockKitProblems } from '../support/block-kit-limits.js';
import { textOf } from '../support/harness.js';
import { HOSTILE, unescapedMarkup } from '../support/hostile.js';

const TODAY = '2025-12-19';
const demo = demoState(new Date('2025-12-01T09:00:00Z'), 'U0DEMO01');
const viewer: Audience = { role: 'viewer' };
const editor: Audience = { role: 'editor' };

const standing = (state: State, target: string, lastChange?: WinwinEvent): Standing => {
  const resolved = target === 'all' ? 'all' : resolveTarget(state, target);
  if (resolved !== 'all' && !resolved.ok) throw new Error(english(resolved.error));
  return standingOf(
    state,
    resolved === 'all' ? 'all' : resolved.value,
    TODAY,
    lastChange ? { lastChange } : {},
  );
};

/** Everything a reader could see: blocks (rich and plain forms) and the fallback text. */
const seen = (m: Message): string => `${textOf(m)}\n${textOf(plainMessage(m))}\n${m.text}`;

const menus = (m: Message) =>
  m.blocks.flatMap((b) =>
    b.type === 'section' && b.accessory?.type === 'overflow'
      ? [{ blockId: b.block_id ?? '', values: (b.accessory.options ?? []).map((o) => o.value) }]
      : [],
  );

const coupang = demo.pledges.find((p) => p.contributor === 'Coupang');
if (coupang === undefined) throw new Error('demo has Coupang');

describe('buildStatusMessage: a program', () => {
  it('retail shows the suspended Coupang pledge, the deadline and the gap, in words', () => {
    const m = buildStatusMessage(standing(demo, 'retail'), editor, 'en');
    const text = seen(m);
    expect(text).toContain(`Coupang's verbal pledge \`${coupang.id}\``);
    expect(text).toContain('is suspended');
    expect(text).toContain(
      'announce-by 2025-12-31 is 12 days away and 100 billion won of capacity is still missing',
    );
    expect(text).toContain('Commercial bank A holds 60% of counted contributions');
    expect(text).toContain('nothing is signed yet');
    expect(text).toContain('*Contribution still needed*\n2 billion won');
    expect(blockKitProblems(m)).toEqual([]);
  });

  it('viewers see amounts but never the names of contributors who have not signed', () => {
    const m = buildStatusMessage(standing(demo, 'retail'), viewer, 'en', { interactive: true });
    const text = seen(m);
    for (const name of ['Coupang', 'Large retailer A', 'Commercial bank A']) expect(text).not.toContain(name);
    expect(text).toContain('undisclosed contributor');
    expect(text).toContain('An undisclosed contributor');
    expect(text).toContain('one contributor holds 60%');
    expect(text).toContain('1 billion won');
    expect(menus(m)).toEqual([]);
  });

  it('signed contributors are public: steel names POSCO and IBK for a viewer, with the operating capacity', () => {
    const text = seen(buildStatusMessage(standing(demo, 'steel'), viewer, 'en'));
    expect(text).toContain('POSCO');
    expect(text).toContain('IBK (Industrial Bank of Korea)');
    expect(text).toContain('400 billion won\noperating 354 billion won');
    expect(text).toContain('Expected payment 2026-01-31');
  });

  it('a channel audience with names sees them; without, it does not; neither gets controls or buttons', () => {
    const s = standing(demo, 'retail');
    const named = buildStatusMessage(s, { role: 'viewer', channelNames: true }, 'en');
    const hidden = buildStatusMessage(s, { role: 'viewer', channelNames: false }, 'en');
    expect(seen(named)).toContain('Coupang');
    expect(seen(hidden)).not.toContain('Coupang');
    for (const m of [named, hidden]) expect(m.blocks.some((b) => b.type === 'actions')).toBe(false);
  });

  it('editors get a menu per pledge whose options are the allowed transitions', () => {
    const m = buildStatusMessage(standing(demo, 'retail'), editor, 'en', { interactive: true });
    const byPledge = Object.fromEntries(
      menus(m).map((x) => [parseControlBlockId(x.blockId)?.pledge, x.values]),
    );
    expect(byPledge[coupang.id]).toEqual([`${coupang.id}:verbal`, `${coupang.id}:withdrawn`]);
    const verbal = demo.pledges.find((p) => p.contributor === 'Large retailer A');
    expect(byPledge[verbal?.id ?? '']).toEqual(
      ['committed', 'suspended', 'withdrawn'].map((s) => `${verbal?.id}:${s}`),
    );
    expect(parseControlBlockId(menus(m)[0]?.blockId ?? '')).toMatchObject({
      target: 'retail-consortium',
      page: 0,
    });
    const share = m.blocks.find((b) => b.type === 'actions');
    expect(share).toMatchObject({
      elements: [{ action_id: ACTIONS.shareStatus, value: 'retail-consortium' }],
    });
  });

  it('paid pledges are final: no menu (autos-hyundai)', () => {
    const m = buildStatusMessage(standing(demo, 'autos-hyundai'), editor, 'en', { interactive: true });
    expect(menus(m)).toEqual([]);
    expect(seen(m)).toContain('Hyundai Motor &amp; Kia');
  });

  it('ko: Korean labels and amounts as 6,300억 원', () => {
    const m = buildStatusMessage(standing(demo, 'autos-hyundai'), viewer, 'ko');
    const text = seen(m);
    expect(text).toContain('*목표*\n6,300억 원');
    expect(text).toContain('출연 완료');
    expect(text).toContain('위험 신호');
    expect(text).not.toContain('billion');
  });

  it('the last change is shown with its time in Seoul and the actor as a mention', () => {
    const event: WinwinEvent = {
      id: 3,
      at: '2025-12-18T23:30:00.000Z',
      actor: 'U0EDITOR',
      type: 'pledge.status',
      target: coupang.id,
      program: 'retail-consortium',
      sector: 'retail',
      before: { status: 'verbal', signed: false },
      after: { status: 'suspended', signed: false },
      reason: 'Coupang data leak',
    };
    const forViewer = seen(buildStatusMessage(standing(demo, 'retail', event), viewer, 'en'));
    expect(forViewer).toContain('*2025-12-19 08:30* · <@U0EDITOR> · pledge status');
    expect(forViewer).toContain('status: verbal intent → suspended');
    expect(forViewer).not.toContain('Coupang');
    const forEditor = seen(buildStatusMessage(standing(demo, 'retail', event), editor, 'en'));
    expect(forEditor).toContain('reason: _Coupang data leak_');
  });
});

describe('buildStatusMessage: a sector and the overview', () => {
  it('a multi-program sector rolls up and lists each program', () => {
    const m = buildStatusMessage(standing(demo, 'autos'), viewer, 'en');
    const text = seen(m);
    expect(text).toContain('*Target*\n730 billion won');
    expect(text).toContain('`autos-hyundai`');
    expect(text).toContain('`autos-hl`');
    expect(text).toContain('Hana Bank holds 75%');
  });

  it('the overview has every sector with compact figures and flags, and a Share button for all', () => {
    const m = buildStatusMessage(standing(demo, 'all'), viewer, 'ko', { interactive: true });
    const text = seen(m);
    for (const s of ['autos', 'steel', 'shipbuilding', 'retail']) expect(text).toContain(`*${s}*`);
    expect(text).toContain('목표 7,300억');
    expect(text).toContain('논의 중단된 출연');
    expect(text).toContain('전체 업종');
    expect(m.blocks.find((b) => b.type === 'actions')).toMatchObject({ elements: [{ value: 'all' }] });
    expect(blockKitProblems(m)).toEqual([]);
  });

  it('the overview names each flag once, with at most three of its programs and a count of the rest', () => {
    let state = emptyState();
    for (let i = 1; i <= 5; i++) {
      state = changed(
        createProgram(state, programInput({ sector: 'retail', slug: `retail-${i}` }), ctx),
      ).state;
      const pledge = changed(
        recordPledge(
          state,
          {
            program: `retail-${i}`,
            contributor: `Corp ${i}`,
            kind: 'corporation',
            amount: eok(10),
            status: 'verbal',
          },
          ctx,
        ),
      );
      state = changed(setPledgeStatus(pledge.state, pledge.value.id, 'suspended', undefined, ctx)).state;
    }
    const en = seen(buildStatusMessage(standing(state, 'all'), viewer, 'en'));
    expect(en).toContain('suspended pledges (`retail-1`, `retail-2`, `retail-3` +2 more)');
    expect(en.match(/suspended pledges \(/g)?.length).toBe(2); // the blocks, rich and plain; the fallback counts
    expect(en).not.toContain('`retail-4`');
    const ko = seen(buildStatusMessage(standing(state, 'all'), viewer, 'ko'));
    expect(ko).toContain('논의 중단된 출연 (`retail-1`, `retail-2`, `retail-3` 외 2개)');
  });

  it('an empty store says how to start', () => {
    const m = buildStatusMessage(standingOf(emptyState(), 'all', TODAY), viewer, 'en');
    expect(seen(m)).toContain('/winwin program new');
  });
});

/** A program with `n` pledges whose contributors are hostile strings, some signed. */
const bigState = (n: number): State => {
  let state = changed(
    createProgram(
      emptyState(),
      programInput({ sector: 'retail', slug: 'retail-big', name: HOSTILE[0]?.text ?? 'x' }),
      ctx,
    ),
  ).state;
  for (let i = 0; i < n; i++) {
    const hostile = HOSTILE[i % HOSTILE.length]?.text ?? 'x';
    const recorded = changed(
      recordPledge(
        state,
        {
          program: 'retail-big',
          contributor: `${hostile.slice(0, 140)} ${i}`,
          kind: 'corporation',
          amount: eok(i + 1),
          status: i % 3 === 0 ? 'committed' : 'verbal',
        },
        ctx,
      ),
    );
    state = recorded.state;
    if (i % 7 === 0)
      state = changed(setPledgeStatus(state, recorded.value.id, 'suspended', undefined, ctx)).state;
  }
  return state;
};

describe('Block Kit limits and hostile input', () => {
  const state = bigState(200);
  const s = standing(state, 'retail-big');

  it.each([
    ['editor, interactive', editor, true],
    ['viewer, interactive', viewer, true],
    ['channel', { role: 'viewer', channelNames: true } as Audience, false],
  ] as const)(
    '200 pledges stay within limits on every page (%s), and every pledge appears once',
    (_, audience, interactive) => {
      const first = buildStatusMessage(s, audience, 'en', { interactive });
      const pageOf = (page: number) => buildStatusMessage(s, audience, 'en', { interactive, page });
      const nav = first.blocks.find((b) => b.type === 'actions' && b.block_id === 'pagination');
      const seenIds: string[] = [];
      let pages = 1;
      if (interactive && nav !== undefined) {
        const context = first.blocks.find((b) => b.type === 'context' && textOf(b).match(/^Page 1\/(\d+)$/));
        pages = Number(/\/(\d+)$/.exec(textOf(context))?.[1]);
      }
      for (let page = 0; page < pages; page++) {
        const m = pageOf(page);
        expect(m.blocks.length).toBeLessThanOrEqual(50);
        expect(blockKitProblems(m)).toEqual([]);
        expect(blockKitProblems(plainMessage(m))).toEqual([]);
        expect(unescapedMarkup(m)).toEqual([]);
        for (const match of textOf(plainMessage(m)).matchAll(/`(P\d+)` /g)) seenIds.push(match[1] as string);
      }
      if (interactive) {
        expect(seenIds.sort()).toEqual(state.pledges.map((p) => p.id).sort());
      } else {
        // A channel post shows what fits and says how to see the rest.
        expect(seenIds.length).toBeGreaterThan(0);
      }
    },
  );

  it('an editor needs pages (a menu per pledge) and the page buttons name target and page', () => {
    const m = buildStatusMessage(s, editor, 'en', { interactive: true, page: 1 });
    const nav = m.blocks.find((b) => b.type === 'actions' && b.block_id === 'pagination');
    if (nav?.type !== 'actions') throw new Error('expected page buttons');
    const values = nav.elements.map((e) => parsePageValue('value' in e ? (e.value ?? '') : ''));
    expect(values).toEqual([
      { target: 'retail-big', page: 0 },
      { target: 'retail-big', page: 2 },
    ]);
    expect(menus(m).every((x) => parseControlBlockId(x.blockId)?.page === 1)).toBe(true);
  });

  it('a page past the end is the last page, with its menus numbered so', () => {
    const m = buildStatusMessage(s, editor, 'en', { interactive: true, page: 999 });
    const ids = menus(m).map((x) => parseControlBlockId(x.blockId)?.page);
    expect(new Set(ids).size).toBe(1);
    expect(ids[0]).toBeLessThan(999);
    expect(m.blocks.some((b) => b.type === 'actions' && b.block_id === 'pagination')).toBe(true);
  });

  it('a hostile contributor name renders as text for those who may see it', () => {
    const m = buildStatusMessage(s, editor, 'en', { interactive: true });
    expect(textOf(m)).toContain('&lt;!channel&gt;');
    expect(unescapedMarkup(m)).toEqual([]);
    expect(unescapedMarkup({ text: m.text })).toEqual([]);
  });
});

describe('control and page values', () => {
  it('parse only what Winwin writes', () => {
    expect(parseControlValue('P7:committed')).toEqual({ pledge: 'P7', status: 'committed' });
    for (const bad of ['P7', 'P0:paid', 'P7:rich', 'P7:paid:x', 'X7:paid', ''])
      expect(parseControlValue(bad)).toBeUndefined();
    expect(parsePageValue('{"target":"retail","page":2}')).toEqual({ target: 'retail', page: 2 });
    for (const bad of [
      '',
      'nope',
      '{"target":"x","page":-1}',
      '{"page":1}',
      '[1]',
      '{"target":"x","page":1.5}',
    ])
      expect(parsePageValue(bad)).toBeUndefined();
  });

  it('large amounts stay exact in the pledge lines', () => {
    const state = changed(
      recordPledge(
        withOne(),
        {
          program: 'autos-hyundai',
          contributor: 'Big',
          kind: 'bank',
          amount: new Decimal('1263000000000'),
          status: 'paid',
        },
        ctx,
      ),
    ).state;
    expect(seen(buildStatusMessage(standing(state, 'autos-hyundai'), viewer, 'ko'))).toContain(
      '1조 2,630억 원',
    );
  });
});

const withOne = (): State => changed(createProgram(emptyState(), programInput(), ctx)).state;
