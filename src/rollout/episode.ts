/** One episode: an agent against a session (real or imagined), and replaying actions in a real one. */
import type { Agent } from "../agents/agent.js";
import type { AnySession, EnvSession } from "../protocol/env.js";
import type { TrajectoryStep } from "../protocol/trajectory.js";

export interface EpisodeResult {
  first: string;
  steps: TrajectoryStep[];
  success: boolean;
  /** Why the episode ended early, if it did (e.g. a request that failed for good). */
  error?: string;
}

/** Plays until the session says done (its step cap included). Errors end the episode, never the run. */
export async function playEpisode(
  session: AnySession,
  agent: Agent,
  signal?: AbortSignal,
): Promise<EpisodeResult> {
  const first = session.reset();
  agent.begin(first);
  const steps: TrajectoryStep[] = [];
  let last: string | undefined;
  try {
    for (;;) {
      if (signal?.aborted) throw new Error("aborted");
      const turn = await agent.act(last, signal);
      const r = await session.step(turn.action);
      const step: TrajectoryStep = {
        action: turn.action,
        observation: r.observation,
        reward: r.reward,
        done: r.done,
        success: r.success,
      };
      if (turn.reply !== undefined) step.reply = turn.reply;
      if (turn.malformed) step.malformed = true;
      steps.push(step);
      last = r.observation;
      if (r.done) return { first, steps, success: r.success };
    }
  } catch (e) {
    return { first, steps, success: false, error: (e as Error).message };
  }
}

/** W2R: the actions produced inside a world model, replayed in the real environment. */
export function replayActions(session: EnvSession, actions: string[]): EpisodeResult {
  const first = session.reset();
  const steps: TrajectoryStep[] = [];
  for (const action of actions) {
    const r = session.step(action);
    steps.push({ action, observation: r.observation, reward: r.reward, done: r.done, success: r.success });
    if (r.done) return { first, steps, success: r.success };
  }
  return { first, steps, success: false };
}
