/**
 * SFT datasets from collected trajectories: one example per trajectory, world-model ("wm") or agent
 * ("agent") conversations, in LLaMA-Factory's sharegpt layout (plus dataset_info.json and a training YAML
 * with the paper's hyper-parameters) or as OpenAI chat JSONL.
 *
 * Selection, in this order (each dropped trajectory is counted under the first reason that applies):
 *   excluded_game — its `game` is in `excludeGames` (e.g. every game of the test split: no test game
 *                   leaks into training);
 *   error         — the episode ended early with an error;
 *   empty         — it has no steps;
 *   filter        — `filter` is "success" / "failure" and it is the other kind;
 *   max_items     — cut by `maxItems`.
 *
 * Order is deterministic: each run's trajectories are sorted by (env, split, item, agent, world,
 * started_at) — a run's file order depends on which episode finished first — and runs are concatenated
 * in the order given. With `mix`, trajectories are interleaved round-robin over environments (in order of
 * first appearance), so every environment is represented when `maxItems` cuts.
 */
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { join, resolve } from "node:path";
import { getEnv } from "../envs/registry.js";
import type { ChatMessage } from "../llm/types.js";
import type { Trajectory } from "../protocol/trajectory.js";
import { agentMessages } from "./agent-conversation.js";
import { readTrajectories } from "./trajectory-store.js";
import {
  DATASET_INFO,
  exportFile,
  llamaFactoryEntry,
  type ExportFormat,
  type OpenAiExample,
  type ShareGptExample,
} from "./validate.js";
import { wmMessages } from "./wm-conversation.js";

export type ExportKind = "wm" | "agent";
export const EXPORT_KINDS: readonly ExportKind[] = ["wm", "agent"];
export type ExportFilter = "all" | "success" | "failure";
export const EXPORT_FILTERS: readonly ExportFilter[] = ["all", "success", "failure"];
export type { ExportFormat } from "./validate.js";

export interface ExportOptions {
  kind: ExportKind;
  /** Run directories (or trajectories .jsonl files), in order. */
  runs: string[];
  /** Output directory (created). */
  out: string;
  format: ExportFormat;
  /** At most this many examples (after selection and ordering). */
  maxItems?: number;
  /** Interleave environments round-robin instead of concatenating runs. */
  mix?: boolean;
  filter?: ExportFilter;
  /** Games to leave out (Trajectory.game values), e.g. those of the test split. */
  excludeGames?: ReadonlySet<string>;
  /** The leading messages an agent saw, per environment (default: the registry's reactPreamble). */
  agentPreamble?: (env: string) => readonly ChatMessage[];
  /** Dataset name: file stem, dataset_info.json key and YAML `dataset` (default `wordworld_<kind>`). */
  name?: string;
  /** Receives warnings (e.g. a skipped truncated last line) as they happen; they are also in the report. */
  warn?: (message: string) => void;
}

export interface SkipCounts {
  excluded_game: number;
  error: number;
  empty: number;
  filter: number;
  max_items: number;
}

export interface EnvCounts {
  read: number;
  written: number;
  /** Written examples whose trajectory succeeded. */
  successes: number;
  /** Written agent turns whose reply could not be parsed (agent data only). */
  malformed_steps: number;
  skipped: SkipCounts;
}

export interface ExportReport {
  kind: ExportKind;
  format: ExportFormat;
  name: string;
  out: string;
  filter: ExportFilter;
  mix: boolean;
  max_items: number | null;
  runs: string[];
  /** Files written (data file, then dataset_info.json and the YAML for LLaMA-Factory). */
  files: string[];
  read: number;
  written: number;
  skipped: SkipCounts;
  per_env: Record<string, EnvCounts>;
  warnings: string[];
}

const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

const zeroSkips = (): SkipCounts => ({ excluded_game: 0, error: 0, empty: 0, filter: 0, max_items: 0 });

const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);

