/**
 * ALFWorld as the AgentGym/Word2World setting shows it, behind the EnvSession interface: the banner
 * dropped and the intro joined with single newlines, the first observation followed by
 * "\nAVAILABLE ACTIONS: " and the commands joined by "," (AgentGym's client), the classic
 * "You arrive at loc N. " prefix stripped (AgentGym's process_ob), reward = won, and a step cap.
 */
import { EpisodeDoneError, type EnvSession, type StepResult } from "../../protocol/env.js";
import { AlfworldEngine, type EngineSnapshot, type TextFormat } from "./engine.js";
import type { AlfworldGame } from "./game-file.js";
import { initialStateText } from "./initial-state.js";
import { World } from "./world.js";

export interface AlfworldSessionOptions {
  /** Text format of the game; "new" (default, the reference paper's data) or "classic" (alfworld 0.3.3). */
  format?: TextFormat;
  /** Step cap; AgentGym/ALFWorld configs use 50. */
  maxSteps?: number;
  /** Append the "AVAILABLE ACTIONS:" line to the first observation, as AgentGym's client does (default true). */
  availableActionsLine?: boolean;
}

export const DEFAULT_MAX_STEPS = 50;

/** AgentGym's reset: drop the banner paragraph, join the rest with "\n". */
export function agentgymIntro(intro: string): string {
  return intro.split("\n\n").slice(1).join("\n");
}

/** AgentGym's process_ob: drop a leading "You arrive at loc N. ". */
export function processObservation(feedback: string): string {
  if (!feedback.startsWith("You arrive at loc ")) return feedback;
  const i = feedback.indexOf(". ");
  return i < 0 ? feedback : feedback.slice(i + 2);
}

interface SessionSnapshot {
  engine: EngineSnapshot;
  steps: number;
  done: boolean;
}

export class AlfworldSession implements EnvSession {
  readonly engine: AlfworldEngine;
  readonly maxSteps: number;
  private readonly actionsLine: boolean;
  private steps = 0;
  private done = false;

  constructor(game: AlfworldGame | World, options: AlfworldSessionOptions = {}) {
    this.engine = new AlfworldEngine(game, options.format ?? "new");
    this.maxSteps = options.maxSteps ?? DEFAULT_MAX_STEPS;
    if (!Number.isInteger(this.maxSteps) || this.maxSteps < 1)
      throw new Error(`maxSteps must be a positive integer, got ${options.maxSteps}`);
    this.actionsLine = options.availableActionsLine ?? true;
  }

  get format(): TextFormat {
    return this.engine.format;
  }

  reset(): string {
    this.steps = 0;
    this.done = false;
    const obs = agentgymIntro(this.engine.reset());
    return this.actionsLine
      ? `${obs}\nAVAILABLE ACTIONS: ${this.engine.admissibleCommands().join(",")}`
      : obs;
  }

  step(action: string): StepResult {
    if (this.done) throw new EpisodeDoneError();
    const observation = processObservation(this.engine.step(action));
    this.steps++;
    const success = this.engine.won;
    this.done = success || this.steps >= this.maxSteps;
    return {
      observation,
      reward: success ? 1 : 0,
      done: this.done,
      success,
      info: { steps: this.steps, available_actions: this.engine.admissibleCommands() },
    };
  }

  availableActions(): string[] {
    return this.engine.admissibleCommands().slice();
  }

  initialState(): string {
    return initialStateText(this.engine.world);
  }

  snapshot(): SessionSnapshot {
    return { engine: this.engine.snapshot(), steps: this.steps, done: this.done };
  }

  restore(snapshot: unknown): void {
    const s = snapshot as SessionSnapshot;
    if (!s || typeof s !== "object" || !("engine" in s)) throw new Error("not an ALFWorld session snapshot");
    this.engine.restore(s.engine);
    this.steps = s.steps;
    this.done = s.done;
  }
}
