/**
 * `wordworld textworld compare --games <dir> [--random-steps N] [--seed S] [--no-walkthrough]`: plays every
 * game of a directory (each `*.json` with a sibling `.z8`) natively and in ifvms in lockstep, the walkthrough
 * and then N random admissible commands (see src/envs/textworld/compare.ts for the exact protocol).
 *
 * stdout: one JSON line per game (`{game, steps, matched, raw_matched, ..., first_mismatch?}`), then one
 * line `matched_steps/total_steps`. stderr: a JSON summary (raw matches, ifvms steps per second).
 * The exit status is 0 whatever the match rate (a measurement, not a check; the tests assert 100%);
 * 2 for bad flags or a directory without games.
 */
import type { Command } from "commander";
import { existsSync, statSync } from "node:fs";
import { compareGames, listGames } from "../envs/textworld/compare.js";
import { parsePositiveInt, UsageError } from "./errors.js";

export const DEFAULT_RANDOM_STEPS = 200;
export const DEFAULT_SEED = 1;

function parseSeed(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 0xffffffff)
    throw new UsageError(`--seed must be an integer from 0 to 4294967295, got '${value}'`);
  return Number(value);
}

export function registerTextworldCompare(textworld: Command): void {
  textworld
    .command("compare")
    .description("compare the native TextWorld engine with ifvms on real games, one JSON line per game")
    .requiredOption("--games <dir>", "directory of TextWorld games (*.json next to *.z8)")
    .option("--random-steps <n>", `random admissible commands per game (default ${DEFAULT_RANDOM_STEPS})`)
    .option("--seed <s>", `seed of the random walks (default ${DEFAULT_SEED})`)
    .option("--no-walkthrough", "skip the walkthrough phase")
    .action((f: { games: string; randomSteps?: string; seed?: string; walkthrough: boolean }) => {
      const randomSteps =
        f.randomSteps === undefined
          ? DEFAULT_RANDOM_STEPS
          : parsePositiveInt("--random-steps", f.randomSteps);
      const seed = f.seed === undefined ? DEFAULT_SEED : parseSeed(f.seed);
      if (!existsSync(f.games) || !statSync(f.games).isDirectory())
        throw new UsageError(`--games: no such directory: ${f.games}`);
      if (listGames(f.games).length === 0)
        throw new UsageError(`--games: no TextWorld games (*.json with a .z8 beside it) in ${f.games}`);
      const { summary } = compareGames(f.games, { randomSteps, seed, walkthrough: f.walkthrough }, (g) =>
        console.log(JSON.stringify(g)),
      );
      console.log(`${summary.matched_steps}/${summary.total_steps}`);
      process.stderr.write(`${JSON.stringify({ summary })}\n`);
    });
}
