/**
 * Reports: the paper's tables as Markdown (and as aligned plain text for the terminal), side-by-side
 * comparisons of runs, and the accuracy-by-step plots they link to.
 *
 * - Table 1 (fidelity): rows = world models/runs, columns = environments, single-step EM % with one
 *   decimal, then a word-F1 column for StableToolBench when it is present ("STB F1").
 * - Table 2 (consistency): one table per world model; rows = agents plus an Average row, columns =
 *   Real / WM / W2R / CR per environment (rates with two decimals, CR with two decimals).
 * - Comparisons: runs side by side (#1, #2, …) with differences against #1.
 * Missing values print as "—". Table builders are pure; writeReport writes report.md and plots/.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { stepAccuracySvg, type StepCurve } from "./plot-svg.js";
import { pngAvailable, svgToPng } from "./png.js";
import type { CollectResults, Results, RolloutEvalResults, StepEvalResults } from "./results.js";

export interface Table {
  title?: string;
  header: string[];
  rows: string[][];
  /** Per column; default: the first column left, the others right. */
  align?: ("left" | "right")[];
  /** Lines printed under the table (e.g. what #1, #2 stand for). */
  notes?: string[];
}

const DASH = "—";

// ---------------------------------------------------------------------------------------------------
// Environment names

const ENV_DISPLAY: Record<string, string> = {
  alfworld: "ALFWorld",
  sciworld: "SciWorld",
  scienceworld: "SciWorld",
  textworld: "TextWorld",
  webshop: "WebShop",
  stabletoolbench: "STB",
  "stable-toolbench": "STB",
  stb: "STB",
};
const ENV_ORDER = [
  "alfworld",
  "sciworld",
  "scienceworld",
  "textworld",
  "webshop",
  "stabletoolbench",
  "stable-toolbench",
  "stb",
];

/** The paper's column name of an environment ("alfworld" → "ALFWorld"); unknown names are kept. */
export function envDisplayName(env: string): string {
  return ENV_DISPLAY[env.toLowerCase()] ?? env;
}

/** The paper's order (ALFWorld, SciWorld, TextWorld, WebShop, STB), then others alphabetically. */
export function sortEnvs(envs: Iterable<string>): string[] {
  const rank = (e: string) => {
    const i = ENV_ORDER.indexOf(e.toLowerCase());
    return i < 0 ? ENV_ORDER.length : i;
  };
  return [...new Set(envs)].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

/** Environments whose word F1 is reported beside EM (StableToolBench). */
export function reportsF1(env: string): boolean {
  return envDisplayName(env) === "STB";
}

// ---------------------------------------------------------------------------------------------------
// Formatting

/**
 * Fixed-point text as Python's f"{v:.{digits}f}" writes it: exact ties round half to even (1.125 →
 * "1.12"), where JavaScript's toFixed rounds them up ("1.13"). Missing values print as "—".
 */
export function fmtFixed(v: number | null | undefined, digits: number): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return DASH;
  const up = v.toFixed(digits);
  // toFixed with many digits is the exact decimal expansion for any value a table shows.
  const full = v.toFixed(Math.min(100, digits + 60));
  const cut = full.indexOf(".") + (digits > 0 ? digits + 1 : 0);
  if (!/^50*$/.test(full.slice(cut + (digits > 0 ? 0 : 1)))) return up;
  const truncated = full.slice(0, cut);
  return Number(truncated.at(-1)) % 2 === 0 ? truncated : up;
}
const pct1 = (v: number | null | undefined) => fmtFixed(v, 1);
const pct2 = (v: number | null | undefined) => fmtFixed(v, 2);
function delta(v: number | null | undefined, base: number | null | undefined, digits: number): string {
  if (v === null || v === undefined || base === null || base === undefined) return DASH;
  const d = v - base;
  const s = d.toFixed(digits);
  return d > 0 && Number(s) !== 0 ? `+${s}` : Number(s) === 0 ? (0).toFixed(digits) : s;
}

export function fmtSeconds(s: number): string {
  if (s < 60) return `${s.toFixed(1)} s`;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = Math.floor(s % 60);
  const two = (n: number) => String(n).padStart(2, "0");
  return h > 0 ? `${h}h ${two(m)}m ${two(sec)}s` : `${m}m ${two(sec)}s`;
}

