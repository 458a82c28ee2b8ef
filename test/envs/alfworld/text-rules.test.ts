/**
 * The engine's text rules, with every expected text built from the game's own TWL2 grammar (its `grammar`
 * field; the classic 0.3.3 grammar from shared data) and the problem facts — never from engine output:
 * receptacle and held-object descriptions (first matching alternative wins), inventory, look (with the
 * start-spot quirk), list rendering, articles, help, classic vs new templates, "Nothing happens.", Python
 * `str.strip()` of commands, arbitrary input, and snapshot/restore.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { AlfworldEngine } from "../../../src/envs/alfworld/engine.js";
import { loadGameFile } from "../../../src/envs/alfworld/game-file.js";
import { alfworldData } from "../../alfworld-data.js";
import { hasShared, sharedPath } from "../../shared-data.js";
import {
  a,
  alt,
  fill,
  GameFacts,
  listOf,
  NOTHING,
  openGame,
  parseTwl2,
  play,
  rejects,
  rhs,
  step,
  type Twl2,
} from "./helpers.js";

const root = alfworldData();
const classicGrammarPath = sharedPath("alfworld", "grammar", "classic-0.3.3", "alfred.twl2");
const classicDomainPath = sharedPath("alfworld", "grammar", "classic-0.3.3", "alfred.pddl");
const haveClassic = !!root && hasShared("alfworld", "grammar", "classic-0.3.3", "alfred.twl2");

/** Kitchen: non-openable cabinets 4/3/1, empty openable cabinet 6, drawers with 1 and 2 items, cup 2 ⊃ knife 1. */
const KITCHEN = [
  "valid_unseen",
  "pick_cool_then_place_in_recep-Lettuce-None-CounterTop-10",
  "trial_T20190909_174840_771703",
] as const;
/** Kitchen with an initially cool egg 2 in the fridge, knives, a butterknife next to apples. */
const EGG_KITCHEN = [
  "valid_unseen",
  "pick_clean_then_place_in_recep-Egg-None-Microwave-10",
  "trial_T20190909_120554_888709",
] as const;
/** Living room whose intro starts "a armchair 2, a armchair 1". */
const LIVING_ROOM = [
  "valid_seen",
  "look_at_obj_in_light-Box-None-DeskLamp-205",
  "trial_T20190907_074425_330493",
] as const;

// ---------------------------------------------------------------------------------------------------------
// Expected-text builders over a grammar.

const OPEN_COND = "openable(r:receptacle) & opened(r:receptacle)";

/** examineReceptacle.feedback for receptacle `r` with the given contents. */
function recepText(g: Twl2, f: GameFacts, r: string, opened: boolean, contents: string[]): string {
  const rule = "examineReceptacle.feedback";
  const vars = { r: f.name(r) };
  if (f.has("openable", r))
    return opened
      ? fill(alt(g, rule, OPEN_COND), vars, { list: f.seen(contents) })
      : fill(alt(g, rule, "openable(r:receptacle)"), vars);
  return fill(alt(g, rule), vars, { list: f.seen(contents) });
}

/**
 * examineObject.feedback: the first alternative whose condition (a conjunction of unary literals on `o`)
 * holds in `flags`. Stored negative facts (`not_…`) never exist initially and no action adds
 * `not_istoggled`, so a `not_` literal never matches here.
 */
function objectText(g: Twl2, f: GameFacts, o: string, flags: Set<string>): string {
  for (const { condition, rhs: text } of g.rules["examineObject.feedback"]!) {
    const lits = condition ? condition.split("&").map((s) => /^\s*(\w+)\(o:object\)\s*$/.exec(s)![1]!) : [];
    if (!lits.every((p) => flags.has(p))) continue;
    const inner = f.inRecepObj.filter(([, outer]) => outer === o).map(([i]) => i);
    return fill(text, { o: f.name(o) }, { list: f.seen([...inner].sort()) });
  }
  throw new Error("no alternative matched");
}

