/**
 * The world model's hidden initial state, in the format of Word2World's collect_wm_instruct_alfworld.py
 * (the paper's Figure 8). Expectations are rebuilt here from the raw problem text with that script's
 * rules: receptacles that hold something or are openable, sorted by label as strings; contents sorted,
 * "a x, a y"; closed openables "… is closed, if opened, on the …" / "… in it, you see nothing.";
 * toggleables "… is on/off"; sections separated by a blank line.
 */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadGameFile } from "../../../src/envs/alfworld/game-file.js";
import { initialStateText } from "../../../src/envs/alfworld/initial-state.js";
import { World } from "../../../src/envs/alfworld/world.js";
import { alfworldData, gamePath } from "../../alfworld-data.js";

const root = alfworldData();

function expected(problem: string, name: (id: string) => string): string {
  const init = problem.slice(problem.indexOf("(:init"), problem.indexOf("(:goal"));
  const facts = [...init.matchAll(/\(([^()]+)\)/g)].map((m) =>
    m[1]!
      .trim()
      .split(/\s+/)
      .map((t) => t.toLowerCase()),
  );
  const contents = new Map<string, string[]>();
  const openable = new Set<string>();
  const toggleable = new Set<string>();
  const toggled = new Set<string>();
  for (const [p, a, b] of facts) {
    if (p === "inreceptacle") contents.set(b!, [...(contents.get(b!) ?? []), name(a!)]);
    if (p === "openable") openable.add(a!);
    if (p === "toggleable") toggleable.add(a!);
    if (p === "istoggled") toggled.add(a!);
  }
  const receps = [...new Set([...contents.keys(), ...openable])].sort((x, y) => (name(x) < name(y) ? -1 : 1));
  const lines = receps.map((r) => {
    const l = name(r);
    const c = (contents.get(r) ?? []).sort();
    const seen = c.length ? "a " + c.join(", a ") : "";
    if (openable.has(r))
      return seen
        ? `${l} is closed, if opened, on the ${l}, you see ${seen}`
        : `${l} is closed, if opened, in it, you see nothing.`;
    return `On the ${l}, you see ${seen}`;
  });
  const toggles = [...toggleable].map((t) => `${name(t)} is ${toggled.has(t) ? "on" : "off"}`).sort();
  const out = ["=== Objects on Receptacles ===", ...lines.map((l) => ` - ${l}`)];
  if (toggles.length) out.push("", "=== Toggle States ===", ...toggles.map((l) => ` - ${l}`));
  return out.join("\n");
}

describe.skipIf(!root)("initial-state description", () => {
  it("follows Word2World's format on all 200 test games", () => {
    const mapping = JSON.parse(readFileSync(join(root!, "splits", "mappings_test.json"), "utf8")) as {
      task_type: string;
      task_id: string;
    }[];
    let withToggles = 0;
    for (const m of mapping) {
      const path = gamePath(root!, "valid_train", m.task_type, m.task_id);
      const world = new World(loadGameFile(path));
      const problem = (JSON.parse(readFileSync(path, "utf8")) as { pddl_problem: string }).pddl_problem;
      const text = initialStateText(world);
      expect(text, path).toBe(expected(problem, (id) => world.names[world.index.get(id)!]!));
      if (text.includes("=== Toggle States ===")) withToggles++;
    }
    expect(withToggles).toBeGreaterThan(0);
  });

  it("writes closed openables and their contents exactly", () => {
    const world = new World(
      loadGameFile(gamePath(root!, "valid_train", mappingFirst().task_type, mappingFirst().task_id)),
    );
    const text = initialStateText(world);
    expect(text.startsWith("=== Objects on Receptacles ===\n - ")).toBe(true);
    expect(text).toMatch(
      / - fridge 1 is closed, if opened, (on the fridge 1, you see a [^\n]+[^.]|in it, you see nothing\.)\n/,
    );
    expect(text).not.toMatch(/, and a /);
  });
});

function mappingFirst(): { task_type: string; task_id: string } {
  return (
    JSON.parse(readFileSync(join(root!, "splits", "mappings_test.json"), "utf8")) as {
      task_type: string;
      task_id: string;
    }[]
  )[0]!;
}
