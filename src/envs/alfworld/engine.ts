/**
 * The ALFWorld text game (TextWorld's PddlEnv over ALFWorld's domain and grammar), implemented directly:
 * the 13 actions the domain allows, their preconditions and effects, and their feedback text, written
 * the way the grammar renders it. Commands match only when they equal an admissible command exactly
 * (after Python-style stripping); anything else is "Nothing happens." and changes nothing.
 */
import { pyStrip } from "../../util/pystr.js";
import type { AlfworldGame } from "./game-file.js";
import { GoalChecker } from "./goal.js";
import { World, WorldState } from "./world.js";

/** "new": json_2.1.2+ text ("You arrive at drawer 3.", move … to, help). "classic": 0.3.3 (loc N, put … in/on). */
export type TextFormat = "new" | "classic";
export const TEXT_FORMATS: readonly TextFormat[] = ["new", "classic"];

export const NOTHING_HAPPENS = "Nothing happens.";
export const BANNER = "-= Welcome to TextWorld, ALFRED! =-";

const HELP_TEXT =
  "\nAvailable commands:\n" +
  "  look:                             look around your current location\n" +
  "  inventory:                        check your current inventory\n" +
  "  go to (receptacle):               move to a receptacle\n" +
  "  open (receptacle):                open a receptacle\n" +
  "  close (receptacle):               close a receptacle\n" +
  "  take (object) from (receptacle):  take an object from a receptacle\n" +
  "  move (object) to (receptacle):  place an object in or on a receptacle\n" +
  "  examine (something):              examine a receptacle or an object\n" +
  "  use (object):                     use an object\n" +
  "  heat (object) with (receptacle):  heat an object using a receptacle\n" +
  "  clean (object) with (receptacle): clean an object using a receptacle\n" +
  "  cool (object) with (receptacle):  cool an object using a receptacle\n" +
  "  slice (object) with (object):     slice an object using a sharp object\n";

type Act =
  | { kind: "look" | "inventory" | "help" }
  | { kind: "goto" | "open" | "close" | "examineR"; r: number }
  | { kind: "examineO"; o: number }
  | { kind: "take" | "put" | "heat" | "cool" | "clean"; o: number; r: number }
  | { kind: "use"; o: number }
  | { kind: "slice"; o: number; k: number };

/** The grammar's list rendering: "nothing" | "a" | "a, and b" | "a, b, and c". */
export function listText(items: string[]): string {
  if (items.length === 0) return "nothing";
  if (items.length === 1) return items[0]!;
  return items.slice(0, -1).join(", ") + ", and " + items[items.length - 1];
}

export interface EngineSnapshot {
  readonly state: WorldState;
  readonly won: boolean;
}

export class AlfworldEngine {
  readonly world: World;
  private readonly goal: GoalChecker;
  private state: WorldState;
  private actions: Map<string, Act> | undefined;
  private sorted: string[] | undefined;
  private wonNow = false;
  private readonly t: {
    microwave: number;
    fridge: number;
    sink: number;
    sinkbasin: number;
    knife: number;
    butterknife: number;
  };

  constructor(
    game: AlfworldGame | World,
    readonly format: TextFormat = "new",
  ) {
    this.world = game instanceof World ? game : new World(game);
    this.goal = new GoalChecker(this.world, this.world.game.problem.goal);
    const ix = (id: string) => this.world.index.get(id) ?? -2;
    this.t = {
      microwave: ix("microwavetype"),
      fridge: ix("fridgetype"),
      sink: ix("sinktype"),
      sinkbasin: ix("sinkbasintype"),
      knife: ix("knifetype"),
      butterknife: ix("butterknifetype"),
    };
    this.state = this.world.initial.clone();
  }

  get won(): boolean {
    return this.wonNow;
  }

  get task(): string {
    return this.world.game.task;
  }

  /** Restarts the game and returns the intro, banner included. */
  reset(): string {
    this.state = this.world.initial.clone();
    this.invalidate();
    return `${BANNER}\n\n${this.lookText(true)}\n\nYour task is to: ${this.task}`;
  }

  /** Plays one command and returns the game's feedback. */
  step(command: string): string {
    const act = this.commandMap().get(pyStrip(command));
    if (!act) return NOTHING_HAPPENS;
    this.apply(act);
    this.invalidate();
    return this.feedback(act);
  }

  /** The admissible commands, deduplicated and sorted in code-unit order as upstream does. */
  admissibleCommands(): string[] {
    if (!this.sorted) this.sorted = [...this.commandMap().keys()].sort();
    return this.sorted;
  }

  snapshot(): EngineSnapshot {
    return { state: this.state.clone(), won: this.wonNow };
  }

