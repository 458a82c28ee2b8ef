/**
 * Traps T1 (object numbering) and T2 (list order) of shared/notes/alfworld.md, checked against texts built
 * from each game's raw `pddl_problem` with the test-side Demangler (helpers.ts), never from engine output.
 *
 * Upstream: alfworld/agents/utils/misc.py `Demangler` (sorted ids; class before the first "_bar_", + "basin"
 * when the id has one; each id pops the largest remaining number), TextWorld `State._all_applicable_assignments`
 * (facts visited in sorted order, so every "you see" list is in sorted mangled-id order) and PddlEnv
 * (admissible commands `sorted(set(...))`, i.e. code-unit order).
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AlfworldEngine } from "../../../src/envs/alfworld/engine.js";
import { loadGameFile } from "../../../src/envs/alfworld/game-file.js";
import { alfworldData, gamePath } from "../../alfworld-data.js";
import { demangle, GameFacts, listOf, openGame, parseTwl2, rhs, step } from "./helpers.js";

const root = alfworldData();

/** Kitchen: 6 cabinets, shared locations, pan/pot in two stoveburners each. */
const KITCHEN = [
  "valid_unseen",
  "pick_cool_then_place_in_recep-Lettuce-None-CounterTop-10",
  "trial_T20190909_174840_771703",
] as const;
/** Bathroom with a bathtub basin (Bathtub|…|BathtubBasin) beside a bathtub object, and a sink basin. */
const BATHROOM = [
  "valid_seen",
  "pick_clean_then_place_in_recep-Cloth-None-Cabinet-405",
  "trial_T20190907_080903_889497",
] as const;
/** Two sink basins and two Sink objects. */
const TWO_SINKS = [
  "valid_unseen",
  "pick_clean_then_place_in_recep-Cloth-None-CounterTop-424",
  "trial_T20190908_100632_546757",
] as const;
/** 17 drawers: two-digit numbers. */
const SEVENTEEN_DRAWERS = [
  "train",
  "look_at_obj_in_light-AlarmClock-None-DeskLamp-301",
  "trial_T20190907_174127_043461",
] as const;
/** dresser 1 holds a pen and a pencil (pen_bar_… < pencil_bar_…). */
const PEN_PENCIL = [
  "valid_seen",
  "look_at_obj_in_light-CD-None-DeskLamp-314",
  "trial_T20190907_114323_767231",
] as const;
/** Five receptacles at one location (drawers 4–1 and dresser 1). */
const FIVE_AT_ONE_SPOT = [
  "valid_seen",
  "pick_and_place_simple-SprayBottle-None-Cabinet-413",
  "trial_T20190907_114931_692464",
] as const;

const codeUnitSorted = (xs: string[]) => [...xs].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));

describe("test-side Demangler (sanity of the oracle itself)", () => {
  it("numbers a class downwards in sorted-id order and adds 'basin'", () => {
    const names = demangle([
      "cabinet_bar__plus_00_dot_65_bar__plus_00_dot_24",
      "cabinet_bar__minus_01_dot_00_bar__plus_00_dot_39",
      "sink_bar__plus_00_dot_50_bar__plus_00_dot_66",
      "sink_bar__plus_00_dot_50_bar__plus_00_dot_66_bar_sinkbasin",
      "cabinettype",
    ]);
    expect(names.get("cabinet_bar__minus_01_dot_00_bar__plus_00_dot_39")).toBe("cabinet 2");
    expect(names.get("cabinet_bar__plus_00_dot_65_bar__plus_00_dot_24")).toBe("cabinet 1");
    expect(names.get("sink_bar__plus_00_dot_50_bar__plus_00_dot_66")).toBe("sink 1");
    expect(names.get("sink_bar__plus_00_dot_50_bar__plus_00_dot_66_bar_sinkbasin")).toBe("sinkbasin 1");
    expect(names.get("cabinettype")).toBe("cabinettype ");
  });
});

