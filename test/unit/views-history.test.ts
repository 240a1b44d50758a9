import { describe, expect, it } from 'vitest';
import type { Audience } from '../../src/domain/permissions.js';
import type { WinwinEvent } from '../../src/domain/types.js';
import { formatWhen } from '../../src/views/event-text.js';
import { buildHistoryMessage } from '../../src/views/history.js';
import { blockKitProblems } from '../support/block-kit-limits.js';
import { textOf } from '../support/harness.js';
import { HOSTILE, unescapedMarkup } from '../support/hostile.js';

const event = (over: Partial<WinwinEvent> = {}): WinwinEvent => ({
  id: 1,
  at: '2025-12-18T23:30:00.000Z',
  actor: 'U0EDITOR',
  type: 'pledge.recorded',
  target: 'P1',
  program: 'retail-consortium',
  sector: 'retail',
  before: null,
  after: {
    contributor: 'Coupang',
    kind: 'corporation',
    amount: '1000000000',
    status: 'verbal',
    note: 'Coupang said so',
  },
  ...over,
});

const history = (events: WinwinEvent[], audience: Audience, locale: 'en' | 'ko' = 'en', signed = false) =>
  buildHistoryMessage({
    events,
    scope: 'retail',
    audience,
    pledges: [{ id: 'P1', signed }],
    locale,
    timeZone: 'Asia/Seoul',
  });

describe('buildHistoryMessage', () => {
  it('when (Seoul), who (mention), what, and every field of a new record', () => {
    const text = textOf(history([event()], { role: 'editor' }));
    expect(text).toContain('*2025-12-19 08:30* · <@U0EDITOR> · pledge recorded · `P1` (`retail-consortium`)');
    expect(text).toContain('contributor: Coupang');
    expect(text).toContain('amount: 1 billion won');
    expect(text).toContain('status: verbal intent');
  });

  it('before → after for a change, with the reason', () => {
    const text = textOf(
      history(
        [
          event({
            type: 'pledge.corrected',
            before: { amount: '1000000000' },
            after: { amount: '1500000000' },
            reason: 'typo',
          }),
        ],
        { role: 'viewer' },
        'ko',
        true,
      ),
    );
    expect(text).toContain('금액: 10억 원 → 15억 원');
    expect(text).toContain('사유: _typo_');
  });

  it("hides an unsigned pledge's name, note and reason from viewers, not from editors or once signed", () => {
    const e = event({ reason: 'Coupang leak' });
    const viewer = `${textOf(history([e], { role: 'viewer' }))}\n${history([e], { role: 'viewer' }).text}`;
    expect(viewer).not.toContain('Coupang');
    expect(viewer).toContain('contributor: undisclosed contributor');
    expect(viewer).toContain('note: (hidden)');
    expect(textOf(history([e], { role: 'viewer' }, 'en', true))).toContain('Coupang');
    expect(textOf(history([e], { role: 'admin' }))).toContain('Coupang');
  });

  it('program events show program status labels and multiples', () => {
    const text = textOf(
      history(
        [
          event({
            type: 'program.status',
            target: 'retail-consortium',
            before: { status: 'negotiating' },
            after: { status: 'announced' },
          }),
          event({
            id: 2,
            type: 'program.edited',
            target: 'retail-consortium',
            before: { multiple: '50' },
            after: { multiple: '40' },
          }),
        ],
        { role: 'viewer' },
      ),
    );
    expect(text).toContain('status: in talks → announced');
    expect(text).toContain('multiple: 50x → 40x');
  });

  it('50 events of hostile text stay within Block Kit limits and ping nobody', () => {
    const events = Array.from({ length: 50 }, (_, i) =>
      event({
        id: i + 1,
        after: { contributor: HOSTILE[i % HOSTILE.length]?.text ?? '', note: 'x'.repeat(2000) },
        reason: HOSTILE[(i + 3) % HOSTILE.length]?.text ?? '',
      }),
    );
    for (const audience of [{ role: 'editor' }, { role: 'viewer' }] as const) {
      const m = history(events, audience, 'en', true);
      expect(blockKitProblems(m)).toEqual([]);
      // The actor's mention is Winwin's own; nothing else may ping.
      expect(unescapedMarkup(m, new Set(['U0EDITOR']))).toEqual([]);
      expect(unescapedMarkup({ text: m.text })).toEqual([]);
      expect(textOf(m).match(/pledge recorded/g)?.length).toBe(50);
    }
  });

  it('an empty history says so', () => {
    expect(textOf(history([], { role: 'viewer' }))).toContain('No changes recorded yet.');
  });

  it('formats times in the given zone', () => {
    expect(formatWhen('2025-12-31T15:00:00.000Z', 'Asia/Seoul')).toBe('2026-01-01 00:00');
    expect(formatWhen('2025-12-31T15:00:00.000Z', 'UTC')).toBe('2025-12-31 15:00');
  });
});
