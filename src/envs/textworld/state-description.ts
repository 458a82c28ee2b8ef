/**
 * A full description of a TextWorld state, for users who want one (the reference setting gives a world
 * model only the first observation): every room with its exits and doors, where every thing is, the
 * state of containers and doors, which key opens what, the inventory and the score.
 */
import type { Fact } from "./logic/state.js";
import type { TextWorldSession } from "./session.js";

const KINDS: Record<string, string> = {
  c: "container",
  s: "supporter",
  d: "door",
  o: "object",
  k: "key",
  f: "food",
};

export function describeState(session: TextWorldSession): string {
  const game = session.game;
  const facts = session.facts();
  const name = (id: string) => game.infos.get(id)?.name ?? id;
  const by = (pred: string) => facts.filter((f) => f.name === pred);
  const first = (pred: string, arg0: string): Fact | undefined =>
    facts.find((f) => f.name === pred && f.args[0] === arg0);
  const stateOf = (id: string) =>
    ["open", "closed", "locked"].find((s) => facts.some((f) => f.name === s && f.args[0] === id));
  const keyOf = (id: string) => by("match").find((f) => f.args[1] === id)?.args[0];
  const describeThing = (id: string): string => {
    const type = game.types.get(id) ?? "";
    const parts = [KINDS[type] ?? type];
    const st = stateOf(id);
    if (st) parts.push(st);
    const key = keyOf(id);
    if (key) parts.push(`key: ${name(key)}`);
    return `${name(id)} (${parts.join(", ")})`;
  };
  const rooms = [...game.types].filter(([, t]) => t === "r").map(([id]) => id);
  const player = first("at", "P")?.args[1];
  const lines = [
    `Location: ${player ? name(player) : "nowhere"}`,
    `Score: ${session.score}/${session.maxScore}, moves: ${session.moves}`,
  ];
  for (const r of rooms) {
    lines.push(`Room ${name(r)}:`);
    for (const dir of ["north", "south", "east", "west"]) {
      const to = facts.find((f) => f.name === `${dir}_of` && f.args[1] === r)?.args[0];
      if (!to) continue;
      const door = by("link").find((f) => f.args[0] === r && f.args[2] === to)?.args[1];
      lines.push(`  exit ${dir} to ${name(to)}${door ? ` through ${describeThing(door)}` : ""}`);
    }
    const contents = (holder: string, depth: number) => {
      for (const f of facts)
        if (
          (f.name === "at" || f.name === "in" || f.name === "on") &&
          f.args[1] === holder &&
          f.args[0] !== "P"
        ) {
          const rel = f.name === "on" ? "on" : holder === r ? "here" : "in";
          lines.push(`${"  ".repeat(depth)}${rel === "here" ? "" : `${rel}: `}${describeThing(f.args[0]!)}`);
          contents(f.args[0]!, depth + 1);
        }
    };
    contents(r, 1);
  }
  const carried = facts
    .filter((f) => f.name === "in" && f.args[1] === "I")
    .map((f) => describeThing(f.args[0]!));
  lines.push(`Inventory: ${carried.length ? carried.join(", ") : "nothing"}`);
  const eaten = by("eaten").map((f) => name(f.args[0]!));
  if (eaten.length) lines.push(`Eaten: ${eaten.join(", ")}`);
  return lines.join("\n");
}
