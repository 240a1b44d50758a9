import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type SlackFake, startSlackFake } from '../src/loopback/slack-api.js';
import { eventsPathOf } from '../src/storage/events-file.js';
import type { StoreStats } from '../src/storage/store.js';
import { openAnyStore } from '../src/storage/store-copy.js';
import { BENCH_USERS, generateStore, type StoreSizes } from './generate.js';
import { type BenchClient, type BenchResponse, createBenchClient } from './http-client.js';
import { summarize, timed } from './measure.js';
import { createBenchDatabase, databaseSizeMb } from './postgres.js';
import {
  type BenchResults,
  type Comparison,
  checkTargets,
  currentLoad,
  machineInfo,
  markdownReport,
  type PledgeFigures,
  planned,
  type StoreFiles,
  tableRows,
  targetLines,
  textTable,
} from './report.js';
import { needsTsx, type ServerProcess, spawnServer } from './spawn-server.js';

export interface BenchOptions {
  readonly mode: BenchResults['mode'];
  readonly sizes: StoreSizes;
  readonly seed: number;
  /** Sequential requests per server for each status form (plus `warmup` unmeasured ones). */
  readonly statusRequests: number;
  readonly warmup: number;
  readonly pledgeClients: number;
  readonly pledgesPerClient: number;
  /** How many times Winwin is started cold (the last start serves the rest of the run). */
  readonly coldStarts: number;
  /** Time a measuring phase may take; a phase stops sending when it is spent (counts are reported). */
  readonly phaseBudgetMs: number;
  /** Where results.json and RESULTS.md go; nothing is written when undefined. */
  readonly outDir: string | undefined;
  /** Keep the generated store folder (its path is logged). */
  readonly keepStore: boolean;
  /** Node flags for Winwin's process, e.g. ['--cpu-prof', '--cpu-prof-dir=/tmp/prof']. */
  readonly nodeFlags: readonly string[];
  /**
   * The two servers' scripts, relative to the repository root. `npm run bench` builds and passes the
   * bundles (dist/bench/*.js), so both start as production does; by default (the smoke test, which
   * must not need a build) the TypeScript sources run under tsx.
   */
  readonly servers?: BenchServers;
  /**
   * A PostgreSQL server (postgres://…) to run on instead of the JSON file: the bench creates a
   * database of its own there and drops it afterwards (`npm run bench -- --store postgres`).
   */
  readonly postgresServer?: string;
  readonly log: (line: string) => void;
}

export interface BenchServers {
  readonly winwin: string;
  readonly bare: string;
}

export const TSX_SERVERS: BenchServers = { winwin: 'bench/server-winwin.ts', bare: 'bench/server-bare.ts' };

/** How the servers were started, for the report. */
const runtimeOf = (servers: BenchServers): string =>
  needsTsx(servers.winwin) ? 'TypeScript under tsx' : 'node on esbuild bundles';

/** Status is asked by an editor, who sees every contributor's name (the larger reply). */
const STATUS_USER = BENCH_USERS.editors[0];

const round = (x: number, digits = 2): number => Math.round(x * 10 ** digits) / 10 ** digits;

/** The start of a reply's text fallback (or its HTTP status), to show what a server answered. */
const replyOf = (res: BenchResponse): string => {
  let text: unknown;
  if (res.contentType.includes('json')) text = (JSON.parse(res.body) as { text?: unknown }).text;
  const shown = typeof text === 'string' ? text : res.body === '' ? '(empty ack)' : res.body;
  return `${res.status === 200 ? '' : `HTTP ${res.status}: `}${shown.replace(/\s+/g, ' ').slice(0, 120)}`;
};

const expectOk = (res: BenchResponse, what: string): BenchResponse => {
  if (res.status !== 200) throw new Error(`${what}: HTTP ${res.status} ${res.body.slice(0, 200)}`);
  return res;
};

interface Target {
  readonly name: string;
  readonly client: BenchClient;
  readonly server: ServerProcess;
}

