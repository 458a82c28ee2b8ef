/**
 * A reactive ALFWorld expert: it decides only from the observation texts it is shown (never the engine
 * state, the game file or an admissible list beyond what a text contains), so it can also play inside an
 * LLM world model. In the spirit of upstream's hand-coded expert: read the receptacles and the task from
 * the first observation, search receptacles in order of a prior of where the object class is usually
 * found, take the object, transform it at the appliance, and place it (or use the lamp while holding it).
 *
 * Robustness: any text it does not understand is treated as "nothing learned"; failures ("Nothing
 * happens.") strike the receptacle or object involved so that it moves on; it never throws.
 */
import type { Policy } from "../../agents/policy.js";
import type { TextFormat } from "./engine.js";
import type { SearchPrior } from "./search-prior.js";

type TaskKind = "pick" | "look" | "clean" | "heat" | "cool" | "two";

export interface AlfworldTask {
  kind: TaskKind;
  /** Object class, e.g. "soapbar". */
  obj: string;
  /** Target receptacle class ("pick"/"two"/transform kinds) or lamp class ("look"). */
  recep: string;
}

/** The two task templates of each of the six task types (section 1.5 of the notes). */
const TASK_PATTERNS: [RegExp, TaskKind][] = [
  [/^look at (\w+) under the (\w+)$/, "look"],
  [/^examine the (\w+) with the (\w+)$/, "look"],
  [/^put an? clean (\w+) in (\w+)$/, "clean"],
  [/^clean some (\w+) and put it in (\w+)$/, "clean"],
  [/^put an? hot (\w+) in (\w+)$/, "heat"],
  [/^heat some (\w+) and put it in (\w+)$/, "heat"],
  [/^put an? cool (\w+) in (\w+)$/, "cool"],
  [/^cool some (\w+) and put it in (\w+)$/, "cool"],
  [/^put two (\w+) in (\w+)$/, "two"],
  [/^find two (\w+) and put them in (\w+)$/, "two"],
  [/^put (?:an?|some) (\w+) (?:in|on) (\w+)$/, "pick"],
];

export function parseTask(sentence: string): AlfworldTask | undefined {
  const s = sentence.toLowerCase().trim().replace(/\s+/g, " ").replace(/\.$/, "");
  for (const [re, kind] of TASK_PATTERNS) {
    const m = re.exec(s);
    if (m) return { kind, obj: m[1]!, recep: m[2]! };
  }
  return undefined;
}

/** Where each transformation happens (heat/cool work with the door closed, so no open is needed). */
const APPLIANCE: Partial<Record<TaskKind, { cls: string; verb: string }>> = {
  clean: { cls: "sinkbasin", verb: "clean" },
  heat: { cls: "microwave", verb: "heat" },
  cool: { cls: "fridge", verb: "cool" },
};

/** Without a learned prior every receptacle class is equally likely. */
const UNIFORM_RATE = 1;
/** A learned rate for a receptacle class that never held the object: searched late, but searched. */
const DEFAULT_RATE = 0.5;

const NAME = "[a-z]+ \\d+";
const ITEM_RE = /\ban? ([a-z]+ \d+)/g;
const FAIL_RE = /nothing happens|nothing happened|invalid action/;
/** After this many strikes an entity is avoided (while an alternative exists). */
const BAD = 2;
/** The same command emitted this many times is taken as a loop: its names are struck out. */
const LOOP = 4;

function classOf(name: string): string {
  return name.replace(/ \d+$/, "");
}

function items(list: string): string[] {
  return [...list.matchAll(ITEM_RE)].map((m) => m[1]!);
}

export interface AlfworldReactiveExpertOptions {
  format: TextFormat;
  /** Internal step budget; past it the expert only says "look" (default 50, the usual episode cap). */
  maxSteps?: number;
  /** Where objects usually are (learned from training games, see search-prior.ts); uniform without. */
  prior?: SearchPrior;
}

