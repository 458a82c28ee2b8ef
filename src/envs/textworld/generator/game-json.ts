/** The generated game in tw-make's `.json` layout (version 1), so the TextWorld engine loads it like a real one. */
import type { Fact } from "../logic/state.js";
import type { Rule } from "../logic/twl.js";
import type { EntityText } from "./names.js";
import type { QuestAction } from "./quest.js";
import { sortFacts } from "./world.js";

interface JsonVariable {
  name: string;
  type: string;
}
interface JsonProposition {
  name: string;
  arguments: JsonVariable[];
}
export interface JsonAction {
  name: string;
  preconditions: JsonProposition[];
  postconditions: JsonProposition[];
  command_template: string | null;
  reverse_name: string | null;
  reverse_command_template: string | null;
}
export interface JsonQuest {
  desc: string;
  reward: number;
  commands: string[];
  win_events: { commands: string[]; actions: JsonAction[]; condition: JsonAction }[];
  fail_events: never[];
  optional: boolean;
  repeatable: boolean;
}
export interface JsonInfo extends EntityText {
  definite: null;
  indefinite: null;
  synonyms: null;
}
export interface GameJson {
  version: 1;
  world: JsonProposition[];
  grammar: Record<string, unknown>;
  quests: JsonQuest[];
  infos: [string, JsonInfo][];
  KB: { logic: string; text_grammars_path: string };
  metadata: { walkthrough: string[]; [key: string]: unknown };
  objective: string;
}

export const GRAMMAR_OPTIONS = {
  theme: "house",
  names_to_exclude: [],
  include_adj: false,
  blend_descriptions: false,
  ambiguous_instructions: false,
  only_last_action: false,
  blend_instructions: false,
  allowed_variables_numbering: false,
  unique_expansion: false,
};

export function jsonProposition(f: Fact, types: ReadonlyMap<string, string>): JsonProposition {
  return { name: f.name, arguments: f.args.map((id) => ({ name: id, type: types.get(id)! })) };
}

/** A rule's command with its variables replaced by entity ids: "take {k_1} from {c_0}". */
function idTemplate(command: string | undefined, mapping: ReadonlyMap<string, string>): string | null {
  if (command === undefined) return null;
  let ok = true;
  const out = command.replace(/\{([^}]+)\}/g, (_, v: string) => {
    const id = mapping.get(v);
    if (id === undefined) ok = false;
    return `{${id}}`;
  });
  return ok ? out : null;
}

export function jsonAction(
  a: QuestAction,
  types: ReadonlyMap<string, string>,
  rulesByName: ReadonlyMap<string, Rule>,
  reverse: ReadonlyMap<string, string>,
): JsonAction {
  const rev = reverse.get(a.rule.name);
  return {
    name: a.rule.name,
    preconditions: a.preconditions.map((f) => jsonProposition(f, types)),
    postconditions: a.postconditions.map((f) => jsonProposition(f, types)),
    command_template: idTemplate(a.rule.command, a.mapping),
    reverse_name: null,
    reverse_command_template: rev ? idTemplate(rulesByName.get(rev)?.command, a.mapping) : null,
  };
}

/** The win condition: the last action's postconditions, plus an `event` fact over their entities. */
export function jsonCondition(last: QuestAction, types: ReadonlyMap<string, string>): JsonAction {
  const facts = last.postconditions.map((f) => jsonProposition(f, types));
  const ids = [...new Set(last.postconditions.flatMap((f) => f.args))].sort();
  return {
    name: "trigger",
    preconditions: facts,
    postconditions: [...facts, jsonProposition({ name: "event", args: ids }, types)],
    command_template: null,
    reverse_name: null,
    reverse_command_template: null,
  };
}

export function jsonWorld(facts: Iterable<Fact>, types: ReadonlyMap<string, string>): JsonProposition[] {
  return sortFacts(facts).map((f) => jsonProposition(f, types));
}

export function jsonInfos(infos: Map<string, EntityText>): [string, JsonInfo][] {
  return [...infos.values()].map((i) => [
    i.id,
    {
      id: i.id,
      type: i.type,
      name: i.name,
      noun: i.noun,
      adj: i.adj,
      desc: i.desc,
      room_type: i.room_type,
      definite: null,
      indefinite: null,
      synonyms: null,
    },
  ]);
}
