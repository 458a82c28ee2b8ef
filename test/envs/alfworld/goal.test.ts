/**
 * Trap T11 (won) and goal semantics. Upstream: PddlEnv checks the problem's `:goal` on the state after
 * reset and after every step (`won = check_goal()`), with ALFWorld's goal_library formulas:
 * pick_two needs two distinct objects (`(not (= ?o1 ?o2))`) in the same receptacle `?r`; look_at needs a
 * toggled lamp inReceptacle of a receptacle at the agent's location and the object held; heat/cool/clean
 * need the flag on an object in a receptacle of the type. Facts already true (initial isCool, objects
 * already in place) count like any other.
 *
 * The "synthetic" cases edit one or two facts of a real game's problem in memory (nothing is written), to
 * reach states the released data never starts in (no solvable game starts with part of its goal done).
 */
import { describe, expect, it } from "vitest";
import { AlfworldEngine } from "../../../src/envs/alfworld/engine.js";
import { parseGameData } from "../../../src/envs/alfworld/game-file.js";
import { alfworldData, gamePath } from "../../alfworld-data.js";
import { GameFacts, openGame, play, readRaw, step } from "./helpers.js";

const root = alfworldData();

/** "cool some lettuce and put it in countertop."; lettuces 1, 2 on countertop 2, lettuce 3 on countertop 3. */
const COOL_LETTUCE = [
  "valid_unseen",
  "pick_cool_then_place_in_recep-Lettuce-None-CounterTop-10",
  "trial_T20190909_174840_771703",
] as const;
/** "put two peppershaker in drawer."; three drawers, peppershakers in cabinet 2, cabinet 1, countertop 2. */
const TWO_PEPPERSHAKERS = [
  "valid_unseen",
  "pick_two_obj_and_place-PepperShaker-None-Drawer-10",
  "trial_T20190908_010306_215435",
] as const;
/** "examine the alarmclock with the desklamp."; desklamp 1 is inReceptacle of desk 1 and of shelf 3. */
const LAMP = [
  "valid_unseen",
  "look_at_obj_in_light-AlarmClock-None-DeskLamp-308",
  "trial_T20190908_222917_366542",
] as const;
/** "heat some apple and put it in fridge."; apple 1 starts in the fridge, isCool. */
const HEAT_APPLE = [
  "valid_unseen",
  "pick_heat_then_place_in_recep-Apple-None-Fridge-10",
  "trial_T20190906_182435_622538",
] as const;
/** "cool some potato and put it in microwave."; potato 2 on countertop 3. */
const COOL_POTATO = [
  "valid_unseen",
  "pick_cool_then_place_in_recep-Potato-None-Microwave-10",
  "trial_T20190907_033157_424297",
] as const;

/** Plays commands and returns `won` after each. */
function wonAfter(engine: AlfworldEngine, cmds: string[]): boolean[] {
  return cmds.map((c) => (step(engine, c), engine.won));
}

/** A real game with its problem text edited in memory. */
function edited(game: readonly [string, string, string], edit: (problem: string, f: GameFacts) => string) {
  const path = gamePath(root!, ...game);
  const raw = readRaw(path);
  const f = new GameFacts(path);
  const data = { ...raw, pddl_problem: edit(raw.pddl_problem, f) };
  const engine = new AlfworldEngine(parseGameData(data, `${path} (edited)`), "new");
  engine.reset();
  return { f, engine };
}

const addInit = (problem: string, facts: string[]) =>
  problem.replace("(:init", `(:init\n        ${facts.join("\n        ")}`);

