/**
 * TextWorld: native steps per second on one core (the target is ≥ 50,000; TextWorld itself runs
 * about 300 steps/s), with and without computing the admissible commands each step, and ifvms on the
 * same games for the ratio.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { loadTextWorldGame, type TextWorldGame } from "../src/envs/textworld/game-file.js";
import { findGameFiles } from "../src/envs/textworld/pull.js";
import { TextWorldSession } from "../src/envs/textworld/session.js";
import { ZMachineGame } from "../src/envs/textworld/zmachine.js";
import { mulberry32 } from "../src/util/mulberry32.js";
import type { BenchResult } from "./alfworld.js";

function findGames(root: string): string | undefined {
  const shared =
    process.env.WORDWORLD_SHARED && join(process.env.WORDWORLD_SHARED, "data", "textworld", "games");
  return [join(root, "textworld", "games"), join(root, "games"), shared]
    .filter((d): d is string => !!d)
    .find((d) => existsSync(d) && findGameFiles(d).length > 0);
}

/** Plays random admissible commands, restarting a game when it ends, until `steps` steps are done. */
function randomSteps(
  games: TextWorldGame[],
  steps: number,
  seed: number,
): { steps: number; seconds: number } {
  const rnd = mulberry32(seed);
  const sessions = games.map((g) => new TextWorldSession(g));
  sessions.forEach((s) => s.start());
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < steps; i++) {
    const s = sessions[i % sessions.length]!;
    if (s.done) s.start();
    const cmds = s.admissibleCommands();
    s.step(cmds[Math.floor(rnd() * cmds.length)]!);
  }
  return { steps, seconds: Number(process.hrtime.bigint() - t0) / 1e9 };
}

/** Replays each walkthrough from a fresh start: stepping only (no admissible commands asked). */
function walkthroughSteps(games: TextWorldGame[], rounds: number): { steps: number; seconds: number } {
  const sessions = games.map((g) => new TextWorldSession(g));
  let steps = 0;
  const t0 = process.hrtime.bigint();
  for (let r = 0; r < rounds; r++)
    sessions.forEach((s, i) => {
      s.start();
      for (const c of games[i]!.walkthrough) {
        s.step(c);
        steps++;
      }
    });
  return { steps, seconds: Number(process.hrtime.bigint() - t0) / 1e9 };
}

export function benchTextworld(root: string): BenchResult[] {
  const dir = findGames(root);
  if (!dir) {
    console.log("textworld: no games (run `wordworld data pull textworld --from <dir>`); skipped");
    return [];
  }
  const files = findGameFiles(dir).map((f) => join(dir, f));
  const games = files.map(loadTextWorldGame);
  randomSteps(games, 20_000, 1); // warm up the JIT
  const random = randomSteps(games, 200_000, 2);
  walkthroughSteps(games, 20);
  const walk = walkthroughSteps(games, 200);
  const withZ8 = files.filter((f) => existsSync(f.replace(/\.json$/, ".z8"))).slice(0, 5);
  let zSteps = 0;
  const t0 = process.hrtime.bigint();
  for (const f of withZ8) {
    const z = new ZMachineGame(f.replace(/\.json$/, ".z8"));
    const s = new TextWorldSession(loadTextWorldGame(f));
    z.start();
    s.start();
    const rnd = mulberry32(3);
    for (let i = 0; i < 100 && !s.done; i++) {
      const cmds = s.admissibleCommands();
      const c = cmds[Math.floor(rnd() * cmds.length)]!;
      z.send(c);
      s.step(c);
      zSteps++;
    }
  }
  const zSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const nativeRate = random.steps / random.seconds;
  const zRate = zSteps / zSeconds;
  return [
    {
      name: "textworld native steps/s (random admissible commands, admissible computed every step)",
      value: Math.round(nativeRate),
      unit: "steps/s",
      detail: `${random.steps} steps over ${games.length} games in ${random.seconds.toFixed(2)} s, one core`,
    },
    {
      name: "textworld native steps/s (walkthroughs, stepping only)",
      value: Math.round(walk.steps / walk.seconds),
      unit: "steps/s",
      detail: `${walk.steps} steps in ${walk.seconds.toFixed(2)} s`,
    },
    {
      name: "textworld ifvms steps/s (same commands, oracle)",
      value: Math.round(zRate),
      unit: "steps/s",
      detail: `${zSteps} steps on ${withZ8.length} games; native is ${Math.round(nativeRate / zRate)}× faster`,
    },
  ];
}
