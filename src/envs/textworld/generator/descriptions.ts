/**
 * Examine texts and room descriptions. A room description is a template that still holds Inform 7
 * conditional text ("[if c_2 is open and there is something in the c_2] ..."), evaluated by the engine
 * at each look: intro, one sentence per container or supporter, then doors and doorless exits.
 */
import { fixDeterminant, type Grammar } from "./grammar.js";
import type { GenMap } from "./map.js";
import type { EntityText } from "./names.js";
import type { Rng } from "./rng.js";
import type { GenWorld } from "./world.js";

/** Expands a tag for one entity: `(name)`, `(name-n)`, `(name-adj)` (else an ordinary adjective), `(obj)`, `(dir)`. */
export function expandFor(
  grammar: Grammar,
  rng: Rng,
  tag: string,
  info: EntityText | undefined,
  dir?: string,
): string {
  let text = grammar.expand(tag, rng);
  if (info) {
    const adj = info.adj ?? grammar.expand("#ordinary_adj#", rng);
    text = text
      .split("(name-adj)")
      .join(adj)
      .split("(name-n)")
      .join(info.noun ?? info.name ?? "")
      .split("(name)")
      .join(info.name ?? "")
      .split("(obj)")
      .join(info.id);
  }
  if (dir !== undefined) text = text.split("(dir)").join(dir);
  return text;
}

export function describeObjects(infos: Map<string, EntityText>, grammar: Grammar, rng: Rng): void {
  for (const info of infos.values()) {
    if (["r", "P", "I"].includes(info.type)) continue;
    let desc = expandFor(grammar, rng, `#(${info.type})_desc#`, info);
    if (info.type === "c" || info.type === "d")
      desc += " " + expandFor(grammar, rng, "#openable_desc#", info);
    info.desc = fixDeterminant(desc);
  }
}

const DIR_ORDER = ["east", "north", "south", "west"];

export function describeRooms(
  world: GenWorld,
  map: GenMap,
  infos: Map<string, EntityText>,
  grammar: Grammar,
  rng: Rng,
): void {
  for (const room of map.rooms) {
    const info = infos.get(room)!;
    let desc = expandFor(grammar, rng, "#dec#", info) + "\n\n";
    const furniture = world
      .find("at", undefined, room)
      .map((f) => f.args[0]!)
      .filter((id) => ["c", "s"].includes(world.types.get(id)!))
      .sort(byKindThenIndex);
    for (const id of furniture) {
      const t = world.types.get(id)!;
      desc += " " + expandFor(grammar, rng, `#room_desc_(${t})#`, infos.get(id)!);
    }
    desc += "\n\n";
    const exits = [...map.exits.get(room)!].sort(
      (a, b) => DIR_ORDER.indexOf(a.dir) - DIR_ORDER.indexOf(b.dir),
    );
    const doors = exits.filter((e) => e.door);
    const open = exits.filter((e) => !e.door);
    for (const e of doors)
      desc += " " + expandFor(grammar, rng, "#room_desc_(d)#", infos.get(e.door!)!, e.dir);
    if (open.length > 0) {
      if (doors.length > 0) desc += " ";
      desc += open.map((e) => expandFor(grammar, rng, "#room_desc_(dir)#", undefined, e.dir)).join(" ");
    }
    info.desc = fixDeterminant(desc);
  }
}

/** Containers before supporters, each by id number (c_2 before c_10). */
function byKindThenIndex(a: string, b: string): number {
  if (a[0] !== b[0]) return a[0] === "c" ? -1 : 1;
  return Number(a.slice(2)) - Number(b.slice(2));
}
