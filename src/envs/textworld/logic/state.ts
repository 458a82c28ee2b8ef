/** A TextWorld logic state: a set of ground facts over typed entities, and the rules that apply to it. */
import type { Logic, Proposition, Rule } from "./twl.js";

export interface Fact {
  name: string;
  /** Entity ids, e.g. ["k_1", "I"]. */
  args: string[];
}

export interface Action {
  rule: Rule;
  /** Rule variable name → entity id. */
  mapping: Map<string, string>;
  preconditions: Fact[];
  postconditions: Fact[];
}

export function factKey(f: Fact): string {
  return `${f.name}(${f.args.join(",")})`;
}

export class State {
  private readonly facts = new Map<string, Fact>();
  private readonly byName = new Map<string, Map<string, Fact>>();
  /** name, argument position and value → the facts that have it (for bound-argument lookups). */
  private readonly byArg = new Map<string, Map<string, Fact>>();

  /** `types`: entity id → its logic type (e.g. "k"); every fact argument must have one. */
  constructor(
    readonly logic: Logic,
    readonly types: ReadonlyMap<string, string>,
    facts: Iterable<Fact> = [],
  ) {
    for (const f of facts) this.add(f);
  }

  has(f: Fact): boolean {
    return this.facts.has(factKey(f));
  }

  add(f: Fact): void {
    const key = factKey(f);
    if (this.facts.has(key)) return;
    this.facts.set(key, f);
    let m = this.byName.get(f.name);
    if (!m) this.byName.set(f.name, (m = new Map()));
    m.set(key, f);
    for (let i = 0; i < f.args.length; i++) {
      const k = argKey(f.name, i, f.args[i]!);
      let a = this.byArg.get(k);
      if (!a) this.byArg.set(k, (a = new Map()));
      a.set(key, f);
    }
  }

  remove(f: Fact): void {
    const key = factKey(f);
    if (!this.facts.delete(key)) return;
    this.byName.get(f.name)?.delete(key);
    for (let i = 0; i < f.args.length; i++) this.byArg.get(argKey(f.name, i, f.args[i]!))?.delete(key);
  }

  all(): Fact[] {
    return [...this.facts.values()];
  }

  withName(name: string): Iterable<Fact> {
    return this.byName.get(name)?.values() ?? [];
  }

  copy(): State {
    return new State(this.logic, this.types, this.facts.values());
  }

  /** Every grounding of every rule whose preconditions hold (distinct variables take distinct entities). */
  applicableActions(rules: readonly Rule[] = this.logic.rules): Action[] {
    const out: Action[] = [];
    for (const rule of rules) {
      // Constants (the player "P", the inventory "I") are bound from the start.
      const mapping = new Map<string, string>();
      const used = new Set<string>();
      for (const p of rule.preconditions)
        for (const v of p.args)
          if (v.name === v.type && this.types.get(v.name) === v.type) {
            mapping.set(v.name, v.name);
            used.add(v.name);
          }
      this.ground(rule, 0, mapping, used, out);
    }
    return out;
  }

  /** Applies an action: removes its consumed preconditions and adds its postconditions. */
  apply(action: Action): void {
    const post = new Set(action.postconditions.map(factKey));
    for (const p of action.preconditions) if (!post.has(factKey(p))) this.remove(p);
    for (const p of action.postconditions) this.add(p);
  }

  isApplicable(action: Action): boolean {
    return action.preconditions.every((p) => this.has(p));
  }

  private ground(
    rule: Rule,
    k: number,
    mapping: Map<string, string>,
    used: Set<string>,
    out: Action[],
  ): void {
    if (k === rule.preconditions.length) {
      const m = new Map(mapping);
      // Constants such as the inventory "I" may appear only in postconditions.
      for (const q of rule.postconditions)
        for (const v of q.args) if (!m.has(v.name) && this.types.has(v.name)) m.set(v.name, v.name);
      out.push({
        rule,
        mapping: m,
        preconditions: rule.preconditions.map((p) => instantiate(p, m)),
        postconditions: rule.postconditions.map((p) => instantiate(p, m)),
      });
      return;
    }
    const prop = rule.preconditions[k]!;
    let candidates: Iterable<Fact> | undefined;
    for (let a = 0; a < prop.args.length && candidates === undefined; a++) {
      const bound = mapping.get(prop.args[a]!.name);
      if (bound !== undefined) candidates = this.byArg.get(argKey(prop.name, a, bound))?.values() ?? [];
    }
    for (const fact of candidates ?? this.withName(prop.name)) {
      if (fact.args.length !== prop.args.length) continue;
      const bound: string[] = [];
      let ok = true;
      for (let a = 0; a < prop.args.length && ok; a++) {
        const v = prop.args[a]!;
        const value = fact.args[a]!;
        const have = mapping.get(v.name);
        if (have !== undefined) ok = have === value;
        else if (used.has(value) || !this.logic.isSubtype(this.types.get(value) ?? "", v.type)) ok = false;
        else {
          mapping.set(v.name, value);
          used.add(value);
          bound.push(v.name);
        }
      }
      if (ok) this.ground(rule, k + 1, mapping, used, out);
      for (const name of bound) {
        used.delete(mapping.get(name)!);
        mapping.delete(name);
      }
    }
  }
}

function argKey(name: string, position: number, value: string): string {
  return `${name}\u0000${position}\u0000${value}`;
}

export function instantiate(p: Proposition, mapping: ReadonlyMap<string, string>): Fact {
  return {
    name: p.name,
    args: p.args.map((v) => {
      const id = mapping.get(v.name);
      if (id === undefined) throw new Error(`unbound variable ${v.name} in ${p.name}`);
      return id;
    }),
  };
}

/** The command text of an action: the rule's template with each variable replaced by its entity's name. */
export function commandOf(action: Action, nameOf: (id: string) => string): string {
  const template = action.rule.command;
  if (template === undefined) throw new Error(`rule ${action.rule.name} has no command template`);
  return template.replace(/\{([^}]+)\}/g, (_, v: string) => {
    const id = action.mapping.get(v);
    if (id === undefined) throw new Error(`template variable {${v}} of ${action.rule.name} is not bound`);
    return nameOf(id);
  });
}