export class AlfworldReactiveExpert implements Policy {
  private readonly format: TextFormat;
  private readonly maxSteps: number;
  private steps = 0;
  private task: AlfworldTask | undefined;
  /** Receptacle names from the first observation, in search tie-break order. */
  private receps: string[] = [];
  /** Last seen contents of each receptacle (present = seen). */
  private contents = new Map<string, string[]>();
  private closed = new Set<string>();
  /** Contents can be reached: not openable, or opened. */
  private accessible = new Set<string>();
  private openFailed = new Set<string>();
  private at: string | undefined;
  /** Receptacles known to share a location (a failed "go to" from a sibling, "loc N", "facing"). */
  private groups = new Map<string, Set<string>>();
  private locOf = new Map<string, string>();
  private holding: string | undefined;
  private transformed = new Set<string>();
  /** pick_two: the receptacle instance that got the first object. */
  private target: string | undefined;
  private finished = false;
  /** A hand action failed: what we believe we hold may be wrong, so ask (never happens on the real engine). */
  private resync = false;
  private strikes = new Map<string, number>();
  private emitted = new Map<string, number>();
  private last: string | undefined;

  private readonly prior: SearchPrior | undefined;

  constructor(options: AlfworldReactiveExpertOptions) {
    this.format = options.format;
    this.prior = options.prior;
    this.maxSteps = options.maxSteps ?? 50;
  }

  observe(observation: string): void {
    try {
      this.absorb(typeof observation === "string" ? observation : "");
    } catch {
      // A text we cannot read teaches nothing; the plan goes on from what is known.
    }
  }

  act(): string {
    this.steps++;
    let cmd = "look";
    try {
      if (this.steps <= this.maxSteps) cmd = this.decide();
    } catch {
      cmd = "look";
    }
    this.last = cmd;
    this.emitted.set(cmd, (this.emitted.get(cmd) ?? 0) + 1);
    return cmd;
  }

  // ---- reading observations ----

  private absorb(raw: string): void {
    const text = raw.toLowerCase().replace(/\r/g, "");
    if (
      text.includes("your task is to:") &&
      (!this.task || /looking quickly around you|welcome to textworld/.test(text))
    ) {
      this.start(text);
      return;
    }
    const last = this.last;
    this.last = undefined;
    if (FAIL_RE.test(text) && !/you (arrive|open|pick up|move|put|heat|cool|clean|turn on)/.test(text)) {
      if (last) this.failed(last);
      return;
    }
    if (last?.startsWith("go to ")) {
      this.at = last.slice(6);
    }
    this.readFacts(text);
  }

  private start(text: string): void {
    this.reset();
    const task = /your task is to: *([^\n]*)/.exec(text);
    this.task = task ? parseTask(task[1]!) : undefined;
    const seen = new Set<string>();
    const around = /looking quickly around you, you see ([^\n]*)/.exec(text);
    if (around) for (const r of items(around[1]!)) seen.add(r);
    // AgentGym's first turn also lists the admissible commands; "go to X" names every receptacle.
    for (const m of text.matchAll(new RegExp(`go to (${NAME})`, "g"))) seen.add(m[1]!);
    const classRank = new Map<string, number>();
    for (const r of seen) if (!classRank.has(classOf(r))) classRank.set(classOf(r), classRank.size);
    const num = (r: string) => Number(/\d+$/.exec(r)?.[0] ?? 0);
    this.receps = [...seen].sort(
      (a, b) => classRank.get(classOf(a))! - classRank.get(classOf(b))! || num(a) - num(b),
    );
  }

  private reset(): void {
    this.steps = 0;
    this.task = undefined;
    this.receps = [];
    this.contents.clear();
    this.closed.clear();
    this.accessible.clear();
    this.openFailed.clear();
    this.at = undefined;
    this.groups.clear();
    this.locOf.clear();
    this.holding = undefined;
    this.transformed.clear();
    this.target = undefined;
    this.finished = false;
    this.resync = false;
    this.strikes.clear();
    this.emitted.clear();
    this.last = undefined;
  }

