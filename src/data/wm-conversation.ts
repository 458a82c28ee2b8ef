/**
 * The world-model conversation, exactly as the reference (Word2World) builds it:
 *
 * - system: the hidden initial state and the agent's first observation under two headings
 *   (scripts/collect_init_context/collect_wm_instruct_alfworld.py's template, trailing newline included);
 *   environments without a hidden initial state (TextWorld, WebShop, …) use the first observation alone
 *   (collect_wm_instruct_textworld.py / _webshop.py);
 * - then user = action, assistant = the observation it produced, with SUCCESS_MARKER (" [SUCCESS]")
 *   appended to the observation of the step that completed the task.
 */
import type { ChatMessage } from "../llm/types.js";
import { SUCCESS_MARKER, type Trajectory } from "../protocol/trajectory.js";

/**
 * The world model's system prompt. With an initial state (even an empty string) it is the reference's
 * two-heading template, ending in a newline; with `initialState` undefined it is `firstObservation`
 * itself, unchanged (no heading, no added newline), as the reference does for environments that have no
 * hidden state.
 */
export function wmSystemPrompt(initialState: string | undefined, firstObservation: string): string {
  if (initialState === undefined) return firstObservation;
  return (
    "# Environment Information (Only visible to Assistant)\n\n" +
    `${initialState}\n\n` +
    "# User Environment Information (Displayed to User)\n\n" +
    `${firstObservation}\n`
  );
}

/** The observation a world model is trained to produce for a step (the marker on the successful one). */
export function wmTarget(step: { observation: string; success: boolean }): string {
  return step.success ? step.observation + SUCCESS_MARKER : step.observation;
}

/** [system, user(action 1), assistant(observation 1), …] for one trajectory. */
export function wmMessages(t: Trajectory): ChatMessage[] {
  const messages: ChatMessage[] = [
    { role: "system", content: wmSystemPrompt(t.initial_state, t.first_observation) },
  ];
  for (const step of t.steps) {
    messages.push({ role: "user", content: step.action });
    messages.push({ role: "assistant", content: wmTarget(step) });
  }
  return messages;
}