/** The unary facts of `o` in the initial state. */
function initialFlags(f: GameFacts, o: string): Set<string> {
  return new Set([...f.unary].filter(([, ids]) => ids.has(o)).map(([p]) => p));
}

/** A held object's flags after one of heat/cool/clean/slice, per the domain's effects. */
function applyEffect(flags: Set<string>, verb: string): void {
  if (verb === "heat") {
    flags.add("ishot");
    flags.delete("iscool");
  }
  if (verb === "cool") {
    flags.add("iscool");
    flags.delete("ishot");
  }
  if (verb === "clean") flags.add("isclean");
  if (verb === "slice") flags.add("issliced");
}

function lookAt(g: Twl2, receptacles: string[], floor: string[] = []): string {
  return fill(
    alt(
      g,
      "look.feedback",
      "atlocation(a:agent, l:location) & receptacleatlocation(r:receptacle, l:location)",
    ),
    {},
    {
      subs: {
        "look-variations": fill(rhs(g, "look-variations"), {}, { list: listOf(receptacles) }),
        list_objects_on_the_floor: listOf(floor.map(a)),
      },
    },
  );
}

// ---------------------------------------------------------------------------------------------------------

describe.skipIf(!root)("receptacle description rules", () => {
  it("arrive/examine/open/close every receptacle of a kitchen, texts from the grammar", () => {
    const { facts: f, engine } = openGame(root!, ...KITCHEN);
    const g = parseTwl2(f.raw.grammar);
    const start = engine.snapshot();
    let openables = 0;
    for (const r of f.receptacles()) {
      engine.restore(start);
      const name = f.name(r);
      const contents = f.contents(r);
      const closedOrOn = recepText(g, f, r, false, contents);
      expect(step(engine, `go to ${name}`)).toBe(
        fill(
          rhs(g, "GotoLocation.feedback"),
          { r: name },
          { subs: { "examineReceptacle.feedback": closedOrOn } },
        ),
      );
      expect(step(engine, `examine ${name}`)).toBe(closedOrOn);
      if (!f.has("openable", r)) {
        expect(engine.admissibleCommands()).not.toContain(`open ${name}`);
        expect(engine.admissibleCommands()).not.toContain(`close ${name}`);
        continue;
      }
      openables++;
      const open = recepText(g, f, r, true, contents);
      expect(step(engine, `open ${name}`)).toBe(
        fill(rhs(g, "OpenObject.feedback"), { r: name }, { subs: { "examineReceptacle.feedback": open } }),
      );
      expect(step(engine, `examine ${name}`)).toBe(open);
      expect(step(engine, `close ${name}`)).toBe(fill(rhs(g, "CloseObject.feedback"), { r: name }));
      expect(step(engine, `examine ${name}`)).toBe(closedOrOn);
    }
    expect(openables).toBe(8); // cabinets 6, 5, 2, drawers 3, 2, 1, fridge 1, microwave 1
  });

  it("renders lists as nothing / a X / a X, and a Y / a X, a Y, and a Z", () => {
    const { engine } = openGame(root!, ...KITCHEN);
    const start = engine.snapshot();
    const open = (r: string) => (engine.restore(start), play(engine, [`go to ${r}`, `open ${r}`])[1]);
    expect(open("cabinet 6")).toBe("You open the cabinet 6. The cabinet 6 is open. In it, you see nothing.");
    expect(open("drawer 2")).toBe(
      "You open the drawer 2. The drawer 2 is open. In it, you see a peppershaker 1.",
    );
    expect(open("drawer 3")).toBe(
      "You open the drawer 3. The drawer 3 is open. In it, you see a peppershaker 2, and a saltshaker 3.",
    );
    engine.restore(start);
    expect(step(engine, "go to toaster 1")).toBe(
      "You arrive at toaster 1. On the toaster 1, you see nothing.",
    );
    expect(step(engine, "go to cabinet 1")).toBe(
      "You arrive at cabinet 1. On the cabinet 1, you see a plate 1, and a soapbottle 1.",
    );
    expect(step(engine, "go to fridge 1")).toBe("You arrive at fridge 1. The fridge 1 is closed.");
  });

  it("always uses the article 'a' (T3)", () => {
    const k = openGame(root!, ...KITCHEN);
    expect(step(k.engine, "go to garbagecan 1")).toBe(
      "You arrive at garbagecan 1. On the garbagecan 1, you see a apple 2, a apple 1, a glassbottle 2, and a potato 2.",
    );
    const l = openGame(root!, ...LIVING_ROOM);
    expect(l.intro).toContain("you see a armchair 2, a armchair 1, a diningtable 1, ");
    play(l.engine, ["go to diningtable 1", "take box 1 from diningtable 1"]);
    expect(step(l.engine, "inventory")).toBe("You are carrying: a box 1.");
  });
});

