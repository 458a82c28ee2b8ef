/**
 * The native TextWorld engine against the ifvms oracle on bad and non-admissible input: parser errors,
 * meta commands (again, oops, undo, restart, quit), several commands on one line, the questions
 * (which one, yes or no, the end of the story), standard Inform verbs. Each script is played on both
 * sides from the start; every reply must be byte-equal once ifvms's echo and prompt are removed, and the
 * turn count must equal the oracle's status line. A fuzz test checks that no input makes step() throw.
 */
import { describe, expect, it } from "vitest";
import { loadTextWorldGame } from "../../../src/envs/textworld/game-file.js";
import { TextWorldSession } from "../../../src/envs/textworld/session.js";
import { ZMachineGame } from "../../../src/envs/textworld/zmachine.js";
import { hasShared, sharedPath } from "../../shared-data.js";

const GAMES = ["textworld", "games"];
const HAVE = hasShared(...GAMES);
const game = (name: string) => sharedPath(...GAMES, name);

/** ifvms's reply without the echoed line (absent after a confirmed restart) and the final prompt. */
function oracleBody(command: string, reply: string): string {
  const echo = `${command.slice(0, 120)}\n`;
  return (reply.startsWith(echo) ? reply.slice(echo.length) : reply).replace(/> ?$/, "");
}

const oracleMoves = (z: ZMachineGame) => Number(z.statusLine().trim().split("/").pop());

interface Script {
  game: string;
  /** How many walkthrough commands to play first. */
  walk?: number;
  commands: string[];
}

const BEDROOM = "microsoft-notebooks/tw-another_game";
const SEED0 = "agentic-lm/world_with_seed_0";
const SEED1 = "agentic-lm/world_with_seed_1";
const DENSE = "microsoft-notebooks/tw-rewardsDense_goalBrief";
const NONE = "microsoft-notebooks/tw-rewardsSparse_goalNone";

const SCRIPTS: Record<string, Script> = {
  "parser errors and verb-only commands": {
    game: BEDROOM,
    commands: [
      "",
      "   ",
      "xyzzy",
      "foo bar",
      "take unicorn",
      "take",
      "open",
      "close",
      "put key",
      "put",
      "insert",
      "go",
      "eat",
      "examine",
      "unlock",
      "drop",
      "lock wooden door",
      "unlock wooden door",
      "look!",
      "look?",
      "LOOK\tI",
      "café",
      "take 😀",
      'x "trunk"',
      ", look",
      ". look",
      "then look",
      "it",
      "undo.",
      "help me",
      "look around",
    ],
  },
  "directions, names, case, pronoun": {
    game: BEDROOM,
    commands: [
      "north",
      "n",
      "s",
      "e",
      "w",
      "up",
      "ne",
      "go out",
      "examine north",
      "close west",
      "take north",
      "go west door",
      "examine trunk",
      "examine antique",
      "open trunk",
      "examine it",
      "take it",
      "LOOK",
      "Open Antique Trunk",
      "look.",
      "examine king",
      "examine size",
      "examine bed",
      "look at drawer",
      "x me",
      "take the old key",
      "take old key from the antique trunk",
      "get old key",
      "pick up old key",
      "take old key",
    ],
  },
  "several commands on a line, again, oops, undo": {
    game: BEDROOM,
    commands: [
      "undo",
      "g",
      "oops",
      "take kye",
      "oops key",
      "open trunk",
      "take kye",
      "oops",
      "oops key key",
      "oops key",
      "xyzzy",
      "oops look",
      "look..",
      "look. .",
      "look, inventory",
      "look , , inventory",
      "look then then inventory",
      "xyzzy. look",
      "look. xyzzy",
      "look, xyzzy",
      "take trunk. look",
      "UNDO",
      "g",
      "look. g",
      "again again",
      "g, look",
      "look. undo",
      "look,",
      "open trunk, look",
      "score",
      "undo",
      "undo",
    ],
  },
  "restart and quit questions": {
    game: BEDROOM,
    commands: [
      "inventory",
      "restart",
      "n",
      "restart",
      "maybe",
      "",
      "y",
      "look",
      "quit",
      "n",
      "quit",
      "maybe",
      "yes",
    ],
  },
  "which-one questions, all, drop": {
    game: BEDROOM,
    walk: 5,
    commands: [
      "examine door",
      "wooden",
      "examine door",
      "look",
      "open door",
      "screen",
      "examine it",
      "close it",
      "take it",
      "open door",
      "xyzzy",
      "open door",
      "the screen door",
      "close door",
      "both",
      "examine door",
      "kitchen",
      "take all from kitchen island",
      "take note from stove",
      "open refrigerator",
      "take apple from kitchen island",
      "put old key on note",
      "insert old key into note",
      "eat old key",
      "take all",
      "drop all",
      "drop old key",
      "drop old key",
      "goal",
      "help",
      "go west",
      "examine door",
    ],
  },
  "the end of the story: answers, undo, restart": {
    game: BEDROOM,
    walk: 99,
    commands: ["look", "score", "undo", "look", "put milk on stove", "xyzzy", "undo", "restart", "look"],
  },
  "keys inferred, locked and unlocked": {
    game: SEED0,
    commands: [
      "x",
      "unlock",
      "drink",
      "unlock safe",
      "drop poem",
      "unlock safe",
      "lock locker",
      "take key",
      "unlock safe",
      "key",
      "unlock safe",
      "take passkey",
      "unlock box",
      "insert key",
      "put key in",
      "put key on floor",
      "examine west",
      "close west door",
      "go west door",
      "open safe",
      "open box",
      "open locker",
      "unlock locker with key",
      "lock locker with key",
      "take key from box",
      "unlock box with passkey",
      "unlock box with passkey",
      "lock box with passkey",
      "lock box with passkey",
      "take box",
      "move north",
    ],
  },
  "a held thing is preferred; end of story": {
    game: SEED1,
    commands: [
      "go south",
      "go east",
      "go north",
      "examine type",
      "examine D",
      "open locker",
      "take keyboard",
      "drop keyboard",
      "undo",
      "take keyboard",
      "quit",
    ],
  },
  "losing and undoing it": {
    game: DENSE,
    walk: 8,
    commands: [
      "take carrot",
      "eat carrot",
      "look",
      "undo",
      "eat carrot",
      "undo",
      "eat apple",
      "take apple",
      "eat apple",
    ],
  },
  "lists of objects, 'all', long lines, going through doors": {
    game: BEDROOM,
    commands: [
      "examine the",
      "examine king-size bed",
      "take king-size bed",
      "look look",
      "i i",
      "score please",
      "x all",
      "open all",
      "go through door",
      "enter door",
      "put in trunk",
      "take from trunk",
      "take key from",
      "open trunk. take key. unlock door with key. open door. go east. examine door",
      "wooden",
      "x it",
      "take key. drop key. undo",
      "go west then go east then x door",
      "screen door",
      "go south",
      "take milk",
      "put milk on couch, then take milk",
      "drop milk",
      "take milk and remote",
      "drop all",
      "drop all",
      "put key on",
      "put key in",
      "insert key into",
      "unlock trunk with",
      "lock west door with key",
      "look. ".repeat(30),
    ],
  },
  "undo to the start, again after undo": {
    game: SEED0,
    commands: [
      "take key",
      "take passkey",
      "take key, passkey and poem",
      "drop key and key",
      "lock",
      "go west",
      "open portal",
      "go west",
      ...Array<string>(12).fill("undo"),
      "g",
      "it",
      "drop it",
      "examine it",
    ],
  },
  "after the end: undo, restart, quit": {
    game: SEED1,
    walk: 99,
    commands: ["undo", "undo", "look", "take keyboard", "restart", "undo", "quit", "n", "look", "quit", "y"],
  },
  "standard Inform verbs": {
    game: NONE,
    commands: [
      "goal",
      "goal. look",
      "read trunk",
      "search trunk",
      "look in trunk",
      "look under bed",
      "enter trunk",
      "exit",
      "sit on bed",
      "jump",
      "sleep",
      "listen",
      "smell",
      "touch trunk",
      "push trunk",
      "pull trunk",
      "hit trunk",
      "climb bed",
      "think",
      "yes",
      "sorry",
      "wave",
      "wake",
      "stand",
      "burn trunk",
      "cut trunk",
      "rub trunk",
      "squeeze trunk",
      "taste trunk",
      "kiss trunk",
      "drink trunk",
      "walk east",
      "score",
    ],
  },
};

