import { describe, expect, it } from 'vitest';
import type { WinwinEvent } from '../../src/domain/types.js';
import { eventChanges } from '../../src/views/event-text.js';

const next: WinwinEvent = {
  id: 7,
  at: '2026-01-20T01:00:00.000Z',
  actor: 'UEDITOR01',
  type: 'pledge.next',
  target: 'P9',
  program: 'retail-consortium',
  sector: 'retail',
  before: { nextDue: null, nextStep: null },
  after: { nextDue: '2026-12-15', nextStep: "call Coupang's CFO after the board meeting" },
};
const pledges = [{ id: 'P9', signed: true, owner: 'UOWNER001', recordedBy: 'UEDITOR01' }];
const o = { locale: 'en' as const, pledges, timeZone: 'Asia/Seoul' };

describe('next-step confidentiality', () => {
  it('editors, admins and the owner read the step; viewers and channels (totals or names) do not', () => {
    const text = (audience: Parameters<typeof eventChanges>[1]['audience']) =>
      eventChanges(next, { ...o, audience }).join(' · ');
    expect(text({ role: 'editor' })).toContain('board meeting');
    expect(text({ role: 'admin' })).toContain('board meeting');
    expect(text({ role: 'viewer', user: 'UOWNER001' })).toContain('board meeting');
    for (const audience of [{ role: 'viewer' as const }, { role: 'viewer' as const, channelNames: true }]) {
      const shown = text(audience);
      expect(shown).not.toContain('board meeting');
      expect(shown).toContain('next step: (hidden)');
      // The date is not confidential: a channel may know a step is due.
      expect(shown).toContain('2026-12-15');
    }
  });
});