describe.skipIf(!root)("held-object description rules (examineObject.feedback)", () => {
  it("follows the grammar's first-match order through hot/cool/clean/sliced combinations", () => {
    const { facts: f, engine } = openGame(root!, ...EGG_KITCHEN);
    const g = parseTwl2(f.raw.grammar);
    const flags = new Map<string, Set<string>>();
    const flagsOf = (name: string) => {
      const id = f.id(name);
      if (!flags.has(id)) flags.set(id, initialFlags(f, id));
      return flags.get(id)!;
    };
    const seen: string[] = [];
    /** Plays commands; after heat/cool/clean/slice updates flags; "examine X" must match the oracle. */
    const run = (cmds: string[]) => {
      for (const cmd of cmds) {
        const out = step(engine, cmd);
        const m = /^(heat|cool|clean|slice) (\S+ \d+) with /.exec(cmd);
        if (m) applyEffect(flagsOf(m[2]!), m[1]!);
        const ex = /^examine (\S+ \d+)$/.exec(cmd);
        if (ex && f.objType.has(f.id(ex[1]!))) {
          const want = objectText(g, f, f.id(ex[1]!), flagsOf(ex[1]!));
          expect(out, cmd).toBe(want);
          seen.push(want);
        }
      }
    };
    expect(f.has("iscool", f.id("egg 2"))).toBe(true);
    // Initially cool egg (T9), then sliced inside the fridge's location, then heated, cleaned, cooled.
    run([
      "go to fridge 1",
      "open fridge 1",
      "take egg 2 from fridge 1",
      "examine egg 2",
      "move egg 2 to fridge 1",
    ]);
    run([
      "go to countertop 2",
      "take knife 1 from countertop 2",
      "go to fridge 1",
      "slice egg 2 with knife 1",
    ]);
    run(["go to countertop 2", "move knife 1 to countertop 2", "go to fridge 1", "take egg 2 from fridge 1"]);
    run(["examine egg 2", "go to microwave 1", "heat egg 2 with microwave 1", "examine egg 2"]);
    run(["go to sinkbasin 1", "clean egg 2 with sinkbasin 1", "examine egg 2"]);
    run(["go to fridge 1", "cool egg 2 with fridge 1", "examine egg 2", "move egg 2 to fridge 1"]);
    // A plain egg: nothing special, clean, hot and clean, cool and clean.
    run(["go to garbagecan 1", "take egg 4 from garbagecan 1", "examine egg 4", "go to sinkbasin 1"]);
    run([
      "clean egg 4 with sinkbasin 1",
      "examine egg 4",
      "go to microwave 1",
      "heat egg 4 with microwave 1",
    ]);
    run([
      "examine egg 4",
      "go to fridge 1",
      "cool egg 4 with fridge 1",
      "examine egg 4",
      "move egg 4 to fridge 1",
    ]);
    // hot / cold alone.
    run([
      "go to countertop 1",
      "take egg 3 from countertop 1",
      "go to microwave 1",
      "heat egg 3 with microwave 1",
    ]);
    run([
      "examine egg 3",
      "go to fridge 1",
      "cool egg 3 with fridge 1",
      "examine egg 3",
      "move egg 3 to fridge 1",
    ]);
    // sliced alone, then clean sliced.
    run(["go to countertop 3", "take butterknife 2 from countertop 3", "slice apple 3 with butterknife 2"]);
    run(["move butterknife 2 to countertop 3", "take apple 3 from countertop 3", "examine apple 3"]);
    run([
      "go to sinkbasin 1",
      "clean apple 3 with sinkbasin 1",
      "examine apple 3",
      "move apple 3 to sinkbasin 1",
    ]);
    // A receptacle object: "This is a normal …" wins even when hot and clean.
    run(["go to cabinet 1", "take mug 1 from cabinet 1", "examine mug 1", "go to microwave 1"]);
    run([
      "heat mug 1 with microwave 1",
      "go to sinkbasin 1",
      "clean mug 1 with sinkbasin 1",
      "examine mug 1",
    ]);

    expect(seen).toEqual([
      "This is a cold egg 2.",
      "This is a cool sliced egg 2.",
      "This is a hot sliced egg 2.",
      "This is a hot and clean sliced egg 2.",
      "This is a cool and clean sliced egg 2.",
      "There's nothing special about egg 4.",
      "This is a clean egg 4.",
      "This is a hot and clean egg 4.",
      "This is a cool and clean egg 4.",
      "This is a hot egg 3.",
      "This is a cold egg 3.",
      "This is a sliced apple 3.",
      "This is a clean sliced apple 3.",
      "This is a normal mug 1. In it, you see nothing.",
      "This is a normal mug 1. In it, you see nothing.",
    ]);
  });

  it("lists a receptacle object's inReceptacleObject contents", () => {
    const { facts: f, engine } = openGame(root!, ...KITCHEN);
    expect(f.inRecepObj.map(([i, o]) => [f.name(i), f.name(o)])).toEqual([["knife 1", "cup 2"]]);
    play(engine, ["go to countertop 2", "take cup 2 from countertop 2"]);
    expect(step(engine, "examine cup 2")).toBe("This is a normal cup 2. In it, you see a knife 1.");
  });
});

