/**
 * The AgentGym-compatible wrapper, item ids and input validation, checked against upstream semantics:
 * AgentGym's server (`"\n".join(ob.split("\n\n")[1:])`, process_ob), its client (first turn +
 * "\nAVAILABLE ACTIONS: " + ",".join(actions)), the mapping files, and a 50-step cap.
 */
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { alfworld } from "../../../src/envs/alfworld/index.js";
import { loadGameFile, GameFileError } from "../../../src/envs/alfworld/game-file.js";
import { AlfworldSession } from "../../../src/envs/alfworld/session.js";
import { walkthroughCommands } from "../../../src/envs/alfworld/expert-walkthrough.js";
import { EpisodeDoneError } from "../../../src/protocol/env.js";
import { alfworldData } from "../../alfworld-data.js";

const root = alfworldData();
const dataRoot = root ? dirname(root) : "";

describe.skipIf(!root)("AgentGym item ids", () => {
  it("maps test item 2420 to the first valid_train entry of mappings_test.json", () => {
    const first = JSON.parse(readFileSync(join(root!, "splits", "mappings_test.json"), "utf8"))[0];
    const opened = alfworld.openItem(dataRoot, 2420, {});
    expect(opened.label).toBe(`test item 2420 (${first.task_type}/${first.task_id})`);
    expect(alfworld.itemIds(dataRoot, "test")).toHaveLength(200);
    expect(alfworld.itemIds(dataRoot, "train")).toHaveLength(2420);
    expect(alfworld.itemIds(dataRoot, "valid_seen")).toHaveLength(187);
    expect(alfworld.itemIds(dataRoot, "valid_unseen")).toHaveLength(195);
  });

  it("rejects unknown ids and splits naming the valid ranges", () => {
    expect(() => alfworld.openItem(dataRoot, 3002, {})).toThrow(
      "valid ids are train 0–2419, test 2420–2619, valid_seen 2620–2806, valid_unseen 2807–3001",
    );
    expect(() => alfworld.itemIds(dataRoot, "dev")).toThrow(
      "valid splits are train, test, valid_seen, valid_unseen",
    );
    expect(() => alfworld.openItem(dataRoot, 1, { format: "0.4" })).toThrow("use new or classic");
  });

  it("explains items whose (unsolvable) game is not in the solvable release", () => {
    const train = JSON.parse(readFileSync(join(root!, "splits", "mappings_train.json"), "utf8")) as {
      item_id: number;
      task_type: string;
      task_id: string;
    }[];
    const absent = train.filter(
      (m) => !existsSync(join(root!, "json_2.1.1", "train", m.task_type, m.task_id, "game.tw-pddl")),
    );
    expect(absent.length).toBe(239);
    expect(() => alfworld.openItem(dataRoot, absent[0]!.item_id, {})).toThrow("has no game file");
  });
});

describe.skipIf(!root)("AlfworldSession", () => {
  const open = (format: "new" | "classic", maxSteps?: number) => {
    const opened = alfworld.openItem(dataRoot, 2420, { format, maxSteps });
    return opened.session as AlfworldSession;
  };

  it("shows the first observation as AgentGym does", () => {
    const s = open("new");
    const intro = s.engine.reset();
    const obs = s.reset();
    const lines = obs.split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe(intro.split("\n\n")[1]);
    expect(lines[1]).toBe(`Your task is to: ${s.engine.task}`);
    expect(lines[2]!.startsWith("AVAILABLE ACTIONS: ")).toBe(true);
    expect(lines[2]!.slice("AVAILABLE ACTIONS: ".length).split(",")).toEqual(s.availableActions());
    expect(s.availableActions()).toContain("help");
    const bare = new AlfworldSession(s.engine.world, { availableActionsLine: false });
    expect(bare.reset()).toBe(lines.slice(0, 2).join("\n"));
  });

  it("strips the classic arrival prefix but keeps the new one", () => {
    const classic = open("classic");
    classic.reset();
    const target = classic.availableActions().find((a) => a.startsWith("go to "))!;
    const c = classic.step(target).observation;
    expect(c.startsWith("You arrive at")).toBe(false);
    const fresh = open("new");
    fresh.reset();
    const n = fresh.step(target).observation;
    expect(n.startsWith(`You arrive at ${target.slice(6)}. `)).toBe(true);
    expect(n.slice(n.indexOf(". ") + 2)).toBe(c);
  });

  it("plays the walkthrough to reward 1 and ends the episode", () => {
    const s = open("classic");
    s.reset();
    const game = loadGameFile(s.engine.world.game.source);
    const cmds = walkthroughCommands(game, "classic");
    let last;
    for (const c of cmds) last = s.step(c);
    expect(last).toMatchObject({ reward: 1, done: true, success: true });
    expect(() => s.step("look")).toThrow(EpisodeDoneError);
  });

  it("caps the episode at maxSteps (default 50)", () => {
    expect(open("new").maxSteps).toBe(50);
    const s = open("new", 3);
    s.reset();
    expect(s.step("look").done).toBe(false);
    expect(s.step("jump").done).toBe(false);
    expect(s.step("inventory")).toMatchObject({ done: true, success: false, reward: 0 });
    expect(() => s.step("look")).toThrow(EpisodeDoneError);
    s.reset();
    expect(s.step("look").done).toBe(false);
  });

  it("branches and rewinds with snapshot/restore", () => {
    const s = open("new");
    s.reset();
    const go = s.availableActions().filter((a) => a.startsWith("go to "));
    s.step(go[0]!);
    const snap = s.snapshot();
    const a = [s.step(go[1]!).observation, s.step("look").observation, s.step("inventory").observation];
    s.restore(snap);
    const b = [s.step(go[1]!).observation, s.step("look").observation, s.step("inventory").observation];
    expect(b).toEqual(a);
    expect(() => s.restore({})).toThrow("not an ALFWorld session snapshot");
  });
});

describe("malformed game files", () => {
  const dir = mkdtempSync(join(tmpdir(), "wordworld-bad-game-"));
  const write = (name: string, text: string) => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };
  const ok = {
    grammar: 'grammar :: """{"task": [{"rhs": "Your task is to: put a mug in fridge."}]}""";',
    pddl_problem:
      "(define (problem p) (:objects agent1 - agent l - location) (:init (atLocation agent1 l)) (:goal (and)))",
  };

  it("name the file and the field", () => {
    const cases: [string, string, string][] = [
      ["notjson.tw-pddl", "{", "field '(root)': not valid JSON"],
      ["noproblem.tw-pddl", JSON.stringify({ grammar: ok.grammar }), "field 'pddl_problem'"],
      ["badtype.tw-pddl", JSON.stringify({ ...ok, walkthrough: "go to x" }), "field 'walkthrough'"],
      [
        "parens.tw-pddl",
        JSON.stringify({ ...ok, pddl_problem: "(define (problem p) (:init" }),
        "field 'pddl_problem': 2 unclosed '('",
      ],
      [
        "nogoal.tw-pddl",
        JSON.stringify({ ...ok, pddl_problem: "(define (problem p) (:objects) (:init))" }),
        "field 'pddl_problem': missing :goal section",
      ],
      ["notask.tw-pddl", JSON.stringify({ ...ok, grammar: "{}" }), "field 'grammar'"],
    ];
    for (const [name, text, msg] of cases) {
      const p = write(name, text);
      expect(() => loadGameFile(p)).toThrow(GameFileError);
      expect(() => loadGameFile(p)).toThrow(`${p}: ${msg}`);
    }
    expect(loadGameFile(write("good.tw-pddl", JSON.stringify(ok))).task).toBe("put a mug in fridge.");
  });
});
