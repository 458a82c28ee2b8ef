import type { Policy } from "../agents/policy.js";
import type { ChatMessage } from "../llm/types.js";
import type { EnvSession } from "../protocol/env.js";

/** Options shared by every environment's session constructor; each environment validates its own. */
export interface EnvOpenOptions {
  format?: string;
  maxSteps?: number;
}

export interface OpenedEnv {
  session: EnvSession;
  /** A human-readable name of what was opened, e.g. "test item 2420 (pick_cool_…/trial_…)". */
  label: string;
  /** Stable identity of the game (splitting data by game keeps test games out of training). */
  game: string;
  /** Experts that can play this episode, by name. */
  experts: Record<string, () => Policy>;
}

/** What an environment package provides to the CLI and the pipeline (one registry line each). */
export interface EnvDefinition {
  name: string;
  summary: string;
  splits: readonly string[];
  /** The split whose items evaluation uses by default, and the one few-shot examples come from. */
  testSplit: string;
  trainSplit: string;
  /** The default expert's name (a key of OpenedEnv.experts). */
  defaultExpert: string;
  /** Leading messages a ReAct agent sees (AgentGym's instruction and the "OK" reply). */
  reactPreamble: readonly ChatMessage[];
  /** What a zero-/few-shot world model is told about the environment. */
  wmInstruction: string;
  pull(root: string, from: string | undefined, log: (line: string) => void): Promise<string>;
  status(root: string): string[];
  itemIds(root: string, split: string): number[];
  openItem(root: string, id: number, options: EnvOpenOptions): OpenedEnv;
  openGame?(root: string, path: string, options: EnvOpenOptions): OpenedEnv;
}
