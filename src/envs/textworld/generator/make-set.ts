/**
 * A deterministic set of generated games (`train/` and `test/`): the games' seeds come from one stream
 * seeded with the set's seed, a seed whose generation fails or repeats an earlier game's content is
 * skipped for the next one, so the same command always yields the same set, with no game in both splits.
 */
import { createHash } from "node:crypto";
import { join } from "node:path";
import type { GameJson } from "./game-json.js";
import { GenerationError, makeGame, type GeneratorData, type MakeOptions } from "./make-game.js";
import { pyJsonDumps } from "./py-json.js";
import { Rng } from "./rng.js";
import { writeFileAtomic } from "../../../util/write-file.js";

/** Knobs no seed can satisfy (say, 1 object for a 5-step quest) end the run instead of looping. */
const MAX_FAILURE_STREAK = 200;

export interface SetOptions extends Omit<MakeOptions, "seed"> {
  train: number;
  test: number;
  seed: number;
}

export interface SetEntry {
  split: "train" | "test";
  index: number;
  seed: number;
  file: string;
}

export interface SetSummary {
  entries: SetEntry[];
  /** Seeds skipped because generation failed, or because the game repeated an earlier one. */
  failed: number;
  duplicates: number;
}

/** The game's content, without the metadata (which names its seed). */
export function gameFingerprint(game: GameJson): string {
  return createHash("sha256")
    .update(pyJsonDumps({ ...game, metadata: null }))
    .digest("hex");
}

export function gameFileName(index: number): string {
  return `game_${String(index).padStart(5, "0")}.json`;
}

/** Generates the set into `outDir`; `onGame` sees each written entry (for progress). */
export function makeSet(
  data: GeneratorData,
  opts: SetOptions,
  outDir: string,
  onGame: (e: SetEntry) => void = () => {},
): SetSummary {
  const seeds = new Rng(opts.seed);
  const usedSeeds = new Set<number>();
  const seen = new Set<string>();
  const entries: SetEntry[] = [];
  let failed = 0;
  let duplicates = 0;
  let streak = 0;
  const nextSeed = (): number => {
    for (;;) {
      const s = Math.floor(seeds.random() * 4294967296);
      if (!usedSeeds.has(s)) {
        usedSeeds.add(s);
        return s;
      }
    }
  };
  for (const [split, count] of [
    ["train", opts.train],
    ["test", opts.test],
  ] as const) {
    for (let index = 0; index < count;) {
      const seed = nextSeed();
      let game: GameJson;
      try {
        game = makeGame(data, {
          worldSize: opts.worldSize,
          nbObjects: opts.nbObjects,
          questLength: opts.questLength,
          seed,
        });
      } catch (e) {
        if (!(e instanceof GenerationError)) throw e;
        failed++;
        if (++streak >= MAX_FAILURE_STREAK)
          throw new GenerationError(`${streak} seeds in a row failed to generate a game: ${e.message}`);
        continue;
      }
      streak = 0;
      const fp = gameFingerprint(game);
      if (seen.has(fp)) {
        duplicates++;
        continue;
      }
      seen.add(fp);
      const file = join(split, gameFileName(index));
      writeFileAtomic(join(outDir, file), pyJsonDumps(game));
      const entry = { split, index, seed, file };
      entries.push(entry);
      onGame(entry);
      index++;
    }
  }
  return { entries, failed, duplicates };
}