/** CPU ms the server spent per request while `run` ran (null where /proc is not available). */
const cpuPerRequest = async <T>(
  server: ServerProcess,
  run: () => Promise<T>,
  count: (value: T) => number,
): Promise<{ value: T; cpuMs: number | null }> => {
  const before = server.cpuMs();
  const value = await run();
  const after = server.cpuMs();
  const n = count(value);
  return {
    value,
    cpuMs: before === undefined || after === undefined || n === 0 ? null : round((after - before) / n, 3),
  };
};

/** Fewest requests a phase makes before its time budget may stop it. */
const MIN_REQUESTS = 20;

/**
 * `count` sequential commands, alternating between the targets so that both see the same machine.
 * Stops early once `budgetMs` is spent (after MIN_REQUESTS), so a slow server cannot stall the run.
 */
const alternate = async (
  targets: readonly [Target, Target],
  text: string,
  count: number,
  budgetMs: number,
  responseUrl: () => string,
): Promise<{
  samples: [number[], number[]];
  first: BenchResponse | undefined;
  bareFirst: BenchResponse | undefined;
}> => {
  const samples: [number[], number[]] = [[], []];
  let first: BenchResponse | undefined;
  let bareFirst: BenchResponse | undefined;
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    if (i >= MIN_REQUESTS && performance.now() - start > budgetMs) break;
    for (const [index, target] of targets.entries()) {
      const { ms, value } = await timed(() => target.client.command(text, STATUS_USER, responseUrl()));
      expectOk(value, `${target.name} /winwin ${text}`);
      if (index === 0) first ??= value;
      else bareFirst ??= value;
      samples[index]?.push(ms);
    }
  }
  return { samples, first, bareFirst };
};

const compare = async (
  winwin: Target,
  bare: Target,
  text: string,
  options: BenchOptions,
  fake: SlackFake,
): Promise<Comparison> => {
  await alternate([winwin, bare], text, options.warmup, options.phaseBudgetMs / 10, () => fake.responseUrl());
  const winwinBefore = winwin.server.cpuMs();
  const { value, cpuMs: bareCpu } = await cpuPerRequest(
    bare.server,
    () =>
      alternate([winwin, bare], text, options.statusRequests, options.phaseBudgetMs, () =>
        fake.responseUrl(),
      ),
    (run) => run.samples[1].length,
  );
  const winwinAfter = winwin.server.cpuMs();
  const { samples, first, bareFirst } = value;
  const w = summarize(samples[0]);
  const b = summarize(samples[1]);
  const winwinCpu =
    winwinBefore === undefined || winwinAfter === undefined
      ? null
      : round((winwinAfter - winwinBefore) / w.count, 3);
  return {
    winwin: w,
    bare: b,
    ratioMedian: round(w.median / b.median, 3),
    ratioP99: round(w.p99 / b.p99, 3),
    requested: options.statusRequests,
    cpuPerRequestMs: { winwin: winwinCpu, bare: bareCpu },
    reply: first === undefined ? '' : replyOf(first),
    replyBytes: {
      winwin: first === undefined ? 0 : Buffer.byteLength(first.body),
      bare: bareFirst === undefined ? 0 : Buffer.byteLength(bareFirst.body),
    },
  };
};

/**
 * `clients` concurrent loops of `perClient` sequential commands each; every latency and the wall time.
 * A client sends no more once `budgetMs` is spent.
 */
const concurrently = async (
  clients: number,
  perClient: number,
  budgetMs: number,
  send: (client: number, n: number) => Promise<BenchResponse>,
): Promise<{ latencies: number[]; wallMs: number; acked: number; first: BenchResponse | undefined }> => {
  const latencies: number[] = [];
  let acked = 0;
  let first: BenchResponse | undefined;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      for (let n = 0; n < perClient; n++) {
        if (performance.now() - start > budgetMs) break;
        const { ms, value } = await timed(() => send(client, n));
        latencies.push(ms);
        first ??= value;
        if (value.status === 200) acked++;
      }
    }),
  );
  return { latencies, wallMs: performance.now() - start, acked, first };
};

