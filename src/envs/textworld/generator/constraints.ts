/**
 * Constraint checks for a state that was consistent before a change: only groundings that use a changed
 * fact can fail, so each constraint is grounded from those facts outward instead of over the whole state.
 */
import type { Rule } from "../logic/twl.js";
import type { Fact, State } from "../logic/state.js";

export function violatesWith(state: State, changed: readonly Fact[]): boolean {
  for (const rule of state.logic.constraints)
    for (let i = 0; i < rule.preconditions.length; i++)
      for (const f of changed) if (state.has(f) && groundsFrom(state, rule, i, f)) return true;
  return false;
}

function groundsFrom(state: State, rule: Rule, at: number, fact: Fact): boolean {
  const mapping = new Map<string, string>();
  const used = new Set<string>();
  const bind = (p: Rule["preconditions"][number], f: Fact, bound: string[]): boolean => {
    if (p.name !== f.name || p.args.length !== f.args.length) return false;
    for (let a = 0; a < p.args.length; a++) {
      const v = p.args[a]!;
      const value = f.args[a]!;
      const have = mapping.get(v.name);
      if (have !== undefined) {
        if (have !== value) return false;
      } else if (used.has(value) || !state.logic.isSubtype(state.types.get(value) ?? "", v.type))
        return false;
      else {
        mapping.set(v.name, value);
        used.add(value);
        bound.push(v.name);
      }
    }
    return true;
  };
  const unbind = (bound: string[]) => {
    for (const name of bound) {
      used.delete(mapping.get(name)!);
      mapping.delete(name);
    }
  };
  const rest = rule.preconditions.filter((_, k) => k !== at);
  const visit = (k: number): boolean => {
    if (k === rest.length) return true;
    const p = rest[k]!;
    for (const f of state.withName(p.name)) {
      const bound: string[] = [];
      const ok = bind(p, f, bound) && visit(k + 1);
      unbind(bound);
      if (ok) return true;
    }
    return false;
  };
  const first: string[] = [];
  return bind(rule.preconditions[at]!, fact, first) && visit(0);
}
