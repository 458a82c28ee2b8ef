/**
 * Evaluates a problem's `:goal` on a world state. Quantifiers are solved by binding variables from the
 * facts of positive atoms (a small conjunctive-query solver), so goals such as "two distinct objects of a
 * type in one receptacle" cost a few dozen fact look-ups rather than |R|·|O|² tests.
 */
import type { Formula } from "./pddl.js";
import type { World, WorldState } from "./world.js";

type Binding = Map<string, number>;

/** Facts of one predicate as index tuples, given the current state. */
function factsOf(world: World, s: WorldState, pred: string): number[][] {
  const n = world.ids.length;
  const unary = (flags: Uint8Array) => {
    const out: number[][] = [];
    for (let i = 0; i < n; i++) if (flags[i]) out.push([i]);
    return out;
  };
  switch (pred) {
    case "objecttype":
      return world.objects.flatMap((o) => (world.objType[o]! >= 0 ? [[o, world.objType[o]!]] : []));
    case "receptacletype":
      return world.receptacles.flatMap((r) => (world.recepType[r]! >= 0 ? [[r, world.recepType[r]!]] : []));
    case "receptacleatlocation":
      return world.receptacles.flatMap((r) => (world.recepLoc[r]! >= 0 ? [[r, world.recepLoc[r]!]] : []));
    case "inreceptacle":
      return [...s.contents].flatMap(([r, list]) => list.map((o) => [o, r]));
    case "atlocation":
      return [[world.agent, s.agentLoc]];
    case "holds":
      return s.held >= 0 ? [[world.agent, s.held]] : [];
    case "holdsany":
      return s.held >= 0 ? [[world.agent]] : [];
    case "objectatlocation":
      return [...s.objAt].map((k) => [Math.floor(k / n), k % n]);
    default: {
      const flags = unaryFlags(world, s, pred);
      return flags ? unary(flags) : [];
    }
  }
}

function unaryFlags(world: World, s: WorldState, pred: string): Uint8Array | undefined {
  switch (pred) {
    case "openable":
      return world.openable;
    case "pickupable":
      return world.pickupable;
    case "isreceptacleobject":
      return world.receptacleObject;
    case "cleanable":
      return world.cleanable;
    case "heatable":
      return world.heatable;
    case "coolable":
      return world.coolable;
    case "toggleable":
      return world.toggleable;
    case "sliceable":
      return world.sliceable;
    case "opened":
      return s.opened;
    case "isclean":
      return s.clean;
    case "ishot":
      return s.hot;
    case "iscool":
      return s.cool;
    case "issliced":
      return s.sliced;
    case "istoggled":
      return s.toggled;
    case "ison":
      return s.on;
    default:
      return undefined;
  }
}

function holdsGround(world: World, s: WorldState, pred: string, a: number[]): boolean {
  const n = world.ids.length;
  const [x, y] = a as [number, number];
  switch (pred) {
    case "objecttype":
      return world.objType[x] === y;
    case "receptacletype":
      return world.recepType[x] === y;
    case "receptacleatlocation":
      return world.recepLoc[x] === y;
    case "inreceptacle":
      return s.isIn(x, y);
    case "atlocation":
      return x === world.agent && s.agentLoc === y;
    case "holds":
      return x === world.agent && s.held === y;
    case "holdsany":
      return x === world.agent && s.held >= 0;
    case "objectatlocation":
      return s.objAt.has(x * n + y);
    case "cancontain":
      return world.canContain.has(x * n + y);
    default: {
      const flags = unaryFlags(world, s, pred);
      return flags !== undefined && a.length === 1 && flags[x] === 1;
    }
  }
}

export class GoalChecker {
  private readonly goal: Formula;
  /** The type of each quantified variable, after renaming every one of them apart. */
  private readonly varTypes = new Map<string, string>();

  constructor(
    private readonly world: World,
    goal: Formula,
  ) {
    this.goal = this.renameApart(goal);
  }

  private renameApart(f: Formula): Formula {
    switch (f.kind) {
      case "atom":
      case "eq":
        return f;
      case "not":
        return { kind: "not", arg: this.renameApart(f.arg) };
      case "and":
      case "or":
        return { kind: f.kind, args: f.args.map((g) => this.renameApart(g)) };
      case "exists":
      case "forall": {
        let body = f.body;
        const vars = f.vars.map((v) => {
          const name = `?#${this.varTypes.size}`;
          this.varTypes.set(name, v.type);
          body = rename(body, v.name, name);
          return { name, type: v.type };
        });
        return { kind: f.kind, vars, body: this.renameApart(body) };
      }
    }
  }

  check(s: WorldState): boolean {
    return this.sat(this.goal, new Map(), s);
  }

  /** Resolves a term: a bound variable, a constant entity, or undefined (unbound / unknown constant). */
  private term(t: string, b: Binding): number | undefined | null {
    if (t.startsWith("?")) return b.get(t);
    const i = this.world.index.get(t);
    return i === undefined ? null : i;
  }