/** Mutations per durable write, from the `store stats {…}` line the Winwin server logs as it stops. */
const groupCommitOf = (stderr: string): number | null => {
  const line = stderr
    .split('\n')
    .reverse()
    .find((l) => l.startsWith('store stats '));
  if (line === undefined) return null;
  const { writes, mutations } = JSON.parse(line.slice('store stats '.length)) as StoreStats;
  return writes === 0 ? null : round(mutations / writes, 1);
};

/** Sizes of the store's files in MB: the main file, write-ahead log segments (none since format 3), the events file. */
const storeFiles = async (dbPath: string): Promise<StoreFiles> => {
  const { name } = path.parse(dbPath);
  const archive = path.basename(eventsPathOf(dbPath));
  let main = 0;
  let log = 0;
  let archived = 0;
  for (const file of await readdir(path.dirname(dbPath))) {
    const size = (await stat(path.join(path.dirname(dbPath), file))).size / 2 ** 20;
    if (file === path.basename(dbPath)) main += size;
    else if (file === archive) archived += size;
    else if (file.startsWith(`${name}.wal.`)) log += size;
  }
  return { mainMb: round(main), walMb: round(log), archiveMb: round(archived) };
};

/**
 * The whole benchmark (issue 6): builds the store, starts Winwin and a bare Bolt app in their own
 * processes against the loopback Slack fake, measures, and reports. Resolves with the figures.
 */
