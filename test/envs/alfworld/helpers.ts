/**
 * Test-side oracle for the ALFWorld text game, written from upstream's rules and independent of the engine:
 * the raw `pddl_problem` facts (found with a regex, lowercased as Fast Downward does), ALFWorld's Demangler
 * naming rule (alfworld/agents/utils/misc.py), TextWorld's list rendering (textgen `display_list` with the
 * grammar's `list_separator` ", ", `list_last_separator` ", and ", `list_empty` "nothing"), and the rules and
 * templates of a TWL2 grammar text. Expected texts in the tests are built from these, never from the engine.
 */
import { readFileSync } from "node:fs";
import { expect } from "vitest";
import { AlfworldEngine, type TextFormat } from "../../../src/envs/alfworld/engine.js";
import { loadGameFile } from "../../../src/envs/alfworld/game-file.js";
import { gamePath } from "../../alfworld-data.js";

export const NOTHING = "Nothing happens.";

export interface RawGameFile {
  pddl_domain: string;
  grammar: string;
  pddl_problem: string;
  walkthrough?: string[];
}

export function readRaw(path: string): RawGameFile {
  return JSON.parse(readFileSync(path, "utf8")) as RawGameFile;
}

/** The ground atoms of `(:init …)`, lowercased token by token (Fast Downward lowercases every name). */
export function initFacts(problem: string): string[][] {
  const init = problem.slice(problem.indexOf("(:init"), problem.indexOf("(:goal"));
  return [...init.matchAll(/\(([^()]+)\)/g)]
    .map((m) =>
      m[1]!
        .trim()
        .split(/\s+/)
        .map((t) => t.toLowerCase()),
    )
    .filter((f) => f[0] !== ":init" && f[0] !== "=");
}

/**
 * ALFWorld's Demangler with shuffle off: sorted ids; class = text before the first "_bar_", plus "basin"
 * when the id contains "basin"; per class a list [1..n] from which each id, in sorted order, pops the last
 * (largest) number. Ids without "_bar_" keep their text and get number 0, formatted "name " (empty id).
 */
export function demangle(ids: Iterable<string>): Map<string, string> {
  const sorted = [...new Set(ids)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const cls = (id: string): string | undefined => {
    const i = id.indexOf("_bar_");
    if (i < 0) return undefined;
    return id.slice(0, i) + (id.includes("basin") ? "basin" : "");
  };
  const pools = new Map<string, number[]>();
  for (const id of sorted) {
    const c = cls(id);
    if (c === undefined) continue;
    const pool = pools.get(c) ?? [];
    pool.push(pool.length + 1);
    pools.set(c, pool);
  }
  const out = new Map<string, string>();
  for (const id of sorted) {
    const c = cls(id);
    if (c === undefined) {
      out.set(id, `${id} `);
      continue;
    }
    out.set(id, `${c} ${pools.get(c)!.pop()!}`);
  }
  return out;
}

/** textgen's display_list with ALFWorld's separators: [] → "nothing", [a] → "a", else "a, b, and c". */
export function listOf(items: string[]): string {
  if (items.length === 0) return "nothing";
  if (items.length === 1) return items[0]!;
  return `${items.slice(0, -1).join(", ")}, and ${items[items.length - 1]}`;
}

/** Entities carry `indefinite = "a"` (PddlEnv._get_entity_infos), whatever the name. */
export const a = (name: string): string => `a ${name}`;

const byCodeUnits = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);

/** The facts of one game, indexed for building expectations. All lists are in sorted-id order. */
export class GameFacts {
  readonly raw: RawGameFile;
  readonly facts: string[][];
  readonly names: Map<string, string>;
  readonly ids: string[];
  readonly recepLoc = new Map<string, string>();
  readonly recepType = new Map<string, string>();
  readonly objType = new Map<string, string>();
  readonly unary = new Map<string, Set<string>>();
  readonly inRecep: [string, string][] = [];
  readonly inRecepObj: [string, string][] = [];
  readonly canContainSet = new Set<string>();
  readonly agentStart: string;
  readonly task: string;

  constructor(readonly path: string) {
    this.raw = readRaw(path);
    this.facts = initFacts(this.raw.pddl_problem);
    this.names = demangle(this.facts.flatMap((f) => f.slice(1)));
    this.ids = [...this.names.keys()];
    let start: string | undefined;
    for (const [p, x, y] of this.facts) {
      if (y === undefined) {
        if (!this.unary.has(p!)) this.unary.set(p!, new Set());
        this.unary.get(p!)!.add(x!);
        continue;
      }
      if (p === "receptacleatlocation") this.recepLoc.set(x!, y);
      else if (p === "receptacletype") this.recepType.set(x!, y);
      else if (p === "objecttype") this.objType.set(x!, y);
      else if (p === "inreceptacle") this.inRecep.push([x!, y]);
      else if (p === "inreceptacleobject") this.inRecepObj.push([x!, y]);
      else if (p === "cancontain") this.canContainSet.add(`${x} ${y}`);
      else if (p === "atlocation") start = y;
    }
    this.agentStart = start!;
    this.task = /"rhs": "Your task is to: ([^"]*)"/.exec(this.raw.grammar)![1]!;
  }

  name(id: string): string {
    const n = this.names.get(id);
    if (n === undefined) throw new Error(`no entity ${id}`);
    return n;
  }

  /** The id whose display name is `name`. */
  id(name: string): string {
    for (const [id, n] of this.names) if (n === name) return id;
    throw new Error(`no entity named '${name}' in ${this.path}`);
  }

  has(pred: string, id: string): boolean {
    return this.unary.get(pred)?.has(id) ?? false;
  }

  /** Receptacles that have a location, sorted by id. */
  receptacles(): string[] {
    return [...this.recepLoc.keys()].sort(byCodeUnits);
  }

  recepsAt(loc: string): string[] {
    return this.receptacles().filter((r) => this.recepLoc.get(r) === loc);
  }

  /** Initial contents of a receptacle, sorted by id. */
  contents(r: string): string[] {
    return this.inRecep
      .filter(([, rr]) => rr === r)
      .map(([o]) => o)
      .sort(byCodeUnits);
  }

  canContain(r: string, o: string): boolean {
    return this.canContainSet.has(`${this.recepType.get(r)} ${this.objType.get(o)}`);
  }

  /** Ids of a receptacle or object type ("fridgetype"), sorted. */
  ofType(type: string): string[] {
    return this.ids.filter((i) => this.recepType.get(i) === type || this.objType.get(i) === type);
  }

  /** Locations holding at least `n` receptacles. */
  sharedLocations(n = 2): string[] {
    const count = new Map<string, number>();
    for (const l of this.recepLoc.values()) count.set(l, (count.get(l) ?? 0) + 1);
    return [...count].filter(([, c]) => c >= n).map(([l]) => l);
  }

  /** "a x 2, a x 1, and a y 1" for a list of ids. */
  seen(ids: string[]): string {
    return listOf(ids.map((i) => a(this.name(i))));
  }
}

