/**
 * The native TextWorld game generator (`wordworld textworld make`): the real house grammars, the game
 * layout of real tw-make games, determinism, the knobs, and winnable walkthroughs (logic and engine).
 */
import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  mkdirSync,
  writeFileSync,
  existsSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { parseTextWorldGame } from "../../../src/envs/textworld/game-file.js";
import { commandOf, State, type Fact } from "../../../src/envs/textworld/logic/state.js";
import { TextWorldSession } from "../../../src/envs/textworld/session.js";
import { pythonTitle } from "../../../src/envs/textworld/title.js";
import {
  fixDeterminant,
  loadGrammar,
  parseGrammar,
  splitName,
  Grammar,
} from "../../../src/envs/textworld/generator/grammar.js";
import type { GameJson } from "../../../src/envs/textworld/generator/game-json.js";
import {
  loadGeneratorData,
  makeGame,
  type GeneratorData,
} from "../../../src/envs/textworld/generator/make-game.js";
import { gameFingerprint } from "../../../src/envs/textworld/generator/make-set.js";
import { articulationPoints, gridEdge } from "../../../src/envs/textworld/generator/map.js";
import { pyJsonDumps } from "../../../src/envs/textworld/generator/py-json.js";
import { Rng } from "../../../src/envs/textworld/generator/rng.js";
import { registerTextworldMake } from "../../../src/cli/textworld-make.js";
import { UsageError } from "../../../src/cli/errors.js";
import { hasShared, sharedPath } from "../../shared-data.js";

const HAVE = hasShared("textworld", "textworld-data") && hasShared("textworld", "games", "agentic-lm");
const TW_DATA = sharedPath("textworld", "textworld-data");
const REAL_DIR = sharedPath("textworld", "games", "agentic-lm");

function realGames(): { file: string; text: string; game: GameJson }[] {
  return readdirSync(REAL_DIR)
    .filter((f) => /^world_with_seed_\d+\.json$/.test(f))
    .sort()
    .map((f) => {
      const text = readFileSync(join(REAL_DIR, f), "utf8");
      return { file: f, text, game: JSON.parse(text) as GameJson };
    });
}

const bracketForms = (desc: string) =>
  [...desc.matchAll(/\[[^\]]*\]/g)].map((m) => m[0].replace(/\b[a-z]_\d+\b/g, "X"));
const objectsOf = (g: GameJson) => g.infos.filter(([, i]) => !["r", "d", "P", "I"].includes(i.type));
const roomsOf = (g: GameJson) => g.infos.filter(([, i]) => i.type === "r").map(([, i]) => i);
const toFacts = (ps: GameJson["world"]): Fact[] =>
  ps.map((p) => ({ name: p.name, args: p.arguments.map((a) => a.name) }));