/** A run's name in tables and legends: its label, else "<model> <mode> (<shots>)". */
export function runLabel(r: Results): string {
  if (r.label) return r.label;
  if (r.kind === "collect") return `collect ${r.env}/${r.split}`;
  return `${r.wm} ${r.mode}${r.shots > 0 ? ` (${r.shots})` : ""}`;
}

// ---------------------------------------------------------------------------------------------------
// Renderers

const cellText = (s: string) => s.replace(/\r\n|[\r\n]/g, " ");

export function markdownTable(t: Table): string {
  const n = t.header.length;
  const align = (i: number) => t.align?.[i] ?? (i === 0 ? "left" : "right");
  const md = (s: string) => cellText(s).replace(/\\/g, "\\\\").replace(/\|/g, "\\|");
  const line = (cells: readonly string[]) =>
    `| ${Array.from({ length: n }, (_, i) => md(cells[i] ?? "")).join(" | ")} |`;
  const out: string[] = [];
  if (t.title) out.push(`**${t.title}**`, "");
  out.push(line(t.header));
  out.push(`|${Array.from({ length: n }, (_, i) => (align(i) === "right" ? " ---: " : " --- ")).join("|")}|`);
  for (const r of t.rows) out.push(line(r));
  if (t.notes?.length) out.push("", ...t.notes.map((s) => `${s}  `));
  return out.join("\n") + "\n";
}

const width = (s: string) => [...s].length;

/** Aligned plain-text columns for a terminal. */
export function textTable(t: Table): string {
  const n = t.header.length;
  const rows = [t.header, ...t.rows].map((r) => Array.from({ length: n }, (_, i) => cellText(r[i] ?? "")));
  const widths = Array.from({ length: n }, (_, i) => Math.max(...rows.map((r) => width(r[i]!))));
  const align = (i: number) => t.align?.[i] ?? (i === 0 ? "left" : "right");
  const pad = (s: string, i: number) => {
    const fill = " ".repeat(widths[i]! - width(s));
    return align(i) === "right" ? fill + s : s + fill;
  };
  const line = (r: string[]) => r.map(pad).join("  ").trimEnd();
  const out: string[] = [];
  if (t.title) out.push(t.title);
  out.push(line(rows[0]!));
  out.push(widths.map((w) => "-".repeat(w)).join("  "));
  for (const r of rows.slice(1)) out.push(line(r));
  if (t.notes?.length) out.push(...t.notes);
  return out.join("\n") + "\n";
}

// ---------------------------------------------------------------------------------------------------
// Tables

/** Table 1: EM % by environment, one row per run; F1 columns for StableToolBench. */
export function table1(results: readonly StepEvalResults[]): Table {
  const envs = sortEnvs(results.flatMap((r) => Object.keys(r.metrics.perEnv)));
  const f1Envs = envs.filter(reportsF1);
  return {
    title: "Single-step exact match (EM %)",
    header: ["World model", ...envs.map(envDisplayName), ...f1Envs.map((e) => `${envDisplayName(e)} F1`)],
    rows: results.map((r) => [
      runLabel(r),
      ...envs.map((e) => pct1(r.metrics.perEnv[e]?.em)),
      ...f1Envs.map((e) => pct1(r.metrics.perEnv[e]?.f1)),
    ]),
  };
}

/** Column keys of a group of rollout results: the environment, then the split, then #n if repeated. */
function rolloutColumns(results: readonly RolloutEvalResults[]): string[] {
  const names = results.map((r) => envDisplayName(r.env));
  const withSplit = results.map((r, i) =>
    names.filter((n) => n === names[i]).length > 1 ? `${names[i]} ${r.split}` : names[i]!,
  );
  return withSplit.map((n, i) =>
    withSplit.filter((m) => m === n).length > 1
      ? `${n} #${withSplit.slice(0, i + 1).filter((m) => m === n).length}`
      : n,
  );
}

const byEnvOrder = (a: RolloutEvalResults, b: RolloutEvalResults) => {
  const order = sortEnvs([a.env, b.env]);
  return a.env === b.env ? 0 : order[0] === a.env ? -1 : 1;
};