describe.skipIf(!root)("T1 – object numbering", () => {
  it("gives the lexicographically first id of a class the largest number (kitchen cabinets)", () => {
    const { facts, intro } = openGame(root!, ...KITCHEN);
    const cabinets = facts.ofType("cabinettype");
    expect(cabinets[0]).toBe("cabinet_bar__plus_00_dot_65_bar__plus_00_dot_48_bar__minus_01_dot_72");
    expect(cabinets.map((c) => facts.name(c))).toEqual([
      "cabinet 6",
      "cabinet 5",
      "cabinet 4",
      "cabinet 3",
      "cabinet 2",
      "cabinet 1",
    ]);
    expect(intro).toContain(
      "a cabinet 6, a cabinet 5, a cabinet 4, a cabinet 3, a cabinet 2, a cabinet 1, a coffeemachine 1",
    );
  });

  it("rebuilds the intro and the start commands of all 4,027 games from their problem facts", () => {
    let n = 0;
    for (const split of ["train", "valid_seen", "valid_unseen", "valid_train"]) {
      const dir = join(root!, "json_2.1.1", split);
      for (const task of readdirSync(dir).sort())
        for (const trial of readdirSync(join(dir, task)).sort()) {
          const path = gamePath(root!, split, task, trial);
          const facts = new GameFacts(path);
          const g = parseTwl2(facts.raw.grammar);
          // #intro# with nothing bound: the start spot has no receptacle, so look.feedback's second
          // alternative lists every receptacleAtLocation(r, l) as #overview(r)# = "a <name>".
          const look = rhs(g, "look.feedback", 1).replace(
            "#list_appliances#",
            facts.seen(facts.receptacles()),
          );
          const expected = rhs(g, "intro").replace("#look.feedback#", look).replace("#task#", rhs(g, "task"));
          const engine = new AlfworldEngine(loadGameFile(path), "new");
          expect(engine.reset(), path).toBe(expected);
          const gotos = engine.admissibleCommands().filter((c) => c.startsWith("go to "));
          expect(gotos, path).toEqual(
            codeUnitSorted(facts.receptacles().map((r) => `go to ${facts.name(r)}`)),
          );
          // At the start spot nothing else applies but look, inventory and (new format) help.
          expect(engine.admissibleCommands(), path).toEqual(
            codeUnitSorted([...gotos, "help", "inventory", "look"]),
          );
          n++;
        }
    }
    expect(n).toBe(4027);
  });

  it("appends 'basin' for Sink|…|SinkBasin and Bathtub|…|BathtubBasin, apart from the Sink/Bathtub objects", () => {
    const { facts, engine } = openGame(root!, ...BATHROOM);
    const tub = facts.ofType("bathtubbasintype");
    expect(tub).toHaveLength(1);
    expect(tub[0]!.startsWith("bathtub_bar_")).toBe(true);
    expect(facts.name(tub[0]!)).toBe("bathtubbasin 1");
    expect(facts.name(facts.ofType("bathtubtype")[0]!)).toBe("bathtub 1");
    expect(facts.name(facts.ofType("sinkbasintype")[0]!)).toBe("sinkbasin 1");
    expect(engine.admissibleCommands()).toEqual(
      expect.arrayContaining(["go to bathtubbasin 1", "go to sinkbasin 1"]),
    );
    expect(engine.admissibleCommands().some((c) => /\b(bathtub|sink) \d/.test(c))).toBe(false);

    const two = openGame(root!, ...TWO_SINKS);
    const basins = two.facts.ofType("sinkbasintype");
    expect(basins.map((b) => two.facts.name(b))).toEqual(["sinkbasin 2", "sinkbasin 1"]);
    expect(two.facts.ofType("sinktype").map((s) => two.facts.name(s))).toEqual(["sink 2", "sink 1"]);
    expect(two.engine.admissibleCommands()).toEqual(
      expect.arrayContaining(["go to sinkbasin 1", "go to sinkbasin 2"]),
    );
  });

  it("names locations 'loc N' the same way (classic arrival text)", () => {
    const { facts, engine } = openGame(root!, ...KITCHEN, "classic");
    const start = engine.snapshot();
    for (const r of facts.receptacles()) {
      engine.restore(start);
      const out = step(engine, `go to ${facts.name(r)}`);
      expect(out.startsWith(`You arrive at ${facts.name(facts.recepLoc.get(r)!)}. `), out).toBe(true);
    }
    engine.restore(start);
    expect(
      step(engine, "go to countertop 2").startsWith("You arrive at loc 21. On the countertop 2, you see "),
    ).toBe(true);
  });

  it("never shows ids without '_bar_' (types, the agent)", () => {
    const { engine, intro } = openGame(root!, ...KITCHEN);
    const texts = [
      intro,
      ...engine.admissibleCommands(),
      step(engine, "go to countertop 2"),
      ...engine.admissibleCommands(),
    ];
    for (const t of texts) expect(t).not.toMatch(/type\b|agent1/);
  });
});

describe.skipIf(!root)("T2 – list order", () => {
  it("lists a class in descending numbers and sorts admissible commands by code units", () => {
    const { facts, engine, intro } = openGame(root!, ...SEVENTEEN_DRAWERS);
    const drawers = facts.ofType("drawertype");
    expect(drawers).toHaveLength(17);
    const descending = Array.from({ length: 17 }, (_, i) => `a drawer ${17 - i}`).join(", ");
    expect(intro).toContain(descending);
    const cmds = engine.admissibleCommands();
    expect(cmds).toEqual(codeUnitSorted(cmds));
    const at = (c: string) => cmds.indexOf(c);
    expect(at("go to drawer 1")).toBeGreaterThanOrEqual(0);
    expect(at("go to drawer 1")).toBeLessThan(at("go to drawer 10"));
    expect(at("go to drawer 17")).toBeLessThan(at("go to drawer 2"));
  });

  it("lists receptacle contents in sorted-id order", () => {
    const k = openGame(root!, ...KITCHEN);
    const top = k.facts.id("countertop 2");
    const seen = k.facts.seen(k.facts.contents(top));
    expect(seen).toBe(
      "a bread 1, a cellphone 1, a cup 2, a cup 1, a dishsponge 2, a knife 2, a knife 1, a lettuce 2, a lettuce 1, and a plate 2",
    );
    expect(step(k.engine, "go to countertop 2")).toBe(
      `You arrive at countertop 2. On the countertop 2, you see ${seen}.`,
    );

    const p = openGame(root!, ...PEN_PENCIL);
    const dresser = p.facts.id("dresser 1");
    expect(p.facts.contents(dresser).map((o) => o.split("_bar_")[0])).toEqual(["pen", "pencil"]);
    expect(step(p.engine, "go to dresser 1")).toBe(
      `You arrive at dresser 1. On the dresser 1, you see ${p.facts.seen(p.facts.contents(dresser))}.`,
    );
  });

  it("lists the receptacles of one spot in sorted-id order in look (no articles)", () => {
    const { facts, engine } = openGame(root!, ...FIVE_AT_ONE_SPOT);
    const [spot] = facts.sharedLocations(5);
    const here = facts.recepsAt(spot!).map((r) => facts.name(r));
    expect(here).toEqual(["drawer 4", "drawer 3", "drawer 2", "drawer 1", "dresser 1"]);
    step(engine, "go to drawer 4");
    expect(step(engine, "look")).toBe(`You are facing the ${listOf(here)}. Next to it, you see nothing.`);
  });
});
