/**
 * `wordworld textworld make` and `make-set`: new TextWorld games from our own generator, in the spirit of
 * `tw-make custom` (see src/envs/textworld/generator/). Games are tw-make `.json` files the native engine plays.
 *
 *   make      --world-size N --nb-objects N --quest-length N --seed S --output <file.json> [--data <dir>] [--force]
 *   make-set  --train N --test N --seed S --output <dir> [same knobs] [--force]
 */
import type { Command } from "commander";
import { existsSync, readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import {
  GenerationError,
  GeneratorDataError,
  loadGeneratorData,
  makeGame,
  type GeneratorData,
} from "../envs/textworld/generator/make-game.js";
import { makeSet } from "../envs/textworld/generator/make-set.js";
import { pyJsonDumps } from "../envs/textworld/generator/py-json.js";
import { writeFileAtomic } from "../util/write-file.js";
import { VERSION } from "../version.js";
import { dataRoot } from "../util/data-root.js";
import { UsageError } from "./errors.js";

export const DEFAULTS = { worldSize: 5, nbObjects: 10, questLength: 5 };

interface Knobs {
  worldSize?: string;
  nbObjects?: string;
  questLength?: string;
  seed: string;
  output: string;
  data?: string;
  force?: boolean;
}

function int(flag: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max)
    throw new UsageError(`${flag} must be an integer from ${min} to ${max}, got '${value}'`);
  return Number(value);
}

function knobs(f: Knobs) {
  return {
    worldSize: int("--world-size", f.worldSize, DEFAULTS.worldSize, 1, 1000),
    nbObjects: int("--nb-objects", f.nbObjects, DEFAULTS.nbObjects, 0, 1000),
    questLength: int("--quest-length", f.questLength, DEFAULTS.questLength, 1, 100),
    seed: int("--seed", f.seed, 0, 0, 0xffffffff),
  };
}

/** The grammars and logic live under the data root at textworld/textworld-data/ (`wordworld data pull textworld`). */
function loadData(dataFlag: string | undefined): GeneratorData {
  const dir = join(dataRoot(dataFlag), "textworld", "textworld-data");
  try {
    return loadGeneratorData(dir);
  } catch (e) {
    if (e instanceof GeneratorDataError) throw new UsageError(e.message);
    throw e;
  }
}

function withKnobOptions(cmd: Command): Command {
  return cmd
    .option("--world-size <n>", `number of rooms (default ${DEFAULTS.worldSize})`)
    .option("--nb-objects <n>", `containers, supporters and portable things (default ${DEFAULTS.nbObjects})`)
    .option("--quest-length <n>", `actions in the winning walkthrough (default ${DEFAULTS.questLength})`)
    .option("--data <dir>", "data directory (default: $WORDWORLD_DATA or ~/.cache/wordworld)")
    .option("--force", "overwrite existing output");
}

export function registerTextworldMake(textworld: Command): void {
  withKnobOptions(
    textworld
      .command("make")
      .description("generate one TextWorld game (.json, tw-make layout) with a quest and its walkthrough")
      .requiredOption("--seed <s>", "seed (0 to 4294967295); the same seed and knobs give the same file")
      .requiredOption("--output <file>", "game file to write (.json)"),
  ).action((f: Knobs) => {
    const k = knobs(f);
    if (existsSync(f.output) && !f.force)
      throw new UsageError(`--output: ${f.output} exists (use --force to overwrite)`);
    const data = loadData(f.data);
    let game;
    try {
      game = makeGame(data, k);
    } catch (e) {
      if (e instanceof GenerationError)
        throw new UsageError(`no game for these knobs with seed ${k.seed}: ${e.message} (try another seed)`);
      throw e;
    }
    writeFileAtomic(f.output, pyJsonDumps(game));
    console.log(
      JSON.stringify({
        output: f.output,
        rooms: game.infos.filter(([, i]) => i.type === "r").length,
        objects: game.infos.filter(([, i]) => !["r", "d", "P", "I"].includes(i.type)).length,
        walkthrough: game.metadata.walkthrough,
      }),
    );
  });

  withKnobOptions(
    textworld
      .command("make-set")
      .description(
        "generate train/ and test/ sets of TextWorld games, deterministically, with no game in both",
      )
      .requiredOption("--train <n>", "games in train/")
      .requiredOption("--test <n>", "games in test/")
      .requiredOption("--seed <s>", "seed of the set (0 to 4294967295)")
      .requiredOption("--output <dir>", "directory to write train/, test/ and manifest.json into"),
  ).action((f: Knobs & { train: string; test: string }) => {
    const k = knobs(f);
    const train = int("--train", f.train, 0, 0, 1_000_000);
    const test = int("--test", f.test, 0, 0, 1_000_000);
    if (existsSync(f.output)) {
      if (!statSync(f.output).isDirectory()) throw new UsageError(`--output: ${f.output} is not a directory`);
      const busy = ["train", "test", "manifest.json"].some((n) => existsSync(join(f.output, n)));
      if (busy && !f.force)
        throw new UsageError(`--output: ${f.output} already holds a set (use --force to overwrite)`);
      if (busy)
        for (const split of ["train", "test"])
          removeStale(join(f.output, split), split === "train" ? train : test);
    }
    const data = loadData(f.data);
    const total = train + test;
    const every = Math.max(1, Math.round(total / 20));
    let done = 0;
    let summary;
    try {
      summary = makeSet(data, { ...k, train, test }, f.output, () => {
        if (++done % every === 0 || done === total)
          process.stderr.write(`generated ${done}/${total} games\n`);
      });
    } catch (e) {
      if (e instanceof GenerationError) throw new UsageError(`no set for these knobs: ${e.message}`);
      throw e;
    }
    const manifest = {
      command: "textworld make-set",
      version: VERSION,
      options: {
        world_size: k.worldSize,
        nb_objects: k.nbObjects,
        quest_length: k.questLength,
        seed: k.seed,
        train,
        test,
      },
      failed_seeds: summary.failed,
      duplicate_seeds: summary.duplicates,
      games: summary.entries.map((e) => ({ split: e.split, file: e.file, seed: e.seed })),
    };
    writeFileAtomic(join(f.output, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
    console.log(
      JSON.stringify({
        output: f.output,
        train,
        test,
        failed_seeds: summary.failed,
        duplicate_seeds: summary.duplicates,
      }),
    );
  });
}

/** With --force, games beyond the new counts would survive from the old set and mix into it. */
function removeStale(dir: string, count: number): void {
  if (!existsSync(dir)) return;
  for (const n of readdirSync(dir))
    if (/^game_\d+\.json$/.test(n) && Number(n.slice(5, -5)) >= count) rmSync(join(dir, n));
}