describe.runIf(HAVE)("native TextWorld engine = ifvms on bad and non-admissible input", () => {
  for (const [title, script] of Object.entries(SCRIPTS)) {
    it(title, { timeout: 30_000 }, () => {
      const data = loadTextWorldGame(game(`${script.game}.json`));
      const z = new ZMachineGame(game(`${script.game}.z8`));
      const s = new TextWorldSession(data);
      expect(s.start()).toBe(z.start().replace(/>$/, ""));
      const commands = [...data.walkthrough.slice(0, script.walk ?? 0), ...script.commands];
      for (const command of commands) {
        if (z.finished) break;
        const expected = oracleBody(command, z.send(command));
        expect({ command, reply: s.step(command) }).toEqual({ command, reply: expected });
        // Inform does not redraw the status line once the story has ended.
        if (!s.done && !expected.endsWith("? "))
          expect({ command, moves: s.moves }).toEqual({ command, moves: oracleMoves(z) });
      }
      expect(s.done || !z.finished).toBe(true);
    });
  }

  it("lets a caller take back a turn with snapshot() and restore()", () => {
    const s = new TextWorldSession(loadTextWorldGame(game(`${BEDROOM}.json`)));
    s.start();
    const before = s.snapshot();
    const look = s.step("look");
    s.step("open antique trunk");
    expect(s.score).toBe(1);
    s.restore(before);
    expect([s.score, s.moves]).toEqual([0, 1]);
    expect(s.step("look")).toBe(look);
  });
});

describe.runIf(HAVE)("TextWorldSession.step never throws", () => {
  it("on random input", { timeout: 30_000 }, () => {
    const s = new TextWorldSession(loadTextWorldGame(game(`${SEED0}.json`)));
    s.start();
    let seed = 12345;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pieces = [
      "take",
      "key",
      "the",
      "with",
      "from",
      "unlock",
      "safe",
      ",",
      ".",
      "then",
      "all",
      "it",
      "g",
      "oops",
      "undo",
      "restart",
      "quit",
      "y",
      "n",
      "drop",
      "in",
      "on",
      "north",
      "put",
      "😀",
      "\t",
      "\n",
      "",
      " ",
      "é",
      '"',
    ];
    for (let i = 0; i < 3000; i++) {
      const n = Math.floor(rnd() * 8);
      let line = Array.from({ length: n }, () => pieces[Math.floor(rnd() * pieces.length)]).join(
        rnd() < 0.5 ? " " : "",
      );
      if (rnd() < 0.05)
        line = String.fromCharCode(...Array.from({ length: 600 }, () => 32 + Math.floor(rnd() * 95)));
      const reply = s.step(line);
      expect(typeof reply).toBe("string");
      if (s.done && rnd() < 0.5) s.start();
    }
    expect(s.internalErrors.map((e) => e.stack)).toEqual([]);
  });
});
