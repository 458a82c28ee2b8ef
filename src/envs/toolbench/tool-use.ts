/**
 * `toolbench-agent`: StableToolBench's 765 solvable queries as a multi-turn tool-use environment
 * (query → API calls → final answer), over the virtual API's recorded responses under the strict policy.
 * Items are numbered in the groups' file order (G1_category, G1_instruction, G1_tool, G2_category,
 * G2_instruction, G3_instruction); the splits are the groups and "test" (all of them).
 *
 * The first observation is what ToolBench's agent is given: the AutoGPT system prompt with the task
 * description, the functions (upstream passes them through the chat API's `functions` field; a text
 * agent reads them here, one JSON object per line after "Functions:"), and the query.
 */
import { UnknownItemError } from "../errors.js";
import type { Policy } from "../../agents/policy.js";
import type { EnvDefinition } from "../types.js";
import { toolbench } from "./index.js";
import { loadSolvableQueries, type SolvableQuery } from "./data.js";
import { pyJsonDumps, type PyValue } from "./py-literal.js";
import { queriesDir } from "./pull.js";
import {
  FINISH_FUNCTION,
  taskDescription,
  TOOL_USE_SYSTEM,
  toolFunction,
  toolUseUser,
} from "./tool-use-prompts.js";
import { ToolUseSession, TOOL_USE_MAX_STEPS } from "./tool-use-session.js";
import { loadVirtualData, VirtualApi } from "./virtual-server.js";
import { toolbenchDir } from "./catalog.js";
import { changeName, standardize } from "./names.js";

interface Loaded {
  queries: SolvableQuery[];
  api: VirtualApi;
}

const cache = new Map<string, Loaded>();
function load(root: string): Loaded {
  let l = cache.get(root);
  if (!l) {
    let queries: SolvableQuery[];
    try {
      queries = loadSolvableQueries(queriesDir(root));
    } catch (e) {
      throw new UnknownItemError(
        `no StableToolBench solvable queries under ${queriesDir(root)} (${(e as Error).message}); run: wordworld data pull toolbench`,
      );
    }
    const data = loadVirtualData(toolbenchDir(root));
    cache.set(root, (l = { queries, api: new VirtualApi({ cache: data.cache, docs: data.docs }) }));
  }
  return l;
}

function groups(root: string): string[] {
  return [...new Set(load(root).queries.map((q) => q.group))];
}

export function firstObservation(q: SolvableQuery): {
  text: string;
  functions: ReturnType<typeof toolFunction>[];
} {
  const functions = q.api_list.map(toolFunction);
  const system = TOOL_USE_SYSTEM.replace("{task_description}", taskDescription(functions, new Map()));
  const specs = [...functions.map((f) => f.spec), FINISH_FUNCTION].map(pyJsonDumps).join("\n");
  return { text: `${system}\n\nFunctions:\n${specs}\n${toolUseUser(q.query)}`, functions };
}

/**
 * A scripted agent needing no LLM: calls each relevant API once with its documented example values
 * (the `default` of every required parameter), then gives the responses as its final answer.
 */
export class ExampleCallsExpert implements Policy {
  private readonly actions: string[];
  private readonly seen: string[] = [];
  private i = 0;

  constructor(q: SolvableQuery) {
    const relevant = q.relevant_apis.map(([tool, api]) =>
      q.api_list.find((a) => a.tool_name === tool && a.api_name === api),
    );
    this.actions = relevant
      .filter((a) => a !== undefined)
      .map((a) => {
        const args = new Map<PyValue, PyValue>();
        for (const p of a.required_parameters)
          args.set(changeName(standardize(p.name)), (p.default ?? "") as PyValue);
        return `${toolFunction(a).name}\nAction Input: ${pyJsonDumps(args)}`;
      });
  }

  observe(observation: string): void {
    this.seen.push(observation);
  }

  act(): string {
    if (this.i < this.actions.length) return this.actions[this.i++]!;
    const answer = this.seen.slice(1).join("\n");
    return `Finish\nAction Input: ${pyJsonDumps(
      new Map<PyValue, PyValue>([
        ["return_type", "give_answer"],
        ["final_answer", answer],
      ]),
    )}`;
  }
}

export const toolbenchAgent: EnvDefinition = {
  name: "toolbench-agent",
  summary: "StableToolBench solvable queries: multi-turn tool use over the recorded API responses",
  splits: [
    "G1_category",
    "G1_instruction",
    "G1_tool",
    "G2_category",
    "G2_instruction",
    "G3_instruction",
    "test",
  ],
  testSplit: "test",
  trainSplit: "train",
  defaultExpert: "example-calls",
  reactPreamble: [],
  wmInstruction:
    "You simulate StableToolBench's tool environment. The user sends one function call per turn (the function name, then " +
    "Action Input: its JSON arguments); reply with exactly the observation the environment returns: the API server's " +
    'JSON reply {"error": "...", "response": "..."} as Python json.dumps prints it, cut to 1024 characters plus "...".',
  async pull(root, from, log) {
    const summary = await toolbench.pull(root, from, log);
    cache.delete(root);
    return summary;
  },
  status(root) {
    const q = load(root).queries;
    return [`solvable queries: ${q.length} (${groups(root).join(", ")})`];
  },
  itemIds(root, split) {
    const q = load(root).queries;
    if (split === "test") return q.map((_, i) => i);
    if (!groups(root).includes(split))
      throw new UnknownItemError(
        `unknown toolbench-agent split '${split}': valid splits are ${[...groups(root), "test"].join(", ")}`,
      );
    return q.flatMap((x, i) => (x.group === split ? [i] : []));
  },
  openItem(root, id, options) {
    const l = load(root);
    const q = l.queries[id];
    if (!q) throw new UnknownItemError(`no toolbench-agent item ${id}: items are 0–${l.queries.length - 1}`);
    const first = firstObservation(q);
    return {
      session: new ToolUseSession(
        { firstObservation: first.text, functions: first.functions },
        l.api,
        options.maxSteps ?? TOOL_USE_MAX_STEPS,
      ),
      label: `${q.group} query ${q.query_id}`,
      game: `toolbench-agent:${q.group}/${q.query_id}`,
      experts: { "example-calls": () => new ExampleCallsExpert(q) },
    };
  },
};
