import { cpus, loadavg, totalmem } from 'node:os';
import type { StoreSizes } from './generate.js';
import { type LatencySummary, round2 } from './measure.js';

export interface Machine {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGb: number;
  readonly node: string;
  readonly platform: string;
  readonly date: string;
  /** 1-minute load average when the run started and ended: a busy machine inflates every figure. */
  readonly loadAverage: { readonly start: number; readonly end: number };
}

export const currentLoad = (): number => Math.round((loadavg()[0] ?? 0) * 100) / 100;

export const machineInfo = (loadAtStart: number, now = new Date()): Machine => ({
  cpu: cpus()[0]?.model.trim() ?? 'unknown',
  cores: cpus().length,
  memoryGb: Math.round((totalmem() / 2 ** 30) * 10) / 10,
  node: process.version,
  platform: `${process.platform}-${process.arch}`,
  date: now.toISOString(),
  loadAverage: { start: loadAtStart, end: currentLoad() },
});

export interface StoreFiles {
  readonly mainMb: number;
  readonly walMb: number;
  readonly archiveMb: number;
}

export interface CpuPerRequest {
  readonly winwin: number | null;
  readonly bare: number | null;
}

/** Winwin against the bare Bolt app on the same requests. */
export interface Comparison {
  readonly winwin: LatencySummary;
  readonly bare: LatencySummary;
  readonly ratioMedian: number;
  readonly ratioP99: number;
  /** Requests planned per server; more than `winwin.count` when the time budget cut the phase short. */
  readonly requested: number;
  /** Server CPU time (user + system) per request, ms: what each answer costs, whatever the machine's load. */
  readonly cpuPerRequestMs: CpuPerRequest;
  /** The start of what Winwin answered (its text fallback), to see that it ran the real command. */
  readonly reply: string;
  /** Size of the first answers' bodies (UTF-8 bytes): what Slack receives per status reply. */
  readonly replyBytes: { readonly winwin: number; readonly bare: number };
}

export interface PledgeFigures {
  readonly clients: number;
  readonly perClient: number;
  readonly requested: number;
  /** Sent before the time budget ran out (all of `requested` unless the phase was cut short). */
  readonly sent: number;
  /** Answered with HTTP 200. */
  readonly acked: number;
  /** Pledges found in the store afterwards that were not there before (acked means durable). */
  readonly stored: number;
  readonly latency: LatencySummary;
  readonly perSecond: number;
  readonly wallMs: number;
  /** The bare app's ack latency under the same load, for reference. */
  readonly bare: LatencySummary;
  readonly cpuPerRequestMs: CpuPerRequest;
  /** Mutations per durable write of the Winwin server's store over its life (group commit), when it said. */
  readonly perGroupCommit: number | null;
  readonly reply: string;
}

export interface ColdStart {
  /** Spawn to first answered `/winwin status <sector>`, each start of Winwin. */
  readonly winwinMs: readonly number[];
  readonly winwinMedianMs: number;
  /** Spawn to "listening" of those starts. */
  readonly winwinReadyMs: readonly number[];
  /**
   * Where each start's time went (ms): boot (process start to the script's first line: node, plus
   * tsx or reading and compiling the bundle), imports, openStore, listen.
   */
  readonly winwinPhases: readonly Readonly<Record<string, number>>[];
  readonly bareMs: number;
  /** How both servers were started, e.g. "node on esbuild bundles" or "TypeScript under tsx". */
  readonly runtime: string;
}

export interface TargetCheck {
  readonly name: string;
  readonly target: string;
  readonly actual: string;
  readonly met: boolean;
  /** How far from the limit, e.g. "12% under" or "35% over". */
  readonly margin: string;
}

export interface BenchResults {
  readonly machine: Machine;
  readonly mode: 'full' | 'small' | 'scaled';
  readonly sizes: StoreSizes;
  readonly seed: number;
  readonly store: {
    readonly generateMs: number;
    readonly importMs: number;
    readonly filesAfterImport: StoreFiles;
    /** After the run's pledges: the main file must not grow with history (events go to the events file). */
    readonly filesAfterRun: StoreFiles;
  };
  /** The sector and program the requests name. */
  readonly subjects: { readonly sector: string; readonly program: string };
  readonly statusSector: Comparison;
  readonly statusAll: Comparison;
  readonly pledges: PledgeFigures;
  readonly coldStart: ColdStart;
  readonly peakRssMb: { readonly winwin: number | null; readonly bare: number | null };
  readonly targets: readonly TargetCheck[];
  readonly totalMs: number;
}