describe.skipIf(!root)("inventory and look", () => {
  it("inventory: not carrying / carrying a X", () => {
    const { facts: f, engine } = openGame(root!, ...KITCHEN);
    const g = parseTwl2(f.raw.grammar);
    expect(step(engine, "inventory")).toBe(alt(g, "inventory.feedback"));
    play(engine, ["go to countertop 2", "take lettuce 2 from countertop 2"]);
    expect(step(engine, "inventory")).toBe(
      fill(alt(g, "inventory.feedback", "holdsany(a:agent)"), {}, { list: "a lettuce 2" }),
    );
    expect(step(engine, "inventory")).toBe("You are carrying: a lettuce 2.");
  });

  it("look at the start spot lists nothing, unlike the intro (the start-location quirk)", () => {
    const { facts: f, engine, intro } = openGame(root!, ...KITCHEN);
    const g = parseTwl2(f.raw.grammar);
    // look's ?l is bound to the start spot, where receptacleAtLocation(r, l) has no solution.
    const want = fill(alt(g, "look.feedback"), {}, { subs: { list_appliances: "nothing" } });
    expect(want).toBe("You are in the middle of a room. Looking quickly around you, you see nothing.");
    expect(step(engine, "look")).toBe(want);
    expect(intro).toContain(`Looking quickly around you, you see ${f.seen(f.receptacles())}.`);
  });

  it("look at a receptacle: 'You are facing the A[, and B]. Next to it, you see nothing.'", () => {
    const { facts: f, engine } = openGame(root!, ...KITCHEN);
    const g = parseTwl2(f.raw.grammar);
    step(engine, "go to countertop 2");
    expect(step(engine, "look")).toBe(lookAt(g, ["countertop 2"]));
    expect(step(engine, "look")).toBe("You are facing the countertop 2. Next to it, you see nothing.");
    step(engine, "go to stoveburner 2");
    const here = f.recepsAt(f.recepLoc.get(f.id("stoveburner 2"))!).map((r) => f.name(r));
    expect(here).toEqual(["stoveburner 4", "stoveburner 2"]);
    expect(step(engine, "look")).toBe(lookAt(g, here));
    expect(step(engine, "look")).toBe(
      "You are facing the stoveburner 4, and stoveburner 2. Next to it, you see nothing.",
    );
  });
});

