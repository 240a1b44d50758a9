import { expect, test } from 'vitest';
import { z } from 'zod';
import { Decimal, isDecimal } from '../../src/domain/decimal.js';
import { emptyState, ProgramSchema, StateSchema } from '../../src/domain/types.js';

test('state round-trips through the codec with money as Decimal', () => {
  const p = {
    slug: 'autos-hyundai',
    sector: 'autos',
    name: 'x',
    target: '630000000000',
    multiple: '15.75',
    status: 'launched' as const,
    createdBy: 'U1AB',
    createdAt: '2025-08-18T00:00:00.000Z',
    updatedAt: '2025-08-18T00:00:00+09:00',
  };
  const s = z.decode(StateSchema, { ...z.encode(StateSchema, emptyState()), programs: [p] });
  expect(isDecimal(s.programs[0]?.target)).toBe(true);
  expect(s.programs[0]?.target.times(new Decimal('1.5')).toFixed()).toBe('945000000000');
  expect(z.encode(StateSchema, s).programs[0]).toEqual(p);
  expect(ProgramSchema.safeDecode({ ...p, target: '1.5' }).success).toBe(false);
});
