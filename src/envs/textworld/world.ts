/**
 * The Inform world a TextWorld game compiles to: rooms and the object tree (Inform keeps children in
 * order and moves an object to the front of its new holder), door and container states, keys.
 * It is the one source of truth; the logic facts are derived from it on demand.
 */
import type { EntityInfo, TextWorldGame } from "./game-file.js";
import type { Fact } from "./logic/state.js";

export type Direction = "north" | "south" | "east" | "west";
export const DIRECTIONS: readonly Direction[] = ["north", "south", "east", "west"];
export type Openness = "open" | "closed" | "locked";

export interface Exit {
  to: string;
  door?: string;
}

/** The player's inventory is the holder "I"; null is off-stage (eaten). */
export type Holder = string | null;

export class World {
  readonly rooms: string[] = [];
  readonly things: string[] = [];
  readonly kind = new Map<string, string>();
  readonly exits = new Map<string, Map<Direction, Exit>>();
  /** A door's two sides: room → direction. */
  readonly doorSides = new Map<string, [string, Direction][]>();
  readonly matchingKey = new Map<string, string>();
  readonly edible = new Set<string>();
  private readonly staticFacts: Fact[] = [];

  playerRoom = "";
  readonly holder = new Map<string, Holder>();
  readonly children = new Map<string, string[]>();
  readonly openness = new Map<string, Openness>();
  readonly eaten = new Set<string>();

  constructor(readonly game: TextWorldGame) {
    const { types, infos } = game;
    // Infos are in the order tw-make declared the objects; Inform's object tree keeps that order.
    for (const [id] of infos) {
      const t = types.get(id) ?? infos.get(id)!.type;
      if (t === "P" || t === "I") continue;
      this.kind.set(id, t);
      if (t === "r") this.rooms.push(id);
      else this.things.push(id);
    }
    for (const id of [...this.rooms, "I"]) this.children.set(id, []);
    for (const id of this.things) if (this.isA(id, "c") || this.isA(id, "s")) this.children.set(id, []);
    const place: [string, string][] = [];
    for (const f of game.facts) {
      const [a, b] = f.args as [string, string];
      switch (f.name) {
        case "at":
          if (a === "P") this.playerRoom = b;
          else place.push([a, b]);
          break;
        case "in":
        case "on":
          place.push([a, b]);
          break;
        case "open":
        case "closed":
        case "locked":
          this.openness.set(a, f.name);
          break;
        case "match":
          this.matchingKey.set(b, a);
          break;
        case "edible":
          this.edible.add(a);
          break;
        case "eaten":
          this.eaten.add(a);
          break;
        case "north_of":
        case "south_of":
        case "east_of":
        case "west_of": {
          // north_of(a, b): a lies north of b.
          const dir = f.name.slice(0, -3) as Direction;
          this.exitsOf(b).set(dir, { ...this.exitsOf(b).get(dir), to: a });
          break;
        }
        case "link":
          break;
        case "free":
          break;
        default:
          this.staticFacts.push(f);
      }
    }
    for (const f of game.facts)
      if (f.name === "link") {
        const [r, d, r2] = f.args as [string, string, string];
        for (const [dir, exit] of this.exitsOf(r))
          if (exit.to === r2) {
            exit.door = d;
            let sides = this.doorSides.get(d);
            if (!sides) this.doorSides.set(d, (sides = []));
            sides.push([r, dir]);
          }
      }
    const order = new Map(this.things.map((id, i) => [id, i]));
    place.sort((x, y) => order.get(x[0])! - order.get(y[0])!);
    for (const [thing, h] of place) {
      if (!this.children.has(h))
        throw new Error(`${game.source}: ${thing} is placed in ${h}, which holds nothing`);
      this.holder.set(thing, h);
      this.children.get(h)!.push(thing);
    }
    for (const id of this.things) if (!this.holder.has(id) && !this.isA(id, "d")) this.holder.set(id, null);
  }

  info(id: string): EntityInfo {
    return this.game.infos.get(id)!;
  }

