import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/domain/decimal.js';
import { demoState } from '../../src/domain/demo.js';
import { programStanding } from '../../src/domain/standing.js';
import { buildGuaranteeList, formatShare, utilizationLine } from '../../src/views/guarantees.js';
import { blockKitProblems } from '../support/block-kit-limits.js';
import { textOf } from '../support/text-of.js';

const demo = demoState(new Date('2026-03-01T00:00:00Z'), 'U0DEMO');
const autos = demo.programs.find((p) => p.slug === 'autos-hyundai');
if (autos === undefined) throw new Error('no autos-hyundai');
const standing = programStanding(demo, autos, '2026-03-01');

describe('guarantee views', () => {
  it('a share with one decimal', () => {
    expect(formatShare(new Decimal(270).div(6300))).toBe('4.3%');
    expect(formatShare(new Decimal(0))).toBe('0.0%');
    expect(formatShare(new Decimal('0.9995'))).toBe('100.0%');
  });

  it('utilization in English and Korean', () => {
    expect(utilizationLine(standing.utilization, 'en')).toBe(
      '4 issued to 3 suppliers (30 billion won) · outstanding 27 billion won = 4.3% of headline capacity 630 billion won · remaining 603 billion won · paid-in contributions back 630 billion won (remaining 603 billion won)',
    );
    expect(utilizationLine(standing.utilization, 'ko')).toBe(
      '4건 발급, 업체 3곳 (300억 원) · 잔액 270억 원 = 목표 규모 6,300억 원의 4.3% · 잔여 한도 6,030억 원 · 납입된 출연금 기준 한도 6,300억 원 (잔여 6,030억 원)',
    );
  });

  it('the list names suppliers to editors only, and stays within Block Kit limits', () => {
    const input = {
      target: 'autos-hyundai',
      guarantees: [...(demo.guarantees ?? [])].reverse(),
      total: demo.guarantees?.length ?? 0,
      utilization: standing.utilization,
      manyPrograms: true,
      locale: 'ko' as const,
    };
    const editor = buildGuaranteeList({ ...input, audience: { role: 'editor' } });
    expect(textOf(editor)).toContain('DY Auto');
    expect(blockKitProblems(editor)).toEqual([]);
    const viewer = buildGuaranteeList({ ...input, audience: { role: 'viewer' } });
    expect(textOf(viewer)).not.toContain('DY Auto');
    expect(textOf(viewer)).toContain('비공개 업체');
    expect(textOf(viewer)).toContain('업체명은 편집자와 관리자에게만 표시됩니다.');
    const names = buildGuaranteeList({ ...input, audience: { role: 'viewer', channelNames: true } });
    expect(textOf(names)).toContain('DY Auto');
  });
});