describe.skipIf(!root)("help (new format only)", () => {
  it("prints the grammar's help feedback verbatim, starting with a newline", () => {
    const { facts: f, engine } = openGame(root!, ...KITCHEN);
    const help = parseTwl2(f.raw.grammar).actions.get("help")!;
    expect(help.template).toBe("help");
    expect(help.feedback.startsWith("\nAvailable commands:\n  look:")).toBe(true);
    expect(help.feedback.split("\n")).toHaveLength(16);
    expect(engine.admissibleCommands()).toContain("help");
    expect(step(engine, "help")).toBe(help.feedback);
    step(engine, "go to fridge 1");
    expect(step(engine, "help")).toBe(help.feedback);
  });

  it.skipIf(!haveClassic)("does not exist in the classic format", () => {
    expect(readFileSync(classicGrammarPath, "utf8")).not.toMatch(/action help/);
    expect(readFileSync(classicDomainPath, "utf8")).not.toMatch(/\(:action help/);
    const { engine } = openGame(root!, ...KITCHEN, "classic");
    rejects(engine, "help");
    step(engine, "go to fridge 1");
    rejects(engine, "help");
  });
});

describe.skipIf(!haveClassic)("classic vs new templates (T13, engine side)", () => {
  it("arrival text, put/move template and feedback come from each format's grammar", () => {
    const neu = openGame(root!, ...KITCHEN, "new");
    const old = openGame(root!, ...KITCHEN, "classic");
    const f = neu.facts;
    const gn = parseTwl2(f.raw.grammar);
    const gc = parseTwl2(readFileSync(classicGrammarPath, "utf8"));
    const top = f.id("countertop 1");
    const lend = f.name(f.recepLoc.get(top)!);
    const desc = (g: Twl2) => recepText(g, f, top, false, f.contents(top));
    const arrive = (g: Twl2) =>
      fill(
        rhs(g, "GotoLocation.feedback"),
        { r: "countertop 1", lend },
        { subs: { "examineReceptacle.feedback": desc(g) } },
      );
    expect(arrive(gn).startsWith("You arrive at countertop 1. ")).toBe(true);
    expect(arrive(gc).startsWith(`You arrive at ${lend}. `)).toBe(true);

    const prefix = ["go to countertop 2", "take lettuce 2 from countertop 2"];
    play(neu.engine, prefix);
    play(old.engine, prefix);
    expect(step(neu.engine, "go to countertop 1")).toBe(arrive(gn));
    expect(step(old.engine, "go to countertop 1")).toBe(arrive(gc));

    const vars = { o: "lettuce 2", r: "countertop 1" };
    const putNew = fill(gn.actions.get("PutObject")!.template, vars);
    const putOld = fill(gc.actions.get("PutObject")!.template, vars);
    expect([putNew, putOld]).toEqual(["move lettuce 2 to countertop 1", "put lettuce 2 in/on countertop 1"]);
    rejects(neu.engine, putOld);
    rejects(neu.engine, "put lettuce 2 in countertop 1");
    rejects(old.engine, putNew);
    // Apart from help and put/move, both formats admit the same commands.
    const strip = (cmds: string[]) =>
      cmds.filter((c) => c !== "help").map((c) => c.replace(/^move (.*) to /, "put $1 in/on "));
    expect(strip(neu.engine.admissibleCommands()).sort()).toEqual(
      strip(old.engine.admissibleCommands()).sort(),
    );
    expect(step(neu.engine, putNew)).toBe(fill(rhs(gn, "PutObject.feedback"), vars));
    expect(step(old.engine, putOld)).toBe(fill(rhs(gc, "PutObject.feedback"), vars));
    expect(step(old.engine, "look")).toBe(step(neu.engine, "look"));
  });
});

describe.skipIf(!root)("'Nothing happens.' (T4) and command matching", () => {
  it("rejects wrong case, extra words, unknown verbs and inapplicable actions, changing nothing", () => {
    const { engine } = openGame(root!, ...KITCHEN);
    for (const cmd of [
      "Look",
      "LOOK",
      "Inventory",
      "Go to countertop 2",
      "go to Countertop 2",
      "go to countertop 2.",
    ])
      rejects(engine, cmd);
    for (const cmd of [
      "go to countertop 2 now",
      "go  to countertop 2",
      "go\tto countertop 2",
      "goto countertop 2",
    ])
      rejects(engine, cmd);
    for (const cmd of [
      "go to countertop",
      "go to countertop 9",
      "go to loc 21",
      "open fridge 1",
      "look around",
    ])
      rejects(engine, cmd);
    step(engine, "go to countertop 2");
    rejects(engine, "go to countertop 2");
    rejects(engine, "examine lettuce 2");
    rejects(engine, "pick up lettuce 2");
    rejects(engine, "take lettuce 2");
    rejects(engine, "take lettuce 2 from countertop 1");
    step(engine, "take lettuce 2 from countertop 2");
    rejects(engine, "take lettuce 1 from countertop 2");
    rejects(engine, "put lettuce 2 in/on countertop 2");
    rejects(engine, "put lettuce 2 in countertop 2");
    rejects(engine, "drop lettuce 2");
    step(engine, "go to stoveburner 1");
    rejects(engine, "heat lettuce 2 with stoveburner 1");
    rejects(engine, "cool lettuce 2 with stoveburner 1");
    step(engine, "go to fridge 1");
    rejects(engine, "close fridge 1");
    step(engine, "open fridge 1");
    rejects(engine, "open fridge 1");
    rejects(engine, "take tomato 1 from fridge 1");
    step(engine, "go to microwave 1");
    rejects(engine, "toggle microwave 1");
    rejects(engine, "use microwave 1");
  });

  it("strips leading/trailing whitespace as Python's str.strip() does", () => {
    const { facts: f, engine } = openGame(root!, ...KITCHEN);
    const look = fill(
      alt(parseTwl2(f.raw.grammar), "look.feedback"),
      {},
      { subs: { list_appliances: "nothing" } },
    );
    const pySpace =
      "\t\n\u000b\u000c\r\u001c\u001d\u001e\u001f \u0085\u00a0\u1680\u2000\u2005\u200a\u2028\u2029\u202f\u205f\u3000";
    expect(engine.step(`${pySpace}look${pySpace}`)).toBe(look);
    expect(engine.step("\u001clook\u001f")).toBe(look);
    expect(engine.step("\u0085look")).toBe(look);
    expect(engine.step("  inventory \n")).toBe("You are not carrying anything.");
    // Not whitespace for Python: BOM, zero-width space, Mongolian vowel separator, NUL.
    for (const cmd of ["\ufefflook", "look\ufeff", "\u200blook", "look\u180e", "look\u0000", "\u0000look"])
      rejects(engine, cmd);
    expect(engine.step("  go to countertop 2\t")).toBe(
      `You arrive at countertop 2. On the countertop 2, you see ${f.seen(f.contents(f.id("countertop 2")))}.`,
    );
  });

  it("answers any string with 'Nothing happens.' and never throws", () => {
    const { engine } = openGame(root!, ...KITCHEN);
    const big = "a".repeat(1 << 20);
    const inputs = [
      "",
      " ",
      "\n\n",
      big,
      `look${big}`,
      "ｌｏｏｋ",
      "lоok", // Cyrillic o
      "look\u0301",
      "\ud800",
      "\udfff look",
      "🙂",
      "go to countertop 2".toUpperCase(),
      "Go To Countertop 2",
      "null",
      "undefined",
      "__proto__",
      "constructor",
      "toString",
      "go to __proto__",
      "%s %d",
      "\\n",
    ];
    for (const cmd of inputs) {
      let out: string | undefined;
      expect(() => (out = engine.step(cmd)), JSON.stringify(cmd.slice(0, 40))).not.toThrow();
      expect(out).toBe(NOTHING);
    }
    // A megabyte of Python whitespace around a real command still matches it.
    expect(engine.step(`${" ".repeat(1 << 20)}inventory${"\u3000".repeat(1 << 19)}`)).toBe(
      "You are not carrying anything.",
    );
    // Case variants of every admissible command at a few states.
    for (const cmd of ["go to countertop 2", "take lettuce 2 from countertop 2", "go to fridge 1"]) {
      for (const c of engine.admissibleCommands()) {
        for (const variant of [
          c.toUpperCase(),
          c[0]!.toUpperCase() + c.slice(1),
          `${c}.`,
          `${c} 1`,
          c.replace(" ", "  "),
        ])
          if (!engine.admissibleCommands().includes(variant)) expect(engine.step(variant)).toBe(NOTHING);
      }
      step(engine, cmd);
    }
  });
});

describe.skipIf(!root)("snapshot / restore", () => {
  it("branching and rewinding give identical subsequent texts", () => {
    const { engine } = openGame(root!, ...KITCHEN);
    play(engine, ["go to countertop 2", "take lettuce 2 from countertop 2"]);
    const snap = engine.snapshot();
    const trace = (cmds: string[]) =>
      cmds.map((c) => ({
        c,
        out: engine.step(c),
        adm: engine.admissibleCommands().slice(),
        won: engine.won,
      }));
    const branchA = [
      "go to fridge 1",
      "cool lettuce 2 with fridge 1",
      "go to countertop 2",
      "move lettuce 2 to countertop 2",
      "look",
    ];
    const branchB = [
      "go to countertop 1",
      "move lettuce 2 to countertop 1",
      "examine countertop 1",
      "take lettuce 2 from countertop 1",
      "inventory",
    ];
    const a1 = trace(branchA);
    expect(a1.at(-2)!.won).toBe(true);
    engine.restore(snap);
    const b1 = trace(branchB);
    expect(b1.every((s) => !s.won)).toBe(true);
    engine.restore(snap);
    expect(trace(branchA)).toEqual(a1);
    engine.restore(snap);
    expect(trace(branchB)).toEqual(b1);
    // A snapshot is not changed by later play, and a won state restores as won.
    engine.restore(snap);
    trace(branchA);
    const wonSnap = engine.snapshot();
    engine.restore(snap);
    expect(engine.won).toBe(false);
    expect(step(engine, "inventory")).toBe("You are carrying: a lettuce 2.");
    engine.restore(wonSnap);
    expect(engine.won).toBe(true);
    expect(step(engine, "inventory")).toBe("You are not carrying anything.");
  });

  it("reset returns to the initial state after play", () => {
    const path = openGame(root!, ...KITCHEN).path;
    const engine = new AlfworldEngine(loadGameFile(path), "new");
    const intro = engine.reset();
    const adm0 = engine.admissibleCommands().slice();
    play(engine, ["go to fridge 1", "open fridge 1", "take tomato 1 from fridge 1"]);
    expect(engine.reset()).toBe(intro);
    expect(engine.admissibleCommands()).toEqual(adm0);
    expect(step(engine, "go to fridge 1")).toBe("You arrive at fridge 1. The fridge 1 is closed.");
  });
});
