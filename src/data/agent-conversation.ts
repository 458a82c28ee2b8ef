/**
 * Agent SFT data in ReAct form: the conversation the agent saw. The environment's instruction prompt comes
 * first (passed in by the caller, e.g. AgentGym's human instruction and the assistant's "OK. …" reply —
 * an EnvDefinition's `reactPreamble`), then user = observation (the first observation, then each step's
 * result) and assistant = the agent's reply for that step.
 *
 * A step without a recorded reply (an expert or replayed action) becomes "Action: {action}" — no thought
 * is invented. The observation after the last action has no reply to train on and is left out, so the
 * conversation ends with the assistant.
 */
import type { ChatMessage } from "../llm/types.js";
import type { Trajectory, TrajectoryStep } from "../protocol/trajectory.js";

/** The assistant turn for a step: its full reply, else a bare action. */
export function agentReply(step: TrajectoryStep): string {
  return step.reply ?? `Action: ${step.action}`;
}

/**
 * Checks that a preamble is optional leading system messages, then user/assistant pairs (so the first
 * observation, a user turn, can follow it).
 */
function checkPreamble(preamble: readonly ChatMessage[]): void {
  let i = 0;
  while (i < preamble.length && preamble[i]!.role === "system") i++;
  for (let k = i; k < preamble.length; k++) {
    const expected = (k - i) % 2 === 0 ? "user" : "assistant";
    if (preamble[k]!.role !== expected)
      throw new Error(
        `agent preamble message ${k} has role '${preamble[k]!.role}', expected '${expected}' ` +
          "(a preamble is optional system messages, then user/assistant pairs)",
      );
  }
  if ((preamble.length - i) % 2 !== 0)
    throw new Error(
      "agent preamble must end with an assistant message (the first observation is the next user turn)",
    );
}

/** preamble, user(first observation), assistant(reply 1), user(observation 1), …, assistant(reply n). */
export function agentMessages(t: Trajectory, preamble: readonly ChatMessage[]): ChatMessage[] {
  checkPreamble(preamble);
  const messages: ChatMessage[] = preamble.map((m) => ({ role: m.role, content: m.content }));
  let observation = t.first_observation;
  for (const step of t.steps) {
    messages.push({ role: "user", content: observation });
    messages.push({ role: "assistant", content: agentReply(step) });
    observation = step.observation;
  }
  return messages;
}