function byIdentity(a: Trajectory, b: Trajectory): number {
  return (
    cmp(a.env, b.env) ||
    cmp(a.split, b.split) ||
    cmp(a.item, b.item) ||
    cmp(a.agent, b.agent) ||
    cmp(a.world, b.world) ||
    cmp(a.started_at, b.started_at)
  );
}

/** Round-robin over environments, each in its given order; environments in order of first appearance. */
export function interleaveByEnv(ts: readonly Trajectory[]): Trajectory[] {
  const groups = new Map<string, Trajectory[]>();
  for (const t of ts) {
    const g = groups.get(t.env);
    if (g) g.push(t);
    else groups.set(t.env, [t]);
  }
  const lists = [...groups.values()];
  const longest = Math.max(0, ...lists.map((l) => l.length));
  const out: Trajectory[] = [];
  for (let r = 0; r < longest; r++) for (const l of lists) if (r < l.length) out.push(l[r]!);
  return out;
}

/** Every game that occurs in these runs (e.g. pass the test-split runs to keep their games out). */
export function gamesInRuns(runs: readonly string[], warn?: (message: string) => void): Set<string> {
  const games = new Set<string>();
  for (const run of runs) for (const t of readTrajectories(run, { warn })) games.add(t.game);
  return games;
}

/** sharegpt: leading system message(s) to the `system` column; user → human, assistant → gpt. */
export function toShareGpt(messages: readonly ChatMessage[]): ShareGptExample {
  const system: string[] = [];
  let i = 0;
  while (i < messages.length && messages[i]!.role === "system") system.push(messages[i++]!.content);
  const conversations = messages.slice(i).map((m, k) => {
    if (m.role === "system")
      throw new Error(`a system message at position ${i + k} (only leading ones are supported)`);
    return { from: m.role === "user" ? ("human" as const) : ("gpt" as const), value: m.content };
  });
  return { conversations, system: system.join("\n\n") };
}

/** OpenAI chat: the messages as they are (a system message only when there is one). */
export function toOpenAi(messages: readonly ChatMessage[]): OpenAiExample {
  return { messages: messages.map((m) => ({ role: m.role, content: m.content })) };
}

/** Writes `<file>` through a temporary file, one chunk at a time (datasets can exceed V8's string limit). */
function writeChunks(file: string, chunks: Iterable<string>): void {
  const tmp = `${file}.partial-${process.pid}`;
  const fd = openSync(tmp, "w");
  try {
    for (const c of chunks) writeSync(fd, c);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
}

function* jsonArray(items: readonly unknown[]): Generator<string> {
  if (items.length === 0) {
    yield "[]\n";
    return;
  }
  yield "[\n";
  for (let i = 0; i < items.length; i++)
    yield JSON.stringify(items[i]) + (i + 1 < items.length ? ",\n" : "\n");
  yield "]\n";
}

function* jsonLines(items: readonly unknown[]): Generator<string> {
  for (const item of items) yield JSON.stringify(item) + "\n";
}

/** Adds (or replaces) this dataset's entry in <out>/dataset_info.json, keeping every other entry. */
export function mergeDatasetInfo(out: string, name: string): string {
  const path = join(out, DATASET_INFO);
  let info: Record<string, unknown> = {};
  if (existsSync(path)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(path, "utf8"));
    } catch (e) {
      throw new Error(`${path}: not valid JSON (${(e as Error).message}); fix or remove it`);
    }
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed))
      throw new Error(`${path}: expected a JSON object of dataset entries`);
    info = parsed as Record<string, unknown>;
  }
  info[name] = llamaFactoryEntry(name);
  writeChunks(path, [JSON.stringify(info, null, 2) + "\n"]);
  return path;
}

