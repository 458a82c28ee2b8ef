/**
 * A language model playing the environment, behind the same session interface as the real one. The
 * conversation is the reference's: the system prompt holds the hidden initial state and the agent's first
 * observation; each action is a user turn and the model's reply is the next observation, with
 * " [SUCCESS]" at the end when the task is completed.
 */
import { wmMessages, wmSystemPrompt } from "../data/wm-conversation.js";
import type { ChatMessage, ChatModel, SamplingParams } from "../llm/types.js";
import { EpisodeDoneError, type AsyncEnvSession, type StepResult } from "../protocol/env.js";
import { SUCCESS_MARKER, type Trajectory } from "../protocol/trajectory.js";
import { pyStrip } from "../util/pystr.js";

/** fine-tuned: the plain protocol (as in the training data); zero-shot: plus a task instruction; few-shot: plus k example episodes. */
export type WorldModelMode = "fine-tuned" | "zero-shot" | "few-shot";
export const WORLD_MODEL_MODES: readonly WorldModelMode[] = ["fine-tuned", "zero-shot", "few-shot"];

/** The reference decodes the world model greedily with at most 512 new tokens. */
export const WM_DEFAULT_SAMPLING: SamplingParams = { temperature: 0, maxTokens: 512 };

export interface WorldModelPrompt {
  mode: WorldModelMode;
  /** The environment's explanation of the task (zero-shot and few-shot). */
  instruction?: string;
  /** Example episodes from the training split (few-shot). */
  examples?: Trajectory[];
}

/** Splits a reply into the observation and the success flag (the marker is stripped from the text). */
export function parseWorldModelReply(reply: string): { observation: string; success: boolean } {
  const text = pyStrip(reply);
  const marker = pyStrip(SUCCESS_MARKER);
  if (text.endsWith(marker)) return { observation: pyStrip(text.slice(0, -marker.length)), success: true };
  return { observation: text, success: false };
}

function exampleText(t: Trajectory, k: number): string {
  const turns = wmMessages(t)
    .slice(1)
    .map((m) => (m.role === "user" ? `Action: ${m.content}` : `Observation: ${m.content}`));
  return `## Example ${k}\n\n${wmSystemPrompt(t.initial_state, t.first_observation)}\n### Interaction\n\n${turns.join("\n")}`;
}

/** The system prompt for a mode: the reference's for fine-tuned models, prefixed by the instruction and examples otherwise. */
export function worldModelSystemPrompt(
  p: WorldModelPrompt,
  initialState: string | undefined,
  first: string,
): string {
  const base = wmSystemPrompt(initialState, first);
  if (p.mode === "fine-tuned") return base;
  const parts = [p.instruction ?? "Predict the environment's next observation for each action."];
  if (p.mode === "few-shot") {
    const ex = p.examples ?? [];
    if (ex.length === 0) throw new Error("few-shot world model needs at least one example trajectory");
    parts.push(
      `Here are ${ex.length} example episodes of this environment.`,
      ...ex.map((t, i) => exampleText(t, i + 1)),
    );
    parts.push("## The current episode");
  }
  return `${parts.join("\n\n")}\n\n${base}`;
}

export class WorldModelSession implements AsyncEnvSession {
  private messages: ChatMessage[] = [];
  private steps = 0;
  private done = false;
  /** Replies that were empty or cut at the token limit. */
  malformedReplies = 0;

  constructor(
    private readonly model: ChatModel,
    private readonly prompt: WorldModelPrompt,
    private readonly first: string,
    private readonly hidden: string | undefined,
    private readonly maxSteps: number,
    private readonly sampling: SamplingParams = WM_DEFAULT_SAMPLING,
  ) {}

  reset(): string {
    this.messages = [
      { role: "system", content: worldModelSystemPrompt(this.prompt, this.hidden, this.first) },
    ];
    this.steps = 0;
    this.done = false;
    return this.first;
  }

  async step(action: string, signal?: AbortSignal): Promise<StepResult> {
    if (this.done) throw new EpisodeDoneError();
    if (this.messages.length === 0) this.reset();
    const messages: ChatMessage[] = [...this.messages, { role: "user", content: action }];
    const res = await this.model.chat({ messages, sampling: this.sampling, signal });
    this.messages = [...messages, { role: "assistant", content: res.content }];
    const { observation, success } = parseWorldModelReply(res.content);
    if (observation === "" || res.finishReason === "length") this.malformedReplies++;
    this.steps++;
    this.done = success || this.steps >= this.maxSteps;
    return {
      observation,
      reward: success ? 1 : 0,
      done: this.done,
      success,
      info: { steps: this.steps, cached: res.cached },
    };
  }
}
