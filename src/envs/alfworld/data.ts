/**
 * ALFWorld data in wordworld's layout: `<root>/alfworld/json_2.1.1/<split>/<task>/<trial>/game.tw-pddl`
 * (as upstream unpacks its release) and `<root>/alfworld/splits/mappings_*.json` (AgentGym / Word2World
 * item ids). `pull` downloads the upstream release when online, or imports a local copy.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { tmpdir } from "node:os";
import { copyFileAtomic } from "../../util/copy-file.js";
import { download } from "../../util/download.js";
import { extractZip } from "../../util/zip.js";
import { SPLIT_FILES, SPLIT_NAMES, type SplitName } from "./splits.js";

/** What upstream ALFWorld (HEAD) downloads: every game, with walkthroughs, in the new text format. */
export const RELEASE_URL =
  "https://github.com/alfworld/alfworld/releases/download/0.4.2/json_2.1.3_tw-pddl.zip";

const RAW = "https://raw.githubusercontent.com";
export const MAPPING_URLS: Record<SplitName, string> = {
  train: `${RAW}/WooooDyy/AgentGym/main/agentenv-alfworld/configs/mappings_train.json`,
  test: `${RAW}/WooooDyy/AgentGym/main/agentenv-alfworld/configs/mappings_test.json`,
  valid_seen: `${RAW}/X1AOX1A/Word2World/main/AgentGym/agentenv-alfworld/configs/mappings_valid_seen.json`,
  valid_unseen: `${RAW}/X1AOX1A/Word2World/main/AgentGym/agentenv-alfworld/configs/mappings_valid_unseen.json`,
};

/** Other names a local copy may use for a mapping file (the repositories' own, or ours). */
const MAPPING_ALIASES: Record<SplitName, string[]> = {
  train: ["mappings_train.json", "agentgym_mappings_train.json"],
  test: ["mappings_test.json", "agentgym_mappings_test.json"],
  valid_seen: ["mappings_valid_seen.json", "word2world_mappings_valid_seen.json"],
  valid_unseen: ["mappings_valid_unseen.json", "word2world_mappings_valid_unseen.json"],
};

export function alfworldDir(root: string): string {
  return join(root, "alfworld");
}

export interface PullReport {
  games: number;
  mappings: SplitName[];
}

type Log = (line: string) => void;

/** Game files of a release zip: `…/json_2.1.1/<split>/<task>/<trial>/game.tw-pddl` → that path from json_2.1.1. */
function gameEntry(name: string): string | undefined {
  const i = name.indexOf("json_2.1.1/");
  if (i < 0 || !name.endsWith("/game.tw-pddl")) return undefined;
  return name.slice(i);
}

async function importZip(zip: string, dest: string, log: Log): Promise<number> {
  log(`extracting game files from ${zip}`);
  let n = 0;
  const count = await extractZip(zip, dest, gameEntry, () => {
    if (++n % 1000 === 0) log(`  ${n} game files`);
  });
  if (count === 0)
    throw new Error(`${zip}: no json_2.1.1/…/game.tw-pddl entries: not an ALFWorld game release`);
  return count;
}

function copyTree(src: string, dest: string): number {
  let n = 0;
  for (const entry of readdirSync(src, { withFileTypes: true })) {
    const s = join(src, entry.name);
    const d = join(dest, entry.name);
    if (entry.isDirectory()) n += copyTree(s, d);
    else if (entry.name === "game.tw-pddl") {
      copyFileAtomic(s, d);
      n++;
    }
  }
  return n;
}

function findMapping(dir: string, split: SplitName): string | undefined {
  for (const d of [dir, join(dir, "splits"), join(dir, "configs")]) {
    for (const name of MAPPING_ALIASES[split]) {
      const p = join(d, name);
      if (existsSync(p)) return p;
    }
  }
  return undefined;
}

async function fetchOrExplain(url: string, dest: string, log: Log): Promise<void> {
  try {
    await download(url, dest, { log });
  } catch (e) {
    throw new Error(`${(e as Error).message} (offline? use --from <local copy>)`, { cause: e });
  }
}

/**
 * Fills `<root>/alfworld`. `from` may be a release zip, a directory holding `json_2.1.1/` (an existing
 * $ALFWORLD_DATA), or a directory holding release zips and/or the mapping files (e.g. `splits/`).
 * Without `from`, downloads the release and the mapping files. Existing files are only replaced by
 * complete new ones.
 */
export async function pullAlfworld(root: string, from: string | undefined, log: Log): Promise<PullReport> {
  const dest = alfworldDir(root);
  const splitsDir = join(dest, "splits");
  mkdirSync(splitsDir, { recursive: true });
  let games = 0;
  const mappings: SplitName[] = [];
  if (from === undefined) {
    const zip = join(tmpdir(), `wordworld-${process.pid}-${basename(RELEASE_URL)}`);
    log(`downloading ${RELEASE_URL}`);
    await fetchOrExplain(RELEASE_URL, zip, log);
    try {
      games = await importZip(zip, dest, log);
    } finally {
      rmSync(zip, { force: true });
    }
    for (const split of SPLIT_NAMES) {
      log(`downloading ${MAPPING_URLS[split]}`);
      await fetchOrExplain(MAPPING_URLS[split], join(splitsDir, SPLIT_FILES[split].file), log);
      mappings.push(split);
    }
    return { games, mappings };
  }
  if (!existsSync(from)) throw new Error(`--from ${from}: no such file or directory`);
  if (statSync(from).isFile()) {
    games = await importZip(from, dest, log);
  } else {
    if (existsSync(join(from, "json_2.1.1"))) {
      log(`copying game files from ${join(from, "json_2.1.1")}`);
      games += copyTree(join(from, "json_2.1.1"), join(dest, "json_2.1.1"));
    }
    for (const name of readdirSync(from)
      .filter((f) => f.endsWith(".zip"))
      .sort()) {
      games += await importZip(join(from, name), dest, log);
    }
    for (const split of SPLIT_NAMES) {
      const src = findMapping(from, split);
      if (!src) continue;
      copyFileSync(src, join(splitsDir, SPLIT_FILES[split].file));
      mappings.push(split);
    }
    if (games === 0 && mappings.length === 0)
      throw new Error(
        `--from ${from}: found neither ALFWorld game files (json_2.1.1/ or a release zip) nor split mapping files`,
      );
  }
  return { games, mappings };
}

export interface AlfworldDataStatus {
  dir: string;
  gamesBySplitFolder: Record<string, number>;
  mappings: SplitName[];
}

export function alfworldStatus(root: string): AlfworldDataStatus {
  const dir = alfworldDir(root);
  const gamesBySplitFolder: Record<string, number> = {};
  const json = join(dir, "json_2.1.1");
  if (existsSync(json)) {
    for (const split of readdirSync(json).sort()) {
      let n = 0;
      const splitDir = join(json, split);
      if (!statSync(splitDir).isDirectory()) continue;
      for (const task of readdirSync(splitDir)) {
        const taskDir = join(splitDir, task);
        if (!statSync(taskDir).isDirectory()) continue;
        for (const trial of readdirSync(taskDir)) if (existsSync(join(taskDir, trial, "game.tw-pddl"))) n++;
      }
      gamesBySplitFolder[split] = n;
    }
  }
  const mappings = SPLIT_NAMES.filter((s) => existsSync(join(dir, "splits", SPLIT_FILES[s].file)));
  return { dir, gamesBySplitFolder, mappings };
}
