/**
 * AgentGym's lenient ReAct parsing (agentenv BaseAdapter.parse_react): split on the last "Action:";
 * without one, a bare `search[…]`/`click[…]` reply is taken whole as the action, anything else gives an
 * empty action. The thought is what follows "Thought:". A reply missing either marker is flagged.
 */
import { pyStrip } from "../util/pystr.js";

export interface ParsedReply {
  thought: string;
  action: string;
  /** The reply did not follow "Thought: …\nAction: …" (it is still used, as AgentGym does). */
  malformed: boolean;
}

export function parseReact(reply: string): ParsedReply {
  let text = reply;
  // AgentGym's client drops a trailing end-of-sequence token.
  if (text.endsWith("</s>")) text = text.slice(0, -4);
  let malformed = false;
  let thoughtPart: string;
  let action: string;
  const i = text.lastIndexOf("Action:");
  if (i < 0) {
    malformed = true;
    if (text.includes("search[") || text.includes("click[")) {
      thoughtPart = "";
      action = text;
    } else {
      thoughtPart = text;
      action = "";
    }
  } else {
    thoughtPart = text.slice(0, i);
    action = text.slice(i + "Action:".length);
  }
  const t = thoughtPart.indexOf("Thought:");
  let thought: string;
  if (t < 0) {
    malformed = true;
    thought = thoughtPart;
  } else {
    // Python's split("Thought:")[1]: the text between the first and the second marker.
    const rest = thoughtPart.slice(t + "Thought:".length);
    const next = rest.indexOf("Thought:");
    thought = pyStrip(next < 0 ? rest : rest.slice(0, next));
  }
  return { thought, action: pyStrip(action), malformed };
}