describe.skipIf(!root)("T11 – won", () => {
  it("is true exactly while the goal holds, re-checked after every step", () => {
    const { facts: f, engine } = openGame(root!, ...COOL_LETTUCE);
    expect(f.task).toBe("cool some lettuce and put it in countertop.");
    expect(engine.won).toBe(false);
    // Not cooled: on a countertop but not won.
    expect(
      wonAfter(engine, ["go to countertop 2", "take lettuce 2 from countertop 2", "go to countertop 1"]),
    ).toEqual([false, false, false]);
    expect(wonAfter(engine, ["move lettuce 2 to countertop 1", "take lettuce 2 from countertop 1"])).toEqual([
      false,
      false,
    ]);
    // Cooled and held: not in a receptacle. Cooled in the fridge (not a countertop): not won.
    expect(wonAfter(engine, ["go to fridge 1", "cool lettuce 2 with fridge 1", "open fridge 1"])).toEqual([
      false,
      false,
      false,
    ]);
    expect(wonAfter(engine, ["move lettuce 2 to fridge 1", "take lettuce 2 from fridge 1"])).toEqual([
      false,
      false,
    ]);
    // On any countertop instance: won; taking it out again: not won; a failed command keeps won.
    expect(wonAfter(engine, ["go to countertop 3", "move lettuce 2 to countertop 3"])).toEqual([false, true]);
    expect(engine.step("take lettuce 2 from countertop 9")).toBe("Nothing happens.");
    expect(engine.won).toBe(true);
    expect(wonAfter(engine, ["look", "inventory", "examine countertop 3"])).toEqual([true, true, true]);
    expect(
      wonAfter(engine, [
        "take lettuce 2 from countertop 3",
        "go to countertop 1",
        "move lettuce 2 to countertop 1",
      ]),
    ).toEqual([false, false, true]);
  });

  it("pick_two needs two distinct objects in the same receptacle instance", () => {
    const { facts: f, engine } = openGame(root!, ...TWO_PEPPERSHAKERS);
    expect(f.task).toBe("put two peppershaker in drawer.");
    expect(f.ofType("drawertype")).toHaveLength(3);
    const first = [
      "go to countertop 2",
      "take peppershaker 3 from countertop 2",
      "go to drawer 1",
      "open drawer 1",
    ];
    expect(wonAfter(engine, [...first, "move peppershaker 3 to drawer 1"])).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
    // One object in a drawer does not count twice.
    expect(wonAfter(engine, ["look", "examine drawer 1"])).toEqual([false, false]);
    // The second one in another drawer: two drawers with one each is not the goal.
    const second = [
      "go to cabinet 1",
      "take peppershaker 2 from cabinet 1",
      "go to drawer 3",
      "open drawer 3",
    ];
    expect(wonAfter(engine, [...second, "move peppershaker 2 to drawer 3"])).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
    // Into the drawer that already holds the first: won (the object placed earlier counts).
    expect(
      wonAfter(engine, [
        "take peppershaker 2 from drawer 3",
        "go to drawer 1",
        "move peppershaker 2 to drawer 1",
      ]),
    ).toEqual([false, false, true]);
    expect(wonAfter(engine, ["take peppershaker 3 from drawer 1"])).toEqual([false]);
  });

  it("look_at needs the (sticky) toggled lamp in a receptacle here and the object held", () => {
    const { facts: f, engine } = openGame(root!, ...LAMP);
    expect(f.task).toBe("examine the alarmclock with the desklamp.");
    // isToggled stays true even when "use" switches the lamp off again.
    expect(wonAfter(engine, ["go to desk 1", "use desklamp 1", "use desklamp 1"])).toEqual([
      false,
      false,
      false,
    ]);
    expect(wonAfter(engine, ["go to desk 2", "take alarmclock 1 from desk 2"])).toEqual([false, false]);
    // Arriving where the lamp is wins; leaving loses; shelf 3 also holds desklamp 1.
    expect(
      wonAfter(engine, ["go to desk 1", "go to desk 2", "go to shelf 3", "examine alarmclock 1"]),
    ).toEqual([true, false, true, true]);
    expect(wonAfter(engine, ["move alarmclock 1 to shelf 3"])).toEqual([false]);
  });

  it("look_at is not won by holding the object at an unused lamp", () => {
    const { engine } = openGame(root!, ...LAMP);
    expect(wonAfter(engine, ["go to desk 2", "take alarmclock 1 from desk 2", "go to desk 1"])).toEqual([
      false,
      false,
      false,
    ]);
    expect(wonAfter(engine, ["use desklamp 1"])).toEqual([true]);
  });

  it("an object already in the target receptacle counts only once its flag holds (heat task)", () => {
    const { facts: f, engine } = openGame(root!, ...HEAT_APPLE);
    const apple1 = f.id("apple 1");
    expect(f.contents(f.id("fridge 1"))).toContain(apple1);
    expect(f.has("iscool", apple1)).toBe(true);
    expect(engine.won).toBe(false);
    const cmds = [
      "go to fridge 1",
      "open fridge 1",
      "take apple 1 from fridge 1",
      "move apple 1 to fridge 1",
    ];
    expect(wonAfter(engine, cmds)).toEqual([false, false, false, false]);
    const heat = [
      "take apple 1 from fridge 1",
      "go to microwave 1",
      "heat apple 1 with microwave 1",
      "examine apple 1",
    ];
    expect(wonAfter(engine, heat)).toEqual([false, false, false, false]);
    expect(wonAfter(engine, ["go to fridge 1", "move apple 1 to fridge 1"])).toEqual([false, true]);
    // Cooling it in the fridge clears isHot.
    expect(
      wonAfter(engine, [
        "take apple 1 from fridge 1",
        "cool apple 1 with fridge 1",
        "move apple 1 to fridge 1",
      ]),
    ).toEqual([false, false, false]);
  });

  it("heating clears isCool: a cooled-then-heated potato does not complete a cool task", () => {
    const { engine } = openGame(root!, ...COOL_POTATO);
    const cmds = [
      "go to countertop 1",
      "take potato 1 from countertop 1",
      "go to fridge 1",
      "cool potato 1 with fridge 1",
    ];
    expect(wonAfter(engine, [...cmds, "go to microwave 1", "heat potato 1 with microwave 1"])).toEqual(
      Array(6).fill(false),
    );
    expect(wonAfter(engine, ["open microwave 1", "move potato 1 to microwave 1"])).toEqual([false, false]);
    // Cooling again restores isCool (and clears isHot): now it counts.
    const again = [
      "take potato 1 from microwave 1",
      "go to fridge 1",
      "cool potato 1 with fridge 1",
      "go to microwave 1",
    ];
    expect(wonAfter(engine, [...again, "move potato 1 to microwave 1"])).toEqual([
      false,
      false,
      false,
      false,
      true,
    ]);
  });

  it("synthetic: a goal that holds initially is won at reset (initial isCool, object already in place)", () => {
    const { f, engine } = edited(COOL_LETTUCE, (p, f) => addInit(p, [`(isCool ${f.id("lettuce 1")})`]));
    expect(f.contents(f.id("countertop 2"))).toContain(f.id("lettuce 1"));
    expect(engine.won).toBe(true);
    expect(wonAfter(engine, ["go to countertop 2", "take lettuce 1 from countertop 2"])).toEqual([
      true,
      false,
    ]);
    expect(wonAfter(engine, ["move lettuce 1 to countertop 2"])).toEqual([true]);
    expect(engine.reset()).toContain("Your task is to: cool some lettuce and put it in countertop.");
    expect(engine.won).toBe(true);
  });

  it("synthetic: an initially cool object completes a cool task without the fridge", () => {
    const { f, engine } = edited(COOL_POTATO, (p, f) => addInit(p, [`(isCool ${f.id("potato 2")})`]));
    expect(f.task).toBe("cool some potato and put it in microwave.");
    expect(engine.won).toBe(false);
    play(engine, ["go to countertop 3", "take potato 2 from countertop 3"]);
    expect(step(engine, "examine potato 2")).toBe("This is a cold potato 2.");
    expect(
      wonAfter(engine, ["go to microwave 1", "open microwave 1", "move potato 2 to microwave 1"]),
    ).toEqual([false, false, true]);
  });

  it("synthetic: with one peppershaker already in drawer 1, bringing one more wins", () => {
    const { f, engine } = edited(TWO_PEPPERSHAKERS, (p, f) => {
      const ps1 = f.id("peppershaker 1");
      const cab2 = f.id("cabinet 2");
      const drawer1 = f.id("drawer 1");
      const before = p;
      const out = p
        .replace(new RegExp(`\\(inReceptacle ${ps1}\\s+${cab2}\\)`, "i"), `(inReceptacle ${ps1} ${drawer1})`)
        .replace(
          new RegExp(`\\(objectAtLocation ${ps1}\\s+${f.recepLoc.get(cab2)}\\)`, "i"),
          `(objectAtLocation ${ps1} ${f.recepLoc.get(drawer1)})`,
        );
      expect(out.length).toBeGreaterThan(0);
      expect(out).not.toBe(before);
      return out;
    });
    expect(engine.won).toBe(false);
    play(engine, ["go to drawer 1", "open drawer 1"]);
    expect(engine.admissibleCommands()).toContain("take peppershaker 1 from drawer 1");
    expect(f.ofType("peppershakertype")).toHaveLength(3);
    expect(
      wonAfter(engine, ["go to countertop 2", "take peppershaker 3 from countertop 2", "go to drawer 1"]),
    ).toEqual([false, false, false]);
    expect(wonAfter(engine, ["move peppershaker 3 to drawer 1"])).toEqual([true]);
  });
});
