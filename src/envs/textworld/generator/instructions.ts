/**
 * The quest text (house_instruction.twg): one instruction per action (`#take/c#`, `#go/north#`, ...),
 * each followed by its separator (`#action_separator_take#`, else `#action_separator#`), inside
 * `#quest#` ("#prologue# (list_of_actions) #epilogue#"). Placeholders such as `(o|k|f)` or `(r)` take
 * the name of the entity bound to that rule variable. Upstream leaves this text without fix_determinant.
 */
import type { Grammar } from "./grammar.js";
import type { EntityText } from "./names.js";
import type { QuestAction } from "./quest.js";
import type { Rng } from "./rng.js";

/** The most specific tag the grammar has: `name`, then before `-`, then before `/`. */
function tagFor(grammar: Grammar, prefix: string, action: string): string | undefined {
  for (const n of [action, action.split("-")[0]!, action.split("-")[0]!.split("/")[0]!])
    if (grammar.has(`${prefix}${n}`)) return `#${prefix}${n}#`;
  return undefined;
}

function fill(text: string, action: QuestAction, infos: Map<string, EntityText>): string {
  return text.replace(/\(([^()\s]*)\)/g, (whole, inner: string) => {
    for (const key of inner.split("|")) {
      const id = action.mapping.get(key);
      if (id === undefined || id === "P" || id === "I") continue;
      return infos.get(id)?.name ?? whole;
    }
    return whole;
  });
}

export function describeQuest(
  actions: QuestAction[],
  grammar: Grammar,
  infos: Map<string, EntityText>,
  rng: Rng,
): string {
  const parts = actions.map((a) => {
    const tag = tagFor(grammar, "", a.rule.name);
    const text = tag ? fill(grammar.expand(tag, rng), a, infos) : (a.rule.command ?? a.rule.name);
    const sepTag =
      tagFor(grammar, "action_separator_", a.rule.name) ??
      (grammar.has("action_separator") ? "#action_separator#" : undefined);
    const sep = sepTag ? fill(grammar.expand(sepTag, rng), a, infos) : " ";
    return { text, sep };
  });
  if (parts.length === 1)
    return grammar.expand("#quest_one_action#", rng).split("(action)").join(parts[0]!.text);
  let list = "";
  parts.forEach((p, i) => (list += p.text + (i < parts.length - 1 ? p.sep : "")));
  return grammar.expand("#quest#", rng).split("(list_of_actions)").join(list);
}
