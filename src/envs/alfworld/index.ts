import type { EnvDefinition, EnvOpenOptions, OpenedEnv } from "../types.js";
import { alfworldDir, alfworldStatus, pullAlfworld } from "./data.js";
import { TEXT_FORMATS, type TextFormat } from "./engine.js";
import { AlfworldReactiveExpert } from "./expert-reactive.js";
import { AlfworldWalkthroughExpert } from "./expert-walkthrough.js";
import { loadGameFile, type AlfworldGame } from "./game-file.js";
import { AlfworldSession } from "./session.js";
import { AlfworldCatalog, checkSplit, SPLIT_NAMES } from "./splits.js";
import { UnknownItemError } from "../errors.js";
import { existsSync } from "node:fs";
import { ALFWORLD_REACT_PREAMBLE, ALFWORLD_WM_TASK } from "./prompts.js";
import { searchPriorFor, type SearchPrior } from "./search-prior.js";

function textFormat(value: string | undefined): TextFormat {
  if (value === undefined) return "new";
  if (!(TEXT_FORMATS as readonly string[]).includes(value))
    throw new Error(`unknown ALFWorld text format '${value}': use ${TEXT_FORMATS.join(" or ")}`);
  return value as TextFormat;
}

const priors = new Map<string, SearchPrior | undefined>();
/** The reactive expert's search prior for a data directory (learned once, then cached on disk). */
function priorFor(root: string): SearchPrior | undefined {
  const dir = alfworldDir(root);
  if (!priors.has(dir)) priors.set(dir, searchPriorFor(dir));
  return priors.get(dir);
}

function open(
  game: AlfworldGame,
  label: string,
  id: string,
  root: string,
  options: EnvOpenOptions,
): OpenedEnv {
  const format = textFormat(options.format);
  const session = new AlfworldSession(game, { format, maxSteps: options.maxSteps });
  return {
    session,
    label,
    game: id,
    experts: {
      reactive: () => new AlfworldReactiveExpert({ format, prior: priorFor(root) }),
      walkthrough: () => new AlfworldWalkthroughExpert(game, format),
    },
  };
}

/** Split catalogs by data directory: read once per process, not once per episode opened. */
const catalogs = new Map<string, AlfworldCatalog>();
function catalog(root: string): AlfworldCatalog {
  const dir = alfworldDir(root);
  let c = catalogs.get(dir);
  if (!c) catalogs.set(dir, (c = new AlfworldCatalog(dir)));
  return c;
}

export const alfworld: EnvDefinition = {
  name: "alfworld",
  summary: "ALFWorld household tasks (TextWorld/PDDL text game), native and byte-faithful",
  splits: SPLIT_NAMES,
  testSplit: "test",
  trainSplit: "train",
  defaultExpert: "reactive",
  reactPreamble: ALFWORLD_REACT_PREAMBLE,
  wmInstruction: ALFWORLD_WM_TASK,
  async pull(root, from, log) {
    const r = await pullAlfworld(root, from, log);
    catalogs.delete(alfworldDir(root));
    return `alfworld: ${r.games} game files, split mappings: ${r.mappings.join(", ") || "none"} → ${alfworldDir(root)}`;
  },
  status(root) {
    const s = alfworldStatus(root);
    const folders = Object.entries(s.gamesBySplitFolder);
    const lines = [
      `games: ${folders.length ? folders.map(([f, n]) => `${f} ${n}`).join(", ") : "none"}`,
      `splits: ${s.mappings.length ? new AlfworldCatalog(s.dir).describeRanges() : "none"}`,
    ];
    return lines;
  },
  itemIds(root, split) {
    return catalog(root)
      .items(checkSplit(split))
      .map((i) => i.id);
  },
  openItem(root, id, options) {
    const item = catalog(root).item(id);
    if (!existsSync(item.path))
      throw new UnknownItemError(
        `ALFWorld item ${id} (${item.split}: ${item.task}/${item.trial}) has no game file at ${item.path}; ` +
          "the solvable-only release lacks unsolvable games — run `wordworld data pull alfworld` for the full one",
      );
    const name = `${item.task}/${item.trial}`;
    return open(
      loadGameFile(item.path),
      `${item.split} item ${id} (${name})`,
      `alfworld:${name}`,
      root,
      options,
    );
  },
  openGame(root, path, options) {
    return open(loadGameFile(path), path, `alfworld:${path}`, root, options);
  },
};
