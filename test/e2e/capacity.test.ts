import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockKitProblems } from '../support/block-kit-limits.js';
import { type Harness, startHarness, textOf, USERS } from '../support/harness.js';

describe('/winwin capacity', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ seed: 'demo' });
  });
  afterAll(() => h.close());

  const ask = async (line: string) => {
    const reply = await h.command(line, { user: USERS.viewer });
    expect(reply.response_type).toBe('ephemeral');
    expect(blockKitProblems(reply)).toEqual([]);
    return textOf(reply);
  };

  it('a program now: target, capacity, gap and the contribution still needed', async () => {
    const text = await ask('/winwin capacity retail');
    expect(text).toContain('*Target*\n100 billion won');
    expect(text).toContain('*Capacity now*\n0 won');
    expect(text).toContain('*Contribution still needed*\n2 billion won');
  });

  it('with an extra amount: 5억 signed at 50x gives 25bn, still 1.5bn short', async () => {
    const text = await ask('/winwin capacity retail 5억');
    expect(text).toContain('With 500 million won more signed:* Capacity 0 won → *25 billion won*');
    expect(text).toContain(
      'Still short by 75 billion won of capacity: 1.5 billion won more contribution needed.',
    );
  });

  it('an amount in several tokens is read as one, and enough of it closes the gap', async () => {
    expect(await ask('/winwin capacity retail 20 억')).toContain('That closes the gap');
  });

  it('a multi-program sector shows each program, and asks for one when given an amount', async () => {
    const per = await ask('/winwin capacity autos');
    expect(per).toContain('`autos-hyundai`');
    expect(per).toContain('`autos-hl`');
    const asked = await ask('/winwin capacity autos 10억');
    expect(asked).toContain('`autos` has several programs; name one of them: `autos-hyundai`, `autos-hl`');
  });

  it('an unreadable amount is refused with the forms Winwin reads', async () => {
    const text = await ask('/winwin capacity retail 300');
    expect(text).toContain('300');
    expect(text).toContain('630억');
  });

  it('no target: usage and the known targets; unknown target: the known ones', async () => {
    expect(await ask('/winwin capacity')).toContain('Known targets: `autos`');
    expect(await ask('/winwin capacity nowhere')).toContain('Unknown target `nowhere`');
  });
});

describe('/winwin capacity in Korean', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ seed: 'demo', locale: 'ko' });
  });
  afterAll(() => h.close());

  it('amounts as 억 원 and Korean labels', async () => {
    const text = textOf(await h.command('/winwin capacity steel-posco 10억', { user: USERS.viewer }));
    expect(text).toContain('*목표*\n4,000억 원');
    expect(text).toContain('10억 원이 추가로 협약되면');
    expect(text).toContain('부족분이 해소됩니다');
  });
});
