/**
 * npx tsx scripts/measure-store.ts [--pledges 10000] [--events 100000] [--clients 50] [--each 20]
 *                                  [--rounds 3] [--single 200] [--keep]
 * Store-level latency at 100× a ministry's data (issue 6), without HTTP or Bolt: builds the bench's
 * deterministic store (bench/generate.ts), then times open, one writer, and 50 concurrent writers
 * recording pledges through the real domain mutation. Prints p50/p99 per round and pooled, and the
 * CPU time per mutation (less sensitive than latency to other processes on a busy machine).
 */
import { copyFile, mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { FULL_SIZES, generateStore } from '../bench/generate.js';
import type { Ctx } from '../src/domain/change.js';
import { Decimal } from '../src/domain/decimal.js';
import { recordPledge } from '../src/domain/pledges.js';
import { openStore } from '../src/storage/open-store.js';
import type { Store } from '../src/storage/store.js';

const { values: args } = parseArgs({
  options: {
    pledges: { type: 'string', default: String(FULL_SIZES.pledges) },
    events: { type: 'string', default: String(FULL_SIZES.events) },
    clients: { type: 'string', default: '50' },
    each: { type: 'string', default: '20' },
    rounds: { type: 'string', default: '3' },
    single: { type: 'string', default: '200' },
    keep: { type: 'boolean', default: false },
  },
});
const numberArg = (name: keyof typeof args): number => {
  const value = Number(args[name]);
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} must be a whole number`);
  return value;
};

const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
const summary = (samples: readonly number[]): string => {
  const sorted = [...samples].sort((a, b) => a - b);
  const f = (ms: number) => ms.toFixed(1).padStart(6);
  return `n=${String(sorted.length).padStart(5)}  p50 ${f(percentile(sorted, 50))} ms  p90 ${f(percentile(sorted, 90))} ms  p99 ${f(percentile(sorted, 99))} ms  max ${f(sorted.at(-1) ?? Number.NaN)} ms`;
};
const timed = async <T>(work: () => Promise<T>): Promise<[T, number]> => {
  const began = performance.now();
  const value = await work();
  return [value, performance.now() - began];
};
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

/** Sizes of the store's files (main, archive, WAL, …) by name. */
const files = async (dir: string): Promise<string> => {
  const names = (await readdir(dir)).sort();
  const sizes = await Promise.all(
    names.map(async (name) => `${name} ${mb((await stat(path.join(dir, name))).size)}`),
  );
  return sizes.join(', ');
};

let counter = 0;
/** Time spent inside the domain mutation itself, to tell the store's share of the CPU from the domain's. */
let domainMs = 0;
/** One quick pledge, as `/winwin pledge` records it. */
const pledgeOnce = async (store: Store, program: string): Promise<number> => {
  const ctx: Ctx = { actor: 'UBENCHED01', now: new Date() };
  const n = ++counter;
  const began = performance.now();
  const result = await store.mutate((state) => {
    const domainBegan = performance.now();
    const change = recordPledge(
      state,
      {
        program,
        contributor: `Measure Corp ${n}`,
        kind: 'corporation',
        amount: new Decimal(n).times(1e8),
        status: 'verbal',
      },
      ctx,
    );
    domainMs += performance.now() - domainBegan;
    return change;
  });
  if (!result.ok)
    throw new Error(`pledge refused: ${result.error.code} ${JSON.stringify(result.error.details)}`);
  return performance.now() - began;
};

const main = async (): Promise<void> => {
  const sizes = {
    ...FULL_SIZES,
    pledges: numberArg('pledges'),
    events: numberArg('events'),
  };
  const clients = numberArg('clients');
  const each = numberArg('each');
  const dir = await mkdtemp(path.join(tmpdir(), 'winwin-measure-'));
  const file = path.join(dir, 'winwin.json');
  console.log(`Node ${process.version}; store ${JSON.stringify(sizes)} in ${dir}`);
  try {
    const [generated, generateMs] = await timed(async () => generateStore(sizes));
    const [, importMs] = await timed(async () => {
      const store = await openStore(file);
      await store.replaceAll(generated.state, generated.events);
      await store.close();
    });
    console.log(
      `generated in ${generateMs.toFixed(0)} ms, imported in ${importMs.toFixed(0)} ms: ${await files(dir)}`,
    );

    const [store, openMs] = await timed(() => openStore(file));
    console.log(`open (clean close): ${openMs.toFixed(0)} ms`);
    const program = store.read().programs.find((p) => p.status !== 'closed')?.slug;
    if (program === undefined) throw new Error('no open program');

    const single: number[] = [];
    for (let i = 0; i < numberArg('single'); i++) single.push(await pledgeOnce(store, program));
    console.log(`one writer           ${summary(single)}`);

    const pooled: number[] = [];
    for (let round = 1; round <= numberArg('rounds'); round++) {
      const writesBefore = store.stats().writes;
      const cpuBefore = process.cpuUsage();
      const domainBefore = domainMs;
      const samples: number[] = [];
      const [, wallMs] = await timed(() =>
        Promise.all(
          Array.from({ length: clients }, async () => {
            for (let i = 0; i < each; i++) samples.push(await pledgeOnce(store, program));
          }),
        ),
      );
      pooled.push(...samples);
      const writes = store.stats().writes - writesBefore;
      const cpu = process.cpuUsage(cpuBefore);
      const cpuPerMutation = (cpu.user + cpu.system) / 1000 / samples.length;
      const domainPerMutation = (domainMs - domainBefore) / samples.length;
      console.log(
        `${clients}×${each} round ${round}     ${summary(samples)}  ${writes} writes, ${((samples.length / wallMs) * 1000).toFixed(0)}/s, CPU ${cpuPerMutation.toFixed(2)} ms/mutation (${domainPerMutation.toFixed(2)} in recordPledge), load ${loadavg()[0]?.toFixed(1)}`,
      );
    }
    console.log(`${clients}×${each} pooled      ${summary(pooled)}`);
    console.log(`stats: ${JSON.stringify(store.stats())}`);
    console.log(`files before close: ${await files(dir)}`);
    // A copy of the files as a crash would leave them (the store still open).
    const crashed = path.join(dir, 'crashed');
    await mkdir(crashed);
    for (const name of await readdir(dir)) {
      if (name !== 'crashed' && !name.endsWith('.lock'))
        await copyFile(path.join(dir, name), path.join(crashed, name));
    }
    const [, closeMs] = await timed(() => store.close());
    const [again, reopenMs] = await timed(() => openStore(file));
    console.log(
      `close ${closeMs.toFixed(0)} ms; reopen ${reopenMs.toFixed(0)} ms; ${again.read().pledges.length} pledges`,
    );
    await again.close();
    const [replayed, replayMs] = await timed(() => openStore(path.join(crashed, 'winwin.json')));
    console.log(`open after a crash (as the files stood before close): ${replayMs.toFixed(0)} ms`);
    await replayed.close();
    await rm(crashed, { recursive: true });
    console.log(`files after close: ${await files(dir)}`);
  } finally {
    if (args.keep) console.log(`kept ${dir}`);
    else await rm(dir, { recursive: true, force: true });
  }
};

await main();