/** Table 2: one table per world model; rows = agents and an Average row; Real/WM/W2R/CR per env. */
export function table2(results: readonly RolloutEvalResults[]): Table[] {
  const groups = new Map<string, RolloutEvalResults[]>();
  for (const r of results) {
    const key = `${r.wm}\n${r.mode}\n${r.shots}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return [...groups.values()].map((unsorted) => {
    const group = [...unsorted].sort(byEnvOrder);
    const cols = rolloutColumns(group);
    const agents = [...new Set(group.flatMap((r) => r.consistency.agents.map((a) => a.agent)))];
    const rows = agents.map((agent) => [
      agent,
      ...group.flatMap((r) => {
        const a = r.consistency.agents.find((x) => x.agent === agent);
        return a ? [pct2(a.real), pct2(a.wm), pct2(a.w2r), pct2(a.cr)] : [DASH, DASH, DASH, DASH];
      }),
    ]);
    rows.push([
      "Average",
      ...group.flatMap((r) => {
        const a = r.consistency.average;
        return [pct2(a.real), pct2(a.wm), pct2(a.w2r), pct2(a.cr)];
      }),
    ]);
    const first = group[0]!;
    return {
      title: `Rollout consistency — world model ${runLabel(first)}`,
      header: ["Agent", ...cols.flatMap((c) => [`${c} Real`, `${c} WM`, `${c} W2R`, `${c} CR`])],
      rows,
      notes: [
        "Real, WM, W2R: success %; CR = W2R / Real. Average: mean over agents (CR: over agents with Real > 0).",
      ],
    };
  });
}

const runNotes = (results: readonly Results[]) => results.map((r, i) => `#${i + 1}: ${runLabel(r)}`);

/** Step runs side by side: EM and F1 per environment (and overall), with ΔEM against run #1. */
export function compareStepRuns(results: readonly StepEvalResults[]): Table {
  const envs = sortEnvs(results.flatMap((r) => Object.keys(r.metrics.perEnv)));
  const keys: (string | null)[] = envs.length > 1 ? [...envs, null] : envs;
  const pick = (r: StepEvalResults, e: string | null) => (e === null ? r.metrics : r.metrics.perEnv[e]);
  return {
    title: "Single-step fidelity, runs compared",
    header: [
      "Environment",
      ...results.flatMap((_, i) => [`#${i + 1} EM`, `#${i + 1} F1`]),
      ...results.slice(1).map((_, i) => `ΔEM #${i + 2}−#1`),
    ],
    rows: keys.map((e) => {
      const base = pick(results[0]!, e)?.em;
      return [
        e === null ? "All" : envDisplayName(e),
        ...results.flatMap((r) => [pct1(pick(r, e)?.em), pct1(pick(r, e)?.f1)]),
        ...results.slice(1).map((r) => delta(pick(r, e)?.em, base, 1)),
      ];
    }),
    notes: runNotes(results),
  };
}

/** Rollout runs side by side: W2R and CR per environment and agent (and Average), ΔCR against #1. */
export function compareRolloutRuns(results: readonly RolloutEvalResults[]): Table {
  const envs = sortEnvs(results.map((r) => r.env));
  const rows: string[][] = [];
  for (const env of envs) {
    const runs = results.map((r) => (r.env === env ? r : undefined));
    const agents = [...new Set(runs.flatMap((r) => r?.consistency.agents.map((a) => a.agent) ?? []))];
    const line = (
      label: string,
      get: (r: RolloutEvalResults) => { w2r: number | null; cr: number | null } | undefined,
    ) => {
      const vals = runs.map((r) => (r ? get(r) : undefined));
      rows.push([
        envDisplayName(env),
        label,
        ...vals.flatMap((v) => [pct2(v?.w2r), pct2(v?.cr)]),
        ...vals.slice(1).map((v) => delta(v?.cr, vals[0]?.cr, 2)),
      ]);
    };
    for (const agent of agents) line(agent, (r) => r.consistency.agents.find((a) => a.agent === agent));
    line("Average", (r) => r.consistency.average);
  }
  return {
    title: "Rollout consistency, runs compared",
    header: [
      "Environment",
      "Agent",
      ...results.flatMap((_, i) => [`#${i + 1} W2R`, `#${i + 1} CR`]),
      ...results.slice(1).map((_, i) => `ΔCR #${i + 2}−#1`),
    ],
    align: ["left", "left"],
    rows,
    notes: runNotes(results),
  };
}

/** Collected trajectories: success per agent. */
export function collectTable(results: readonly CollectResults[]): Table {
  return {
    title: "Collected trajectories",
    header: ["Environment", "Split", "Agent", "Episodes", "Successes", "Success %", "Errors", "Mean steps"],
    align: ["left", "left", "left"],
    rows: results.flatMap((r) =>
      r.agents.map((a) => [
        envDisplayName(r.env),
        r.split,
        a.agent,
        String(a.episodes),
        String(a.successes),
        pct2(a.success),
        String(a.errors),
        a.meanSteps.toFixed(1),
      ]),
    ),
  };
}

function llmTotals(r: Results): {
  requests: number;
  retries: number;
  failures: number;
  timeouts: number;
  cacheHits: number;
} {
  const all =
    r.kind === "eval-step"
      ? [r.llm]
      : r.kind === "eval-rollout"
        ? [r.llm.worldModel, ...Object.values(r.llm.agents)]
        : Object.values(r.llm);
  const sum = (f: (s: (typeof all)[number]) => number) => all.reduce((a, s) => a + f(s), 0);
  return {
    requests: sum((s) => s.requests),
    retries: sum((s) => s.retries),
    failures: sum((s) => s.failures),
    timeouts: sum((s) => s.timeouts),
    cacheHits: sum((s) => s.cacheHits),
  };
}

/** One line per run: what it was, how much, errors and LLM traffic, time. */
export function runsTable(results: readonly Results[]): Table {
  return {
    title: "Runs",
    header: [
      "#",
      "Kind",
      "Run",
      "Env",
      "Split",
      "Records",
      "Errors",
      "Malformed",
      "Requests",
      "Retries",
      "Failures",
      "Timeouts",
      "Cache hits",
      "Time",
    ],
    align: ["right", "left", "left", "left", "left"],
    rows: results.map((r, i) => {
      const llm = llmTotals(r);
      const env = r.kind === "eval-step" ? sortEnvs(r.envs).join(", ") : r.env;
      const split = r.kind === "eval-step" ? (r.split ?? DASH) : r.split;
      const records =
        r.kind === "eval-step"
          ? r.metrics.count
          : r.kind === "eval-rollout"
            ? r.consistency.episodes
            : r.agents.reduce((s, a) => s + a.episodes, 0);
      const errors =
        r.kind === "eval-step"
          ? r.metrics.errors
          : r.kind === "eval-rollout"
            ? r.errors.real + r.errors.wm + r.errors.w2r
            : r.agents.reduce((s, a) => s + a.errors, 0);
      const malformed =
        r.kind === "eval-step"
          ? r.malformed
          : r.kind === "eval-rollout"
            ? r.malformed.agent + r.malformed.worldModel
            : r.malformed.agent;
      return [
        String(i + 1),
        r.kind,
        runLabel(r),
        env,
        split,
        String(records),
        String(errors),
        String(malformed),
        String(llm.requests),
        String(llm.retries),
        String(llm.failures),
        String(llm.timeouts),
        String(llm.cacheHits),
        fmtSeconds(r.timing.seconds),
      ];
    }),
  };
}

/** Every table of a report, in order. */
export function reportTables(results: readonly Results[]): Table[] {
  const steps = results.filter((r): r is StepEvalResults => r.kind === "eval-step");
  const rollouts = results.filter((r): r is RolloutEvalResults => r.kind === "eval-rollout");
  const collects = results.filter((r): r is CollectResults => r.kind === "collect");
  const tables: Table[] = [];
  if (steps.length) tables.push(table1(steps));
  if (steps.length > 1) tables.push(compareStepRuns(steps));
  if (rollouts.length) tables.push(...table2(rollouts));
  if (rollouts.length > 1) tables.push(compareRolloutRuns(rollouts));
  if (collects.length) tables.push(collectTable(collects));
  if (results.length) tables.push(runsTable(results));
  return tables;
}

/** The tables as aligned plain text, for the terminal. */
export function renderText(results: readonly Results[]): string {
  return reportTables(results).map(textTable).join("\n");
}

// ---------------------------------------------------------------------------------------------------
// Plots and the Markdown report

export interface ReportPlot {
  /** File stem under the plots folder, e.g. "step-accuracy" or "step-accuracy-alfworld". */
  name: string;
  title: string;
  svg: () => string;
}

const fileSafe = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, "_");

/** Accuracy-by-step plots: all step runs overlaid (pooled over envs), and one per env when several. */
export function reportPlots(results: readonly Results[]): ReportPlot[] {
  const steps = results.filter((r): r is StepEvalResults => r.kind === "eval-step");
  if (!steps.length) return [];
  const label = (r: StepEvalResults, i: number) =>
    steps.length > 1 ? `#${i + 1} ${runLabel(r)}` : runLabel(r);
  const plots: ReportPlot[] = [
    {
      name: "step-accuracy",
      title: "Accuracy by step index",
      svg: () =>
        stepAccuracySvg(
          steps.map((r, i): StepCurve => ({
            label: label(r, i),
            byStep: r.metrics.byStep,
            em: r.metrics.em,
          })),
          { title: "Accuracy by step index" },
        ),
    },
  ];
  const envs = sortEnvs(steps.flatMap((r) => Object.keys(r.metrics.perEnv)));
  if (envs.length > 1)
    for (const env of envs) {
      const title = `Accuracy by step index — ${envDisplayName(env)}`;
      plots.push({
        name: `step-accuracy-${fileSafe(env)}`,
        title,
        svg: () =>
          stepAccuracySvg(
            steps.flatMap((r, i): StepCurve[] => {
              const m = r.metrics.perEnv[env];
              return m ? [{ label: label(r, i), byStep: m.byStep, em: m.em }] : [];
            }),
            { title },
          ),
      });
    }
  return plots;
}

export interface ReportOptions {
  title?: string;
  /** Folder of the plots, relative to the report; default "plots". */
  plotsDir?: string;
  /** Image format linked; default "png". */
  imageExt?: "png" | "svg";
}

/** The report as Markdown: tables and image links to the plots (plots/<name>.png by default). */
export function renderReport(results: readonly Results[], o: ReportOptions = {}): string {
  const dir = o.plotsDir ?? "plots";
  const ext = o.imageExt ?? "png";
  const out: string[] = [`# ${o.title ?? "wordworld report"}`, ""];
  for (const t of reportTables(results)) out.push(markdownTable(t));
  for (const p of reportPlots(results)) out.push(`![${p.title}](${dir}/${p.name}.${ext})`, "");
  return out.join("\n").trimEnd() + "\n";
}

export interface WrittenReport {
  /** Path of report.md. */
  report: string;
  /** Paths of the plot files written (SVG always, PNG when the renderer loads). */
  plots: string[];
  /** E.g. that PNGs could not be made (the report then links the SVGs). */
  warnings: string[];
}

/** Writes <dir>/report.md and <dir>/plots/*.svg and *.png. */
export function writeReport(dir: string, results: readonly Results[], o: ReportOptions = {}): WrittenReport {
  const plotsDir = o.plotsDir ?? "plots";
  const plots = reportPlots(results);
  const warnings: string[] = [];
  const written: string[] = [];
  let ext: "png" | "svg" = o.imageExt ?? "png";
  if (ext === "png" && plots.length && !pngAvailable()) {
    warnings.push("PNG renderer (@resvg/resvg-js) unavailable on this platform: the report links SVG plots");
    ext = "svg";
  }
  mkdirSync(dir, { recursive: true });
  if (plots.length) mkdirSync(join(dir, plotsDir), { recursive: true });
  for (const p of plots) {
    const svg = p.svg();
    const svgPath = join(dir, plotsDir, `${p.name}.svg`);
    writeFileSync(svgPath, svg);
    written.push(svgPath);
    if (ext === "png") {
      const pngPath = join(dir, plotsDir, `${p.name}.png`);
      writeFileSync(pngPath, svgToPng(svg));
      written.push(pngPath);
    }
  }
  const report = join(dir, "report.md");
  writeFileSync(report, renderReport(results, { ...o, plotsDir, imageExt: ext }));
  return { report, plots: written, warnings };
}
