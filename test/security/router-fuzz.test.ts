import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as registry from '../../src/commands/registry.js';
import { type Harness, startHarness, USERS } from '../support/harness.js';
import { HOSTILE } from '../support/hostile.js';
import { answerProblems, settle } from './observe.js';

/**
 * Arbitrary `/winwin` text, built from the real subcommand names and the words they expect mixed with
 * hostile and random text, sent by any role over signed HTTP. Whatever it is, the answer is HTTP 200,
 * within Block Kit limits, escaped, and never the "something went wrong" apology a handler throw produces.
 */

const NAMES = registry.subcommands.flatMap((s) => [s.name, ...(s.aliases ?? [])]);
const WORDS = [
  'steel-posco',
  'autos',
  '유통',
  'all',
  'P1',
  'P6',
  'P10',
  'P999999999',
  '630억',
  '"1조 2,630억"',
  '-5억',
  '0',
  '1e400',
  'kind:bank',
  'status:paid',
  'kind:',
  'status:"committed"',
  'suspended',
  'committed',
  'on_hold',
  'realtime',
  'names',
  'totals',
  'grant',
  'revoke',
  'list',
  'new',
  'edit',
  'amount',
  `<@${USERS.viewer}>`,
  'editor',
  'admin',
  '"',
  '“',
  ':',
  '\u3000',
];

const word = fc.oneof(
  fc.constantFrom(...WORDS),
  fc.constantFrom(...HOSTILE.map((h) => h.text.slice(0, 200))),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
);

const line = fc
  .tuple(fc.oneof(fc.constantFrom(...NAMES), word), fc.array(word, { maxLength: 6 }))
  .map(([first, rest]) => [first, ...rest].join(' '));

describe('fuzzing the /winwin router over HTTP', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ seed: 'demo' });
  });
  afterAll(() => h.close());

  it('any text from any role gets a clean 200 answer', { timeout: 180_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(line, fc.constantFrom(USERS.admin, USERS.editor, USERS.viewer), async (text, user) => {
        const res = await h.commandRaw(`/winwin ${text}`, { user });
        expect(res.status).toBe(200);
        expect(res.text).not.toMatch(/\bat .+:\d+:\d+|node_modules/);
        expect(res.text).not.toContain('Something went wrong');
        expect(answerProblems(h, { ack: res.json, calls: [] })).toEqual([]);
      }),
      { numRuns: 200 },
    );
    await settle(h);
    // Replies sent after the ack (modals, DMs, response_url) are clean too, and no handler threw.
    const later = h.fake.calls();
    expect(answerProblems(h, { ack: undefined, calls: later })).toEqual([]);
    expect(later.filter((c) => String(c.args.text ?? '').includes('Something went wrong'))).toEqual([]);
    expect(h.logs.filter((l) => l.includes('[ERROR]'))).toEqual([]);
    expect((await fetch(`${h.url}/healthz`)).status).toBe(200);
  });
});
