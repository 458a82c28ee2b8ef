/**
 * The quest, chained backward as tw-make does: start from the world as it will be at the end, pick a
 * final action whose postconditions hold there (creating the objects and keys it needs), undo it, and
 * repeat. What is left is the game's initial state; the chosen actions, reversed, are the walkthrough.
 */
import type { Proposition, Rule } from "../logic/twl.js";
import { factKey, instantiate, State, type Fact } from "../logic/state.js";
import { violatesWith } from "./constraints.js";
import type { Rng } from "./rng.js";
import { GenerationError, type GenWorld } from "./world.js";

export interface QuestAction {
  rule: Rule;
  /** Rule variable → entity id. */
  mapping: Map<string, string>;
  preconditions: Fact[];
  postconditions: Fact[];
}

/** Types the chain may create; rooms and doors come from the map only (upstream's restricted_types). */
const CREATABLE = new Set(["c", "s", "o", "k", "f"]);
/** No-op commands never make a quest step. */
const SKIPPED = /^(examine|look|inventory)/;

export interface QuestOptions {
  length: number;
  /** The most objects (containers, supporters, portable things) the world may hold. */
  maxObjects: number;
  /** Rooms the player may end the quest in (one is drawn per attempt). */
  rooms: string[];
  /** Candidate steps tried per attempt (a depth-first search with backtracking). */
  stepBudget?: number;
  attempts?: number;
}

/** Places the player and chains the quest; the world is left in the quest's initial state. */
export function buildQuest(world: GenWorld, opts: QuestOptions, rng: Rng): QuestAction[] {
  const rules = world.logic.rules.filter((r) => r.command !== undefined && !SKIPPED.test(r.name));
  const finals = rules.filter((r) => !r.name.startsWith("go/"));
  const reverse = reverseNames(world);
  const start = world.snapshot();
  for (let attempt = 0; attempt < (opts.attempts ?? 10); attempt++) {
    world.restore(start);
    world.add("at", "P", rng.choice(opts.rooms));
    let budget = opts.stepBudget ?? 400;
    const backward: QuestAction[] = [];
    const search = (): QuestAction[] | undefined => {
      if (backward.length === opts.length) {
        const chain = [...backward].reverse();
        return winsEarly(world, chain) ? undefined : chain;
      }
      const later = backward[backward.length - 1];
      const snap = world.snapshot();
      for (const rule of rng.shuffle(later ? rules : finals)) {
        let taken = 0;
        for (const g of rng.shuffle(ground(world, rule, opts.maxObjects - world.objectCount()))) {
          if (later && (undoes(g, later, reverse) || !enables(g, later))) continue;
          if (budget-- <= 0) return undefined;
          const action = tryUndo(world, g);
          if (!action) continue;
          backward.push(action);
          const found = search();
          if (found) return found;
          backward.pop();
          world.restore(snap);
          // A rule that led nowhere twice is unlikely to do better with a third grounding.
          if (++taken >= 2) break;
        }
      }
      return undefined;
    };
    const chain = search();
    if (chain) return chain;
  }
  world.restore(start);
  throw new GenerationError(
    `could not chain a quest of ${opts.length} actions in ${opts.rooms.length} rooms with at most ${opts.maxObjects} objects`,
  );
}

function reverseNames(world: GenWorld): Map<string, string> {
  const m = new Map<string, string>();
  for (const [a, b] of world.logic.reverseRules) {
    m.set(a, b);
    m.set(b, a);
  }
  return m;
}

interface Grounding {
  rule: Rule;
  mapping: Map<string, string>;
  /** Entities the step creates, in id order per type: id → type. */
  created: Map<string, string>;
}

/** Each step must bring about something the next step needs (a fact it adds that the next requires). */
function enables(g: Grounding, next: QuestAction): boolean {
  const pre = new Set(g.rule.preconditions.map((p) => factKey(instantiate(p, g.mapping))));
  const needed = new Set(next.preconditions.map(factKey));
  return g.rule.postconditions.some((p) => {
    const k = factKey(instantiate(p, g.mapping));
    return !pre.has(k) && needed.has(k);
  });
}

/** A step whose forward effect the next step reverts at once ("open c" then "close c") is pointless. */
function undoes(g: Grounding, next: QuestAction, reverse: Map<string, string>): boolean {
  if (reverse.get(g.rule.name) !== next.rule.name && g.rule.name !== next.rule.name) return false;
  const a = new Set(g.mapping.values());
  const b = new Set(next.mapping.values());
  return a.size === b.size && [...a].every((x) => b.has(x));
}

function variablesOf(rule: Rule): Map<string, string> {
  const vars = new Map<string, string>();
  for (const p of [...rule.postconditions, ...rule.preconditions])
    for (const v of p.args) if (!vars.has(v.name)) vars.set(v.name, v.type);
  return vars;
}

const isPost = (rule: Rule, p: Proposition) =>
  rule.postconditions.some((q) => q.name === p.name && q.args.every((v, i) => v.name === p.args[i]?.name));