export const runBench = async (options: BenchOptions): Promise<BenchResults> => {
  const log = options.log;
  const scripts = options.servers ?? TSX_SERVERS;
  const began = performance.now();
  const loadAtStart = currentLoad();
  const dir = await mkdtemp(path.join(tmpdir(), 'winwin-bench-'));
  const dbPath = path.join(dir, 'winwin.json');
  const database =
    options.postgresServer === undefined ? undefined : await createBenchDatabase(options.postgresServer);
  // Where the store is: the JSON file, or the bench's own PostgreSQL database.
  const where = database?.url ?? dbPath;
  const filesOf = async (): Promise<StoreFiles> =>
    database === undefined
      ? storeFiles(dbPath)
      : { mainMb: round(await databaseSizeMb(database.url)), walMb: 0, archiveMb: 0 };
  const servers: ServerProcess[] = [];
  const httpClients: BenchClient[] = [];
  let fake: SlackFake | undefined;
  try {
    log(`Generating ${JSON.stringify(options.sizes)} (seed ${options.seed})…`);
    const generated = await timed(async () => generateStore(options.sizes, options.seed));
    const { state, events } = generated.value;
    const imported = await timed(async () => {
      const store = await openAnyStore(where);
      try {
        await store.replaceAll(state, events);
      } finally {
        await store.close();
      }
    });
    const storeFigures = {
      generateMs: Math.round(generated.ms),
      importMs: Math.round(imported.ms),
      filesAfterImport: await filesOf(),
    };
    log(
      `Store written in ${storeFigures.importMs} ms: ${JSON.stringify(storeFigures.filesAfterImport)} (${dir})`,
    );

    const sector = state.sectors[0]?.name ?? 'autos';
    const program =
      state.programs.find((p) => p.sector === sector && p.status === 'launched') ??
      state.programs.find((p) => p.status !== 'closed');
    if (program === undefined) throw new Error('the generated store has no open program');
    const pledgesBefore = state.pledges.length;

    fake = await startSlackFake();
    const signingSecret = randomBytes(16).toString('hex');
    const env = {
      SLACK_BOT_TOKEN: 'xoxb-bench-token',
      SLACK_SIGNING_SECRET: signingSecret,
      SLACK_API_URL: fake.url,
      SLACK_APP_TOKEN: '',
      WINWIN_DB: dbPath,
      ...(database === undefined ? {} : { WINWIN_DATABASE_URL: database.url }),
      WINWIN_ADMINS: BENCH_USERS.admin,
      WINWIN_EDITORS: BENCH_USERS.editors.join(','),
      WINWIN_LOCALE: 'en',
      PORT: '0',
    };
    const clientFor = (server: ServerProcess): BenchClient => {
      const client = createBenchClient({ baseUrl: server.url, signingSecret, teamId: fake?.teamId ?? 'T0' });
      httpClients.push(client);
      return client;
    };
    const firstAnswer = async (server: ServerProcess): Promise<number> => {
      const res = await clientFor(server).command(`status ${sector}`, STATUS_USER, fake?.responseUrl() ?? '');
      expectOk(res, `${server.name}: first /winwin status ${sector}`);
      return performance.now() - server.spawnedAt;
    };

    log(`Servers run as ${runtimeOf(scripts)}.`);
    const coldMs: number[] = [];
    const readyMs: number[] = [];
    const phases: Record<string, number>[] = [];
    let winwinServer: ServerProcess | undefined;
    for (let i = 0; i < options.coldStarts; i++) {
      const server = await spawnServer('winwin', {
        script: scripts.winwin,
        env,
        nodeFlags: options.nodeFlags,
      });
      servers.push(server);
      coldMs.push(await firstAnswer(server));
      readyMs.push(server.readyAt - server.spawnedAt);
      phases.push(Object.fromEntries(Object.entries(server.phases).map(([k, v]) => [k, Math.round(v)])));
      log(
        `Winwin cold start ${i + 1}: ${Math.round(coldMs.at(-1) ?? 0)} ms to first answer ` +
          `(${Object.entries(phases.at(-1) ?? {})
            .map(([k, v]) => `${k} ${v}`)
            .join(', ')} ms)`,
      );
      if (i < options.coldStarts - 1) await server.stop();
      else winwinServer = server;
    }
    if (winwinServer === undefined) throw new Error('coldStarts must be at least 1');
    const bareServer = await spawnServer('bare', { script: scripts.bare, env });
    servers.push(bareServer);
    const bareCold = await firstAnswer(bareServer);
    log(`Bare Bolt cold start: ${Math.round(bareCold)} ms`);

    const winwin: Target = { name: 'winwin', client: clientFor(winwinServer), server: winwinServer };
    const bare: Target = { name: 'bare', client: clientFor(bareServer), server: bareServer };

    log(`status ${sector}: ${options.statusRequests} sequential requests per server…`);
    const statusSector = await compare(winwin, bare, `status ${sector}`, options, fake);
    log(`status (all): ${options.statusRequests} sequential requests per server…`);
    const statusAll = await compare(winwin, bare, 'status', options, fake);

    const { pledgeClients: clients, pledgesPerClient: perClient } = options;
    log(`quick pledges: ${clients} concurrent clients × ${perClient}…`);
    const editors = BENCH_USERS.editors;
    const responseUrl = () => fake?.responseUrl() ?? '';
    const pledgeText = (client: number, n: number): string =>
      `pledge ${program.slug} ${1 + ((client * perClient + n) % 50)}억 "Bench Corp ${client}-${n}"`;
    // Open the clients' connections first: a burst of 50 new connections can lose SYNs and add a 1 s
    // retransmit to the first requests, which would measure TCP set-up rather than the servers.
    for (const target of [winwin, bare])
      await Promise.all(
        Array.from({ length: clients }, () => target.client.command('help', STATUS_USER, responseUrl())),
      );
    const pledgePhase = (server: typeof winwinServer, target: typeof winwin) =>
      cpuPerRequest(
        server,
        () =>
          concurrently(clients, perClient, options.phaseBudgetMs, (client, n) =>
            target.client.command(
              pledgeText(client, n),
              editors[client % editors.length] as string,
              responseUrl(),
            ),
          ),
        (run) => run.latencies.length,
      );
    const pledgeRun = await pledgePhase(winwinServer, winwin);
    const bareRun = await pledgePhase(bareServer, bare);

    const peakRssMb = {
      winwin: (() => {
        const mb = winwinServer.peakRssMb();
        return mb === undefined ? null : round(mb, 1);
      })(),
      bare: (() => {
        const mb = bareServer.peakRssMb();
        return mb === undefined ? null : round(mb, 1);
      })(),
    };
    for (const server of servers) await server.stop();
    const perGroupCommit = groupCommitOf(winwinServer.stderrTail());

    const after = await openAnyStore(where);
    const stored = after.read().pledges.length - pledgesBefore;
    await after.close();

    const sent = pledgeRun.value.latencies.length;
    const pledges: PledgeFigures = {
      clients,
      perClient,
      requested: clients * perClient,
      sent,
      acked: pledgeRun.value.acked,
      stored,
      latency: summarize(pledgeRun.value.latencies),
      perSecond: round(sent / (pledgeRun.value.wallMs / 1000), 1),
      wallMs: Math.round(pledgeRun.value.wallMs),
      bare: summarize(bareRun.value.latencies),
      cpuPerRequestMs: { winwin: pledgeRun.cpuMs, bare: bareRun.cpuMs },
      perGroupCommit,
      reply: pledgeRun.value.first === undefined ? '' : replyOf(pledgeRun.value.first),
    };
    const sortedCold = [...coldMs].sort((a, b) => a - b);
    const partial = {
      machine: machineInfo(loadAtStart),
      mode: options.mode,
      sizes: options.sizes,
      seed: options.seed,
      store: { ...storeFigures, filesAfterRun: await filesOf() },
      subjects: { sector, program: program.slug },
      statusSector,
      statusAll,
      pledges,
      coldStart: {
        winwinMs: coldMs.map((x) => Math.round(x)),
        winwinMedianMs: Math.round(sortedCold[Math.floor((sortedCold.length - 1) / 2)] ?? Number.NaN),
        winwinReadyMs: readyMs.map((x) => Math.round(x)),
        winwinPhases: phases,
        bareMs: Math.round(bareCold),
        runtime: runtimeOf(scripts),
      },
      peakRssMb,
    };
    const results: BenchResults = {
      ...partial,
      targets: checkTargets(partial),
      totalMs: Math.round(performance.now() - began),
    };

    log('');
    log(textTable(tableRows(results)));
    log('');
    log(
      `Winwin answered status ${sector} with: ${statusSector.reply} (${statusSector.replyBytes.winwin} bytes)`,
    );
    log(`Winwin answered status with: ${statusAll.reply}`);
    log(`Winwin answered the first pledge with: ${pledges.reply}`);
    log(
      `Requests: status <sector> ${planned(statusSector.winwin.count, statusSector.requested)}, ` +
        `status ${planned(statusAll.winwin.count, statusAll.requested)} per server; ` +
        `pledges ${planned(sent, pledges.requested)} sent, ${pledges.acked} acknowledged, ${stored} new in the store.`,
    );
    log(
      `Load average: ${results.machine.loadAverage.start} at the start, ${results.machine.loadAverage.end} at the end.`,
    );
    log('');
    for (const line of targetLines(results.targets)) log(line);
    if (options.outDir !== undefined) {
      await mkdir(options.outDir, { recursive: true });
      // PostgreSQL's figures go beside the JSON file's, not over them.
      const suffix = database === undefined ? '' : '-postgres';
      const json = `results${suffix}.json`;
      const md = `RESULTS${suffix}.md`;
      const heading =
        database === undefined
          ? ''
          : "> Store: PostgreSQL (`npm run bench -- --store postgres`); the JSON file's figures are in RESULTS.md.\n\n";
      await writeFile(path.join(options.outDir, json), `${JSON.stringify(results, null, 2)}\n`);
      await writeFile(path.join(options.outDir, md), heading + markdownReport(results));
      log(`\nWrote ${path.join(options.outDir, json)} and ${md} (${results.totalMs} ms in all).`);
    }
    return results;
  } finally {
    for (const client of httpClients) client.close();
    for (const server of servers) await server.stop().catch(() => undefined);
    await fake?.close();
    if (database !== undefined && !options.keepStore) await database.drop().catch(() => undefined);
    if (options.keepStore) log(`Store kept in ${dir}${database === undefined ? '' : ` and ${database.url}`}`);
    else await rm(dir, { recursive: true, force: true });
  }
};