  restore(snap: EngineSnapshot): void {
    this.state = snap.state.clone();
    this.actions = undefined;
    this.sorted = undefined;
    this.wonNow = snap.won;
  }

  /** The current world state (read-only use: initial-state text, experts, tests). */
  get current(): WorldState {
    return this.state;
  }

  private invalidate(): void {
    this.actions = undefined;
    this.sorted = undefined;
    this.wonNow = this.goal.check(this.state);
  }

  private name(i: number): string {
    return this.world.names[i]!;
  }

  private commandMap(): Map<string, Act> {
    if (this.actions) return this.actions;
    const w = this.world;
    const s = this.state;
    const n = w.ids.length;
    const m = new Map<string, Act>();
    const add = (cmd: string, act: Act) => {
      if (!m.has(cmd)) m.set(cmd, act);
    };
    add("look", { kind: "look" });
    add("inventory", { kind: "inventory" });
    if (this.format === "new") add("help", { kind: "help" });
    const here = s.agentLoc;
    for (const r of w.receptacles) {
      const l = w.recepLoc[r]!;
      // GotoLocation(L, L) is a no-op operator that Fast Downward drops: no "go to" a receptacle here.
      if (l >= 0 && l !== here) add(`go to ${this.name(r)}`, { kind: "goto", r });
    }
    const held = s.held;
    const heldType = held >= 0 ? w.objType[held]! : -1;
    for (const r of w.recepsAt.get(here) ?? []) {
      const rn = this.name(r);
      add(`examine ${rn}`, { kind: "examineR", r });
      const openable = w.openable[r] === 1;
      if (openable) {
        if (s.opened[r]) add(`close ${rn}`, { kind: "close", r });
        else add(`open ${rn}`, { kind: "open", r });
      }
      const accessible = !openable || s.opened[r] === 1;
      const contents = s.contents.get(r) ?? [];
      if (held < 0 && accessible) {
        for (const o of contents) {
          if (w.pickupable[o]) add(`take ${this.name(o)} from ${rn}`, { kind: "take", o, r });
        }
      }
      for (const o of contents) if (w.toggleable[o]) add(`use ${this.name(o)}`, { kind: "use", o });
      if (held >= 0) {
        const hn = this.name(held);
        const rt = w.recepType[r]!;
        if (accessible && heldType >= 0 && rt >= 0 && w.canContain.has(rt * n + heldType)) {
          add(this.format === "new" ? `move ${hn} to ${rn}` : `put ${hn} in/on ${rn}`, {
            kind: "put",
            o: held,
            r,
          });
        }
        if (w.heatable[held] && rt === this.t.microwave)
          add(`heat ${hn} with ${rn}`, { kind: "heat", o: held, r });
        if (w.coolable[held] && rt === this.t.fridge)
          add(`cool ${hn} with ${rn}`, { kind: "cool", o: held, r });
        if (w.cleanable[held] && (rt === this.t.sink || rt === this.t.sinkbasin))
          add(`clean ${hn} with ${rn}`, { kind: "clean", o: held, r });
      }
    }
    if (held >= 0) {
      const hn = this.name(held);
      add(`examine ${hn}`, { kind: "examineO", o: held });
      if (heldType === this.t.knife || heldType === this.t.butterknife) {
        for (const o of w.objects) {
          if (w.sliceable[o] && s.objAt.has(o * n + here))
            add(`slice ${this.name(o)} with ${hn}`, { kind: "slice", o, k: held });
        }
      }
    }
    this.actions = m;
    return m;
  }

  private apply(act: Act): void {
    const s = this.state;
    const n = this.world.ids.length;
    switch (act.kind) {
      case "goto":
        s.agentLoc = this.world.recepLoc[act.r]!;
        break;
      case "open":
        s.opened[act.r] = 1;
        break;
      case "close":
        s.opened[act.r] = 0;
        break;
      case "take":
        s.takeOut(act.o, act.r);
        s.notInRecep.add(act.o * n + act.r);
        s.objAt.delete(act.o * n + s.agentLoc);
        s.held = act.o;
        break;
      case "put":
        s.putIn(act.o, act.r);
        s.notInRecep.delete(act.o * n + act.r);
        s.objAt.add(act.o * n + s.agentLoc);
        s.held = -1;
        break;
      case "heat":
        s.hot[act.o] = 1;
        s.cool[act.o] = 0;
        break;
      case "cool":
        s.cool[act.o] = 1;
        s.hot[act.o] = 0;
        break;
      case "clean":
        s.clean[act.o] = 1;
        break;
      case "use":
        s.on[act.o] = s.on[act.o] ? 0 : 1;
        s.toggled[act.o] = 1;
        break;
      case "slice":
        s.sliced[act.o] = 1;
        break;
      default:
        break;
    }
  }

