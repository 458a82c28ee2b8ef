/**
 * `wordworld eval rollout`: rollout consistency. For every agent and item: Real = the agent's success in
 * the real environment; WM = its success inside the world model (started from the real first
 * observation and hidden initial state); W2R = success when the actions it produced inside the world
 * model are replayed in a fresh real environment — computed by replaying, never by trusting the world
 * model's verdict. CR = W2R / Real.
 */
import { join } from "node:path";
import { z } from "zod";
import { expertName, isExpertSpec, makeAgent } from "../agents/open-agent.js";
import type { EnvDefinition } from "../envs/types.js";
import { consistency } from "../eval/consistency.js";
import type { RolloutEvalResults } from "../eval/results.js";
import { modelIdentity } from "../llm/spec.js";
import type { ChatModel } from "../llm/types.js";
import { TrajectoryStepSchema } from "../protocol/trajectory.js";
import { playEpisode, replayActions } from "../rollout/episode.js";
import { runPool } from "../rollout/pool.js";
import { Progress } from "../rollout/progress.js";
import { openRunDir } from "../rollout/run-dir.js";
import { appendJsonl, readJsonl } from "../util/jsonl.js";
import { VERSION } from "../version.js";
import { WorldModelSession, type WorldModelPrompt } from "../worldmodel/session.js";
import { finishRun, RunAccounting } from "./finish-run.js";

const LegSchema = z.object({
  success: z.boolean(),
  steps: z.array(TrajectoryStepSchema),
  error: z.string().optional(),
});

export const RolloutRecordSchema = z.object({
  agent: z.string(),
  item: z.number().int(),
  game: z.string(),
  first_observation: z.string(),
  real: LegSchema,
  wm: LegSchema,
  w2r: LegSchema,
  /** World-model replies in the wm leg that were empty or cut at the token limit. */
  wm_malformed: z.number().int().nonnegative(),
});
export type RolloutRecord = z.infer<typeof RolloutRecordSchema>;

export interface EvalRolloutOptions {
  env: EnvDefinition;
  root: string;
  split: string;
  items?: number;
  /** Agent specs ("expert", "expert:<name>", model strings) and their opened models. */
  agents: { spec: string; model?: ChatModel; temperature?: number }[];
  wm: ChatModel;
  prompt: WorldModelPrompt;
  out: string;
  concurrency: number;
  format?: string;
  maxSteps?: number;
  signal?: AbortSignal;
  quiet?: boolean;
}

/** An agent's identity across resumes: the expert's full name, or the model's (not the replicas serving it). */
function agentKey(env: EnvDefinition, spec: string): string {
  return isExpertSpec(spec) ? `expert:${expertName(env, spec)}` : modelIdentity(spec);
}

export const rolloutsPath = (dir: string) => join(dir, "rollouts.jsonl");

export async function runEvalRollout(o: EvalRolloutOptions): Promise<RolloutEvalResults> {
  let ids = o.env.itemIds(o.root, o.split);
  if (o.items !== undefined) ids = ids.slice(0, o.items);
  const { resumed } = openRunDir(o.out, "eval-rollout", {
    env: o.env.name,
    split: o.split,
    items: ids.length,
    agents: o.agents.map((a) => agentKey(o.env, a.spec)),
    wm: modelIdentity(o.wm.spec),
    mode: o.prompt.mode,
    shots: o.prompt.examples?.length ?? 0,
    format: o.format ?? null,
    max_steps: o.maxSteps ?? null,
  });
  const accounting = new RunAccounting(o.out, resumed, [o.wm, ...o.agents.map((a) => a.model)]);
  const path = rolloutsPath(o.out);
  const done = new Set(
    readJsonl(path, RolloutRecordSchema).map((r) => `${agentKey(o.env, r.agent)}\n${r.item}`),
  );
  const jobs = o.agents.flatMap((a) => ids.map((id) => ({ a, id })));
  const todo = jobs.filter(({ a, id }) => !done.has(`${agentKey(o.env, a.spec)}\n${id}`));
  const progress = new Progress(`rollout ${o.env.name}/${o.split}`, todo.length);
  const open = (id: number) => o.env.openItem(o.root, id, { format: o.format, maxSteps: o.maxSteps });
  await runPool(
    todo,
    o.concurrency,
    async ({ a, id }) => {
      let real;
      try {
        real = open(id);
      } catch (e) {
        if (!o.quiet) process.stderr.write(`item ${id}: ${(e as Error).message}\n`);
        return;
      }
      const realAgent = makeAgent(o.env, real, a.spec, a.model, a.temperature);
      const realRun = await playEpisode(real.session, realAgent, o.signal);

      const imagined = open(id);
      const first = imagined.session.reset();
      const hidden = imagined.session.initialState?.();
      const maxSteps = o.maxSteps ?? 50;
      const wmSession = new WorldModelSession(o.wm, o.prompt, first, hidden, maxSteps);
      const wmRun = await playEpisode(
        wmSession,
        makeAgent(o.env, imagined, a.spec, a.model, a.temperature),
        o.signal,
      );

      const replay = open(id);
      const w2r = replayActions(
        replay.session,
        wmRun.steps.map((s) => s.action),
      );
      if (o.signal?.aborted) return;
      const leg = (r: { success: boolean; steps: RolloutRecord["real"]["steps"]; error?: string }) =>
        r.error === undefined
          ? { success: r.success, steps: r.steps }
          : { success: r.success, steps: r.steps, error: r.error };
      appendJsonl(path, {
        agent: realAgent.name,
        item: id,
        game: real.game,
        first_observation: first,
        real: leg(realRun),
        wm: leg(wmRun),
        w2r: leg(w2r),
        wm_malformed: wmSession.malformedReplies,
      } satisfies RolloutRecord);
      if (!o.quiet) progress.update(w2r.success, realRun.error !== undefined || wmRun.error !== undefined);
    },
    o.signal,
  );
  if (!o.quiet) progress.finish();
  const records = readJsonl(path, RolloutRecordSchema);
  const malformedSteps = (l: RolloutRecord["real"]) => l.steps.filter((s) => s.malformed).length;
  const agentStats: RolloutEvalResults["llm"]["agents"] = {};
  for (const a of o.agents)
    if (a.model) agentStats[a.model.spec] = accounting.usage(a.model, ["llm", "agents", a.model.spec]);
  const results: RolloutEvalResults = {
    kind: "eval-rollout",
    version: VERSION,
    timing: accounting.timing(),
    env: o.env.name,
    split: o.split,
    wm: o.wm.spec,
    mode: o.prompt.mode,
    shots: o.prompt.examples?.length ?? 0,
    agents: [...new Set(records.map((r) => r.agent))],
    items: ids.length,
    maxSteps: o.maxSteps ?? null,
    consistency: consistency(
      records.map((r) => ({
        agent: r.agent,
        item: r.item,
        real: r.real.success,
        wm: r.wm.success,
        w2r: r.w2r.success,
      })),
    ),
    errors: {
      real: records.filter((r) => r.real.error !== undefined).length,
      wm: records.filter((r) => r.wm.error !== undefined).length,
      w2r: records.filter((r) => r.w2r.error !== undefined).length,
    },
    malformed: {
      agent: records.reduce((n, r) => n + malformedSteps(r.real) + malformedSteps(r.wm), 0),
      worldModel: records.reduce((n, r) => n + r.wm_malformed, 0),
    },
    llm: { worldModel: accounting.usage(o.wm, ["llm", "worldModel"]), agents: agentStats },
  };
  finishRun(o.out, results);
  return results;
}
