/**
 * A ReAct agent over a chat model, in AgentGym's conversation format: the environment's instruction
 * and the "OK…" reply, then the first observation, then alternating replies and observations.
 */
import type { ChatMessage, ChatModel, SamplingParams } from "../llm/types.js";
import { parseReact } from "../protocol/react.js";
import type { Agent, AgentTurn } from "./agent.js";

export interface ReactAgentOptions {
  /** Sampling; the paper's agents use temperature 1.0, top-p 1.0. */
  sampling?: SamplingParams;
}

export const REACT_DEFAULT_SAMPLING: SamplingParams = { temperature: 1, topP: 1, maxTokens: 1024 };

export class ReactAgent implements Agent {
  private messages: ChatMessage[] = [];

  constructor(
    private readonly model: ChatModel,
    private readonly preamble: readonly ChatMessage[],
    private readonly options: ReactAgentOptions = {},
  ) {}

  get name(): string {
    return this.model.spec;
  }

  begin(firstObservation: string): void {
    this.messages = [...this.preamble, { role: "user", content: firstObservation }];
  }

  async act(observation?: string, signal?: AbortSignal): Promise<AgentTurn> {
    if (observation !== undefined) this.messages.push({ role: "user", content: observation });
    const res = await this.model.chat({
      messages: this.messages,
      sampling: this.options.sampling ?? REACT_DEFAULT_SAMPLING,
      signal,
    });
    this.messages.push({ role: "assistant", content: res.content });
    const parsed = parseReact(res.content);
    return { action: parsed.action, reply: res.content, malformed: parsed.malformed };
  }
}
