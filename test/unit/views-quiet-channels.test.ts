import { describe, expect, test } from 'vitest';
import type { DigestChange } from '../../src/domain/digest.js';
import type { Subscription } from '../../src/domain/types.js';
import { buildCardBurstReply } from '../../src/views/card.js';
import { buildNoChangesMessage } from '../../src/views/digest.js';
import { settingsText } from '../../src/views/subscriptions.js';
import { eok } from '../domain/fixtures.js';
import { blockKitProblems } from '../support/block-kit-limits.js';

const SCHEDULE = { time: '09:00', tz: 'Asia/Seoul' };

const change = (id: number, contributor: string): DigestChange => ({
  event: {
    id,
    at: '2025-12-01T01:00:00.000Z',
    actor: 'U0EDITOR',
    type: 'pledge.recorded',
    target: `P${id}`,
    program: 'retail-consortium',
    sector: 'retail',
    before: null,
    after: { contributor, amount: eok(3).toFixed(0), status: 'committed' },
  },
  contributor,
  undisclosed: false,
});

describe('subscription filters in words', () => {
  const filtered: Pick<Subscription, 'cadence' | 'detail' | 'only' | 'min' | 'quiet'> = {
    cadence: 'weekly',
    detail: 'totals',
    only: ['pledges', 'payments'],
    min: eok(10),
    quiet: false,
  };

  test('en and ko', () => {
    expect(settingsText(filtered, SCHEDULE, 'en')).toBe(
      'weekly on Mondays at 09:00 (Asia/Seoul), totals, only pledges, payments, changes of 1 billion won or more, "no changes" digests too',
    );
    expect(settingsText(filtered, SCHEDULE, 'ko')).toBe(
      '매주 월요일 09:00 (Asia/Seoul), 합계만, 출연·납입만, 10억 원 이상 변경만, 변경 없는 요약도 게시',
    );
    expect(settingsText({ cadence: 'daily', detail: 'names' }, SCHEDULE, 'en')).toBe(
      'daily at 09:00 (Asia/Seoul), with names',
    );
  });
});

describe('quiet channel messages', () => {
  const o = { locale: 'en', audience: { role: 'viewer' }, pledges: [], timeZone: 'Asia/Seoul' } as const;

  test('a burst is one reply, one line per change, within Block Kit limits however long', () => {
    const many = Array.from({ length: 120 }, (_, i) => change(i + 1, `Mart ${i + 1}`));
    const reply = buildCardBurstReply(many, o);
    expect(blockKitProblems({ text: reply.text, blocks: reply.blocks })).toEqual([]);
    const text = JSON.stringify(reply.blocks);
    expect(text).toContain('120 changes');
    expect(text).toContain('Mart 40');
    expect(text).not.toContain('Mart 41');
    expect(text).toContain('and 80 more');
    // One change: the same reply as before batching.
    expect(JSON.stringify(buildCardBurstReply([change(1, 'Solo Mart')], o).blocks)).toContain('Solo Mart');
  });

  test('the "no changes" heartbeat is short, in both languages', () => {
    for (const locale of ['en', 'ko'] as const) {
      const m = buildNoChangesMessage({
        kind: 'daily',
        title: 'retail (유통)',
        since: '2025-12-01T00:00:00.000Z',
        locale,
        timeZone: 'Asia/Seoul',
      });
      expect(m.blocks).toHaveLength(2);
      expect(m.text).toContain('2025-12-01 09:00 (Asia/Seoul)');
      expect(blockKitProblems({ text: m.text, blocks: m.blocks })).toEqual([]);
    }
  });
});
