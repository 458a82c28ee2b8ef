/**
 * The persisted record of one episode (one JSON line in a run's trajectories.jsonl). Everything a later
 * stage needs is here: the world-model conversation (initial state, first observation, action /
 * observation turns, success), the agent's raw replies for agent SFT data, and provenance.
 */
import { z } from "zod";

export const TrajectoryStepSchema = z.object({
  action: z.string(),
  observation: z.string(),
  reward: z.number(),
  done: z.boolean(),
  success: z.boolean(),
  /** The agent's full reply (ReAct "Thought: …\nAction: …"), when an LLM agent produced the action. */
  reply: z.string().optional(),
  /** True when the reply could not be parsed into an action (the env was stepped with what was parsed). */
  malformed: z.boolean().optional(),
});
export type TrajectoryStep = z.infer<typeof TrajectoryStepSchema>;

export const TrajectorySchema = z.object({
  /** Environment name in the registry, e.g. "alfworld". */
  env: z.string(),
  /** Item id (AgentGym numbering) and its split. */
  item: z.number().int(),
  split: z.string(),
  /** Stable identity of the underlying game, used to split data so no test game leaks into training. */
  game: z.string(),
  /** Who acted: "expert:reactive", or a model string. */
  agent: z.string(),
  /** Where it was played: "real", or "wm:<model>" for a rollout inside a world model. */
  world: z.string(),
  /** The hidden initial-state description (environments that have one). */
  initial_state: z.string().optional(),
  first_observation: z.string(),
  steps: z.array(TrajectoryStepSchema),
  success: z.boolean(),
  /** An error that ended the episode early (e.g. an LLM request that failed after all retries). */
  error: z.string().optional(),
  started_at: z.string(),
  finished_at: z.string(),
  meta: z.record(z.string(), z.unknown()).optional(),
});
export type Trajectory = z.infer<typeof TrajectorySchema>;

/** The success marker the reference appends to the observation that completes the task. */
export const SUCCESS_MARKER = " [SUCCESS]";
