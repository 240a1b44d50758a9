import { readFile, rm, writeFile } from 'node:fs/promises';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StoreOpenError } from '../../src/storage/errors.js';
import { eventsPathOf } from '../../src/storage/events-file.js';
import { openStore } from '../../src/storage/open-store.js';
import { openError, recordKey } from '../support/store-fixtures.js';
import { eachTempStore } from '../support/temp-store.js';

let file: string;
eachTempStore((paths) => ({ file } = paths));

/** A real store file with a few pledges' worth of history. */
const writeValidStore = async (): Promise<Buffer> => {
  const store = await openStore(file);
  for (const key of ['a', 'b', 'c']) await store.mutate(recordKey(key));
  await store.close();
  return readFile(file);
};

/** Opening must fail with `code`, name the file, and leave its bytes exactly as they were. */
const expectRefused = async (bytes: Buffer | string, code: StoreOpenError['code'], problem: RegExp) => {
  await writeFile(file, bytes);
  const before = await readFile(file);
  const error = await openError(file);
  expect(error).toBeInstanceOf(StoreOpenError);
  expect((error as StoreOpenError).code).toBe(code);
  expect((error as Error).message).toContain(file);
  expect((error as Error).message).toMatch(problem);
  expect((await readFile(file)).equals(before)).toBe(true);
};

describe('a damaged store file', () => {
  it('refuses garbage', async () => {
    await expectRefused(Buffer.from([0x00, 0xff, 0x13, 0x37, 0x0a]), 'CORRUPT', /not valid JSON/);
  });

  it('refuses an empty file rather than starting over', async () => {
    await expectRefused('', 'CORRUPT', /is empty/);
  });

  it('refuses truncated JSON', async () => {
    const valid = await writeValidStore();
    await expectRefused(valid.subarray(0, Math.floor(valid.length / 2)), 'CORRUPT', /not valid JSON/);
  });

  it('refuses a schema-invalid file and names the offending field', async () => {
    await writeValidStore();
    const json = JSON.parse(await readFile(file, 'utf8'));
    json.state.submissions = 'not a list';
    await expectRefused(JSON.stringify(json), 'INVALID', /state\.submissions/);
  });

  it('refuses a main file counting events its state has no room for', async () => {
    await writeValidStore();
    const json = JSON.parse(await readFile(file, 'utf8'));
    json.lastEventId = json.state.nextEvent;
    await expectRefused(JSON.stringify(json), 'INVALID', /nextEvent/);
  });

  it('refuses a file that is not an object or has no version', async () => {
    await expectRefused('[1,2,3]', 'INVALID', /JSON object/);
    await expectRefused('{"state":{}}', 'INVALID', /version/);
  });

  it('releases the lock after refusing, so a repaired file opens', async () => {
    const valid = await writeValidStore();
    await expectRefused('{', 'CORRUPT', /JSON/);
    await writeFile(file, valid);
    const store = await openStore(file);
    expect(store.read().submissions).toEqual(['a', 'b', 'c']);
    await store.close();
  });

  it('opens a file cut anywhere only if nothing but trailing whitespace was lost, else leaves it untouched', async () => {
    const valid = await writeValidStore();
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: valid.length - 1 }), async (length) => {
        const cut = valid.subarray(0, length);
        await writeFile(file, cut);
        const opened = await openStore(file).then(
          (store) => store,
          (error: unknown) => {
            expect(error).toBeInstanceOf(StoreOpenError);
            return undefined;
          },
        );
        if (opened === undefined) {
          expect((await readFile(file)).equals(cut)).toBe(true);
        } else {
          expect(valid.subarray(length).toString().trim()).toBe('');
          expect(opened.read().submissions).toEqual(['a', 'b', 'c']);
          await opened.close();
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('a damaged events file', () => {
  /** Opening must fail with `code`, name the events file, and leave both files exactly as they were. */
  const expectEventsRefused = async (events: string, code: StoreOpenError['code'], problem: RegExp) => {
    await writeFile(eventsPathOf(file), events);
    const before = [await readFile(file), await readFile(eventsPathOf(file))];
    const error = await openError(file);
    expect(error).toBeInstanceOf(StoreOpenError);
    expect((error as StoreOpenError).code).toBe(code);
    expect((error as Error).message).toContain(eventsPathOf(file));
    expect((error as Error).message).toMatch(problem);
    expect([await readFile(file), await readFile(eventsPathOf(file))]).toEqual(before);
  };

  it('refuses one that lacks events the main file counts (cut short, or lost)', async () => {
    await writeValidStore();
    const lines = (await readFile(eventsPathOf(file), 'utf8')).split('\n');
    await expectEventsRefused(`${lines.slice(0, 2).join('\n')}\n`, 'CORRUPT', /only through E2.*E3/);
    await expectEventsRefused('', 'CORRUPT', /E3/);
  });

  it('refuses a damaged committed line, even with uncommitted lines after it', async () => {
    await writeValidStore();
    const lines = (await readFile(eventsPathOf(file), 'utf8')).split('\n');
    lines[1] = (lines[1] ?? '').replace('"actor"', '"act');
    await expectEventsRefused(`${lines.join('\n')}{"id":4}\n`, 'CORRUPT', /not a JSON line/);
  });

  it('refuses a committed event that breaks the schema', async () => {
    await writeValidStore();
    const text = await readFile(eventsPathOf(file), 'utf8');
    await expectEventsRefused(
      text.replace('"type":"program.edited"', '"type":"no.such.type"'),
      'INVALID',
      /not a valid event/,
    );
  });

  it('refuses a missing events file when the main file counts events', async () => {
    await writeValidStore();
    await rm(eventsPathOf(file));
    const error = await openError(file);
    expect(error).toMatchObject({ code: 'CORRUPT', message: expect.stringContaining('is missing') });
  });
});

describe('a missing main file', () => {
  it('is refused when its events file holds history, which is left as it was', async () => {
    await writeValidStore();
    const events = await readFile(eventsPathOf(file));
    await rm(file);
    const error = await openError(file);
    expect(error).toMatchObject({
      code: 'CORRUPT',
      message: expect.stringMatching(/is missing.*holds events/),
    });
    expect((await readFile(eventsPathOf(file))).equals(events)).toBe(true);
  });
});
