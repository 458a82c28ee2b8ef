/**
 * TextWorld prompts: Word2World's AgentGym conversation start (X1AOX1A/Word2World
 * `AgentGym/agentenv/agentenv/envs/textworld.py`, `TextworldEnvClient.conversation_start`), verbatim,
 * and our instruction for zero-shot world models.
 */
import type { ChatMessage } from "../../llm/types.js";

export const TEXTWORLD_REACT_INSTRUCTION =
  "You are playing a text-based interactive fiction game (TextWorld).\n" +
  "You will receive observations describing the current state. When available, a list of admissible actions may be provided.\n" +
  "Always output strictly in the following format:\n" +
  '"Thought:\n<your reasoning>\n\nAction:\n<the single action to take>"\n' +
  "Guidelines:\n" +
  "- Prefer actions from admissible commands when provided.\n" +
  '- If no list is provided, issue a valid single command (e.g., "look", "inventory", "open door", "go north", "take key").\n' +
  "- Avoid invalid or multiple actions in one step.\n";

export const TEXTWORLD_REACT_PREAMBLE: readonly ChatMessage[] = [
  { role: "user", content: TEXTWORLD_REACT_INSTRUCTION },
  { role: "assistant", content: "Understood. I will respond with one valid action per turn." },
];

/** Our wording, for world models prompted zero-shot to play the environment. */
export const TEXTWORLD_WM_TASK =
  "You simulate a TextWorld game: a generated text adventure compiled with Inform 7, in a house of rooms " +
  'joined by exits and doors (headings like "-= Kitchen =-"), with containers, supporters, keys, food and other ' +
  "objects. Commands: look, inventory, goal, go north/south/east/west, examine X, open/close X, lock/unlock X with K, " +
  "take X, take X from Y, drop X, insert X into C, put X on S, eat F. Reply as the game does: room descriptions on " +
  'entering or looking ("There is a X on the floor." for floor items), Inform\'s responses such as "You pick up the ' +
  'key from the ground.", "You can\'t go that way.", "That\'s not a verb I recognise.", "Your score has just gone up ' +
  'by one point." and, on winning, "*** The End ***". Given the history of observations and actions and the ' +
  "agent's next action, reply with exactly the next observation text, nothing else.";
