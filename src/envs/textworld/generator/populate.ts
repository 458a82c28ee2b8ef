/**
 * Distractors, as world.populate does: each goes to a random room as a random kind of thing; a room with
 * a locked container or door that has no key gets that key first, and a drawn key must fit something.
 */
import type { Rng } from "./rng.js";
import type { GenMap } from "./map.js";
import { GenerationError, type GenWorld } from "./world.js";

const KINDS = ["c", "s", "o", "k", "f"] as const;
const STATES = ["open", "closed", "locked"] as const;

export function populate(world: GenWorld, map: GenMap, count: number, rng: Rng): void {
  let placed = 0;
  for (let tries = 0; placed < count; tries++) {
    if (tries > count * 50) throw new GenerationError(`could not place ${count} distractors`);
    const room = rng.choice(map.rooms);
    const keyless = keylessLockables(world, map, room);
    let kind: (typeof KINDS)[number] = rng.choice(KINDS);
    const locked = keyless.filter((id) => world.has("locked", id));
    if (locked.length > 0) kind = "k";
    else if (kind === "k" && keyless.length === 0) continue; // a key that opens nothing is useless
    const id = world.create(kind);
    placed++;
    if (kind === "c" || kind === "s") {
      world.add("at", id, room);
      if (kind === "c") world.add(rng.choice(STATES), id);
      continue;
    }
    if (kind === "k") world.add("match", id, rng.choice(locked.length > 0 ? locked : keyless));
    if (kind === "f") world.add("edible", id);
    // A key never goes into a locked container (it might be its own, or start a circle of locks).
    const holders = [
      "floor",
      ...world
        .find("at", undefined, room)
        .map((f) => f.args[0]!)
        .filter((h) => {
          const t = world.types.get(h);
          return t === "s" || (t === "c" && !(kind === "k" && world.has("locked", h)));
        }),
      "I",
    ];
    const holder = rng.choice(holders);
    if (holder === "floor") world.add("at", id, room);
    else if (holder === "I") world.add("in", id, "I");
    else world.add(world.types.get(holder) === "s" ? "on" : "in", id, holder);
  }
}

/** Closed or locked containers in the room, and doors out of it, that no key matches. */
function keylessLockables(world: GenWorld, map: GenMap, room: string): string[] {
  const here = [
    ...world
      .find("at", undefined, room)
      .map((f) => f.args[0]!)
      .filter((id) => world.types.get(id) === "c"),
    ...map.exits.get(room)!.flatMap((e) => (e.door ? [e.door] : [])),
  ];
  return here.filter(
    (id) =>
      (world.has("closed", id) || world.has("locked", id)) && world.find("match", undefined, id).length === 0,
  );
}
