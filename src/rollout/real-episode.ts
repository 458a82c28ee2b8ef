/** An agent's episode in the real environment, as the Trajectory record runs store. */
import type { Agent } from "../agents/agent.js";
import type { OpenedEnv } from "../envs/types.js";
import type { Trajectory } from "../protocol/trajectory.js";
import { playEpisode } from "./episode.js";

export async function playRealEpisode(
  where: { env: string; item: number; split: string },
  opened: OpenedEnv,
  agent: Agent,
  signal?: AbortSignal,
): Promise<Trajectory> {
  const started = new Date().toISOString();
  const r = await playEpisode(opened.session, agent, signal);
  const t: Trajectory = {
    env: where.env,
    item: where.item,
    split: where.split,
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
  return t;
}
