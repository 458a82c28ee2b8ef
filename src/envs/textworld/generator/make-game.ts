/**
 * `tw-make custom` in our own code: map, quest (chained backward), distractors, then names and text from
 * the house grammar, written as a tw-make game `.json`. Seed for seed equal to ourselves, not to Python.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { commandOf } from "../logic/state.js";
import { parseLogic, type Logic, type Rule } from "../logic/twl.js";
import { describeObjects, describeRooms } from "./descriptions.js";
import {
  GRAMMAR_OPTIONS,
  jsonAction,
  jsonCondition,
  jsonInfos,
  jsonWorld,
  type GameJson,
} from "./game-json.js";
import { loadGrammar, type Grammar } from "./grammar.js";
import { describeQuest } from "./instructions.js";
import { makeMap } from "./map.js";
import { assignNames } from "./names.js";
import { populate } from "./populate.js";
import { buildQuest } from "./quest.js";
import { Rng } from "./rng.js";
import { GenerationError, GenWorld } from "./world.js";

export { GenerationError };

export interface MakeOptions {
  worldSize: number;
  nbObjects: number;
  questLength: number;
  seed: number;
}

export interface GeneratorData {
  /** The `textworld-data` folder (holds `logic/` and `text_grammars/`). */
  dir: string;
  grammar: Grammar;
  /** The `.twl` files concatenated, as a game's `KB.logic` carries them. */
  logicText: string;
  logic: Logic;
}

/** The order tw-make's games list the logic files in (its folder listing); other files follow, sorted. */
const LOGIC_ORDER = [
  "supporter",
  "thing",
  "room",
  "container",
  "key",
  "inventory",
  "player",
  "object",
  "food",
  "door",
];

export function readLogicText(logicDir: string): string {
  const files = readdirSync(logicDir).filter((f) => f.endsWith(".twl"));
  const rank = (f: string) => {
    const i = LOGIC_ORDER.indexOf(f.slice(0, -4));
    return i < 0 ? LOGIC_ORDER.length : i;
  };
  files.sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  return files.map((f) => readFileSync(join(logicDir, f), "utf8") + "\n").join("");
}

export class GeneratorDataError extends Error {}

export function loadGeneratorData(dir: string): GeneratorData {
  const logicDir = join(dir, "logic");
  const grammarDir = join(dir, "text_grammars");
  for (const d of [logicDir, grammarDir])
    if (!existsSync(d))
      throw new GeneratorDataError(`missing ${d} (run 'wordworld data pull textworld' or pass --data)`);
  const logicText = readLogicText(logicDir);
  return { dir, grammar: loadGrammar(grammarDir), logicText, logic: parseLogic(logicText) };
}

const MAX_SEED = 0xffffffff;

export function checkOptions(o: MakeOptions): void {
  const int = (name: string, v: number, min: number, max = Number.MAX_SAFE_INTEGER) => {
    if (!Number.isInteger(v) || v < min || v > max)
      throw new RangeError(`${name} must be an integer in [${min}, ${max}], got ${v}`);
  };
  int("worldSize", o.worldSize, 1, 1000);
  int("nbObjects", o.nbObjects, 0, 1000);
  int("questLength", o.questLength, 1, 100);
  int("seed", o.seed, 0, MAX_SEED);
}

export function makeGame(data: GeneratorData, opts: MakeOptions): GameJson {
  checkOptions(opts);
  const master = new Rng(opts.seed);
  const seeds = {
    map: master.int(65536),
    objects: master.int(65536),
    quest: master.int(65536),
    grammar: master.int(65536),
  };
  const world = new GenWorld(data.logic);
  const map = makeMap(world, opts.worldSize, new Rng(seeds.map));
  const chain = buildQuest(
    world,
    { length: opts.questLength, maxObjects: opts.nbObjects, rooms: map.rooms },
    new Rng(seeds.quest),
  );
  populate(world, map, Math.max(0, opts.nbObjects - world.objectCount()), new Rng(seeds.objects));

  const textRng = new Rng(seeds.grammar);
  const infos = assignNames(world, data.grammar, textRng);
  describeObjects(infos, data.grammar, textRng);
  describeRooms(world, map, infos, data.grammar, textRng);
  const objective = describeQuest(chain, data.grammar, infos, textRng);
  const questDesc = describeQuest(chain, data.grammar, infos, textRng);

  const rulesByName = new Map<string, Rule>(data.logic.rules.map((r) => [r.name, r]));
  const reverse = new Map<string, string>();
  for (const [a, b] of data.logic.reverseRules) {
    reverse.set(a, b);
    reverse.set(b, a);
  }
  const nameOf = (id: string) => infos.get(id)?.name ?? id;
  const commands = chain.map((a) => commandOf(a, nameOf));
  const actions = chain.map((a) => jsonAction(a, world.types, rulesByName, reverse));
  const uuid = `tw-wordworld-house-w${opts.worldSize}-o${opts.nbObjects}-q${opts.questLength}-s${opts.seed}`;
  return {
    version: 1,
    world: jsonWorld(world.state.all(), world.types),
    grammar: GRAMMAR_OPTIONS,
    quests: [
      {
        desc: questDesc,
        reward: 1,
        commands,
        win_events: [{ commands, actions, condition: jsonCondition(chain[chain.length - 1]!, world.types) }],
        fail_events: [],
        optional: false,
        repeatable: false,
      },
    ],
    infos: jsonInfos(infos),
    KB: { logic: data.logicText, text_grammars_path: "textworld/textworld-data/text_grammars" },
    metadata: {
      walkthrough: commands,
      seeds,
      world_size: opts.worldSize,
      nb_objects: opts.nbObjects,
      quest_length: opts.questLength,
      uuid,
    },
    objective,
  };
}