  private sat(f: Formula, b: Binding, s: WorldState): boolean {
    switch (f.kind) {
      case "atom": {
        const args: number[] = [];
        for (const t of f.args) {
          const v = this.term(t, b);
          if (v === null) return false;
          if (v === undefined) return this.solve([f], b, s);
          args.push(v);
        }
        return holdsGround(this.world, s, f.pred, args);
      }
      case "eq": {
        const l = this.term(f.left, b);
        const r = this.term(f.right, b);
        if (l === undefined || r === undefined) return this.solve([f], b, s);
        return l === r && l !== null;
      }
      case "not":
        return !this.sat(f.arg, b, s);
      case "and":
        return this.solve(f.args, b, s);
      case "or":
        return f.args.some((g) => this.sat(g, b, s));
      case "exists":
        return this.solve([f], b, s);
      case "forall": {
        // forall x. body  ==  not exists x. not body
        return !this.solve([{ kind: "exists", vars: f.vars, body: { kind: "not", arg: f.body } }], b, s);
      }
    }
  }

  private freeVars(f: Formula, b: Binding, out: Set<string>): void {
    switch (f.kind) {
      case "atom":
        for (const t of f.args) if (t.startsWith("?") && !b.has(t)) out.add(t);
        return;
      case "eq":
        for (const t of [f.left, f.right]) if (t.startsWith("?") && !b.has(t)) out.add(t);
        return;
      case "not":
        return this.freeVars(f.arg, b, out);
      case "and":
      case "or":
        for (const g of f.args) this.freeVars(g, b, out);
        return;
      case "exists":
      case "forall": {
        const inner = new Set<string>();
        this.freeVars(f.body, b, inner);
        for (const v of f.vars) inner.delete(v.name);
        for (const v of inner) out.add(v);
        return;
      }
    }
  }

  /** Is the conjunction of `goals` satisfiable by extending binding `b`? Quantified variables are renamed. */
  private solve(goals: Formula[], b: Binding, s: WorldState): boolean {
    if (goals.length === 0) return true;
    const free = new Map<Formula, Set<string>>();
    const varTypes = this.varTypes;
    const pending: Formula[] = [];
    // Flatten and/exists; evaluate anything already ground.
    const stack = [...goals];
    while (stack.length > 0) {
      const g = stack.pop()!;
      if (g.kind === "and") {
        stack.push(...g.args);
        continue;
      }
      if (g.kind === "exists") {
        stack.push(g.body);
        continue;
      }
      const fv = new Set<string>();
      this.freeVars(g, b, fv);
      if (fv.size === 0) {
        if (!this.sat(g, b, s)) return false;
      } else {
        free.set(g, fv);
        pending.push(g);
      }
    }
    if (pending.length === 0) return true;
    // Bind through the first positive atom with free variables; otherwise enumerate one variable's type.
    const atomIdx = pending.findIndex((g) => g.kind === "atom");
    if (atomIdx >= 0) {
      const atom = pending[atomIdx] as Extract<Formula, { kind: "atom" }>;
      const rest = pending.filter((_, i) => i !== atomIdx);
      for (const fact of factsOf(this.world, s, atom.pred)) {
        if (fact.length !== atom.args.length) continue;
        const nb = new Map(b);
        let ok = true;
        for (let i = 0; i < fact.length && ok; i++) {
          const t = atom.args[i]!;
          const v = this.term(t, nb);
          if (v === null) ok = false;
          else if (v === undefined) {
            const type = varTypes.get(t);
            if (type !== undefined && this.world.types[fact[i]!] !== type) ok = false;
            else nb.set(t, fact[i]!);
          } else if (v !== fact[i]) ok = false;
        }
        if (ok && this.solve(rest, nb, s)) return true;
      }
      return false;
    }
    const v = [...free.get(pending[0]!)!][0]!;
    const type = varTypes.get(v);
    for (let i = 0; i < this.world.ids.length; i++) {
      if (type !== undefined && this.world.types[i] !== type) continue;
      const nb = new Map(b);
      nb.set(v, i);
      if (this.solve(pending, nb, s)) return true;
    }
    return false;
  }
}

function rename(f: Formula, from: string, to: string): Formula {
  const r = (t: string) => (t === from ? to : t);
  switch (f.kind) {
    case "atom":
      return { kind: "atom", pred: f.pred, args: f.args.map(r) };
    case "eq":
      return { kind: "eq", left: r(f.left), right: r(f.right) };
    case "not":
      return { kind: "not", arg: rename(f.arg, from, to) };
    case "and":
    case "or":
      return { kind: f.kind, args: f.args.map((g) => rename(g, from, to)) };
    case "exists":
    case "forall":
      if (f.vars.some((v) => v.name === from)) return f;
      return { kind: f.kind, vars: f.vars, body: rename(f.body, from, to) };
  }
}