/**
 * The merged rule table of a TWL2 grammar (the top-level block and every action's block; lines starting with
 * "#" dropped, as TextWorld does for action grammars), plus each action's template and feedback rule.
 */
export interface Twl2 {
  rules: Record<string, { condition?: string; rhs: string }[]>;
  actions: Map<string, { template: string; feedback: string }>;
}

export function parseTwl2(text: string): Twl2 {
  const rules: Twl2["rules"] = {};
  for (const m of text.matchAll(/grammar :: """([\s\S]*?)"""/g)) {
    const json = m[1]!
      .split("\n")
      .filter((l) => !l.trimStart().startsWith("#"))
      .join("\n");
    Object.assign(rules, JSON.parse(json));
  }
  const actions = new Map<string, { template: string; feedback: string }>();
  for (const m of text.matchAll(/action (\w+) \{\s*template :: "([^"]*)";\s*feedback :: "([^"]*)";/g))
    actions.set(m[1]!, { template: m[2]!, feedback: m[3]! });
  return { rules, actions };
}

/** The rhs of the `i`-th alternative of a rule. */
export function rhs(g: Twl2, rule: string, i = 0): string {
  const alt = g.rules[rule]?.[i];
  if (!alt) throw new Error(`grammar has no alternative ${i} of '${rule}'`);
  return alt.rhs;
}

/**
 * Fills a simple rhs: `{x.name}` from `vars`, a `[{… | query}]` list from `list`, and `#rule#` nonterminals
 * from `subs`. Anything left unfilled is an error, so a grammar change shows up as a test failure.
 */
export function fill(
  text: string,
  vars: Record<string, string>,
  opts: { list?: string; subs?: Record<string, string> } = {},
): string {
  const out = text
    .replace(/\[\{[^\]]*\}\]/g, () => {
      if (opts.list === undefined) throw new Error(`no list given for '${text}'`);
      return opts.list;
    })
    .replace(/#([^#]+)#/g, (_, r: string) => {
      const s = opts.subs?.[r];
      if (s === undefined) throw new Error(`no substitution for #${r}# in '${text}'`);
      return s;
    })
    .replace(/\{(\w+)(?:\.name)?\}/g, (_, v: string) => {
      const s = vars[v];
      if (s === undefined) throw new Error(`no value for {${v}} in '${text}'`);
      return s;
    });
  return out;
}

/** Game file of a split / task / trial, with its facts and a fresh engine. */
export function openGame(
  root: string,
  split: string,
  task: string,
  trial: string,
  format: TextFormat = "new",
) {
  const path = gamePath(root, split, task, trial);
  const facts = new GameFacts(path);
  const engine = new AlfworldEngine(loadGameFile(path), format);
  const intro = engine.reset();
  return { path, facts, engine, intro };
}

/** Plays commands that must each be admissible; returns their feedbacks. */
export function play(engine: AlfworldEngine, commands: string[]): string[] {
  return commands.map((cmd) => {
    expect(engine.admissibleCommands(), `'${cmd}' should be admissible`).toContain(cmd);
    const out = engine.step(cmd);
    expect(out, cmd).not.toBe(NOTHING);
    return out;
  });
}

/** Plays one admissible command and returns its feedback. */
export function step(engine: AlfworldEngine, cmd: string): string {
  return play(engine, [cmd])[0]!;
}

/** Asserts a command is not admissible, yields "Nothing happens." and changes nothing. */
export function rejects(engine: AlfworldEngine, cmd: string): void {
  const before = engine.admissibleCommands().slice();
  const won = engine.won;
  expect(before, `'${cmd}' should not be admissible`).not.toContain(cmd);
  expect(engine.step(cmd), JSON.stringify(cmd)).toBe(NOTHING);
  expect(engine.admissibleCommands()).toEqual(before);
  expect(engine.won).toBe(won);
}

/** The rhs of the alternative of `rule` whose condition is exactly `condition` (none: the default). */
export function alt(g: Twl2, rule: string, condition?: string): string {
  const found = g.rules[rule]?.find((x) => (x.condition ?? "") === (condition ?? ""));
  if (!found)
    throw new Error(`grammar rule '${rule}' has no alternative with condition '${condition ?? ""}'`);
  return found.rhs;
}
