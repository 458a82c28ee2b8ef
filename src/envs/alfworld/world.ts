/**
 * A game compiled for fast play: every entity interned as an index in code-unit order of its id (so index
 * order is upstream's sorted-fact order), the static facts as arrays, and the mutable facts in a small
 * `WorldState` that can be cloned for snapshots.
 */
import type { AlfworldGame } from "./game-file.js";
import { codeUnitCompare, displayNames } from "./naming.js";

export class World {
  readonly ids: string[];
  readonly names: string[];
  readonly index = new Map<string, number>();
  readonly types: string[];
  readonly agent: number;
  /** Receptacles / objects / locations, ascending by index (= sorted id). */
  readonly receptacles: number[] = [];
  readonly objects: number[] = [];
  readonly locations: number[] = [];
  /** The location of each receptacle (-1 for non-receptacles). ALFWorld data has exactly one each. */
  readonly recepLoc: Int32Array;
  /** Receptacles at each location, sorted. */
  readonly recepsAt = new Map<number, number[]>();
  readonly recepType: Int32Array;
  readonly objType: Int32Array;
  readonly openable: Uint8Array;
  readonly pickupable: Uint8Array;
  readonly receptacleObject: Uint8Array;
  readonly cleanable: Uint8Array;
  readonly heatable: Uint8Array;
  readonly coolable: Uint8Array;
  readonly toggleable: Uint8Array;
  readonly sliceable: Uint8Array;
  /** canContain(rtype, otype) keyed rtype * n + otype. */
  readonly canContain = new Set<number>();
  /** inReceptacleObject(inner, outer): no available action changes it, so it is static. Sorted inners. */
  readonly innerObjects = new Map<number, number[]>();
  readonly initial: WorldState;

  constructor(readonly game: AlfworldGame) {
    const { problem } = game;
    const idSet = new Set<string>();
    for (const atom of problem.init) for (const a of atom.args) idSet.add(a);
    this.ids = [...idSet].sort(codeUnitCompare);
    const nameMap = displayNames(this.ids);
    this.names = this.ids.map((id) => nameMap.get(id)!);
    this.ids.forEach((id, i) => this.index.set(id, i));
    this.types = this.ids.map((id) => problem.objects.get(id) ?? "");
    const n = this.ids.length;
    const flag = () => new Uint8Array(n);
    this.recepLoc = new Int32Array(n).fill(-1);
    this.recepType = new Int32Array(n).fill(-1);
    this.objType = new Int32Array(n).fill(-1);
    this.openable = flag();
    this.pickupable = flag();
    this.receptacleObject = flag();
    this.cleanable = flag();
    this.heatable = flag();
    this.coolable = flag();
    this.toggleable = flag();
    this.sliceable = flag();
    this.types.forEach((t, i) => {
      if (t === "receptacle") this.receptacles.push(i);
      else if (t === "object") this.objects.push(i);
      else if (t === "location") this.locations.push(i);
    });
    const agents = this.types.flatMap((t, i) => (t === "agent" ? [i] : []));
    if (agents.length !== 1) throw new Error(`${game.source}: expected one agent, found ${agents.length}`);
    this.agent = agents[0]!;

    const state = new WorldState(n);
    const unary: Record<string, Uint8Array> = {
      openable: this.openable,
      pickupable: this.pickupable,
      isreceptacleobject: this.receptacleObject,
      cleanable: this.cleanable,
      heatable: this.heatable,
      coolable: this.coolable,
      toggleable: this.toggleable,
      sliceable: this.sliceable,
      opened: state.opened,
      isclean: state.clean,
      ishot: state.hot,
      iscool: state.cool,
      issliced: state.sliced,
      istoggled: state.toggled,
      ison: state.on,
    };
    const ix = (id: string) => this.index.get(id)!;
    for (const { pred, args } of problem.init) {
      const a = args.map(ix);
      const flags = unary[pred];
      if (flags && a.length === 1) {
        flags[a[0]!] = 1;
        continue;
      }
      const [x, y] = a as [number, number];
      switch (pred) {
        case "receptacleatlocation":
          this.recepLoc[x] = y;
          break;
        case "receptacletype":
          this.recepType[x] = y;
          break;
        case "objecttype":
          this.objType[x] = y;
          break;
        case "cancontain":
          this.canContain.add(x * n + y);
          break;
        case "inreceptacleobject":
          pushSorted(getOrInit(this.innerObjects, y), x);
          break;
        case "atlocation":
          state.agentLoc = y;
          break;
        case "inreceptacle":
          state.putIn(x, y);
          break;
        case "objectatlocation":
          state.objAt.add(x * n + y);
          break;
        case "holds":
          state.held = y;
          break;
        default:
          // Other init predicates (e.g. wasInReceptacle, checked) are read by no action or text.
          break;
      }
    }
    for (const r of this.receptacles) {
      const l = this.recepLoc[r]!;
      if (l >= 0) pushSorted(getOrInit(this.recepsAt, l), r);
    }
    if (state.agentLoc < 0)
      throw new Error(`${game.source}: field 'pddl_problem': no atLocation for the agent`);
    this.initial = state;
  }

