/**
 * `wordworld collect`: trajectories of an agent in the real environment, one JSON line per finished
 * episode in <out>/trajectories.jsonl. Resumable: items already written are skipped.
 */
import { appendTrajectory, readTrajectories } from "../data/trajectory-store.js";
import { isExpertSpec, makeAgent } from "../agents/open-agent.js";
import type { EnvDefinition } from "../envs/types.js";
import { modelIdentity } from "../llm/spec.js";
import type { ChatModel } from "../llm/types.js";
import type { Trajectory } from "../protocol/trajectory.js";
import { playRealEpisode } from "../rollout/real-episode.js";
import { runPool } from "../rollout/pool.js";
import { Progress } from "../rollout/progress.js";
import { openRunDir } from "../rollout/run-dir.js";
import type { CollectResults } from "../eval/results.js";
import { VERSION } from "../version.js";
import { finishRun, RunAccounting } from "./finish-run.js";

export interface CollectOptions {
  env: EnvDefinition;
  root: string;
  split: string;
  /** Only the first n items of the split. */
  items?: number;
  agent: string;
  /** The opened model for an LLM agent (preflighted by the caller). */
  model?: ChatModel;
  temperature?: number;
  out: string;
  concurrency: number;
  format?: string;
  maxSteps?: number;
  signal?: AbortSignal;
  quiet?: boolean;
}

/** Per-agent success, steps and errors over a run's trajectories. */
export function collectAgents(ts: readonly Trajectory[]): CollectResults["agents"] {
  const agents = [...new Set(ts.map((t) => t.agent))];
  return agents.map((agent) => {
    const mine = ts.filter((t) => t.agent === agent);
    const successes = mine.filter((t) => t.success).length;
    return {
      agent,
      episodes: mine.length,
      successes,
      success: mine.length ? (100 * successes) / mine.length : 0,
      errors: mine.filter((t) => t.error !== undefined).length,
      meanSteps: mine.length ? mine.reduce((n, t) => n + t.steps.length, 0) / mine.length : 0,
    };
  });
}

export interface CollectOutcome {
  results: CollectResults;
  /** Items that could not be opened (e.g. unsolvable games absent from the release). */
  missing: number[];
}

export async function collect(o: CollectOptions): Promise<CollectOutcome> {
  if (!isExpertSpec(o.agent) && !o.model) throw new Error(`agent '${o.agent}' needs an opened model`);
  let ids = o.env.itemIds(o.root, o.split);
  if (o.items !== undefined) ids = ids.slice(0, o.items);
  const { resumed } = openRunDir(o.out, "collect", {
    env: o.env.name,
    split: o.split,
    items: ids.length,
    agent: isExpertSpec(o.agent) ? o.agent : modelIdentity(o.agent),
    temperature: o.temperature ?? null,
    format: o.format ?? null,
    max_steps: o.maxSteps ?? null,
  });
  const accounting = new RunAccounting(o.out, resumed, [o.model]);
  const done = new Set(readTrajectories(o.out, { missingOk: true }).map((t) => t.item));
  const todo = ids.filter((id) => !done.has(id));
  const missing: number[] = [];
  const progress = new Progress(`collect ${o.env.name}/${o.split}`, todo.length);
  await runPool(
    todo,
    o.concurrency,
    async (id) => {
      let opened;
      try {
        opened = o.env.openItem(o.root, id, { format: o.format, maxSteps: o.maxSteps });
      } catch (e) {
        // An item without a game (e.g. an unsolvable one absent from the release) is reported, not fatal.
        missing.push(id);
        if (!o.quiet) process.stderr.write(`item ${id}: ${(e as Error).message}\n`);
        return;
      }
      const agent = makeAgent(o.env, opened, o.agent, o.model, o.temperature);
      const t = await playRealEpisode({ env: o.env.name, item: id, split: o.split }, opened, agent, o.signal);
      // An episode cut by Ctrl-C is not written, so the resumed run plays it again whole.
      if (o.signal?.aborted) return;
      appendTrajectory(o.out, t);
      if (!o.quiet) progress.update(t.success, t.error !== undefined);
    },
    o.signal,
  );
  if (!o.quiet) progress.finish();
  const all = readTrajectories(o.out, { missingOk: true });
  const results: CollectResults = {
    kind: "collect",
    version: VERSION,
    timing: accounting.timing(),
    env: o.env.name,
    split: o.split,
    items: ids.length,
    agents: collectAgents(all),
    malformed: { agent: all.reduce((n, t) => n + t.steps.filter((st) => st.malformed).length, 0) },
    llm: o.model ? { [o.model.spec]: accounting.usage(o.model, ["llm", o.model.spec]) } : {},
  };
  finishRun(o.out, results);
  return { results, missing: missing.sort((a, b) => a - b) };
}
