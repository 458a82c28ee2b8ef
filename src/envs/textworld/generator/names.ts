/**
 * Room types and names from the grammar: `#<room type>_(<type>)#` falling back to `#(<type>)#`, a key
 * and its lock named together from `#(k<->c)_match#`, every name unique in the game.
 */
import { splitName, type Grammar } from "./grammar.js";
import type { Rng } from "./rng.js";
import { GenerationError, type GenWorld } from "./world.js";

export interface EntityText {
  id: string;
  type: string;
  name: string | null;
  noun: string | null;
  adj: string | null;
  desc: string | null;
  room_type: string | null;
}

const TRIES = 50;

export function assignNames(
  world: GenWorld,
  grammar: Grammar,
  rng: Rng,
  includeAdj = false,
): Map<string, EntityText> {
  const infos = new Map<string, EntityText>();
  const blank = (id: string, type: string): EntityText => ({
    id,
    type,
    name: null,
    noun: null,
    adj: null,
    desc: null,
    room_type: null,
  });
  for (const [id, type] of world.types) infos.set(id, blank(id, type));

  for (const r of world.ofType("r")) infos.get(r)!.room_type = grammar.expand("#room_type#", rng).trim();
  for (const [id, info] of infos) {
    if (info.type === "r" || info.type === "I") continue;
    const room = world.roomOf(id);
    info.room_type = room ? infos.get(room)!.room_type : null;
  }

  const taken = new Set<string>();
  const setName = (info: EntityText, n: { name: string; adj: string | null; noun: string }) => {
    info.name = n.name;
    info.noun = n.noun;
    info.adj = n.adj;
    taken.add(n.name);
  };
  const pick = (info: EntityText): void => {
    const specific = `${info.room_type}_(${info.type})`;
    const tag = grammar.has(specific) ? `#${specific}#` : `#(${info.type})#`;
    for (const adj of includeAdj ? [true] : [false, true])
      for (let i = 0; i < TRIES; i++) {
        const n = splitName(grammar.expand(tag, rng), adj);
        if (n.name && !taken.has(n.name)) return setName(info, n);
      }
    throw new GenerationError(`no unique name left for ${info.id} (${tag})`);
  };

  for (const r of world.ofType("r")) pick(infos.get(r)!);
  // A key and what it opens get matching names ("type 9 key", "type 9 box") where the grammar has them.
  for (const f of world.find("match")) {
    const [k, lock] = f.args as [string, string];
    const ki = infos.get(k)!;
    const li = infos.get(lock)!;
    const tag = `(k<->${li.type})_match`;
    if (!grammar.has(tag)) continue;
    for (let i = 0; i < TRIES; i++) {
      const [a, b] = grammar.expand(`#${tag}#`, rng).split("<->");
      if (a === undefined || b === undefined) break;
      const na = splitName(a, includeAdj);
      const nb = splitName(b, includeAdj);
      if (na.name && nb.name && na.name !== nb.name && !taken.has(na.name) && !taken.has(nb.name)) {
        setName(ki, na);
        setName(li, nb);
        break;
      }
    }
  }
  for (const info of infos.values())
    if (info.name === null && info.type !== "P" && info.type !== "I") pick(info);
  return infos;
}
