/**
 * `wordworld collect`: trajectories of an agent in the real environment, one JSON line per finished
 * episode in <out>/trajectories.jsonl. Resumable: items already written are skipped.
 */
import { join } from "node:path";
import { isExpertSpec, makeAgent } from "../agents/open-agent.js";
import type { EnvDefinition } from "../envs/types.js";
import type { ChatModel } from "../llm/types.js";
import { TrajectorySchema, type Trajectory } from "../protocol/trajectory.js";
import { playEpisode } from "../rollout/episode.js";
import { runPool } from "../rollout/pool.js";
import { Progress } from "../rollout/progress.js";
import { openRunDir, writeJsonAtomic } from "../rollout/run-dir.js";
import { appendJsonl, readJsonl } from "../util/jsonl.js";

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

export interface CollectSummary {
  kind: "collect";
  env: string;
  split: string;
  agent: string;
  items: number;
  episodes: number;
  missing: number[];
  successes: number;
  success_rate: number;
  mean_steps: number;
  errors: number;
  malformed_replies: number;
  interrupted: boolean;
}

export const trajectoriesPath = (dir: string) => join(dir, "trajectories.jsonl");

export function summarize(
  env: string,
  split: string,
  agent: string,
  items: number,
  ts: Trajectory[],
): Omit<CollectSummary, "missing" | "interrupted"> {
  const successes = ts.filter((t) => t.success).length;
  return {
    kind: "collect",
    env,
    split,
    agent,
    items,
    episodes: ts.length,
    successes,
    success_rate: ts.length ? successes / ts.length : 0,
    mean_steps: ts.length ? ts.reduce((a, t) => a + t.steps.length, 0) / ts.length : 0,
    errors: ts.filter((t) => t.error !== undefined).length,
    malformed_replies: ts.reduce((a, t) => a + t.steps.filter((s) => s.malformed).length, 0),
  };
}

export async function collect(o: CollectOptions): Promise<CollectSummary> {
  if (!isExpertSpec(o.agent) && !o.model) throw new Error(`agent '${o.agent}' needs an opened model`);
  let ids = o.env.itemIds(o.root, o.split);
  if (o.items !== undefined) ids = ids.slice(0, o.items);
  openRunDir(o.out, "collect", {
    env: o.env.name,
    split: o.split,
    items: ids.length,
    agent: o.agent,
    temperature: o.temperature ?? null,
    format: o.format ?? null,
    max_steps: o.maxSteps ?? null,
  });
  const path = trajectoriesPath(o.out);
  const done = new Set(readJsonl(path, TrajectorySchema).map((t) => t.item));
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
      const started = new Date().toISOString();
      const r = await playEpisode(opened.session, agent, o.signal);
      // An episode cut by Ctrl-C is not written, so the resumed run plays it again whole.
      if (o.signal?.aborted) return;
      const t: Trajectory = {
        env: o.env.name,
        item: id,
        split: o.split,
        game: opened.game,
        agent: agent.name,
        world: "real",
        first_observation: r.first,
        steps: r.steps,
        success: r.success,
        started_at: started,
        finished_at: new Date().toISOString(),
      };
      const hidden = opened.session.initialState?.();
      if (hidden !== undefined) t.initial_state = hidden;
      if (r.error !== undefined) t.error = r.error;
      appendJsonl(path, t);
      if (!o.quiet) progress.update(r.success, r.error !== undefined);
    },
    o.signal,
  );
  if (!o.quiet) progress.finish();
  const all = readJsonl(path, TrajectorySchema);
  const summary: CollectSummary = {
    ...summarize(o.env.name, o.split, o.agent, ids.length, all),
    missing: missing.sort((a, b) => a - b),
    interrupted: o.signal?.aborted ?? false,
  };
  writeJsonAtomic(join(o.out, "results.json"), { ...summary, llm: o.model?.stats() ?? null });
  return summary;
}
