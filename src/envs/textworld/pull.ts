/**
 * `wordworld data pull textworld`: TextWorld's logic (`*.twl`) and text grammars (`*.twg`) into
 * `<root>/textworld/textworld-data/`, and TextWorld games (tw-make `.json`, with their `.z8` when
 * present) into `<root>/textworld/games/`.
 *
 * Online it downloads the 16 data files from microsoft/TextWorld at tag 1.6.2 (the version Word2World
 * vendors; identical at 1.7.0), each checked against its sha256. Games have no verified public download:
 * import them with `--from <dir>` (any folder of tw-make games, e.g. Word2World's data/textworld/games),
 * or generate a set with `wordworld textworld make-set`. `--from` also takes a folder holding
 * `logic/` + `text_grammars/` (or `textworld-data/`). Every game is validated before anything is installed.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { copyFileAtomic } from "../../util/copy-file.js";
import { download } from "../../util/download.js";
import { loadTextWorldGame } from "./game-file.js";

export const textworldDir = (root: string) => join(root, "textworld");
export const textworldDataDir = (root: string) => join(textworldDir(root), "textworld-data");
export const textworldGamesDir = (root: string) => join(textworldDir(root), "games");

const TEXTWORLD_COMMIT = "370dfa7932b5192eee60049d0a64132483f6b66e"; // tag 1.6.2
const DATA_URL = `https://raw.githubusercontent.com/microsoft/TextWorld/${TEXTWORLD_COMMIT}/textworld/generator/data`;

/** sha256 of each file at 1.6.2 (unchanged through 1.7.0). */
export const TEXTWORLD_DATA_FILES: Record<string, string> = {
  "logic/container.twl": "fcd59c4c14438828f78882c88e1c33c7743607590c3ba184fa25b16993342c2f",
  "logic/door.twl": "0605aeead6109058bd7d334f6ccc96aa73a41c7601a208702892752b274b8c5d",
  "logic/food.twl": "8daca30d5ef6ccfca51ed5dfb898249969f4a1a83421b7ac97d1654c3941511d",
  "logic/inventory.twl": "617d620ec7f91705a544f9589e088f7513ea5564f8ccd45aeccb107603d9cf12",
  "logic/key.twl": "c3c01caf2ececce3866937bf240a6cdc313ae66566fa26ec27a8cb7d299cd799",
  "logic/object.twl": "b47cd121e139b94bf20794359bdfad215fbb53c9b2653440a2681ec60a0a70d3",
  "logic/player.twl": "fe9e68553542d465dc52cf8eab25b67cd7592b84d055a1968f1ae6e4000d618a",
  "logic/room.twl": "3aac2b218f586c5f25633ad1184b9dc06df7b997936af603369b20504d39a525",
  "logic/supporter.twl": "928a301dc0a8313a52c05c015bc887ce966dfe694e7fc71b9776f11a3bf33f4c",
  "logic/thing.twl": "fc9afe2fd62b504377e7125bbf8ae85626e6f585533572e13781653053e273bf",
  "text_grammars/basic_instruction.twg": "9c64bcea0b60d9e1cd29478518ed5c1680782dea09c8c91f8de9a022d974e55f",
  "text_grammars/basic_obj.twg": "3ac20a14651c740a2f5142cecebff8facf96076618cfd6b2b198c7e868f16c75",
  "text_grammars/basic_room.twg": "93c988f105a05a91be95c85cd2829d97c662e04a1b5f3324fa077d01021f3eee",
  "text_grammars/house_instruction.twg": "34b4bf4d3232b4d2ee287eaeae1e57a978ad558520b7de9cb85e8c9ef8fd0683",
  "text_grammars/house_obj.twg": "41f98402cc0123442c69706e4fb249e86d9a00e08dedd7692ed148783fc48c19",
  "text_grammars/house_room.twg": "8194fc851f45b3e87736da64ceadf4439b0841a9f731a4554884e91a024a81f4",
};

function sha256(path: string): string {
  return createHash("sha256").update(readFileSync(path)).digest("hex");
}

/** Every tw-make game file under `dir` (relative paths, sorted), skipping the data folders. */
export function findGameFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(d, e.name);
      if (e.isDirectory()) {
        if (e.name !== "textworld-data" && e.name !== "logic" && e.name !== "text_grammars") walk(p);
      } else if (e.name.endsWith(".json") && e.name !== "manifest.json") out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

function isTextWorldGame(path: string): boolean {
  try {
    const head = readFileSync(path, "utf8").slice(0, 4096);
    return head.includes('"world"') || head.includes('"KB"') || head.includes('"quests"');
  } catch {
    return false;
  }
}

export interface TextworldPullReport {
  dataFiles: number;
  games: number;
}

export async function pullTextworld(
  root: string,
  from: string | undefined,
  log: (line: string) => void,
): Promise<TextworldPullReport> {
  const dataDir = textworldDataDir(root);
  if (from === undefined) {
    for (const [name, want] of Object.entries(TEXTWORLD_DATA_FILES)) {
      await download(`${DATA_URL}/${name}`, join(dataDir, name), {
        log,
        check: async (p) => {
          const got = sha256(p);
          if (got !== want) throw new Error(`${name}: sha256 ${got} is not TextWorld 1.6.2's (${want})`);
        },
      });
    }
    log(
      "textworld: no verified public game download; import games with --from <dir> or run `wordworld textworld make-set`",
    );
    return { dataFiles: Object.keys(TEXTWORLD_DATA_FILES).length, games: 0 };
  }
  if (!existsSync(from) || !statSync(from).isDirectory()) throw new Error(`--from ${from}: not a directory`);
  // Data files: <from>/textworld-data/, or <from> itself when it holds logic/ and text_grammars/.
  const dataFrom = [join(from, "textworld-data"), from].find(
    (d) => existsSync(join(d, "logic")) && existsSync(join(d, "text_grammars")),
  );
  let dataFiles = 0;
  if (dataFrom) {
    for (const [name, want] of Object.entries(TEXTWORLD_DATA_FILES)) {
      const src = join(dataFrom, name);
      if (!existsSync(src)) throw new Error(`--from ${from}: ${name} is missing from ${dataFrom}`);
      const got = sha256(src);
      if (got !== want)
        log(`textworld: warning: ${src} differs from TextWorld 1.6.2's ${name}; installing it as given`);
    }
    for (const name of Object.keys(TEXTWORLD_DATA_FILES))
      copyFileAtomic(join(dataFrom, name), join(dataDir, name));
    dataFiles = Object.keys(TEXTWORLD_DATA_FILES).length;
  }
  // Games: <from>/games/ when there is one (this data layout), else <from> itself.
  const gamesFrom = existsSync(join(from, "games")) ? join(from, "games") : from;
  const games = findGameFiles(gamesFrom).filter((rel) => isTextWorldGame(join(gamesFrom, rel)));
  // Validate everything before installing anything.
  for (const rel of games) loadTextWorldGame(join(gamesFrom, rel));
  for (const rel of games) {
    copyFileAtomic(join(gamesFrom, rel), join(textworldGamesDir(root), rel));
    const z8 = join(gamesFrom, rel.replace(/\.json$/, ".z8"));
    if (existsSync(z8)) copyFileAtomic(z8, join(textworldGamesDir(root), rel.replace(/\.json$/, ".z8")));
  }
  if (!dataFrom && games.length === 0)
    throw new Error(
      `--from ${from}: no TextWorld data (logic/, text_grammars/) and no game .json files found`,
    );
  return { dataFiles, games: games.length };
}
