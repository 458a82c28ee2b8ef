/**
 * TextWorld behind the one environment interface, with the observation formats users meet:
 * - `text` (default): what the game prints, under the documented normalisation (normalise.ts);
 * - `jericho`: the reference paper's setting — Jericho's uncleaned feedback for games not named `tw-*`:
 *   a leading newline, one extra newline after the output of a command that took a turn, the prompt,
 *   128 spaces of status-line padding and the status line `-= Room =-score/moves` (e.g. "-= Bedroom =-0/3");
 * - `agentgym`: `jericho` plus AgentGym's "\nAVAILABLE ACTIONS: a, b, c" line, as Word2World's client shows it.
 * Reward is 1 on the step that wins (binary, as the protocol has it); `done` on win, loss or the step cap
 * (TextWorld's gym default of 50).
 */
import { EpisodeDoneError, type EnvSession, type StepResult } from "../../protocol/env.js";
import type { TextWorldGame } from "./game-file.js";
import { normaliseObservation } from "./normalise.js";
import { TextWorldSession } from "./session.js";
import { describeState } from "./state-description.js";

export const TEXTWORLD_FORMATS = ["text", "jericho", "agentgym"] as const;
export type TextWorldFormat = (typeof TEXTWORLD_FORMATS)[number];
export const TEXTWORLD_MAX_STEPS = 50;
const STATUS_PADDING = 128;

export interface TextWorldEnvOptions {
  format?: TextWorldFormat;
  maxSteps?: number;
}

export function textWorldFormat(value: string | undefined): TextWorldFormat {
  if (value === undefined) return "text";
  if (!(TEXTWORLD_FORMATS as readonly string[]).includes(value))
    throw new Error(`unknown TextWorld format '${value}': use ${TEXTWORLD_FORMATS.join(", ")}`);
  return value as TextWorldFormat;
}

/** Where Jericho's extra newline goes: after the action's own output, before the score notification. */
const SCORE_LINE = /\nYour score (?:has just gone up|changed) by /;

export class TextWorldEnvSession implements EnvSession {
  readonly engine: TextWorldSession;
  private readonly format: TextWorldFormat;
  private readonly maxSteps: number;
  private steps = 0;
  private ended = false;

  constructor(game: TextWorldGame, options: TextWorldEnvOptions = {}) {
    this.engine = new TextWorldSession(game);
    this.format = options.format ?? "text";
    this.maxSteps = options.maxSteps ?? TEXTWORLD_MAX_STEPS;
    if (!Number.isInteger(this.maxSteps) || this.maxSteps < 1)
      throw new Error(`TextWorld step cap must be a positive integer, got ${String(options.maxSteps)}`);
  }

  reset(): string {
    this.steps = 0;
    this.ended = false;
    const text = this.engine.start();
    return this.present(this.format === "text" ? text : `${text}>${this.status()}`);
  }

  step(action: string): StepResult {
    if (this.ended) throw new EpisodeDoneError();
    const e = this.engine;
    const before = { moves: e.moves, status: this.status() };
    const text = e.step(action);
    this.steps++;
    const advanced = e.moves !== before.moves || e.done;
    let observation: string;
    if (this.format === "text") observation = text;
    else {
      // Jericho: "\n" + ifvms's reply less its final newline, an extra "\n" after the action's output on a turn.
      let body = text.endsWith("\n") ? text.slice(0, -1) : text;
      if (advanced) {
        const m = SCORE_LINE.exec(body);
        body = m ? `${body.slice(0, m.index)}\n${body.slice(m.index)}` : `${body}\n`;
      }
      // The status line is not redrawn on the turn that ends the game.
      observation = `\n${body}\n>${e.done ? before.status : this.status()}`;
    }
    const done = e.done || this.steps >= this.maxSteps;
    this.ended = done;
    return {
      observation: this.present(observation),
      reward: e.won ? 1 : 0,
      done,
      success: e.won,
      info: {
        score: e.score,
        max_score: e.maxScore,
        moves: e.moves,
        won: e.won,
        lost: e.lost,
        ...(done && !e.done ? { truncated: true } : {}),
      },
    };
  }

  availableActions(): string[] {
    return this.engine.admissibleCommands();
  }

  /** The whole world in words (rooms, exits, doors, where everything is): not part of the reference setting. */
  fullState(): string {
    return describeState(this.engine);
  }

  private status(): string {
    const e = this.engine;
    return `${" ".repeat(STATUS_PADDING)}${e.location}${e.score}/${e.moves}`;
  }

  private present(observation: string): string {
    const text = this.format === "text" ? normaliseObservation(observation) : observation;
    if (this.format !== "agentgym") return text;
    return `${text}\nAVAILABLE ACTIONS: ${this.engine.admissibleCommands().join(", ")}`;
  }
}