  /** Facts any feedback text states, whatever command produced it. */
  private readFacts(text: string): void {
    const arrive = new RegExp(`you arrive at (loc \\d+|${NAME})\\.`).exec(text);
    if (arrive) {
      const where = arrive[1]!;
      if (!where.startsWith("loc ")) this.at = where;
      else if (this.at) {
        // Classic text names the location: two receptacles at one "loc N" are siblings.
        const other = this.locOf.get(where);
        if (other && other !== this.at) this.merge(other, this.at);
        this.locOf.set(where, this.at);
      }
    }
    const facing = /you are facing the ([^.]*)\./.exec(text);
    if (facing) {
      const names = [...facing[1]!.matchAll(new RegExp(NAME, "g"))].map((m) => m[0]);
      if (names[0]) {
        this.at = names[0];
        for (const n of names.slice(1)) this.merge(names[0], n);
      }
    }
    for (const m of text.matchAll(new RegExp(`on the (${NAME}), you see ([^.]*)\\.`, "g"))) {
      this.contents.set(m[1]!, items(m[2]!));
      this.accessible.add(m[1]!);
      this.closed.delete(m[1]!);
    }
    for (const m of text.matchAll(new RegExp(`the (${NAME}) is open\\. in it, you see ([^.]*)\\.`, "g"))) {
      this.contents.set(m[1]!, items(m[2]!));
      this.accessible.add(m[1]!);
      this.closed.delete(m[1]!);
    }
    for (const m of text.matchAll(new RegExp(`the (${NAME}) is closed\\.`, "g"))) {
      this.closed.add(m[1]!);
      this.accessible.delete(m[1]!);
    }
    const take = new RegExp(`you pick up the (${NAME}) from the (${NAME})`).exec(text);
    if (take) {
      this.holding = take[1]!;
      this.remove(take[1]!, take[2]!);
    }
    const put = new RegExp(`you (?:move|put) the (${NAME}) (?:to|in/on|in|on) the (${NAME})`).exec(text);
    if (put) this.placed(put[1]!, put[2]!);
    const change = new RegExp(`you (?:heat|cool|clean) the (${NAME}) using the (${NAME})`).exec(text);
    if (change) this.transformed.add(change[1]!);
    if (
      new RegExp(`you turn on the (${NAME})`).test(text) &&
      this.task?.kind === "look" &&
      this.holdsTarget()
    ) {
      this.finished = true;
    }
    const carrying = new RegExp(`you are carrying:? an? (${NAME})`).exec(text);
    if (carrying) this.holding = carrying[1]!;
    if (text.includes("you are not carrying anything")) this.holding = undefined;
  }

  private placed(obj: string, recep: string): void {
    this.holding = undefined;
    const list = this.contents.get(recep) ?? [];
    if (!list.includes(obj)) list.push(obj);
    this.contents.set(recep, list);
    const task = this.task;
    if (!task || classOf(obj) !== task.obj || classOf(recep) !== task.recep) return;
    if (task.kind !== "two") {
      this.finished = true;
      return;
    }
    this.target = recep;
    if (list.filter((o) => classOf(o) === task.obj).length >= 2) this.finished = true;
  }

  /** "Nothing happens.": learn what the failure says about the command's names. */
  private failed(cmd: string): void {
    let m: RegExpExecArray | null;
    if (/^(take|move|put|heat|cool|clean|use) /.test(cmd)) this.resync = true;
    if ((m = /^go to (.+)$/.exec(cmd))) {
      // The engine has no "go to" a receptacle at the current location: it is a sibling of ours.
      const r = m[1]!;
      if (this.at && this.at !== r) this.merge(this.at, r);
      else this.strike(r);
    } else if ((m = /^open (.+)$/.exec(cmd))) {
      const r = m[1]!;
      this.openFailed.add(r);
      if (this.closed.has(r)) this.notHere(r);
    } else if ((m = /^examine (.+)$/.exec(cmd))) {
      this.notHere(m[1]!);
    } else if ((m = /^take (.+) from (.+)$/.exec(cmd))) {
      this.remove(m[1]!, m[2]!);
      this.strike(m[1]!);
    } else if ((m = /^(?:move (.+) to|put (.+) in\/on) (.+)$/.exec(cmd))) {
      this.strike(m[3]!);
      this.strike(m[3]!);
    } else if ((m = /^(?:heat|cool|clean) (.+) with (.+)$/.exec(cmd))) {
      this.strike(m[2]!);
      if (this.at === m[2]) this.at = undefined;
    } else if ((m = /^use (.+)$/.exec(cmd))) {
      this.strike(m[1]!);
      this.strike(m[1]!);
    }
  }