  private feedback(act: Act): string {
    switch (act.kind) {
      case "look":
        return this.lookText(false);
      case "inventory":
        return this.state.held >= 0
          ? `You are carrying: a ${this.name(this.state.held)}.`
          : "You are not carrying anything.";
      case "help":
        return HELP_TEXT;
      case "goto": {
        const where = this.format === "new" ? this.name(act.r) : this.name(this.world.recepLoc[act.r]!);
        return `You arrive at ${where}. ${this.receptacleText(act.r)}`;
      }
      case "open":
        return `You open the ${this.name(act.r)}. ${this.receptacleText(act.r)}`;
      case "close":
        return `You close the ${this.name(act.r)}.`;
      case "examineR":
        return this.receptacleText(act.r);
      case "examineO":
        return this.objectText(act.o);
      case "take":
        return `You pick up the ${this.name(act.o)} from the ${this.name(act.r)}.`;
      case "put":
        return this.format === "new"
          ? `You move the ${this.name(act.o)} to the ${this.name(act.r)}.`
          : `You put the ${this.name(act.o)} in/on the ${this.name(act.r)}.`;
      case "heat":
        return `You heat the ${this.name(act.o)} using the ${this.name(act.r)}.`;
      case "cool":
        return `You cool the ${this.name(act.o)} using the ${this.name(act.r)}.`;
      case "clean":
        return `You clean the ${this.name(act.o)} using the ${this.name(act.r)}.`;
      case "use":
        // isToggled is only ever added, so the "turn off" branch of the grammar is unreachable.
        return `You turn on the ${this.name(act.o)}.`;
      case "slice":
        return `You sliced the ${this.name(act.o)} with the ${this.name(act.k)}.`;
    }
  }

  /** `examineReceptacle.feedback`. */
  receptacleText(r: number): string {
    const rn = this.name(r);
    if (this.world.openable[r]) {
      if (!this.state.opened[r]) return `The ${rn} is closed.`;
      return `The ${rn} is open. In it, you see ${this.contentsText(r)}.`;
    }
    return `On the ${rn}, you see ${this.contentsText(r)}.`;
  }

  private contentsText(r: number): string {
    return listText((this.state.contents.get(r) ?? []).map((o) => `a ${this.name(o)}`));
  }

  /** `examineObject.feedback`, first matching rule. */
  private objectText(o: number): string {
    const w = this.world;
    const s = this.state;
    const on = this.name(o);
    if (w.receptacleObject[o]) {
      return `This is a normal ${on}. In it, you see ${listText((w.innerObjects.get(o) ?? []).map((i) => `a ${this.name(i)}`))}.`;
    }
    const clean = s.clean[o] === 1;
    const hot = s.hot[o] === 1;
    const cool = s.cool[o] === 1;
    const sliced = s.sliced[o] === 1;
    if (sliced) {
      if (clean && hot) return `This is a hot and clean sliced ${on}.`;
      if (clean && cool) return `This is a cool and clean sliced ${on}.`;
      if (clean) return `This is a clean sliced ${on}.`;
      if (hot) return `This is a hot sliced ${on}.`;
      if (cool) return `This is a cool sliced ${on}.`;
    }
    if (clean && hot) return `This is a hot and clean ${on}.`;
    if (clean && cool) return `This is a cool and clean ${on}.`;
    if (hot) return `This is a hot ${on}.`;
    if (clean) return `This is a clean ${on}.`;
    if (cool) return `This is a cold ${on}.`;
    if (w.toggleable[o] && s.toggled[o]) return `This ${on} is on.`;
    if (w.sliceable[o] && sliced) return `This is a sliced ${on}.`;
    return `There's nothing special about ${on}.`;
  }

  /**
   * `look.feedback`. At reset (`intro`) no variable is bound, so the "middle of a room" sentence lists
   * every receptacle; for the `look` action the location is bound to the agent's, where the start spot
   * has no receptacle, so upstream then lists "nothing".
   */
  private lookText(intro: boolean): string {
    const w = this.world;
    const s = this.state;
    const here = w.recepsAt.get(s.agentLoc) ?? [];
    if (here.length > 0) {
      const n = w.ids.length;
      const floor: string[] = [];
      for (const o of w.objects) {
        if (!s.objAt.has(o * n + s.agentLoc)) continue;
        for (const r of here) if (s.notInRecep.has(o * n + r)) floor.push(`a ${this.name(o)}`);
      }
      return `You are facing the ${listText(here.map((r) => this.name(r)))}. Next to it, you see ${listText(floor)}.`;
    }
    const all = intro ? w.receptacles.filter((r) => w.recepLoc[r]! >= 0) : here;
    return `You are in the middle of a room. Looking quickly around you, you see ${listText(all.map((r) => `a ${this.name(r)}`))}.`;
  }
}