describe.runIf(HAVE)("textworld generator", () => {
  let data: GeneratorData;
  let reals: ReturnType<typeof realGames>;
  const made = new Map<string, GameJson>();
  const make = (worldSize: number, nbObjects: number, questLength: number, seed: number): GameJson => {
    const key = `${worldSize}/${nbObjects}/${questLength}/${seed}`;
    if (!made.has(key)) made.set(key, makeGame(data, { worldSize, nbObjects, questLength, seed }));
    return made.get(key)!;
  };
  const standard = () => Array.from({ length: 40 }, (_, seed) => make(5, 10, 5, seed));

  beforeAll(() => {
    data = loadGeneratorData(TW_DATA);
    reals = realGames();
  });

  describe("grammar", () => {
    it("parses the real house grammars: later definitions win, comments and empty alternatives go", () => {
      const g = loadGrammar(join(TW_DATA, "text_grammars"));
      expect(g.rules.size).toBeGreaterThan(500);
      // house_room.twg defines `inform7` twice; the later says "an opened".
      expect(g.rules.get("inform7")).toEqual([
        "[if (obj) is locked]a locked[else if (obj) is open]an opened[otherwise]a closed[end if]",
      ]);
      // `emptyinstruction1: And then, ;` keeps its spaces and drops the empty alternative.
      expect(g.rules.get("emptyinstruction1")).toEqual([" And then, "]);
      // `take` is defined twice in house_instruction.twg.
      expect(g.rules.get("take")).toEqual(["#pick-up_synonym_1# the #obj_types# from the floor of the (r)."]);
      expect([...g.rules.keys()].some((k) => k.startsWith("#"))).toBe(false);
      expect(g.rules.get("room_type")).toEqual(["clean", "cook", "rest", "work", "storage"]);
    });

    it("expands every symbol of the real grammars without unknown tags", () => {
      const g = loadGrammar(join(TW_DATA, "text_grammars"));
      const rng = new Rng(7);
      for (const symbol of g.rules.keys())
        for (let i = 0; i < 5; i++) expect(g.expand(`#${symbol}#`, rng)).not.toMatch(/#[^#\s]+#/);
    });

    it("gives a matched pair the same expansion on both sides", () => {
      const rng = new Rng(3);
      for (let i = 0; i < 50; i++) {
        const [k, c] = data.grammar
          .expand("#(k<->c)_match#", rng)
          .split("<->")
          .map((s) => splitName(s, false));
        const prefix = (n: string) => n.split(" ").slice(0, -1).join(" ");
        expect(prefix(k!.name)).toBe(prefix(c!.name));
      }
    });

    it("parses the format: symbol:alt;alt, # comments, adj|noun names, fix_determinant", () => {
      const rules = parseGrammar("# comment\na:x;#b#;\nb:y\nb:z\n\n", "t.twg");
      expect(rules.get("a")).toEqual(["x", "#b#"]);
      expect(rules.get("b")).toEqual(["z"]);
      expect(new Grammar(rules).expand("#b# #b#", new Rng(1))).toBe("z z");
      expect(() => parseGrammar("no colon here", "t.twg")).toThrow(/t\.twg:1/);
      expect(splitName("rusty | toolbox", false)).toEqual({ name: "toolbox", adj: null, noun: "toolbox" });
      expect(splitName("rusty | toolbox", true)).toEqual({
        name: "rusty toolbox",
        adj: "rusty",
        noun: "toolbox",
      });
      expect(fixDeterminant("You are in a attic. A usual one. It's a American box. ]a open")).toBe(
        "You are in an attic. An usual one. It's a American box. ]a open",
      );
    });
  });

  describe("game file", () => {
    it("writes Python's json.dumps layout (a real game file round-trips byte for byte)", () => {
      for (const r of reals.slice(0, 10)) expect(pyJsonDumps(JSON.parse(r.text))).toBe(r.text);
      expect(pyJsonDumps({ a: "é\n", b: [1, null, true] })).toBe('{"a": "\\u00e9\\n", "b": [1, null, true]}');
    });

    it("has the schema of real tw-make games", () => {
      const real = reals[0]!.game;
      const ours = make(5, 10, 5, 0);
      expect(Object.keys(ours)).toEqual(Object.keys(real));
      expect(Object.keys(ours.infos[2]![1]).sort()).toEqual(Object.keys(real.infos[2]![1]).sort());
      expect(Object.keys(ours.quests[0]!).sort()).toEqual(Object.keys(real.quests[0]!).sort());
      const [oe, re] = [ours.quests[0]!.win_events[0]!, real.quests[0]!.win_events[0]!];
      expect(Object.keys(oe).sort()).toEqual(Object.keys(re).sort());
      expect(Object.keys(oe.actions[0]!).sort()).toEqual(Object.keys(re.actions[0]!).sort());
      expect(Object.keys(oe.condition).sort()).toEqual(Object.keys(re.condition).sort());
      expect(ours.grammar).toEqual(real.grammar);
      expect(ours.version).toBe(1);
      expect(ours.infos.slice(0, 2).map(([id]) => id)).toEqual(["P", "I"]);
      // The logic is the data folder's .twl text, in the order tw-make's games carry it.
      expect(ours.KB.logic).toBe(real.KB.logic);
      expect(Object.keys(ours.metadata)).toContain("walkthrough");
      expect(Object.keys(ours.metadata)).toContain("uuid");
    });

    it("loads through the engine's game-file parser", () => {
      for (const g of standard())
        expect(() => parseTextWorldGame(JSON.parse(pyJsonDumps(g)), "gen")).not.toThrow();
    });

    it("uses TextWorld's ids, fact predicates and sorted facts", () => {
      const preds = new Set(reals.flatMap((r) => r.game.world.map((p) => p.name)));
      for (const g of standard()) {
        for (const [id, i] of g.infos) {
          expect(id).toMatch(/^(P|I|[rdcsokf]_\d+)$/);
          if (id.includes("_")) expect(id.split("_")[0]).toBe(i.type);
        }
        for (const p of g.world) expect(preds.has(p.name)).toBe(true);
        const keys = g.world.map((p) => [p.name, ...p.arguments.map((a) => a.name)]);
        const sorted = [...keys].sort((a, b) => {
          for (let k = 0; k < Math.min(a.length, b.length); k++)
            if (a[k] !== b[k]) return a[k]! < b[k]! ? -1 : 1;
          return a.length - b.length;
        });
        expect(keys).toEqual(sorted);
        const cond = g.quests[0]!.win_events[0]!.condition;
        expect(cond.name).toBe("trigger");
        expect(cond.postconditions.at(-1)!.name).toBe("event");
      }
    });
  });

  describe("determinism and knobs", () => {
    it("gives the same bytes for the same seed and different games for different seeds", () => {
      const a = pyJsonDumps(makeGame(data, { worldSize: 5, nbObjects: 10, questLength: 5, seed: 42 }));
      const b = pyJsonDumps(
        makeGame(loadGeneratorData(TW_DATA), { worldSize: 5, nbObjects: 10, questLength: 5, seed: 42 }),
      );
      expect(a).toBe(b);
      const c = pyJsonDumps(makeGame(data, { worldSize: 5, nbObjects: 10, questLength: 5, seed: 43 }));
      expect(c).not.toBe(a);
    });

    it.each([
      [5, 10, 5],
      [1, 3, 1],
      [1, 5, 3],
      [3, 6, 2],
      [10, 20, 8],
      [16, 25, 10],
    ])("world size %i, %i objects, quest length %i", (ws, no, ql) => {
      for (let seed = 0; seed < 8; seed++) {
        const g = make(ws, no, ql, seed);
        expect(roomsOf(g)).toHaveLength(ws);
        expect(objectsOf(g)).toHaveLength(no);
        expect(g.metadata.walkthrough).toHaveLength(ql);
        expect(g.quests[0]!.commands).toEqual(g.metadata.walkthrough);
        expect(g.quests[0]!.win_events[0]!.actions).toHaveLength(ql);
        const last = g.quests[0]!.win_events[0]!.actions.at(-1)!.name;
        expect(last).not.toMatch(/^(go|examine|look|inventory)/);
        // Map: exits are north/south/east/west pairs, at most 4 per room, names unique.
        const facts = toFacts(g.world);
        const has = (n: string, a: string, b: string) =>
          facts.some((f) => f.name === n && f.args[0] === a && f.args[1] === b);
        for (const f of facts) {
          if (f.name === "north_of") expect(has("south_of", f.args[1]!, f.args[0]!)).toBe(true);
          if (f.name === "west_of") expect(has("east_of", f.args[1]!, f.args[0]!)).toBe(true);
        }
        for (const r of roomsOf(g)) {
          const exits = facts.filter((f) => /_of$/.test(f.name) && f.args[1] === r.id);
          expect(exits.length).toBeLessThanOrEqual(4);
          expect(new Set(exits.map((f) => f.name)).size).toBe(exits.length);
        }
        const names = g.infos.map(([, i]) => i.name).filter((n) => n !== null);
        expect(new Set(names).size).toBe(names.length);
      }
    });

    it("rejects bad knobs and explains unsatisfiable ones", () => {
      expect(() => makeGame(data, { worldSize: 0, nbObjects: 10, questLength: 5, seed: 1 })).toThrow(
        /worldSize/,
      );
      expect(() => makeGame(data, { worldSize: 5, nbObjects: 10, questLength: 5, seed: -1 })).toThrow(/seed/);
      expect(() => makeGame(data, { worldSize: 2, nbObjects: 0, questLength: 5, seed: 1 })).toThrow(
        /could not chain/,
      );
    });

    it("finds doors only between adjacent articulation points, on a grid of edge ceil(sqrt(n+1))", () => {
      expect(gridEdge(5)).toBe(3);
      expect(gridEdge(8)).toBe(3);
      expect(gridEdge(9)).toBe(4);
      const adj = new Map([
        ["a", ["b"]],
        ["b", ["a", "c"]],
        ["c", ["b", "d", "e"]],
        ["d", ["c", "e"]],
        ["e", ["c", "d"]],
      ]);
      expect([...articulationPoints([...adj.keys()], adj)].sort()).toEqual(["b", "c"]);
      for (const g of standard()) {
        const facts = toFacts(g.world);
        for (const d of g.infos.filter(([, i]) => i.type === "d")) {
          const links = facts.filter((f) => f.name === "link" && f.args[1] === d[0]);
          expect(links).toHaveLength(2);
          const open = facts.some((f) => f.name === "open" && f.args[0] === d[0]);
          const [a, , b] = links[0]!.args;
          expect(facts.some((f) => f.name === "free" && f.args[0] === a && f.args[1] === b)).toBe(open);
        }
      }
    });
  });

  describe("walkthrough", () => {
    it("wins when replayed through the logic engine, and not before its last command", () => {
      for (const g of [...standard(), make(10, 20, 8, 1), make(1, 3, 1, 2)]) {
        const game = parseTextWorldGame(JSON.parse(pyJsonDumps(g)), "gen");
        const state = new State(game.logic, game.types, game.facts);
        const names = (id: string) => game.infos.get(id)?.name ?? id;
        const goal = game.quests[0]!.winEvents[0]!.condition;
        const rules = game.logic.rules.filter((r) => r.command !== undefined);
        g.metadata.walkthrough.forEach((command) => {
          expect(goal.every((f) => state.has(f))).toBe(false);
          const action = state.applicableActions(rules).find((a) => commandOf(a, names) === command);
          expect(action, `${command} applicable`).toBeDefined();
          state.apply(action!);
        });
        expect(goal.every((f) => state.has(f))).toBe(true);
      }
    });

    it("plays to a win in the native engine, every command admissible", () => {
      for (const g of [...standard(), make(10, 20, 8, 3), make(16, 25, 10, 4)]) {
        const s = new TextWorldSession(parseTextWorldGame(JSON.parse(pyJsonDumps(g)), "gen"));
        s.start();
        g.metadata.walkthrough.forEach((command, i) => {
          expect(s.admissibleCommands()).toContain(command);
          expect(s.done, `done before step ${i}`).toBe(false);
          s.step(command);
        });
        expect(s.won).toBe(true);
        expect(s.score).toBe(1);
      }
    });
  });

  describe("text", () => {
    it("lays room descriptions out as tw-make does: intro, furniture, then doors and exits", () => {
      for (const g of standard())
        for (const r of roomsOf(g)) {
          const [intro, furniture, exits, ...rest] = r.desc!.split("\n\n");
          expect(rest).toEqual([]);
          expect(intro!.length).toBeGreaterThan(0);
          expect(furniture === "" || furniture!.startsWith(" ")).toBe(true);
          const ids = [
            ...furniture!.matchAll(/\[if (?:there is (?:something|nothing) on the |)([cs]_\d+)/g),
          ].map((m) => m[1]);
          const here = toFacts(g.world).filter(
            (f) => f.name === "at" && f.args[1] === r.id && /^[cs]_/.test(f.args[0]!),
          );
          expect(new Set(ids)).toEqual(new Set(here.map((f) => f.args[0])));
          const doorSentences = [
            ...exits!.matchAll(
              /There is \[if (d_\d+) is open\]an open\[otherwise\]a closed\[end if\] ([^.]+) leading (north|south|east|west)\./g,
            ),
          ];
          for (const m of doorSentences) expect(m[2]).toBe(g.infos.find(([id]) => id === m[1])![1].name);
          const dirs = toFacts(g.world)
            .filter((f) => /^(north|south|east|west)_of$/.test(f.name) && f.args[1] === r.id)
            .map((f) => f.name.replace("_of", ""));
          for (const d of dirs) expect(exits).toMatch(new RegExp(`\\b${d}\\b`));
          if (doorSentences.length > 0) expect(exits!.startsWith(" There is [if d_")).toBe(true);
        }
    });

    it("uses only the bracket substitutions real tw-make games use", () => {
      const real = new Set(
        reals.flatMap((r) => r.game.infos.flatMap(([, i]) => (i.desc ? bracketForms(i.desc) : []))),
      );
      const ours = new Set(
        standard().flatMap((g) => g.infos.flatMap(([, i]) => (i.desc ? bracketForms(i.desc) : []))),
      );
      for (const f of ours) expect(real.has(f), f).toBe(true);
      expect(ours.size).toBeGreaterThan(8);
    });

    it("writes sentences the real games have, from the grammar", () => {
      const all = standard().flatMap((g) => roomsOf(g).map((r) => r.desc!));
      expect(
        all.some((d) =>
          /You (can )?(see|make out) \[if c_\d+ is locked\]a locked\[else if c_\d+ is open\]an opened\[otherwise\]a closed\[end if\] /.test(
            d,
          ),
        ),
      ).toBe(true);
      expect(
        all.some((d) =>
          /\[if c_\d+ is open and there is something in the c_\d+\] The [^[]+ contains \[a list of things in the c_\d+\]/.test(
            d,
          ),
        ),
      ).toBe(true);
      expect(
        all.some((d) =>
          /\[if there is something on the s_\d+\].*\[a list of things on the s_\d+\].*\[end if\]\[if there is nothing on the s_\d+\]/.test(
            d,
          ),
        ),
      ).toBe(true);
      expect(
        all.some((d) =>
          /(There is an (unblocked|unguarded) exit to the|You need an (unblocked|unguarded) exit\? You should try going) (north|south|east|west)\./.test(
            d,
          ),
        ),
      ).toBe(true);
      // fix_determinant: never " a " before a lower-case vowel.
      for (const d of all) expect(d).not.toMatch(/ [aA] [aeiou]/);
      const descs = standard().flatMap((g) => g.infos.map(([, i]) => i));
      for (const i of descs.filter((x) => x.type === "c"))
        expect(i.desc).toMatch(
          / \[if open\](It is open|You can see inside it)\.\[else if closed\].*\[otherwise\].*\[end if\]$/,
        );
      for (const i of descs.filter((x) => x.type === "s")) expect(i.desc).toMatch(/^The .+ is .+\.$/);
    });

    it("names rooms and things from the grammar's room-type symbols", () => {
      const g = data.grammar;
      const nouns = (sym: string) => new Set(expandAll(g, sym));
      for (const game of standard())
        for (const [, i] of game.infos) {
          if (i.type === "P") expect(i.room_type).not.toBeNull();
          if (i.type === "P" || i.type === "I") continue;
          expect(["clean", "cook", "rest", "work", "storage"]).toContain(i.room_type);
          expect(i.adj).toBeNull();
          expect(i.noun).toBe(i.name);
          if (i.type === "r") expect(nouns(`${i.room_type}_(r)`).has(i.name!)).toBe(true);
        }
    });

    it("writes objectives like tw-make's, one instruction per walkthrough step", () => {
      for (const g of standard()) {
        for (const text of [g.objective, g.quests[0]!.desc]) {
          expect(text).toMatch(
            /^(Welcome to|You are now playing|It's time to|Get ready to|I hope you're|Who's got|Hey, thanks)/,
          );
          expect(text).toMatch(/(stop!|win!|winner!|That's it!|Good!|thanks!)$/);
          expect(text).not.toMatch(/[#()]/);
        }
      }
    });

    it("shows room headings through Python's str.title() in the engine", () => {
      for (const g of standard().slice(0, 10)) {
        const s = new TextWorldSession(parseTextWorldGame(JSON.parse(pyJsonDumps(g)), "gen"));
        const opening = s.start();
        const start = toFacts(g.world).find((f) => f.name === "at" && f.args[0] === "P")!.args[1]!;
        const name = roomsOf(g).find((r) => r.id === start)!.name!;
        expect(opening).toContain(`-= ${pythonTitle(name)} =-`);
      }
      expect(pythonTitle("spare room")).toBe("Spare Room");
      expect(pythonTitle("dish-pit")).toBe("Dish-Pit");
    });
  });

  describe("cli", () => {
    let root: string;
    beforeAll(() => {
      root = mkdtempSync(join(tmpdir(), "tw-make-"));
      mkdirSync(join(root, "data", "textworld"), { recursive: true });
      symlinkSync(TW_DATA, join(root, "data", "textworld", "textworld-data"));
    });
    const run = async (args: string[]) => {
      const program = new Command().exitOverride();
      registerTextworldMake(program.command("textworld"));
      const out: string[] = [];
      vi.spyOn(console, "log").mockImplementation((...a: unknown[]) => void out.push(a.join(" ")));
      vi.spyOn(process.stderr, "write").mockImplementation(() => true);
      try {
        await program.parseAsync(["node", "wordworld", "textworld", ...args]);
        return out;
      } finally {
        vi.restoreAllMocks();
      }
    };

    it("make writes one game, refuses to overwrite without --force, validates numbers", async () => {
      const out = join(root, "one.json");
      const data = ["--data", join(root, "data")];
      const lines = await run([
        "make",
        "--world-size",
        "4",
        "--nb-objects",
        "7",
        "--quest-length",
        "3",
        "--seed",
        "9",
        "--output",
        out,
        ...data,
      ]);
      expect(JSON.parse(lines[0]!)).toMatchObject({ rooms: 4, objects: 7 });
      const text = readFileSync(out, "utf8");
      expect(text).toBe(
        pyJsonDumps(
          makeGame(loadGeneratorData(TW_DATA), { worldSize: 4, nbObjects: 7, questLength: 3, seed: 9 }),
        ),
      );
      await expect(run(["make", "--seed", "9", "--output", out, ...data])).rejects.toThrow(UsageError);
      await run(["make", "--seed", "10", "--output", out, "--force", ...data]);
      expect(readFileSync(out, "utf8")).not.toBe(text);
      for (const bad of [
        ["--world-size", "0"],
        ["--nb-objects", "x"],
        ["--quest-length", "-1"],
        ["--seed", "4294967296"],
      ])
        await expect(
          run(["make", "--seed", "1", ...bad, "--output", join(root, "bad.json"), ...data]),
        ).rejects.toThrow(new RegExp(bad[0]!));
      await expect(
        run(["make", "--seed", "1", "--output", join(root, "x.json"), "--data", join(root, "nowhere")]),
      ).rejects.toThrow(/data pull textworld/);
      expect(existsSync(join(root, "bad.json"))).toBe(false);
    });

    it("make-set is deterministic, with distinct seeds and no game in both splits", async () => {
      const args = (dir: string) => [
        "make-set",
        "--train",
        "6",
        "--test",
        "3",
        "--seed",
        "5",
        "--output",
        dir,
        "--data",
        join(root, "data"),
      ];
      await run(args(join(root, "set-a")));
      await run(args(join(root, "set-b")));
      const files = (dir: string) =>
        ["train", "test"].flatMap((s) =>
          readdirSync(join(dir, s))
            .sort()
            .map((f) => join(s, f)),
        );
      expect(files(join(root, "set-a"))).toHaveLength(9);
      for (const f of files(join(root, "set-a")))
        expect(readFileSync(join(root, "set-a", f), "utf8")).toBe(
          readFileSync(join(root, "set-b", f), "utf8"),
        );
      const manifest = JSON.parse(readFileSync(join(root, "set-a", "manifest.json"), "utf8")) as {
        games: { seed: number }[];
      };
      expect(new Set(manifest.games.map((g) => g.seed)).size).toBe(9);
      const prints = files(join(root, "set-a")).map((f) =>
        gameFingerprint(JSON.parse(readFileSync(join(root, "set-a", f), "utf8")) as GameJson),
      );
      expect(new Set(prints).size).toBe(9);
      await expect(run(args(join(root, "set-a")))).rejects.toThrow(/--force/);
      writeFileSync(join(root, "set-a", "train", "game_00099.json"), "{}");
      await run([...args(join(root, "set-a")), "--force"]);
      expect(existsSync(join(root, "set-a", "train", "game_00099.json"))).toBe(false);
    });
  });
});

/** Every expansion of a small symbol (for name checks): breadth-first over its alternatives. */
function expandAll(g: Grammar, symbol: string): string[] {
  const done: string[] = [];
  const todo = [`#${symbol}#`];
  while (todo.length > 0 && done.length < 5000) {
    const t = todo.pop()!;
    const m = /#([^#\s]+)#/.exec(t);
    if (!m) {
      done.push(splitName(t, false).name);
      continue;
    }
    for (const alt of g.rules.get(m[1]!) ?? []) todo.push(t.split(m[0]).join(alt));
  }
  return done;
}
