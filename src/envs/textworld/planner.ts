/**
 * A planner over TextWorld's world rules: breadth-first search over logic states for the shortest
 * command sequence that completes a remaining quest, never passing through a state its fail events name.
 */
import type { TextWorldGame } from "./game-file.js";
import { commandOf, factKey, State, type Action, type Fact } from "./logic/state.js";

const MAX_STATES = 20_000;

function holdsAll(state: State, facts: readonly Fact[]): boolean {
  return facts.every((f) => state.has(f));
}

function key(state: State): string {
  return state.all().map(factKey).sort().join(";");
}

/** Rules that change nothing (look, examine, inventory) cannot bring a goal closer. */
function changes(a: Action): boolean {
  const pre = new Set(a.preconditions.map(factKey));
  return (
    a.postconditions.some((p) => !pre.has(factKey(p))) ||
    a.preconditions.some((p) => !a.postconditions.some((q) => factKey(q) === factKey(p)))
  );
}

/**
 * The commands to play from `facts` until one more quest is complete (`[]` if none remains), or null
 * when none is found. `avoid(stateKey, command)` rules out commands the game cannot take there.
 * Weighted A*: cost so far plus twice the number of goal facts still missing, so long detours through
 * the many take/drop/put actions are not expanded breadth-first.
 */
export function planNextQuest(
  game: TextWorldGame,
  facts: readonly Fact[],
  completed: readonly boolean[],
  avoid: (stateKey: string, command: string) => boolean = () => false,
): string[] | null {
  const goals = game.quests
    .filter((q, i) => !completed[i])
    .flatMap((q) => q.winEvents.map((e) => e.condition));
  if (goals.length === 0) return [];
  const failing = game.quests.filter((q, i) => !completed[i]).flatMap((q) => q.failEvents);
  const rules = game.logic.commandRules;
  const nameOf = (id: string) => game.infos.get(id)?.name ?? id;
  const goalFacts = goals.flat();
  const goalKeys = new Set(goalFacts.map(factKey));
  const mentioned = new Set(goalFacts.flatMap((f) => f.args));
  // An action is worth trying when what it adds is a goal fact, concerns a thing the goals name, or opens
  // the way: moving, opening, unlocking, holding a key. Dropping or closing other things never helps.
  const useful = (a: Action, state: State) =>
    a.postconditions.some((f) => {
      if (state.has(f)) return false;
      if (goalKeys.has(factKey(f)) || (f.name !== "at" && f.args.some((x) => x !== "I" && mentioned.has(x))))
        return true;
      if (f.name === "free" || f.name === "open" || (f.name === "at" && f.args[0] === "P")) return true;
      if (f.name === "closed") return state.has({ name: "locked", args: f.args });
      if (f.name === "in" && f.args[1] === "I")
        return mentioned.has(f.args[0]!) || game.logic.isSubtype(game.types.get(f.args[0]!) ?? "", "k");
      return false;
    });
  const missing = (state: State) => Math.min(...goals.map((g) => g.filter((f) => !state.has(f)).length));
  const start = new State(game.logic, game.types, facts);
  const startKey = key(start);
  const seen = new Map<string, { parent: string | null; command: string }>([
    [startKey, { parent: null, command: "" }],
  ]);
  const open = new Heap<{ state: State; key: string; cost: number }>();
  open.push(2 * missing(start), { state: start, key: startKey, cost: 0 });
  while (open.size && seen.size < MAX_STATES) {
    const { state, key: k, cost } = open.pop()!;
    for (const action of state.applicableActions(rules)) {
      if (!changes(action) || !useful(action, state)) continue;
      const command = commandOf(action, nameOf);
      if (avoid(k, command)) continue;
      const child = state.copy();
      child.apply(action);
      const ck = key(child);
      if (seen.has(ck)) continue;
      if (failing.some((e) => holdsAll(child, e.condition))) continue;
      seen.set(ck, { parent: k, command });
      const h = missing(child);
      if (h === 0) {
        const path: string[] = [];
        for (let at: string | null = ck; at !== null && at !== startKey; at = seen.get(at)!.parent)
          path.unshift(seen.get(at)!.command);
        return path;
      }
      open.push(cost + 1 + 2 * h, { state: child, key: ck, cost: cost + 1 });
    }
  }
  return null;
}

/** A binary min-heap on numeric priorities; ties pop in insertion order, so plans are deterministic. */
class Heap<T> {
  private items: { p: number; n: number; v: T }[] = [];
  private count = 0;
  get size(): number {
    return this.items.length;
  }
  push(p: number, v: T): void {
    const items = this.items;
    items.push({ p, n: this.count++, v });
    for (let i = items.length - 1; i > 0;) {
      const up = (i - 1) >> 1;
      if (!this.less(items[i]!, items[up]!)) break;
      [items[i], items[up]] = [items[up]!, items[i]!];
      i = up;
    }
  }
  pop(): T | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (top === undefined || last === undefined) return undefined;
    if (items.length) {
      items[0] = last;
      for (let i = 0; ;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < items.length && this.less(items[l]!, items[m]!)) m = l;
        if (r < items.length && this.less(items[r]!, items[m]!)) m = r;
        if (m === i) break;
        [items[i], items[m]] = [items[m]!, items[i]!];
        i = m;
      }
    }
    return top.v;
  }
  private less(a: { p: number; n: number }, b: { p: number; n: number }): boolean {
    return a.p < b.p || (a.p === b.p && a.n < b.n);
  }
}

export function stateKey(game: TextWorldGame, facts: readonly Fact[]): string {
  return key(new State(game.logic, game.types, facts));
}
