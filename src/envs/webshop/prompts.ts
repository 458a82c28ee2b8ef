/**
 * WebShop prompts: AgentGym's ReAct conversation start (WooooDyy/AgentGym
 * `agentenv/agentenv/envs/webshop.py`, `WebshopAdapter.conversation_start_dict[ActionFormat.REACT]`),
 * verbatim — the first observation follows as the next user turn and every later user turn is the raw
 * observation — and our instruction for zero-shot world models.
 */
import type { ChatMessage } from "../../llm/types.js";

export const WEBSHOP_REACT_INSTRUCTION =
  "You are web shopping.\n" +
  "I will give you instructions about what to do.\n" +
  "You have to follow the instructions.\n" +
  "Every round I will give you an observation and a list of available actions, you have to respond an action based on the state and instruction.\n" +
  "You can use search action if search is available.\n" +
  "You can click one of the buttons in clickables.\n" +
  "An action should be of the following structure:\n" +
  "search[keywords]\n" +
  "click[value]\n" +
  "If the action is not valid, perform nothing.\n" +
  "Keywords in search are up to you, but the value in click must be a value in the list of available actions.\n" +
  "Remember that your keywords in search should be carefully designed.\n" +
  "Your response should use the following format:\n" +
  "\n" +
  "Thought:\n" +
  "I think ... \n" +
  "\n" +
  "Action: \n" +
  "click[something]";

export const WEBSHOP_REACT_PREAMBLE: readonly ChatMessage[] = [
  { role: "user", content: WEBSHOP_REACT_INSTRUCTION },
  { role: "assistant", content: "Ok." },
];

/** Our wording, for world models prompted zero-shot to play the environment. */
export const WEBSHOP_WM_TASK =
  "You simulate WebShop, a text-only online shopping website (the AgentGym text environment). " +
  'Pages are rendered as their visible text segments joined by " [SEP] ": the search page ' +
  '("WebShop [SEP] Instruction: [SEP] <instruction> [SEP] Search"), search results ' +
  '("Instruction: [SEP] <instruction> [SEP] Back to Search [SEP] Page N (Total results: M) [SEP] ' +
  '< Prev [SEP] Next > [SEP] <ASIN> [SEP] <title> [SEP] <price> ...", 10 products per page, "< Prev" only from page 2), ' +
  'item pages (option groups and values, title, "Price: ...", "Rating: ...", Description, Features, Reviews, Buy Now), ' +
  "their Description/Features/Reviews sub-pages, and the purchase confirmation page with the reward. " +
  "The agent acts with search[keywords] (allowed on every page) or click[value] (a button, product ASIN or " +
  "option value shown on the current page, case-insensitive); any other or invalid action leaves the page unchanged. " +
  "Given the history of observations and actions and the agent's next action, reply with exactly the next " +
  "observation text, nothing else.";