const check = (name: string, actual: number, limit: number, unit: string): TargetCheck => {
  const met = actual <= limit;
  const off = Math.abs(actual / limit - 1) * 100;
  return {
    name,
    target: `≤ ${limit}${unit}`,
    actual: `${round2(actual)}${unit}`,
    met,
    margin: `${off.toFixed(0)}% ${met ? 'under' : 'over'}`,
  };
};

export const checkTargets = (r: Omit<BenchResults, 'targets' | 'totalMs'>): TargetCheck[] => [
  check('status <sector> median vs bare', r.statusSector.ratioMedian, 1.3, '×'),
  check('status <sector> p99 vs bare', r.statusSector.ratioP99, 2, '×'),
  check('status (all) median vs bare', r.statusAll.ratioMedian, 1.3, '×'),
  check('status (all) p99 vs bare', r.statusAll.ratioP99, 2, '×'),
  check("status <sector> reply size (an editor's)", r.statusSector.replyBytes.winwin / 1024, 12, ' KB'),
  check('quick pledge p99 at 50 concurrent', r.pledges.latency.p99, 50, ' ms'),
  check('cold start (median)', r.coldStart.winwinMedianMs, 2000, ' ms'),
  check('peak RSS', r.peakRssMb.winwin ?? Number.NaN, 300, ' MB'),
];

const ms = (x: number): string => round2(x).toFixed(2);
const ratio = (x: number): string => `${x.toFixed(2)}×`;

const latencyRows = (label: string, c: Comparison): string[][] => [
  [`${label}: median`, ms(c.winwin.median), ms(c.bare.median), ratio(c.ratioMedian)],
  [`${label}: p99`, ms(c.winwin.p99), ms(c.bare.p99), ratio(c.ratioP99)],
];

const cpuRow = (label: string, cpu: CpuPerRequest): string[] => [
  label,
  cpu.winwin?.toFixed(2) ?? 'n/a',
  cpu.bare?.toFixed(2) ?? 'n/a',
  cpu.winwin !== null && cpu.bare !== null && cpu.bare > 0 ? ratio(cpu.winwin / cpu.bare) : '',
];

/** The figures as rows: what, Winwin, bare Bolt, ratio. */
export const tableRows = (r: BenchResults): string[][] => [
  ['measure', 'Winwin', 'bare Bolt', 'ratio'],
  ...latencyRows('status <sector> ack (ms)', r.statusSector),
  ...latencyRows('status (all) ack (ms)', r.statusAll),
  cpuRow('status <sector> server CPU per request (ms)', r.statusSector.cpuPerRequestMs),
  cpuRow('status (all) server CPU per request (ms)', r.statusAll.cpuPerRequestMs),
  [
    'status <sector> reply (bytes)',
    String(r.statusSector.replyBytes.winwin),
    String(r.statusSector.replyBytes.bare),
    '',
  ],
  [
    'status (all) reply (bytes)',
    String(r.statusAll.replyBytes.winwin),
    String(r.statusAll.replyBytes.bare),
    '',
  ],
  ['quick pledge ack, p50 (ms)', ms(r.pledges.latency.median), ms(r.pledges.bare.median), ''],
  ['quick pledge ack, p99 (ms)', ms(r.pledges.latency.p99), ms(r.pledges.bare.p99), ''],
  cpuRow('quick pledge server CPU per request (ms)', r.pledges.cpuPerRequestMs),
  ['quick pledges per second', r.pledges.perSecond.toFixed(0), '', ''],
  ['mutations per group commit', r.pledges.perGroupCommit?.toFixed(1) ?? 'n/a', '', ''],
  ['cold start to first answer (ms)', ms(r.coldStart.winwinMedianMs), ms(r.coldStart.bareMs), ''],
  [
    'peak RSS (MB)',
    r.peakRssMb.winwin?.toFixed(1) ?? 'n/a',
    r.peakRssMb.bare?.toFixed(1) ?? 'n/a',
    r.peakRssMb.winwin !== null && r.peakRssMb.bare !== null
      ? ratio(r.peakRssMb.winwin / r.peakRssMb.bare)
      : '',
  ],
];

/** A plain-text table for the terminal. */
export const textTable = (rows: readonly (readonly string[])[]): string => {
  const widths = (rows[0] ?? []).map((_, col) => Math.max(...rows.map((row) => (row[col] ?? '').length)));
  return rows
    .map((row) =>
      row
        .map((cell, col) => (col === 0 ? cell.padEnd(widths[col] ?? 0) : cell.padStart(widths[col] ?? 0)))
        .join('  '),
    )
    .join('\n');
};

