import type { Policy } from "./policy.js";

export interface AgentTurn {
  action: string;
  /** The raw model reply, for LLM agents. */
  reply?: string;
  /** The reply did not follow the expected format (kept and counted, never fatal). */
  malformed?: boolean;
}

/** Anything that acts in an episode: an LLM agent or an expert policy. */
export interface Agent {
  /** Who this is in results: "expert:reactive", or a model string. */
  readonly name: string;
  begin(firstObservation: string): void;
  /** The next action; `observation` is what the previous action produced (absent for the first). */
  act(observation?: string, signal?: AbortSignal): Promise<AgentTurn>;
}

/** An expert policy as an agent. */
export function policyAgent(name: string, policy: Policy): Agent {
  return {
    name,
    begin: (first) => policy.observe(first),
    act: async (observation) => {
      if (observation !== undefined) policy.observe(observation);
      return { action: policy.act() };
    },
  };
}
