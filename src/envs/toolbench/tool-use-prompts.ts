/**
 * What ToolBench's agent sees for a query (toolbench/inference/Downstream_tasks/rapidapi.py and
 * Prompts/ReAct_prompts.py in THUNLP-MT/StableToolBench): the AutoGPT-style system prompt with the task
 * description listing the tools, the query as the user turn, and one OpenAI function per API plus
 * `Finish`, built the way `api_json_to_openai_json` builds them (quirks kept: `"required"` and
 * `"optional"` start with an empty name, names keep their last 64 characters, descriptions are cut to 256).
 */
import { pyStrip } from "../../util/pystr.js";
import { changeName, functionName, standardize } from "./names.js";
import { pyStr, type PyValue } from "./py-literal.js";
import type { SolvableApi } from "./data.js";

export const TOOL_USE_SYSTEM = `You are AutoGPT, you can use many tools(functions) to do the following task.
First I will give you the task description, and your task start.
At each step, you need to give your thought to analyze the status now and what to do next, with a function call to actually excute your step.
After the call, you will get the call result, and you are now in a new state.
Then you will analyze your status now, then decide what to do next...
After many (Thought-call) pairs, you finally perform the task, then you can give your finial answer.
Remember: 
1.the state change is irreversible, you can't go back to one of the former state, if you want to restart the task, say "I give up and restart".
2.All the thought is short, at most in 5 sentence.
3.You can do more then one trys, so if your plan is to continusly try some conditions, you can do one of the conditions per try.
Let's Begin!
Task description: {task_description}`;

const TASK_DESCRIPTION_HEAD = `You should use functions to help handle the real time user querys. Remember:
1.ALWAYS call "Finish" function at the end of the task. And the final answer should contain enough information to show to the user,If you can't handle the task, or you find that function calls always fail(the function is not valid now), use function Finish->give_up_and_restart.
2.Do not use origin tool names, use only subfunctions' names.
You have access of the following tools:
`;

export const FINISH_FUNCTION: PyValue = new Map<PyValue, PyValue>([
  ["type", "function"],
  [
    "function",
    new Map<PyValue, PyValue>([
      ["name", "Finish"],
      [
        "description",
        "If you believe that you have obtained a result that can answer the task, please call this function to provide the final answer. Alternatively, if you recognize that you are unable to proceed with the task in the current state, call this function to restart. Remember: you must ALWAYS call this function at the end of your attempt, and the only part that will be shown to the user is the final answer, so it should contain sufficient information.",
      ],
      [
        "parameters",
        new Map<PyValue, PyValue>([
          ["type", "object"],
          [
            "properties",
            new Map<PyValue, PyValue>([
              [
                "return_type",
                new Map<PyValue, PyValue>([
                  ["type", "string"],
                  ["enum", ["give_answer", "give_up_and_restart"]],
                ]),
              ],
              [
                "final_answer",
                new Map<PyValue, PyValue>([
                  ["type", "string"],
                  [
                    "description",
                    'The final answer you want to give the user. You should have this field if "return_type"=="give_answer"',
                  ],
                ]),
              ],
            ]),
          ],
          ["required", ["return_type"]],
        ]),
      ],
    ]),
  ],
]);

/** One callable API: its function name, and what the virtual server needs to answer a call to it. */
export interface ToolFunction {
  name: string;
  category: string;
  /** The standardized tool name (what the agent's payload carries). */
  tool: string;
  /** The standardized API name. */
  api: string;
  spec: PyValue;
}

const TYPES: Record<string, string> = { NUMBER: "integer", STRING: "string", BOOLEAN: "boolean" };
/** Python slicing counts code points. */
const cut = (s: string, n: number) => [...s].slice(0, n).join("");

function param(p: SolvableApi["required_parameters"][number]): PyValue {
  const spec = new Map<PyValue, PyValue>([
    ["type", TYPES[p.type] ?? "string"],
    ["description", cut(p.description, 256)],
  ]);
  // `len(str(default)) != 0`; the value itself is kept as it was.
  const d = p.default as PyValue;
  if (d !== undefined && pyStr(d ?? null).length !== 0) spec.set("example_value", d);
  return spec;
}

export function toolFunction(api: SolvableApi): ToolFunction {
  const tool = standardize(api.tool_name);
  const pure = changeName(standardize(api.api_name));
  const name = functionName(tool, api.api_name);
  let description = `This is the subfunction for tool "${tool}", you can use this tool.`;
  if (pyStrip(api.api_description) !== "")
    description += `The description of this function is: "${cut(pyStrip(api.api_description).replaceAll(api.api_name, name), 256)}"`;
  const properties = new Map<PyValue, PyValue>();
  const required: PyValue[] = [""];
  const optional: PyValue[] = [""];
  for (const p of api.required_parameters) {
    const n = changeName(standardize(p.name));
    properties.set(n, param(p));
    required.push(n);
  }
  for (const p of api.optional_parameters) {
    const n = changeName(standardize(p.name));
    properties.set(n, param(p));
    optional.push(n);
  }
  const spec = new Map<PyValue, PyValue>([
    ["type", "function"],
    [
      "function",
      new Map<PyValue, PyValue>([
        ["name", name],
        ["description", description],
        [
          "parameters",
          new Map<PyValue, PyValue>([
            ["type", "object"],
            ["properties", properties],
            ["required", required],
            ["optional", optional],
          ]),
        ],
      ]),
    ],
  ]);
  return { name, category: api.category_name, tool, api: pure, spec };
}

/**
 * The task description: the fixed head, then one line per distinct tool. Upstream takes each tool's
 * description from the full tool documents, which the solvable-query files do not carry; a tool whose
 * description is unknown is listed as "None", as upstream lists an empty one.
 */
export function taskDescription(
  functions: readonly ToolFunction[],
  toolDescriptions: ReadonlyMap<string, string>,
): string {
  let text = TASK_DESCRIPTION_HEAD;
  const tools = [...new Set(functions.map((f) => f.tool))];
  tools.forEach((tool, k) => {
    const striped = pyStrip(cut(toolDescriptions.get(tool) ?? "", 512).replaceAll("\n", ""));
    text += `${k + 1}.${tool}: ${striped === "" ? "None" : striped}\n`;
  });
  return text;
}

export const toolUseUser = (query: string) => `\n${query}\nBegin!\n`;
