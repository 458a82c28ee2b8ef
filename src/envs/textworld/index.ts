/**
 * TextWorld, played natively from tw-make game files: items are the games under
 * `<data>/textworld/games/` (sorted paths; ids are positions), split by a `train/` or `test/` folder on
 * their path (as `wordworld textworld make-set` writes them); every game is in `all`.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Policy } from "../../agents/policy.js";
import { UnknownItemError } from "../errors.js";
import type { EnvDefinition, EnvOpenOptions, OpenedEnv } from "../types.js";
import { TextWorldEnvSession, textWorldFormat } from "./env-session.js";
import { TextWorldPlanner, TextWorldWalkthrough } from "./expert.js";
import { loadTextWorldGame } from "./game-file.js";
import { TEXTWORLD_REACT_PREAMBLE, TEXTWORLD_WM_TASK } from "./prompts.js";
import {
  findGameFiles,
  pullTextworld,
  TEXTWORLD_DATA_FILES,
  textworldDataDir,
  textworldGamesDir,
} from "./pull.js";

const SPLITS = ["all", "train", "test"] as const;

const inSplit = (rel: string, split: string) => rel.split(/[\\/]/).slice(0, -1).includes(split);

const catalogs = new Map<string, string[]>();
function games(root: string): string[] {
  const dir = textworldGamesDir(root);
  let list = catalogs.get(dir);
  if (!list) catalogs.set(dir, (list = existsSync(dir) ? findGameFiles(dir) : []));
  return list;
}

function open(path: string, label: string, id: string, options: EnvOpenOptions): OpenedEnv {
  const game = loadTextWorldGame(path);
  const session = new TextWorldEnvSession(game, {
    format: textWorldFormat(options.format),
    ...(options.maxSteps === undefined ? {} : { maxSteps: options.maxSteps }),
  });
  const experts: Record<string, () => Policy> = {
    planner: () => new TextWorldPlanner(session.engine),
    walkthrough: () => new TextWorldWalkthrough(game),
  };
  return { session, label, game: id, experts };
}

export const textworld: EnvDefinition = {
  name: "textworld",
  summary: "TextWorld (tw-make games), native Inform-faithful engine, admissible commands, generator",
  splits: SPLITS,
  testSplit: "test",
  trainSplit: "train",
  defaultExpert: "planner",
  reactPreamble: TEXTWORLD_REACT_PREAMBLE,
  wmInstruction: TEXTWORLD_WM_TASK,
  async pull(root, from, log) {
    const r = await pullTextworld(root, from, log);
    catalogs.delete(textworldGamesDir(root));
    return `textworld: ${r.dataFiles} logic/grammar files → ${textworldDataDir(root)}, ${r.games} games → ${textworldGamesDir(root)}`;
  },
  status(root) {
    const data = Object.keys(TEXTWORLD_DATA_FILES).filter((f) =>
      existsSync(join(textworldDataDir(root), f)),
    ).length;
    const list = games(root);
    const count = (s: string) => list.filter((g) => inSplit(g, s)).length;
    return [
      `logic and grammars: ${data}/${Object.keys(TEXTWORLD_DATA_FILES).length} files`,
      `games: ${list.length} (train ${count("train")}, test ${count("test")})`,
    ];
  },
  itemIds(root, split) {
    if (!(SPLITS as readonly string[]).includes(split))
      throw new UnknownItemError(`unknown TextWorld split '${split}': valid splits are ${SPLITS.join(", ")}`);
    const list = games(root);
    const ids = list.map((_, i) => i);
    return split === "all" ? ids : ids.filter((i) => inSplit(list[i]!, split));
  },
  openItem(root, id, options) {
    const list = games(root);
    if (!Number.isInteger(id) || id < 0 || id >= list.length)
      throw new UnknownItemError(
        list.length === 0
          ? `no TextWorld games in ${textworldGamesDir(root)}; run: wordworld data pull textworld --from <dir>, or wordworld textworld make-set`
          : `no TextWorld game ${id}: games are 0–${list.length - 1}`,
      );
    const rel = list[id]!;
    return open(join(textworldGamesDir(root), rel), `game ${id} (${rel})`, `textworld:${rel}`, options);
  },
  openGame(_root, path, options) {
    return open(path, path, `textworld:${path}`, options);
  },
};
