/**
 * npm run bench [-- --small | --scale=<f>] [--out=<dir>] [--seed=<n>] [--keep] [--tsx] [--store postgres]
 * --store postgres runs on PostgreSQL: a database the bench creates on the server at
 * BENCH_DATABASE_URL (or WINWIN_TEST_DATABASE_URL) and drops afterwards; figures go to
 * results-postgres.json and RESULTS-postgres.md beside the JSON file's.
 * Env: BENCH_SCALE=<f> (like --scale), BENCH_SMALL=1, BENCH_OUT=<dir>, BENCH_NODE_FLAGS="--cpu-prof …".
 * Full size: 20 sectors, 200 programs, 10,000 pledges, 100,000 events; writes bench/results.json and
 * bench/RESULTS.md. Both servers are first bundled (npm run build -- --bench) and run by node, as
 * `npm start` runs Winwin; --tsx runs their TypeScript under tsx instead.
 */
import { fileURLToPath } from 'node:url';
import { type BenchOptions, runBench, TSX_SERVERS } from './bench.js';
import { FULL_SIZES, type StoreSizes } from './generate.js';

const USAGE =
  'Usage: npm run bench [-- --small | --scale=<0..1>] [--out=<dir>] [--seed=<n>] [--keep] [--tsx] [--store postgres]\n' +
  'Env: BENCH_SCALE, BENCH_SMALL=1, BENCH_OUT, BENCH_NODE_FLAGS.';

/** The sizes at `scale` of the full store, keeping the store valid (programs ≥ sectors, enough events). */
export const scaledSizes = (scale: number): StoreSizes => {
  const sectors = Math.max(1, Math.round(FULL_SIZES.sectors * scale));
  const programs = Math.max(sectors, Math.round(FULL_SIZES.programs * scale));
  const pledges = Math.max(1, Math.round(FULL_SIZES.pledges * scale));
  const events = Math.max(programs + pledges, Math.round(FULL_SIZES.events * scale));
  return { sectors, programs, pledges, events };
};

type Plan = Omit<BenchOptions, 'outDir' | 'keepStore' | 'nodeFlags' | 'log' | 'seed' | 'servers'>;

export const SMALL_PLAN: Plan = {
  mode: 'small',
  sizes: { sectors: 3, programs: 6, pledges: 60, events: 300 },
  statusRequests: 20,
  warmup: 5,
  pledgeClients: 4,
  pledgesPerClient: 3,
  coldStarts: 1,
  phaseBudgetMs: 15_000,
};

export const planFor = (scale: number): Plan =>
  scale === 1
    ? {
        mode: 'full',
        sizes: FULL_SIZES,
        statusRequests: 1000,
        warmup: 100,
        pledgeClients: 50,
        pledgesPerClient: 20,
        coldStarts: 3,
        phaseBudgetMs: 60_000,
      }
    : {
        mode: 'scaled',
        sizes: scaledSizes(scale),
        statusRequests: Math.max(10, Math.round(1000 * scale)),
        warmup: Math.max(5, Math.round(100 * scale)),
        pledgeClients: Math.max(2, Math.round(50 * scale)),
        pledgesPerClient: Math.max(2, Math.round(20 * scale)),
        coldStarts: scale >= 0.5 ? 3 : 1,
        phaseBudgetMs: 60_000,
      };

/** What the command line asks for; the servers' scripts are settled once they are built. */
type Parsed = Omit<BenchOptions, 'servers'> & { readonly tsx: boolean };

const parse = (argv: readonly string[], env: NodeJS.ProcessEnv): Parsed | string => {
  let small = env.BENCH_SMALL === '1';
  let scale = env.BENCH_SCALE === undefined || env.BENCH_SCALE === '' ? 1 : Number(env.BENCH_SCALE);
  let outDir = env.BENCH_OUT ?? fileURLToPath(new URL('.', import.meta.url));
  let seed = 20251104;
  let keepStore = false;
  let tsx = false;
  let store = 'lowdb';
  const args = [...argv];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const [key, given] = arg.split('=', 2) as [string, string | undefined];
    // `--store postgres` as well as `--store=postgres`.
    const value = key === '--store' && given === undefined ? args[++i] : given;
    if (key === '--small' && value === undefined) small = true;
    else if (key === '--keep' && value === undefined) keepStore = true;
    else if (key === '--tsx' && value === undefined) tsx = true;
    else if (key === '--scale' && value !== undefined) scale = Number(value);
    else if (key === '--out' && value !== undefined) outDir = value;
    else if (key === '--seed' && value !== undefined) seed = Number(value);
    else if (key === '--store' && (value === 'postgres' || value === 'lowdb')) store = value;
    else if (key === '--help' || key === '-h') return USAGE;
    else return `Unknown argument ${arg}.\n${USAGE}`;
  }
  if (!Number.isFinite(scale) || scale <= 0 || scale > 1)
    return `The scale must be in (0, 1], got ${scale}.\n${USAGE}`;
  if (!Number.isSafeInteger(seed)) return `The seed must be an integer.\n${USAGE}`;
  const nodeFlags = (env.BENCH_NODE_FLAGS ?? '').split(/\s+/).filter((flag) => flag !== '');
  const postgresServer = env.BENCH_DATABASE_URL ?? env.WINWIN_TEST_DATABASE_URL;
  if (store === 'postgres' && (postgresServer === undefined || postgresServer === ''))
    return `--store postgres needs a PostgreSQL server: set BENCH_DATABASE_URL=postgres://…\n${USAGE}`;
  return {
    ...(store === 'postgres' ? { postgresServer } : {}),
    ...(small ? SMALL_PLAN : planFor(scale)),
    seed,
    outDir,
    keepStore,
    tsx,
    nodeFlags,
    log: (line) => process.stdout.write(`${line}\n`),
  };
};

const main = async (): Promise<number> => {
  const options = parse(process.argv.slice(2), process.env);
  if (typeof options === 'string') {
    process.stderr.write(`${options}\n`);
    return 2;
  }
  const { tsx, ...rest } = options;
  let servers = TSX_SERVERS;
  if (!tsx) {
    const { BENCH_ENTRIES, buildBundles } = await import('../scripts/build.js');
    const [winwin, bare] = await buildBundles(BENCH_ENTRIES);
    if (winwin === undefined || bare === undefined) throw new Error('the build made no bench bundles');
    servers = { winwin, bare };
  }
  await runBench({ ...rest, servers });
  return 0;
};

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = await main();
}
