import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { demoState } from '../../src/domain/demo.js';
import { paidIn } from '../../src/domain/payments.js';
import { StateSchema } from '../../src/domain/types.js';

const now = new Date('2025-12-20T00:00:00.000Z');
const demo = demoState(now, 'U0DEMO');

describe('demoState', () => {
  test('holds the programs of DOMAIN.md in their sectors, with Korean aliases', () => {
    expect(demo.sectors).toEqual([
      { name: 'autos', alias: '자동차' },
      { name: 'steel', alias: '철강' },
      { name: 'shipbuilding', alias: '조선' },
      { name: 'retail', alias: '유통' },
    ]);
    expect(
      demo.programs.map((p) => [p.slug, p.sector, p.status, p.multiple.toFixed(), p.target.toFixed()]),
    ).toEqual([
      ['autos-hyundai', 'autos', 'launched', '15.75', '630000000000'],
      ['autos-hl', 'autos', 'announced', '12.5', '100000000000'],
      ['steel-posco', 'steel', 'launched', '20', '400000000000'],
      ['shipbuilding-hd', 'shipbuilding', 'announced', '14.285715', '400000000000'],
      ['retail-consortium', 'retail', 'negotiating', '50', '100000000000'],
    ]);
    expect(demo.programs.find((p) => p.slug === 'steel-posco')?.operating?.toFixed()).toBe('354000000000');
    expect(demo.programs.find((p) => p.slug === 'retail-consortium')?.announceBy).toBe('2025-12-31');
  });

  test('pledges tell the story: Coupang suspended, IBK due in January 2026, unnamed retail pledges verbal', () => {
    const byContributor = Object.fromEntries(demo.pledges.map((p) => [`${p.program}/${p.contributor}`, p]));
    expect(byContributor['retail-consortium/Coupang']).toMatchObject({
      status: 'suspended',
      suspendedFrom: 'verbal',
      signed: false,
    });
    expect(byContributor['steel-posco/IBK (Industrial Bank of Korea)']).toMatchObject({
      status: 'committed',
      due: '2026-01-31',
    });
    expect(byContributor['autos-hyundai/Hana Bank']).toMatchObject({ status: 'paid', signed: true });
    expect(demo.pledges.map((p) => p.id)).toEqual([
      'P1',
      'P2',
      'P3',
      'P4',
      'P5',
      'P6',
      'P7',
      'P8',
      'P9',
      'P10',
      'P11',
    ]);
    expect(demo.nextPledge).toBe(12);
  });

  test('was built through the mutations, so its counters follow the audit trail', () => {
    // 5 programs created, 11 pledges recorded, 3 status changes (2 programs launched by their first
    // guarantee, Coupang suspended), 5 guarantees issued and 1 repaid, 4 payments (Hyundai/Kia, Hana's
    // two tranches, POSCO), 4 schedules (Hana autos, HL, IBK, Hana ships).
    expect(demo.nextEvent).toBe(5 + 11 + 3 + 5 + 1 + 4 + 4 + 1);
    expect(demo.nextGuarantee).toBe(6);
  });
  test('carries the payments of DOMAIN.md: autos-hyundai paid in full, IBK 15bn due in January 2026', () => {
    const autos = demo.pledges.filter((p) => p.program === 'autos-hyundai');
    expect(autos.every((p) => p.status === 'paid' && paidIn(p).eq(p.amount))).toBe(true);
    const ibk = demo.pledges.find((p) => p.contributor.startsWith('IBK'));
    expect(ibk?.status).toBe('committed');
    expect(ibk?.schedule?.map((i) => [i.amount.toFixed(0), i.due])).toEqual([['15000000000', '2026-01-30']]);
    expect(paidIn(ibk as NonNullable<typeof ibk>).isZero()).toBe(true);
  });

  test('is a valid stored state, and deterministic', () => {
    const json = z.encode(StateSchema, demo);
    expect(z.decode(StateSchema, json)).toEqual(demo);
    expect(demoState(now, 'U0DEMO')).toEqual(demo);
    expect(demo.programs.every((p) => p.createdAt === now.toISOString() && p.createdBy === 'U0DEMO')).toBe(
      true,
    );
  });
});
