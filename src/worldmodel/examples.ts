/**
 * Few-shot examples for a world model: k successful real trajectories from the environment's training
 * split — taken from collected runs when given, else played by the environment's default expert (no LLM
 * needed). Games being evaluated are never used as examples.
 */
import { makeAgent } from "../agents/open-agent.js";
import { readTrajectories } from "../data/trajectory-store.js";
import type { EnvDefinition } from "../envs/types.js";
import type { Trajectory } from "../protocol/trajectory.js";
import { playRealEpisode } from "../rollout/real-episode.js";

export const DEFAULT_SHOTS = 3;

export interface ExampleSource {
  env: EnvDefinition;
  root: string;
  k: number;
  /** Run directories of trajectories to draw from (otherwise the expert plays the training split). */
  from?: string[];
  /** Games that must not appear among the examples (those evaluated). */
  exclude: ReadonlySet<string>;
  format?: string;
}

export async function fewShotExamples(s: ExampleSource): Promise<Trajectory[]> {
  const usable = (t: Trajectory) =>
    t.success && t.error === undefined && t.steps.length > 0 && !s.exclude.has(t.game);
  if (s.from?.length) {
    const picked = s.from
      .flatMap((r) => readTrajectories(r))
      .filter((t) => t.env === s.env.name && t.world === "real" && usable(t))
      .sort((a, b) => a.item - b.item)
      .slice(0, s.k);
    if (picked.length < s.k)
      throw new Error(
        `few-shot: ${s.from.join(", ")} hold only ${picked.length} successful ${s.env.name} trajectories outside the evaluated games; ${s.k} needed`,
      );
    return picked;
  }
  const out: Trajectory[] = [];
  for (const id of s.env.itemIds(s.root, s.env.trainSplit)) {
    if (out.length === s.k) break;
    let opened;
    try {
      opened = s.env.openItem(s.root, id, { format: s.format });
    } catch {
      continue; // an item without a game file cannot be an example
    }
    if (s.exclude.has(opened.game)) continue;
    const agent = makeAgent(s.env, opened, "expert", undefined);
    const t = await playRealEpisode({ env: s.env.name, item: id, split: s.env.trainSplit }, opened, agent);
    if (usable(t)) out.push(t);
  }
  if (out.length < s.k)
    throw new Error(
      `few-shot: the ${s.env.name} expert solved only ${out.length} training games; ${s.k} needed`,
    );
  return out;
}
