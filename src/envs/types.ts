import type { Policy } from "../agents/policy.js";
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
  /** Experts that can play this episode, by name. */
  experts: Record<string, () => Policy>;
}

/** What an environment package provides to the CLI and the pipeline (one registry line each). */
export interface EnvDefinition {
  name: string;
  summary: string;
  splits: readonly string[];
  pull(root: string, from: string | undefined, log: (line: string) => void): Promise<string>;
  status(root: string): string[];
  itemIds(root: string, split: string): number[];
  openItem(root: string, id: number, options: EnvOpenOptions): OpenedEnv;
  openGame?(root: string, path: string, options: EnvOpenOptions): OpenedEnv;
}