/** `<sector>` would be read as an HTML tag and vanish. */
const escapeHtml = (text: string): string => text.replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * A markdown table laid out the way Biome formats one (cells padded to the column's width), so the
 * generated RESULTS.md passes `npm run lint`. `right` marks the right-aligned columns.
 */
const markdownTable = (rows: readonly (readonly string[])[], right: readonly boolean[]): string => {
  const cells = rows.map((row) => row.map(escapeHtml));
  const widths = (cells[0] ?? []).map((_, col) =>
    Math.max(3, ...cells.map((row) => (row[col] ?? '').length)),
  );
  const line = (row: readonly string[]): string =>
    `| ${row.map((cell, col) => (right[col] ? cell.padStart(widths[col] ?? 0) : cell.padEnd(widths[col] ?? 0))).join(' | ')} |`;
  const rule = `| ${widths.map((w, col) => (right[col] ? `${'-'.repeat(w - 1)}:` : '-'.repeat(w))).join(' | ')} |`;
  const [head, ...body] = cells;
  return head === undefined ? '' : [line(head), rule, ...body.map(line)].join('\n');
};

export const targetLines = (targets: readonly TargetCheck[]): string[] =>
  targets.map(
    (t) => `${t.met ? 'met   ' : 'MISSED'}  ${t.name}: ${t.actual} (target ${t.target}; ${t.margin})`,
  );

const files = (f: StoreFiles): string =>
  `main file ${f.mainMb.toFixed(1)} MB, log ${f.walMb.toFixed(1)} MB, events file ${f.archiveMb.toFixed(1)} MB`;

/** "1000", or "212 (of 1000 planned: the phase's time budget ran out)". */
export const planned = (done: number, requested: number): string =>
  done >= requested ? String(done) : `${done} (of ${requested} planned: the phase's time budget ran out)`;

/** bench/RESULTS.md: the table, the targets, the machine and how the store was built. */
export const markdownReport = (r: BenchResults): string => {
  const m = r.machine;
  const s = r.sizes;
  return [
    '# Benchmark results',
    '',
    `Latest \`npm run bench\` (${r.mode} mode), ${m.date.slice(0, 10)}, on ${m.cpu} (${m.cores} cores, ` +
      `${m.memoryGb} GB), Node ${m.node}, ${m.platform}.`,
    '',
    `Store: ${s.sectors} sectors, ${s.programs} programs, ${s.pledges.toLocaleString('en')} pledges, ` +
      `${s.events.toLocaleString('en')} events (seed ${r.seed}), built by the real domain mutations and ` +
      `written through the store (${files(r.store.filesAfterImport)}; after the run: ` +
      `${files(r.store.filesAfterRun)}). Each server runs in its own process over HTTP; requests are ` +
      "signed like Slack's and timed from send to acknowledgement.",
    '',
    markdownTable(tableRows(r), [false, true, true, true]),
    '',
    `Load average (1 min) ${m.loadAverage.start} at the start, ${m.loadAverage.end} at the end.`,
    '',
    `Requests: status &lt;sector&gt; ${planned(r.statusSector.winwin.count, r.statusSector.requested)} and ` +
      `status (all) ${planned(r.statusAll.winwin.count, r.statusAll.requested)} sequential per server ` +
      '(alternating Winwin and bare, after a warm-up); ' +
      `quick pledges ${r.pledges.clients} concurrent clients × ${r.pledges.perClient}, ` +
      `${planned(r.pledges.sent, r.pledges.requested)} sent ` +
      `(${r.pledges.acked} acknowledged, ${r.pledges.stored} new pledges found in the store afterwards); ` +
      `cold start (both servers run as ${r.coldStart.runtime}): ${r.coldStart.winwinMs.map((x) => `${Math.round(x)} ms`).join(', ')} over ${r.coldStart.winwinMs.length} start(s)` +
      ` (last start: ${Object.entries(r.coldStart.winwinPhases.at(-1) ?? {})
        .map(([k, v]) => `${k} ${v} ms`)
        .join(', ')}).`,
    '',
    '## Targets',
    '',
    markdownTable(
      [
        ['target', 'limit', 'actual', ''],
        ...r.targets.map((t) => [t.name, t.target, t.actual, `${t.met ? 'met' : '**missed**'}, ${t.margin}`]),
      ],
      [false, true, true, false],
    ),
    '',
    'Why a target is missed, where the time goes (profiles) and what would close it: bench/ANALYSIS.md.',
    '',
  ].join('\n');
};
