/**
 * npm run build [-- --bench]
 * Bundles src/main.ts (and with --bench the bench's two servers) with esbuild into dist/, one
 * self-contained ES module per entry point with its dependencies inside, plus source maps.
 *
 * Why a bundle rather than tsc's one-file-per-module output: at start-up Node resolves, reads and
 * compiles every module separately, and Bolt alone pulls in ~500 files (axios, express, undici…).
 * On a 2-core VM importing the app took ≈ 0.7 s from tsc's output and ≈ 0.4 s from the bundle
 * (under tsx, which compiles TypeScript at start-up, 1.0–1.9 s). Type checking is not the
 * build's job: `npm run typecheck` (and `npm test`) do it.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { readMigrationFiles } from '../src/storage/pg/migrations.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Where the bundles go; an entry src/main.ts becomes dist/src/main.js. */
export const DIST = path.join(ROOT, 'dist');

export const APP_ENTRY = 'src/main.ts';
export const BENCH_ENTRIES = ['bench/server-winwin.ts', 'bench/server-bare.ts'] as const;

/** The bundle built from `entry` (a path relative to the repository root, e.g. src/main.ts). */
export const bundlePath = (entry: string): string => path.join(DIST, entry.replace(/\.ts$/, '.js'));

// Bundled CommonJS dependencies (Bolt, express, axios) call `require` for Node's built-ins; an ES
// module has no `require`, so each bundle makes one.
const REQUIRE_SHIM =
  "import { createRequire as __winwinRequire } from 'node:module';\nconst require = __winwinRequire(import.meta.url);";

/** Bundles `entries` into `outdir` (default dist/), replacing their earlier bundles. */
export const buildBundles = async (entries: readonly string[], outdir: string = DIST): Promise<string[]> => {
  await build({
    absWorkingDir: ROOT,
    entryPoints: [...entries],
    outbase: '.',
    outdir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Not enabled by `npm start`: --enable-source-maps makes node parse the ≈ 6 MB map at start-up
    // (≈ +0.4 s here). NODE_OPTIONS=--enable-source-maps gives stack traces TypeScript positions.
    sourcemap: true,
    banner: { js: REQUIRE_SHIM },
    // The bundle has no src/ to read the PostgreSQL migrations from: they go inside it.
    define: { __WINWIN_PG_MIGRATIONS__: JSON.stringify(readMigrationFiles()) },
    logLevel: 'warning',
  });
  return entries.map((entry) => path.join(outdir, entry.replace(/\.ts$/, '.js')));
};

const main = async (): Promise<void> => {
  const bench = process.argv.includes('--bench');
  const began = performance.now();
  const built = await buildBundles(bench ? [APP_ENTRY, ...BENCH_ENTRIES] : [APP_ENTRY]);
  const ms = Math.round(performance.now() - began);
  process.stdout.write(`Built ${built.map((file) => path.relative(ROOT, file)).join(', ')} in ${ms} ms\n`);
};

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) await main();
