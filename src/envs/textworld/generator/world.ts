/** The world being generated: typed entities with TextWorld ids (`r_0`, `c_1`, `P`, `I`) and a fact state. */
import type { Logic } from "../logic/twl.js";
import { factKey, State, type Fact } from "../logic/state.js";

export class GenerationError extends Error {}

export class GenWorld {
  /** Entity id → logic type, in creation order (the state reads it by reference). */
  readonly types = new Map<string, string>();
  readonly state: State;
  private readonly counters = new Map<string, number>();

  constructor(readonly logic: Logic) {
    this.types.set("P", "P");
    this.types.set("I", "I");
    this.state = new State(logic, this.types);
  }

  snapshot(): { types: [string, string][]; counters: [string, number][]; facts: Fact[] } {
    return { types: [...this.types], counters: [...this.counters], facts: this.state.all() };
  }

  restore(snap: ReturnType<GenWorld["snapshot"]>): void {
    for (const f of this.state.all()) this.state.remove(f);
    this.types.clear();
    for (const [id, t] of snap.types) this.types.set(id, t);
    this.counters.clear();
    for (const [t, n] of snap.counters) this.counters.set(t, n);
    for (const f of snap.facts) this.state.add(f);
  }

  /** The id the next entity of `type` will get. */
  peekId(type: string, offset = 0): string {
    return `${type}_${(this.counters.get(type) ?? 0) + offset}`;
  }

  create(type: string): string {
    const id = this.peekId(type);
    this.counters.set(type, (this.counters.get(type) ?? 0) + 1);
    this.types.set(id, type);
    return id;
  }

  ofType(type: string): string[] {
    return [...this.types].filter(([, t]) => t === type).map(([id]) => id);
  }

  /** Objects in the sense of `--nb-objects`: everything but rooms, doors, the player and the inventory. */
  objectCount(): number {
    let n = 0;
    for (const t of this.types.values()) if (!["r", "d", "P", "I"].includes(t)) n++;
    return n;
  }

  has(name: string, ...args: string[]): boolean {
    return this.state.has({ name, args });
  }

  add(name: string, ...args: string[]): void {
    this.state.add({ name, args });
  }

  /** The facts named `name` whose arguments match `args` where given (undefined = any). */
  find(name: string, ...args: (string | undefined)[]): Fact[] {
    const out: Fact[] = [];
    for (const f of this.state.withName(name))
      if (args.every((a, i) => a === undefined || f.args[i] === a)) out.push(f);
    return out;
  }

  /** The room an entity is in: directly, through its holder, or the player's room for the inventory. */
  roomOf(id: string): string | undefined {
    if (this.types.get(id) === "r") return id;
    if (id === "I") return this.roomOf("P");
    const at = this.find("at", id)[0];
    if (at) return at.args[1];
    const holder = this.find("in", id)[0] ?? this.find("on", id)[0];
    if (holder) return this.roomOf(holder.args[1]!);
    const link = this.find("link", undefined, id)[0];
    return link?.args[0];
  }
}

/** TextWorld orders a game's facts by predicate name, then argument names. */
export function sortFacts(facts: Iterable<Fact>): Fact[] {
  return [...facts].sort((a, b) => {
    if (a.name !== b.name) return a.name < b.name ? -1 : 1;
    for (let i = 0; i < Math.min(a.args.length, b.args.length); i++)
      if (a.args[i] !== b.args[i]) return a.args[i]! < b.args[i]! ? -1 : 1;
    return a.args.length - b.args.length;
  });
}

export { factKey };
