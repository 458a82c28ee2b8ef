/**
 * Agents by name: "expert" (the environment's default expert), "expert:<name>", or a model string
 * (any backend src/llm opens), which becomes a ReAct agent with the environment's AgentGym prompt.
 */
import type { EnvDefinition, OpenedEnv } from "../envs/types.js";
import type { ChatModel } from "../llm/types.js";
import { policyAgent, type Agent } from "./agent.js";
import { ReactAgent, REACT_DEFAULT_SAMPLING } from "./react-agent.js";

export function isExpertSpec(spec: string): boolean {
  return spec === "expert" || spec.startsWith("expert:");
}

export function expertName(env: EnvDefinition, spec: string): string {
  return spec === "expert" ? env.defaultExpert : spec.slice("expert:".length);
}

/** Builds the agent for one episode; `model` is the opened chat model for non-expert specs. */
export function makeAgent(
  env: EnvDefinition,
  opened: OpenedEnv,
  spec: string,
  model: ChatModel | undefined,
  temperature?: number,
): Agent {
  if (isExpertSpec(spec)) {
    const name = expertName(env, spec);
    const make = opened.experts[name];
    if (!make)
      throw new Error(
        `unknown expert '${name}' for ${env.name}: available: ${Object.keys(opened.experts).join(", ")}`,
      );
    return policyAgent(`expert:${name}`, make());
  }
  if (!model) throw new Error(`agent '${spec}' needs a model`);
  const sampling =
    temperature === undefined ? REACT_DEFAULT_SAMPLING : { ...REACT_DEFAULT_SAMPLING, temperature };
  return new ReactAgent(model, env.reactPreamble, { sampling });
}