/** The paper's SFT recipe as a LLaMA-Factory training YAML (examples/train_full/*.yaml layout). */
export function trainingYaml(o: { name: string; out: string; kind: ExportKind; examples: number }): string {
  const steps = Math.ceil(o.examples / 128);
  return `# LLaMA-Factory full-parameter SFT on the wordworld export '${o.name}' (${o.kind === "wm" ? "world-model" : "agent"} data, ${o.examples} example${o.examples === 1 ? "" : "s"}).
# Hyper-parameters of "From Word to World" (arXiv 2512.18832): full fine-tune, global batch 128, lr 1e-5,
# 5 epochs, constant LR with 10 warm-up steps, bf16, max grad norm 100, cutoff 12,288 tokens, 4×H100-80GB.
# At batch 128 this dataset gives about ${steps} optimizer step(s) per epoch.
# Run from a LLaMA-Factory checkout:  FORCE_TORCHRUN=1 llamafactory-cli train ${JSON.stringify(join(resolve(o.out), `train_${o.name}.yaml`))}

### model
model_name_or_path: Qwen/Qwen2.5-7B  # placeholder: the base model (the paper: Qwen2.5-0.5B…7B, Llama-3.1-8B)
trust_remote_code: true

### method
stage: sft
do_train: true
finetuning_type: full
deepspeed: examples/deepspeed/ds_z3_config.json  # ZeRO-3 (path inside the LLaMA-Factory checkout): a full 7B/8B fine-tune does not fit 80 GB per GPU without it; remove for small models on one GPU

### dataset
dataset: ${o.name}
dataset_dir: ${JSON.stringify(resolve(o.out))}
template: qwen  # placeholder: must match the model (qwen for Qwen2.5, llama3 for Llama-3.1)
cutoff_len: 12288
overwrite_cache: true
preprocessing_num_workers: 16

### output
output_dir: saves/${o.name}  # placeholder: where checkpoints go
logging_steps: 10
save_strategy: epoch
plot_loss: true
overwrite_output_dir: true
report_to: none

### train
# global batch = per_device_train_batch_size × gradient_accumulation_steps × GPUs = 1 × 32 × 4 = 128;
# this assumes 4 GPUs as in the paper — on N GPUs use gradient_accumulation_steps = 128 / N.
per_device_train_batch_size: 1
gradient_accumulation_steps: 32
learning_rate: 1.0e-5
num_train_epochs: 5.0
lr_scheduler_type: constant_with_warmup
warmup_steps: 10
max_grad_norm: 100.0
bf16: true
ddp_timeout: 180000000
`;
}

