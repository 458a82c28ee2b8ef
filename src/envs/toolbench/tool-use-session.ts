/**
 * A StableToolBench query as a multi-turn episode: query → API calls → final answer, stepped the way
 * ToolBench's `rapidapi_wrapper.step` steps (toolbench/inference/Downstream_tasks/rapidapi.py), with the
 * calls answered in-process by the virtual API under the strict policy (recorded responses; a miss is
 * the fixed cache-miss error).
 *
 * - The action is a ReAct action as ToolBench's text agents write it: the function name, then
 *   `Action Input: {json}` (an optional trailing `End Action` is dropped).
 * - `Finish`: upstream's lenient parse of the input and its exact replies; `give_answer` with a
 *   `final_answer` ends the episode as answered, `give_up_and_restart` ends it unanswered, anything else
 *   is an error observation and the episode goes on.
 * - Any other name calls the first function whose name ends with it (upstream's `endswith` match, so
 *   an empty name calls the first function); the server's reply is `json.dumps`-ed as Python prints it,
 *   and cut to 1,024 characters plus "..." (`max_observation_length`). No match: "No such function name".
 * - The episode also ends after `maxSteps` actions (ToolBench's single chain stops at 12).
 *
 * Success is "answered" (upstream's `check_success`: a final answer was given). Whether the answer
 * solves the query is StableToolBench's SoPR, which needs an LLM judge and is not computed here.
 */
import { EpisodeDoneError, type EnvSession, type StepResult } from "../../protocol/env.js";
import { pyStrip } from "../../util/pystr.js";
import { parseJson, pyJsonDumps, tryParse } from "./py-literal.js";
import type { ToolFunction } from "./tool-use-prompts.js";
import type { VirtualApi } from "./virtual-server.js";

export const MAX_OBSERVATION_LENGTH = 1024;

/** Upstream's status codes for the server's error strings (0 otherwise). */
const ERROR_CODES: Record<string, number> = {
  "API not working error...": 6,
  "Unauthorized error...": 7,
  "Unsubscribed error...": 8,
  "Too many requests error...": 9,
  "Rate limit per minute error...": 10,
  "Message error...": 11,
};
export const TOOL_USE_MAX_STEPS = 12;

export interface ToolUseEpisode {
  firstObservation: string;
  functions: readonly ToolFunction[];
}

/** Splits a ReAct action into ToolBench's action name and action input. */
export function splitToolAction(action: string): { name: string; input: string } {
  let text = action;
  const end = text.lastIndexOf("End Action");
  if (end >= 0 && pyStrip(text.slice(end + "End Action".length)) === "") text = text.slice(0, end);
  const i = text.indexOf("Action Input:");
  if (i < 0) return { name: pyStrip(text), input: "" };
  return { name: pyStrip(text.slice(0, i)), input: pyStrip(text.slice(i + "Action Input:".length)) };
}

/** Upstream's reading of a Finish input: JSON, else the substrings it looks for. */
function finishFields(input: string): { returnType?: string; finalAnswer?: boolean } {
  const v = tryParse(parseJson, input);
  if (v instanceof Map) {
    const rt = v.get("return_type");
    return {
      ...(v.has("return_type") ? { returnType: typeof rt === "string" ? rt : String(rt) } : {}),
      ...(v.has("final_answer") ? { finalAnswer: true } : {}),
    };
  }
  const out: { returnType?: string; finalAnswer?: boolean } = {};
  if (input.includes('"return_type": "')) {
    if (input.includes('"return_type": "give_answer"')) out.returnType = "give_answer";
    else if (input.includes('"return_type": "give_up_and_restart"')) out.returnType = "give_up_and_restart";
    else {
      // input[find(marker) + len(marker) : find('",')], with Python's slice of a -1 end.
      const from = input.indexOf('"return_type": "') + '"return_type": "'.length;
      const to = input.indexOf('",');
      out.returnType = input.slice(from, to < 0 ? -1 : to);
    }
  }
  if (input.includes('"final_answer": "')) out.finalAnswer = true;
  return out;
}

export class ToolUseSession implements EnvSession {
  private steps = 0;
  private done = false;

  constructor(
    private readonly episode: ToolUseEpisode,
    private readonly api: VirtualApi,
    private readonly maxSteps = TOOL_USE_MAX_STEPS,
  ) {}

  reset(): string {
    this.steps = 0;
    this.done = false;
    return this.episode.firstObservation;
  }

  availableActions(): string[] {
    return [...this.episode.functions.map((f) => f.name), "Finish"];
  }

  step(action: string): StepResult {
    if (this.done) throw new EpisodeDoneError();
    this.steps++;
    const { name, input } = splitToolAction(action);
    const r = this.answer(name, input);
    const capped = !r.done && this.steps >= this.maxSteps;
    if (r.done || capped) this.done = true;
    return {
      observation: r.observation,
      reward: r.success ? 1 : 0,
      done: r.done || capped,
      success: r.success,
      info: { code: r.code, ...(r.source ? { source: r.source } : {}) },
    };
  }

  private answer(
    name: string,
    input: string,
  ): { observation: string; code: number; done: boolean; success: boolean; source?: string } {
    const reply = (observation: string, code: number, done = false, success = false) => ({
      observation,
      code,
      done,
      success,
    });
    if (name === "Finish") {
      const f = finishFields(input);
      if (f.returnType === undefined) return reply('{error:"must have "return_type""}', 2);
      if (f.returnType === "give_up_and_restart")
        return reply('{"response":"chose to give up and restart"}', 4, true);
      if (f.returnType === "give_answer") {
        if (!f.finalAnswer) return reply('{error:"must have "final_answer""}', 2);
        return reply('{"response":"successfully giving the final answer."}', 3, true, true);
      }
      return reply('{error:""return_type" is not a valid choice"}', 2);
    }
    const fn = this.episode.functions.find((f) => f.name.endsWith(name));
    if (!fn)
      return reply(
        pyJsonDumps(
          new Map([
            ["error", `No such function name: ${name}`],
            ["response", ""],
          ]),
        ),
        1,
      );
    const a = this.api.answerStrict({
      category: fn.category,
      tool_name: fn.tool,
      api_name: fn.api,
      tool_input: input,
    });
    let obs: string;
    let code = 12;
    if (a.status !== 200) {
      obs = pyJsonDumps(
        new Map([
          ["error", `request invalid, data error. status_code=${a.status}`],
          ["response", ""],
        ]),
      );
    } else {
      const body = parseJson(a.json);
      obs = pyJsonDumps(body);
      code = body instanceof Map ? (ERROR_CODES[String(body.get("error"))] ?? 0) : 0;
    }
    if ([...obs].length > MAX_OBSERVATION_LENGTH)
      obs = [...obs].slice(0, MAX_OBSERVATION_LENGTH).join("") + "...";
    return { ...reply(obs, code), source: a.source };
  }
}