  name(id: string): string {
    return this.info(id).name;
  }

  isA(id: string, type: string): boolean {
    const k = this.kind.get(id);
    return k !== undefined && this.game.logic.isSubtype(k, type);
  }

  exitsOf(room: string): Map<Direction, Exit> {
    let m = this.exits.get(room);
    if (!m) this.exits.set(room, (m = new Map()));
    return m;
  }

  contents(holder: string): readonly string[] {
    return this.children.get(holder) ?? [];
  }

  /** Inform's `move X to Y`: X becomes the first child of Y (null: off-stage). */
  move(thing: string, to: Holder): void {
    const from = this.holder.get(thing);
    if (from) {
      const list = this.children.get(from)!;
      list.splice(list.indexOf(thing), 1);
    }
    this.holder.set(thing, to);
    if (to) this.children.get(to)!.unshift(thing);
  }

  /** The room a thing is in, through its holders (a door: the player's side if it has one). */
  roomOf(thing: string): string | null {
    if (this.isA(thing, "d")) {
      const sides = this.doorSides.get(thing) ?? [];
      return sides.find(([r]) => r === this.playerRoom)?.[0] ?? sides[0]?.[0] ?? null;
    }
    let h = this.holder.get(thing) ?? null;
    while (h !== null && !this.rooms.includes(h))
      h = h === "I" ? this.playerRoom : (this.holder.get(h) ?? null);
    return h;
  }

  isOpen(id: string): boolean {
    return this.openness.get(id) === "open";
  }

  /** A string that is equal for two worlds exactly when their facts are (holders, openness, eaten, room). */
  signature(): string {
    let out = this.playerRoom;
    for (const id of this.things) out += `|${this.holder.get(id) ?? "-"}`;
    for (const [id, o] of this.openness) out += `|${id}:${o[0]}`;
    for (const id of this.eaten) out += `|!${id}`;
    return out;
  }

  /** The facts of the current state, as TextWorld's logic sees them. */
  facts(): Fact[] {
    const out: Fact[] = [{ name: "at", args: ["P", this.playerRoom] }];
    for (const id of this.things) {
      const h = this.holder.get(id);
      if (h === undefined) continue;
      if (h === null) {
        if (this.eaten.has(id)) out.push({ name: "eaten", args: [id] });
      } else if (h === "I") out.push({ name: "in", args: [id, "I"] });
      else if (this.rooms.includes(h)) out.push({ name: "at", args: [id, h] });
      else out.push({ name: this.isA(h, "s") ? "on" : "in", args: [id, h] });
    }
    for (const [id, o] of this.openness) out.push({ name: o, args: [id] });
    for (const [lock, key] of this.matchingKey) out.push({ name: "match", args: [key, lock] });
    for (const id of this.edible) out.push({ name: "edible", args: [id] });
    for (const [room, exits] of this.exits)
      for (const [dir, exit] of exits) {
        out.push({ name: `${dir}_of`, args: [exit.to, room] });
        if (exit.door) out.push({ name: "link", args: [room, exit.door, exit.to] });
        if (!exit.door || this.isOpen(exit.door)) out.push({ name: "free", args: [room, exit.to] });
      }
    out.push(...this.staticFacts);
    return out;
  }

  /** Whether a fact holds now, answered from the object tree (used for quest conditions every turn). */
  holds(f: Fact): boolean {
    const [a, b] = f.args as [string, string];
    switch (f.name) {
      case "at":
        return a === "P" ? this.playerRoom === b : this.holder.get(a) === b;
      case "in":
      case "on":
        return this.holder.get(a) === b;
      case "open":
      case "closed":
      case "locked":
        return this.openness.get(a) === f.name;
      case "match":
        return this.matchingKey.get(b) === a;
      case "edible":
        return this.edible.has(a);
      case "eaten":
        return this.eaten.has(a);
      default:
        return this.facts().some((g) => g.name === f.name && g.args.every((x, i) => x === f.args[i]));
    }
  }
}