/** Builds, selects, orders and writes the dataset; returns what was written and skipped, per env. */
export function exportDataset(o: ExportOptions): ExportReport {
  const name = o.name ?? `wordworld_${o.kind}`;
  if (!NAME_RE.test(name))
    throw new Error(
      `dataset name '${name}': use letters, digits, '_', '-' and '.' (it names files and a YAML key)`,
    );
  if (o.maxItems !== undefined && (!Number.isInteger(o.maxItems) || o.maxItems < 0))
    throw new Error(`maxItems must be a non-negative integer, got ${o.maxItems}`);
  if (o.runs.length === 0) throw new Error("no runs to export");
  const filter = o.filter ?? "all";
  const warnings: string[] = [];
  const warn = (m: string) => {
    warnings.push(m);
    o.warn?.(m);
  };
  const preamble = o.agentPreamble ?? ((env: string) => getEnv(env).reactPreamble);

  const perEnv: Record<string, EnvCounts> = {};
  const counts = (env: string): EnvCounts =>
    (perEnv[env] ??= { read: 0, written: 0, successes: 0, malformed_steps: 0, skipped: zeroSkips() });

  const kept: Trajectory[] = [];
  for (const run of o.runs) {
    const ts = readTrajectories(run, { warn }).sort(byIdentity);
    for (const t of ts) {
      const c = counts(t.env);
      c.read++;
      const reason: keyof SkipCounts | undefined = o.excludeGames?.has(t.game)
        ? "excluded_game"
        : t.error !== undefined
          ? "error"
          : t.steps.length === 0
            ? "empty"
            : (filter === "success" && !t.success) || (filter === "failure" && t.success)
              ? "filter"
              : undefined;
      if (reason) c.skipped[reason]++;
      else kept.push(t);
    }
  }

  let ordered = o.mix ? interleaveByEnv(kept) : kept;
  if (o.maxItems !== undefined && ordered.length > o.maxItems) {
    for (const t of ordered.slice(o.maxItems)) counts(t.env).skipped.max_items++;
    ordered = ordered.slice(0, o.maxItems);
  }

  const conversations = ordered.map((t) => {
    const c = counts(t.env);
    c.written++;
    if (t.success) c.successes++;
    if (o.kind === "agent") {
      c.malformed_steps += t.steps.filter((s) => s.malformed).length;
      return agentMessages(t, preamble(t.env));
    }
    return wmMessages(t);
  });

  const total = (k: keyof SkipCounts) => Object.values(perEnv).reduce((a, c) => a + c.skipped[k], 0);
  const report: ExportReport = {
    kind: o.kind,
    format: o.format,
    name,
    out: o.out,
    filter,
    mix: o.mix ?? false,
    max_items: o.maxItems ?? null,
    runs: [...o.runs],
    files: [],
    read: Object.values(perEnv).reduce((a, c) => a + c.read, 0),
    written: ordered.length,
    skipped: {
      excluded_game: total("excluded_game"),
      error: total("error"),
      empty: total("empty"),
      filter: total("filter"),
      max_items: total("max_items"),
    },
    per_env: perEnv,
    warnings,
  };
  if (ordered.length === 0)
    throw new Error(`nothing to export (no trajectory was selected):\n${formatExportReport(report)}`);

  mkdirSync(o.out, { recursive: true });
  const file = exportFile(o.out, name, o.format);
  if (o.format === "llamafactory") {
    writeChunks(file, jsonArray(conversations.map(toShareGpt)));
    const info = mergeDatasetInfo(o.out, name);
    const yaml = join(o.out, `train_${name}.yaml`);
    writeFileSync(yaml, trainingYaml({ name, out: o.out, kind: o.kind, examples: ordered.length }));
    report.files = [file, info, yaml];
  } else {
    writeChunks(file, jsonLines(conversations.map(toOpenAi)));
    report.files = [file];
  }
  return report;
}

function skipText(s: SkipCounts): string {
  const parts = [
    s.excluded_game && `${s.excluded_game} of excluded games`,
    s.error && `${s.error} ended by an error`,
    s.empty && `${s.empty} without steps`,
    s.filter && `${s.filter} filtered out`,
    s.max_items && `${s.max_items} over the item limit`,
  ].filter((p): p is string => typeof p === "string");
  return parts.length ? parts.join(", ") : "none";
}

/** The report as lines for a terminal. */
export function formatExportReport(r: ExportReport): string {
  const lines = [
    `${r.kind} dataset '${r.name}' (${r.format}): ${r.written} examples written from ${r.read} trajectories in ${r.runs.length} run(s)` +
      ` [filter ${r.filter}${r.mix ? ", mixed round-robin" : ""}${r.max_items !== null ? `, max ${r.max_items}` : ""}]`,
    `  skipped: ${skipText(r.skipped)}`,
  ];
  for (const [env, c] of Object.entries(r.per_env).sort(([a], [b]) => cmp(a, b))) {
    const malformed =
      r.kind === "agent" && c.malformed_steps ? `, ${c.malformed_steps} malformed replies` : "";
    lines.push(
      `  ${env}: ${c.written}/${c.read} written (${c.successes} successful${malformed}); skipped: ${skipText(c.skipped)}`,
    );
  }
  for (const f of r.files) lines.push(`  wrote ${f}`);
  for (const w of r.warnings) lines.push(`  warning: ${w}`);
  return lines.join("\n");
}
