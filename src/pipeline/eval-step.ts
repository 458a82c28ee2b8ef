/**
 * `wordworld eval step`: single-step fidelity. For every prefix of every real trajectory, the world model
 * is given the reference conversation up to an action and predicts the next observation; a prediction is
 * correct iff its stripped text equals the stripped truth (success marker included). Predictions are
 * appended to <out>/predictions.jsonl as they finish, so a re-run resumes.
 */
import { join } from "node:path";
import { z } from "zod";
import { wmMessages } from "../data/wm-conversation.js";
import { exactMatch } from "../eval/exact-match.js";
import type { StepEvalResults } from "../eval/results.js";
import { aggregateScored } from "../eval/step-metrics.js";
import { wordF1 } from "../eval/word-f1.js";
import { modelIdentity } from "../llm/spec.js";
import type { ChatModel } from "../llm/types.js";
import type { Trajectory } from "../protocol/trajectory.js";
import { runPool } from "../rollout/pool.js";
import { Progress } from "../rollout/progress.js";
import { openRunDir } from "../rollout/run-dir.js";
import { appendJsonl, readJsonl } from "../util/jsonl.js";
import { pyStrip } from "../util/pystr.js";
import { VERSION } from "../version.js";
import { WM_DEFAULT_SAMPLING, worldModelSystemPrompt, type WorldModelPrompt } from "../worldmodel/session.js";
import { finishRun, RunAccounting } from "./finish-run.js";

export const PredictionSchema = z.object({
  env: z.string(),
  agent: z.string(),
  item: z.number().int(),
  /** 1-based index of the predicted step. */
  step: z.number().int().positive(),
  truth: z.string(),
  pred: z.string(),
  em: z.boolean(),
  f1: z.number(),
  error: z.string().optional(),
  /** The reply was unusable: empty, or cut at the token limit. */
  malformed: z.boolean().optional(),
});
export type Prediction = z.infer<typeof PredictionSchema>;

export interface EvalStepOptions {
  trajectories: Trajectory[];
  /** Split of the trajectories, when they share one. */
  split: string | null;
  /** Where the trajectories came from (recorded in the manifest). */
  data: string[];
  wm: ChatModel;
  prompt: WorldModelPrompt;
  out: string;
  concurrency: number;
  signal?: AbortSignal;
  quiet?: boolean;
}

export const predictionsPath = (dir: string) => join(dir, "predictions.jsonl");

const key = (p: { agent: string; item: number; step: number }) => `${p.agent}\n${p.item}\n${p.step}`;

export async function runEvalStep(o: EvalStepOptions): Promise<StepEvalResults> {
  const usable = o.trajectories.filter((t) => t.error === undefined && t.steps.length > 0);
  const envs = [...new Set(usable.map((t) => t.env))].sort();
  const { resumed } = openRunDir(o.out, "eval-step", {
    envs,
    data: o.data,
    trajectories: usable.length,
    wm: modelIdentity(o.wm.spec),
    mode: o.prompt.mode,
    shots: o.prompt.examples?.length ?? 0,
  });
  const accounting = new RunAccounting(o.out, resumed, [o.wm]);
  const path = predictionsPath(o.out);
  const done = new Set(readJsonl(path, PredictionSchema).map(key));
  const jobs = usable.flatMap((t) => {
    const conv = wmMessages(t);
    conv[0] = {
      role: "system",
      content: worldModelSystemPrompt(o.prompt, t.initial_state, t.first_observation),
    };
    return t.steps.map((_, i) => ({
      t,
      step: i + 1,
      messages: conv.slice(0, 2 * i + 2),
      truth: conv[2 * i + 2]!.content,
    }));
  });
  const todo = jobs.filter((j) => !done.has(key({ agent: j.t.agent, item: j.t.item, step: j.step })));
  const progress = new Progress(`eval step (${o.wm.spec})`, todo.length);
  await runPool(
    todo,
    o.concurrency,
    async (j) => {
      let pred = "";
      let error: string | undefined;
      let malformed = false;
      try {
        const r = await o.wm.chat({ messages: j.messages, sampling: WM_DEFAULT_SAMPLING, signal: o.signal });
        pred = r.content;
        malformed = pyStrip(pred) === "" || r.finishReason === "length";
      } catch (e) {
        error = (e as Error).message;
      }
      // A prediction cut by Ctrl-C is not written: the resumed run asks again.
      if (o.signal?.aborted) return;
      const em = error === undefined && exactMatch(pred, j.truth);
      const p: Prediction = {
        env: j.t.env,
        agent: j.t.agent,
        item: j.t.item,
        step: j.step,
        truth: j.truth,
        pred,
        em,
        f1: error ? 0 : wordF1(pred, j.truth),
      };
      if (error !== undefined) p.error = error;
      if (malformed) p.malformed = true;
      appendJsonl(path, p);
      if (!o.quiet) progress.update(em, error !== undefined);
    },
    o.signal,
  );
  if (!o.quiet) progress.finish();
  const preds = readJsonl(path, PredictionSchema);
  const results: StepEvalResults = {
    kind: "eval-step",
    version: VERSION,
    timing: accounting.timing(),
    wm: o.wm.spec,
    mode: o.prompt.mode,
    shots: o.prompt.examples?.length ?? 0,
    envs,
    split: o.split,
    data: o.data,
    trajectories: usable.length,
    metrics: aggregateScored(
      preds.map((p) => ({ env: p.env, stepIndex: p.step, em: p.em, f1: p.f1, error: p.error !== undefined })),
    ),
    malformed: preds.filter((p) => p.malformed).length,
    llm: accounting.usage(o.wm, ["llm"]),
  };
  finishRun(o.out, results);
  return results;
}