/** Every binding of the rule's variables under which its postconditions can hold now, new entities allowed. */
function ground(world: GenWorld, rule: Rule, budget: number): Grounding[] {
  const vars = variablesOf(rule);
  const consumed = rule.preconditions.filter((p) => !isPost(rule, p));
  const mapping = new Map<string, string>();
  const created = new Map<string, string>();
  const used = new Set<string>();
  for (const [name, type] of vars)
    if (type === "P" || type === "I") {
      mapping.set(name, type);
      used.add(type);
    }
  // Bind variables that share a fact with bound ones first, so facts prune early.
  const order: string[] = [];
  const pending = [...vars.keys()].filter((v) => !mapping.has(v));
  const props = [...rule.postconditions, ...rule.preconditions];
  while (pending.length > 0) {
    const bound = new Set([...mapping.keys(), ...order]);
    let k = pending.findIndex((v) =>
      props.some((p) => p.args.some((a) => a.name === v) && p.args.some((a) => bound.has(a.name))),
    );
    if (k < 0) k = 0;
    order.push(pending.splice(k, 1)[0]!);
  }
  const out: Grounding[] = [];
  const ok = (): boolean => {
    for (const p of rule.postconditions) {
      if (!p.args.every((v) => mapping.has(v.name))) continue;
      const f = instantiate(p, mapping);
      if (!f.args.some((id) => created.has(id)) && !world.state.has(f)) return false;
    }
    for (const p of consumed) {
      if (!p.args.every((v) => mapping.has(v.name))) continue;
      const f = instantiate(p, mapping);
      if (!f.args.some((id) => created.has(id)) && world.state.has(f)) return false;
    }
    return true;
  };
  const visit = (k: number): void => {
    if (k === order.length) {
      out.push({ rule, mapping: new Map(mapping), created: new Map(created) });
      return;
    }
    const v = order[k]!;
    const type = vars.get(v)!;
    const options: { id: string; fresh: boolean }[] = [];
    for (const [id, t] of world.types)
      if (!used.has(id) && world.logic.isSubtype(t, type)) options.push({ id, fresh: false });
    if (CREATABLE.has(type) && created.size < budget) {
      const sameType = [...created.values()].filter((t) => t === type).length;
      options.push({ id: world.peekId(type, sameType), fresh: true });
    }
    for (const o of options) {
      mapping.set(v, o.id);
      used.add(o.id);
      if (o.fresh) created.set(o.id, type);
      if (ok()) visit(k + 1);
      mapping.delete(v);
      used.delete(o.id);
      created.delete(o.id);
    }
  };
  visit(0);
  return out;
}

/** Adds the grounding's new entities, undoes the action, and keeps it if both states are consistent. */
function tryUndo(world: GenWorld, g: Grounding): QuestAction | undefined {
  const pre = g.rule.preconditions.map((p) => instantiate(p, g.mapping));
  const post = g.rule.postconditions.map((p) => instantiate(p, g.mapping));
  const types = new Map(world.types);
  for (const [id, t] of g.created) types.set(id, t);
  const fresh = (f: Fact) => f.args.some((id) => g.created.has(id));
  const after = new State(world.logic, types, world.state.all());
  for (const f of post) if (fresh(f)) after.add(f);
  for (const [id, t] of g.created) if (t === "f") after.add({ name: "edible", args: [id] });
  const added = post.filter(fresh);
  if (!locatesAll(after, g.created) || violatesWith(after, added)) return undefined;
  const before = after.copy();
  const postKeys = new Set(post.map(factKey));
  const preKeys = new Set(pre.map(factKey));
  for (const f of post) if (!preKeys.has(factKey(f))) before.remove(f);
  const restored = pre.filter((f) => !postKeys.has(factKey(f)));
  for (const f of restored) before.add(f);
  if (violatesWith(before, restored)) return undefined;

  for (const [id, t] of g.created) {
    const made = world.create(t);
    if (made !== id) throw new Error(`quest builder: expected id ${id}, created ${made}`);
  }
  for (const f of world.state.all()) world.state.remove(f);
  for (const f of before.all()) world.state.add(f);
  return { rule: g.rule, mapping: g.mapping, preconditions: pre, postconditions: post };
}

/** Every new thing must be somewhere: a room, a holder or the inventory (or eaten, for food). */
function locatesAll(state: State, created: Map<string, string>): boolean {
  for (const id of created.keys()) {
    const placed = ["at", "in", "on", "eaten"].some((n) =>
      [...state.withName(n)].some((f) => f.args[0] === id),
    );
    if (!placed) return false;
  }
  return true;
}

/** The goal (the last action's postconditions) must hold only once the whole walkthrough is played. */
function winsEarly(world: GenWorld, chain: QuestAction[]): boolean {
  const goal = chain[chain.length - 1]!.postconditions;
  const state = world.state.copy();
  for (let i = 0; i < chain.length; i++) {
    if (goal.every((f) => state.has(f))) return true;
    const a = chain[i]!;
    if (!a.preconditions.every((f) => state.has(f)))
      throw new Error(`quest builder: step ${i} not applicable`);
    const post = new Set(a.postconditions.map(factKey));
    for (const f of a.preconditions) if (!post.has(factKey(f))) state.remove(f);
    for (const f of a.postconditions) state.add(f);
  }
  return false;
}