  private notHere(r: string): void {
    this.strike(r);
    if (this.at === r) this.at = undefined;
    const g = this.groups.get(r);
    if (g) {
      g.delete(r);
      this.groups.delete(r);
    }
  }

  private strike(name: string): void {
    this.strikes.set(name, (this.strikes.get(name) ?? 0) + 1);
  }

  private bad(name: string): boolean {
    return (this.strikes.get(name) ?? 0) >= BAD;
  }

  private remove(obj: string, recep: string): void {
    const list = this.contents.get(recep);
    if (list)
      this.contents.set(
        recep,
        list.filter((o) => o !== obj),
      );
  }

  private merge(a: string, b: string): void {
    const ga = this.groups.get(a) ?? new Set([a]);
    const gb = this.groups.get(b) ?? new Set([b]);
    for (const x of gb) ga.add(x);
    for (const x of ga) this.groups.set(x, ga);
  }

  private isHere(r: string): boolean {
    return this.at !== undefined && (this.at === r || (this.groups.get(this.at)?.has(r) ?? false));
  }

  private holdsTarget(): boolean {
    return this.holding !== undefined && classOf(this.holding) === this.task?.obj;
  }

  // ---- deciding ----

  private decide(): string {
    // A command that keeps coming back is a loop (a world model that ignores us): strike its names.
    for (let tries = 0; tries < 4; tries++) {
      const cmd = this.plan();
      if ((this.emitted.get(cmd) ?? 0) < LOOP || cmd === "look") return cmd;
      for (const m of cmd.matchAll(new RegExp(NAME, "g"))) {
        this.strike(m[0]);
        this.strike(m[0]);
      }
      this.emitted.set(cmd, 0);
      if (this.at && cmd.includes(this.at)) this.at = undefined;
    }
    return this.plan();
  }

  private plan(): string {
    const task = this.task;
    if (this.finished || !task || this.receps.length === 0) return "look";
    if (this.resync) {
      this.resync = false;
      return "inventory";
    }
    const held = this.holding;
    if (held !== undefined) {
      if (classOf(held) !== task.obj) {
        // Holding something else (only a confused world model gets here): set it down anywhere.
        if (this.at && !this.bad(this.at) && this.accessible.has(this.at)) return this.putCmd(held, this.at);
        return this.explore([]);
      }
      const app = APPLIANCE[task.kind];
      if (app && !this.transformed.has(held)) {
        const a = this.pick(this.instances(app.cls));
        if (a) return this.reach(a, `${app.verb} ${held} with ${a}`);
      }
      if (task.kind === "look") {
        const lamp = this.findKnown(task.recep, new Set());
        if (lamp) return this.reach(lamp.recep, `use ${lamp.obj}`);
        return this.explore([task.recep]);
      }
      const t = this.placeTarget();
      if (t) return this.reachOpen(t, this.putCmd(held, t));
      return this.explore([]);
    }
    const avoid = new Set<string>();
    const two = task.kind === "two" ? this.twoTarget() : undefined;
    if (two) for (const o of this.contents.get(two) ?? []) avoid.add(o);
    const found = this.findKnown(task.obj, avoid, two);
    if (found) return this.reachOpen(found.recep, `take ${found.obj} from ${found.recep}`);
    const want = [task.obj];
    if (task.kind === "look" && !this.findKnown(task.recep, new Set())) want.push(task.recep);
    return this.explore(want);
  }

  private putCmd(obj: string, recep: string): string {
    return this.format === "new" ? `move ${obj} to ${recep}` : `put ${obj} in/on ${recep}`;
  }

