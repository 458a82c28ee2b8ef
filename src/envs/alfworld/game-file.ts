import { readFileSync } from "node:fs";
import { z } from "zod";
import { parseProblem, PddlSyntaxError, type PddlProblem } from "./pddl.js";

/** A `game.tw-pddl` file: one JSON object that defines a whole game. */
const GameFileSchema = z.object({
  pddl_domain: z.string().optional(),
  grammar: z.string(),
  pddl_problem: z.string(),
  solvable: z.boolean().optional(),
  walkthrough: z.array(z.string()).optional(),
});

export interface AlfworldGame {
  /** Where the game came from (a path, or a label for in-memory data); used in error messages. */
  source: string;
  problem: PddlProblem;
  /** The task sentence, e.g. "put a clean lettuce in diningtable." */
  task: string;
  solvable: boolean | undefined;
  /** The expert walkthrough stored in 2.1.2+ files (new-format commands), if any. */
  walkthrough: string[] | undefined;
}

export class GameFileError extends Error {
  constructor(
    readonly source: string,
    readonly field: string,
    message: string,
  ) {
    super(`${source}: field '${field}': ${message}`);
  }
}

// The grammar substitutes the task at generation time: "task": [{"rhs": "Your task is to: <task>"}].
const TASK_RE = /"task"\s*:\s*\[\s*\{\s*"rhs"\s*:\s*("(?:[^"\\]|\\.)*")/;
const TASK_PREFIX = "Your task is to: ";

function taskSentence(grammar: string, source: string): string {
  const m = TASK_RE.exec(grammar);
  if (!m) throw new GameFileError(source, "grammar", 'no "task" rule');
  const rhs = JSON.parse(m[1]!) as string;
  if (!rhs.startsWith(TASK_PREFIX))
    throw new GameFileError(source, "grammar", `task rule does not start with '${TASK_PREFIX}'`);
  return rhs.slice(TASK_PREFIX.length);
}

export function parseGameData(data: unknown, source: string): AlfworldGame {
  const parsed = GameFileSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new GameFileError(source, issue.path.join(".") || "(root)", issue.message);
  }
  const g = parsed.data;
  let problem: PddlProblem;
  try {
    problem = parseProblem(g.pddl_problem);
  } catch (e) {
    if (e instanceof PddlSyntaxError) throw new GameFileError(source, "pddl_problem", e.message);
    throw e;
  }
  return {
    source,
    problem,
    task: taskSentence(g.grammar, source),
    solvable: g.solvable,
    walkthrough: g.walkthrough,
  };
}

export function loadGameFile(path: string): AlfworldGame {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new Error(`cannot read ALFWorld game file ${path}: ${(e as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new GameFileError(path, "(root)", `not valid JSON: ${(e as Error).message}`);
  }
  return parseGameData(data, path);
}
