/** A TextWorld game file (`.json` as written by tw-make), validated into what the engine needs. */
import { readFileSync } from "node:fs";
import { z } from "zod";
import { GameFileError } from "../alfworld/game-file.js";
import { zodReason } from "../../util/zod-reason.js";
import type { Fact } from "./logic/state.js";
import { parseLogic, LogicParseError, type Logic } from "./logic/twl.js";

const variable = z.object({ name: z.string(), type: z.string() });
const proposition = z.object({ name: z.string(), arguments: z.array(variable) });
const action = z.object({
  name: z.string(),
  preconditions: z.array(proposition),
  postconditions: z.array(proposition),
  command_template: z.string().nullable().optional(),
});
const event = z.object({
  commands: z.array(z.string()).optional(),
  actions: z.array(action).optional(),
  condition: action,
});
const quest = z.object({
  desc: z.string().nullable().optional(),
  reward: z.number().int(),
  commands: z.array(z.string()).optional(),
  win_events: z.array(event),
  fail_events: z.array(event),
  optional: z.boolean().optional(),
  repeatable: z.boolean().optional(),
});
const info = z.object({
  id: z.string(),
  type: z.string(),
  name: z.string().nullable(),
  desc: z.string().nullable(),
  synonyms: z.array(z.string()).nullable().optional(),
  definite: z.string().nullable().optional(),
  indefinite: z.string().nullable().optional(),
});
const gameSchema = z.object({
  version: z.number().int(),
  world: z.array(proposition),
  quests: z.array(quest),
  infos: z.array(z.tuple([z.string(), info])),
  KB: z.object({ logic: z.string() }),
  metadata: z.object({ walkthrough: z.array(z.string()).optional() }).passthrough(),
  objective: z.string(),
});

export interface EntityInfo {
  id: string;
  type: string;
  name: string;
  desc: string;
  synonyms: string[];
  definite?: string;
  indefinite?: string;
}

export interface QuestEvent {
  /** The facts that must all hold (TextWorld's event condition). */
  condition: Fact[];
}

export interface Quest {
  reward: number;
  optional: boolean;
  repeatable: boolean;
  winEvents: QuestEvent[];
  failEvents: QuestEvent[];
}

export interface TextWorldGame {
  source: string;
  logic: Logic;
  facts: Fact[];
  /** Entity id → logic type, for every entity the facts name. */
  types: Map<string, string>;
  infos: Map<string, EntityInfo>;
  quests: Quest[];
  objective: string;
  walkthrough: string[];
  /**
   * Written by a TextWorld before quests had optional/repeatable flags (the games in TextWorld's
   * notebooks): its Inform source ends the game when the score reaches the maximum and prints "turn(s)".
   */
  legacy: boolean;
}

const logicCache = new Map<string, Logic>();

function toFact(p: z.infer<typeof proposition>): Fact {
  return { name: p.name, args: p.arguments.map((a) => a.name) };
}

export function parseTextWorldGame(raw: unknown, source: string): TextWorldGame {
  const parsed = gameSchema.safeParse(raw);
  if (!parsed.success) {
    const [field, ...rest] = zodReason(parsed.error).split(": ");
    throw new GameFileError(source, field!, rest.join(": "));
  }
  const g = parsed.data;
  let logic = logicCache.get(g.KB.logic);
  if (!logic) {
    try {
      logic = parseLogic(g.KB.logic);
    } catch (e) {
      if (e instanceof LogicParseError) throw new GameFileError(source, "KB.logic", e.message);
      throw e;
    }
    logicCache.set(g.KB.logic, logic);
  }
  const types = new Map<string, string>();
  const note = (v: { name: string; type: string }, where: string) => {
    const had = types.get(v.name);
    if (had !== undefined && had !== v.type)
      throw new GameFileError(source, where, `entity ${v.name} has type ${v.type} and ${had}`);
    if (!logic.types.has(v.type))
      throw new GameFileError(source, where, `unknown type '${v.type}' of ${v.name}`);
    types.set(v.name, v.type);
  };
  g.world.forEach((p, i) => p.arguments.forEach((a) => note(a, `world.${i}`)));
  // The player and the inventory exist even where no fact names them (an empty inventory).
  for (const c of ["P", "I"]) if (logic.types.has(c) && !types.has(c)) types.set(c, c);
  const infos = new Map<string, EntityInfo>();
  for (const [id, i] of g.infos) {
    if (id !== i.id) throw new GameFileError(source, "infos", `entry ${id} describes ${i.id}`);
    infos.set(id, {
      id,
      type: i.type,
      name: i.name ?? id,
      desc: i.desc ?? "",
      synonyms: i.synonyms ?? [],
      ...(i.definite ? { definite: i.definite } : {}),
      ...(i.indefinite ? { indefinite: i.indefinite } : {}),
    });
  }
  for (const [id, type] of types)
    if (type !== "P" && type !== "I" && !infos.has(id))
      throw new GameFileError(source, "infos", `no entry for entity ${id}`);
  const quests = g.quests.map((q, qi) => {
    const events = (list: z.infer<typeof event>[], where: string) =>
      list.map((e, ei) => {
        e.condition.preconditions.forEach((p) =>
          p.arguments.forEach((a) => {
            if (!types.has(a.name))
              throw new GameFileError(source, `quests.${qi}.${where}.${ei}`, `unknown entity ${a.name}`);
          }),
        );
        return { condition: e.condition.preconditions.map(toFact) };
      });
    return {
      reward: q.reward,
      optional: q.optional ?? false,
      repeatable: q.repeatable ?? false,
      winEvents: events(q.win_events, "win_events"),
      failEvents: events(q.fail_events, "fail_events"),
    };
  });
  return {
    source,
    logic,
    facts: g.world.map(toFact),
    types,
    infos,
    quests,
    objective: g.objective,
    walkthrough: g.metadata.walkthrough ?? [],
    legacy:
      g.quests.length > 0 && g.quests.every((q) => q.optional === undefined && q.repeatable === undefined),
  };
}

export function loadTextWorldGame(path: string): TextWorldGame {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new GameFileError(path, "(file)", (e as Error).message);
  }
  return parseTextWorldGame(raw, path);
}