  /** Acts on r once there; "go to" it otherwise (a failed go to marks it a sibling, then we act). */
  private reach(r: string, cmd: string): string {
    return this.isHere(r) ? cmd : `go to ${r}`;
  }

  /** Like reach, but first makes r's contents reachable (open it, or look at a sibling we never saw). */
  private reachOpen(r: string, cmd: string): string {
    if (!this.isHere(r)) return `go to ${r}`;
    if (this.accessible.has(r)) return cmd;
    if (this.closed.has(r) || !this.contents.has(r)) return this.visit(r);
    return cmd;
  }

  /** The command that shows the contents of r, which is here. */
  private visit(r: string): string {
    const openable = this.closed.has(r) || (this.prior?.openShare[classOf(r)] ?? 0) > 0.5;
    return openable && !this.openFailed.has(r) ? `open ${r}` : `examine ${r}`;
  }

  private instances(cls: string): string[] {
    return this.receps.filter((r) => classOf(r) === cls);
  }

  /** The first non-struck candidate, preferring one here; a struck one only when all are. */
  private pick(cands: string[]): string | undefined {
    const ok = cands.filter((r) => !this.bad(r));
    const pool = ok.length > 0 ? ok : cands;
    return pool.find((r) => this.isHere(r)) ?? pool[0];
  }

  /** A known instance of class cls and the receptacle it was seen in (here first, then seen order). */
  private findKnown(
    cls: string,
    avoid: Set<string>,
    skipRecep?: string,
  ): { obj: string; recep: string } | undefined {
    let best: { obj: string; recep: string } | undefined;
    for (const [recep, list] of this.contents) {
      if (recep === skipRecep || this.bad(recep)) continue;
      const obj = list.find((o) => classOf(o) === cls && !avoid.has(o) && !this.bad(o));
      if (!obj) continue;
      if (this.isHere(recep)) return { obj, recep };
      best ??= { obj, recep };
    }
    return best;
  }

  /** pick_two: the instance that already has one object (placed by us, or seen there). */
  private twoTarget(): string | undefined {
    const task = this.task!;
    if (this.target) return this.target;
    return this.instances(task.recep).find(
      (r) => !this.bad(r) && (this.contents.get(r) ?? []).some((o) => classOf(o) === task.obj),
    );
  }

  private placeTarget(): string | undefined {
    const task = this.task!;
    if (task.kind === "two") {
      const t = this.twoTarget();
      if (t && !this.bad(t)) return t;
    }
    const cands = this.instances(task.recep).filter((r) => !this.bad(r));
    const pool = cands.length > 0 ? cands : this.instances(task.recep);
    // Cheapest first: here, then one whose contents are reachable without opening, then the first.
    return pool.find((r) => this.isHere(r)) ?? pool.find((r) => this.accessible.has(r)) ?? pool[0];
  }

  /**
   * Visits the unseen receptacle with the best chance per step of holding one of `want`: the prior's
   * per-instance rate over the expected steps (1 to get there, plus an open for most drawers/cabinets).
   */
  private explore(want: string[]): string {
    let cands = this.receps.filter((r) => !this.contents.has(r) && !this.bad(r));
    if (cands.length === 0) {
      // Everything seen and nothing found: our memory must be wrong (a world model); look again.
      this.contents.clear();
      this.strikes.clear();
      cands = this.receps.slice();
    }
    const priors = want.map((w) => this.prior?.found[w]);
    let best: string | undefined;
    let bestScore = -1;
    for (const r of cands) {
      const cls = classOf(r);
      let rate = 0;
      for (const p of priors) rate += p ? (p[cls] ?? DEFAULT_RATE) : UNIFORM_RATE;
      if (priors.length === 0) rate = UNIFORM_RATE;
      const cost = this.isHere(r) ? 1 : 1 + (this.closed.has(r) ? 1 : (this.prior?.openShare[cls] ?? 0));
      const score = rate / cost;
      if (score > bestScore) {
        best = r;
        bestScore = score;
      }
    }
    if (!best) return "look";
    return this.isHere(best) ? this.visit(best) : `go to ${best}`;
  }
}