  name(i: number): string {
    return this.names[i]!;
  }
}

/** The facts that actions change. Pairs are keyed a * n + b. */
export class WorldState {
  agentLoc = -1;
  held = -1;
  /** Objects in each receptacle, sorted (the order every list is written in). */
  contents = new Map<number, number[]>();
  inRecep = new Set<number>();
  objAt = new Set<number>();
  /** Stored negations `not_inreceptacle(o, r)` that upstream's fact mirror keeps after a take. */
  notInRecep = new Set<number>();
  opened: Uint8Array;
  clean: Uint8Array;
  hot: Uint8Array;
  cool: Uint8Array;
  sliced: Uint8Array;
  toggled: Uint8Array;
  on: Uint8Array;

  constructor(readonly n: number) {
    this.opened = new Uint8Array(n);
    this.clean = new Uint8Array(n);
    this.hot = new Uint8Array(n);
    this.cool = new Uint8Array(n);
    this.sliced = new Uint8Array(n);
    this.toggled = new Uint8Array(n);
    this.on = new Uint8Array(n);
  }

  isIn(o: number, r: number): boolean {
    return this.inRecep.has(o * this.n + r);
  }

  putIn(o: number, r: number): void {
    const key = o * this.n + r;
    if (this.inRecep.has(key)) return;
    this.inRecep.add(key);
    pushSorted(getOrInit(this.contents, r), o);
  }

  takeOut(o: number, r: number): void {
    const key = o * this.n + r;
    if (!this.inRecep.delete(key)) return;
    const list = this.contents.get(r)!;
    list.splice(list.indexOf(o), 1);
  }

  clone(): WorldState {
    const c = new WorldState(this.n);
    c.agentLoc = this.agentLoc;
    c.held = this.held;
    for (const [r, list] of this.contents) c.contents.set(r, list.slice());
    c.inRecep = new Set(this.inRecep);
    c.objAt = new Set(this.objAt);
    c.notInRecep = new Set(this.notInRecep);
    c.opened = this.opened.slice();
    c.clean = this.clean.slice();
    c.hot = this.hot.slice();
    c.cool = this.cool.slice();
    c.sliced = this.sliced.slice();
    c.toggled = this.toggled.slice();
    c.on = this.on.slice();
    return c;
  }
}

function getOrInit<K>(map: Map<K, number[]>, key: K): number[] {
  let list = map.get(key);
  if (!list) map.set(key, (list = []));
  return list;
}

function pushSorted(list: number[], value: number): void {
  let i = list.length;
  while (i > 0 && list[i - 1]! > value) i--;
  if (list[i - 1] !== value) list.splice(i, 0, value);
}
