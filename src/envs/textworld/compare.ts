/**
 * Lockstep comparison of the native TextWorld engine (`session.ts`) with the ifvms oracle (`zmachine.ts`)
 * on real games: every `*.json` in a directory that has a sibling `.z8`.
 *
 * Per game, two phases, each from a fresh start of both sides (the opening text is step 0 of each phase):
 * - walkthrough: `metadata.walkthrough` of the json, command by command;
 * - random: `randomSteps` commands, each drawn uniformly from the native engine's `admissibleCommands()`
 *   with mulberry32 seeded by `seed` and the game's file name (so a game's walk does not depend on which
 *   other games run). When either side's game ends (won or lost), both sides are started afresh (that
 *   opening is compared too, as a step with command `(start)`), so a phase always has `randomSteps`
 *   commands.
 * A step matches when `normaliseObservation` (see normalise.ts) gives the same text on both sides. After
 * a mismatch the phase goes on (the states may have diverged; later steps then count as they fall).
 * `raw_matched` counts the steps whose native text equals ifvms's reply byte for byte once the echo and
 * the final prompt are removed; `status_matched` the steps whose score and moves equal ifvms's status line
 * (steps where the game has ended are not checked: Inform does not redraw the status line then).
 */
import { existsSync, readdirSync } from "node:fs";
import { basename, join } from "node:path";
import { mulberry32 } from "../../util/mulberry32.js";
import { loadTextWorldGame, type TextWorldGame } from "./game-file.js";
import { TextWorldSession } from "./session.js";
import { ZMachineGame } from "./zmachine.js";
import { normaliseObservation, normaliseOracleReply, parseStatusLine, rawOracleText } from "./normalise.js";

export interface CompareOptions {
  /** Random admissible commands per game (after the walkthrough phase). */
  randomSteps: number;
  seed: number;
  /** Whether to play the walkthrough phase (default true). */
  walkthrough?: boolean;
}

export interface StepMismatch {
  phase: "walkthrough" | "random";
  /** Index of the step within the game's steps (0 = the opening of the walkthrough phase). */
  step: number;
  command: string;
  /** The native text, and ifvms's reply without the echo and the final prompt (not normalised). */
  native: string;
  oracle: string;
}

export interface GameComparison {
  game: string;
  steps: number;
  matched: number;
  raw_matched: number;
  status_checked: number;
  status_matched: number;
  walkthrough_steps: number;
  /** Whether the native engine reported won after the walkthrough, and the oracle printed "*** The End ***". */
  walkthrough_won: { native: boolean; oracle: boolean };
  random_steps: number;
  restarts: number;
  oracle_ms: number;
  native_ms: number;
  first_mismatch?: StepMismatch;
  /** The first step whose texts differ before normalisation (byte-faithfulness to ifvms). */
  first_raw_mismatch?: StepMismatch;
  first_status_mismatch?: { step: number; command: string; native: string; oracle: string };
}

export interface CompareSummary {
  games: number;
  matched_steps: number;
  total_steps: number;
  raw_matched_steps: number;
  /** Time spent in ifvms (starts included), and the resulting steps per second. */
  oracle_ms: number;
  oracle_steps_per_s: number;
}

/** A fresh ifvms session (only the one started last in a process is live; see zmachine.ts). */
export function openOracle(z8Path: string): { game: ZMachineGame; opening: string } {
  const game = new ZMachineGame(z8Path);
  const opening = game.start();
  return { game, opening };
}

/** The games of a directory: every `*.json` with a sibling `.z8`, sorted by name. */
export function listGames(dir: string): { json: string; z8: string; name: string }[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => ({
      json: join(dir, f),
      z8: join(dir, f.replace(/\.json$/, ".z8")),
      name: f.replace(/\.json$/, ""),
    }))
    .filter((g) => existsSync(g.z8));
}

/** FNV-1a of a string, to give each game its own random stream. */
function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h >>> 0;
}

function errorText(e: unknown): string {
  return `[error: ${e instanceof Error ? e.message : String(e)}]`;
}

class Lockstep {
  native!: TextWorldSession;
  oracle!: ZMachineGame;
  private loaded = false;
  /** Whether the oracle's last reply was the end-of-game question (won or lost). */
  oracleEnded = false;
  oracleMs = 0;
  nativeMs = 0;
  oracleSteps = 0;

  constructor(
    private readonly game: TextWorldGame,
    private readonly z8: string,
  ) {}

  /**
   * Starts both sides afresh; returns the two openings (native, oracle raw). The oracle is loaded once per
   * game and later restarted with RESTART (confirmed with "y" mid-game): its reply is byte-identical to the
   * first opening and costs a fifth of a fresh load.
   */
  start(): { native: string; oracle: string } {
    let t = performance.now();
    let opening: string;
    if (!this.loaded || this.oracle.finished) {
      this.loaded = true;
      const o = openOracle(this.z8);
      this.oracle = o.game;
      opening = o.opening;
    } else {
      opening = this.oracle.send("restart");
      if (/^(restart\n)?Are you sure you want to restart\? $/.test(opening)) opening = this.oracle.send("y");
    }
    this.oracleEnded = false;
    this.oracleMs += performance.now() - t;
    t = performance.now();
    let native: string;
    try {
      this.native = new TextWorldSession(this.game);
      native = this.native.start();
    } catch (e) {
      native = errorText(e);
    }
    this.nativeMs += performance.now() - t;
    return { native, oracle: opening };
  }

  step(command: string): { native: string; oracle: string } {
    let t = performance.now();
    let oracle: string;
    try {
      oracle = this.oracle.finished ? "" : this.oracle.send(command);
      this.oracleEnded = /\n> $/.test(oracle);
      this.oracleSteps++;
    } catch (e) {
      oracle = errorText(e);
    }
    this.oracleMs += performance.now() - t;
    t = performance.now();
    let native: string;
    try {
      native = this.native.step(command);
    } catch (e) {
      native = errorText(e);
    }
    this.nativeMs += performance.now() - t;
    return { native, oracle };
  }
}

/** Compares one game (json + z8) in the two phases described at the top of this file. */
export function compareGame(jsonPath: string, z8Path: string, opts: CompareOptions): GameComparison {
  const name = basename(jsonPath).replace(/\.json$/, "");
  const game = loadTextWorldGame(jsonPath);
  const ls = new Lockstep(game, z8Path);
  const r: GameComparison = {
    game: name,
    steps: 0,
    matched: 0,
    raw_matched: 0,
    status_checked: 0,
    status_matched: 0,
    walkthrough_steps: 0,
    walkthrough_won: { native: false, oracle: false },
    random_steps: 0,
    restarts: 0,
    oracle_ms: 0,
    native_ms: 0,
  };

  const record = (
    phase: StepMismatch["phase"],
    command: string | null,
    native: string,
    oracleRaw: string,
  ) => {
    const step = r.steps++;
    const n = normaliseObservation(native);
    const o = normaliseOracleReply(oracleRaw, command);
    const raw = rawOracleText(oracleRaw, command);
    if (n === o) r.matched++;
    else r.first_mismatch ??= { phase, step, command: command ?? "(start)", native, oracle: raw };
    if (native === raw) r.raw_matched++;
    else r.first_raw_mismatch ??= { phase, step, command: command ?? "(start)", native, oracle: raw };
    const ended = ls.oracle.finished || /\n> $/.test(oracleRaw);
    const status = parseStatusLine(ls.oracle.statusLine());
    if (!ended && status && ls.native) {
      r.status_checked++;
      let nat: string;
      try {
        nat = `${ls.native.location} ${ls.native.score}/${ls.native.moves}`;
      } catch (e) {
        nat = errorText(e);
      }
      const ora = `${status.room} ${status.score}/${status.moves}`;
      if (nat === ora) r.status_matched++;
      else r.first_status_mismatch ??= { step, command: command ?? "(start)", native: nat, oracle: ora };
    }
    return n === o;
  };

  if (opts.walkthrough !== false) {
    const open = ls.start();
    record("walkthrough", null, open.native, open.oracle);
    let last = "";
    for (const cmd of game.walkthrough) {
      const s = ls.step(cmd);
      last = s.oracle;
      record("walkthrough", cmd, s.native, s.oracle);
      r.walkthrough_steps++;
    }
    r.walkthrough_won = { native: safeBool(() => ls.native.won), oracle: last.includes("*** The End ***") };
  }

  const rand = mulberry32((opts.seed ^ hash32(name)) >>> 0);
  let open = ls.start();
  record("random", null, open.native, open.oracle);
  for (let i = 0; i < opts.randomSteps; i++) {
    if (safeBool(() => ls.native.done) || ls.oracleEnded || ls.oracle.finished) {
      r.restarts++;
      open = ls.start();
      record("random", null, open.native, open.oracle);
    }
    let choices: string[];
    try {
      choices = ls.native.admissibleCommands();
    } catch {
      choices = [];
    }
    if (choices.length === 0) choices = ["look"];
    const cmd = choices[Math.floor(rand() * choices.length)]!;
    const s = ls.step(cmd);
    record("random", cmd, s.native, s.oracle);
    r.random_steps++;
  }
  r.oracle_ms = Math.round(ls.oracleMs);
  r.native_ms = Math.round(ls.nativeMs);
  return r;
}

function safeBool(f: () => boolean): boolean {
  try {
    return f();
  } catch {
    return false;
  }
}

/** Compares every game of `dir`; `onGame` sees each game's result as it is done. */
export function compareGames(
  dir: string,
  opts: CompareOptions,
  onGame?: (g: GameComparison) => void,
): { games: GameComparison[]; summary: CompareSummary } {
  const games: GameComparison[] = [];
  for (const g of listGames(dir)) {
    const res = compareGame(g.json, g.z8, opts);
    games.push(res);
    onGame?.(res);
  }
  return { games, summary: summarise(games) };
}

export function summarise(games: GameComparison[]): CompareSummary {
  const total = games.reduce((s, g) => s + g.steps, 0);
  const ms = games.reduce((s, g) => s + g.oracle_ms, 0);
  return {
    games: games.length,
    matched_steps: games.reduce((s, g) => s + g.matched, 0),
    total_steps: total,
    raw_matched_steps: games.reduce((s, g) => s + g.raw_matched, 0),
    oracle_ms: ms,
    oracle_steps_per_s: ms > 0 ? Math.round((total / ms) * 1000) : 0,
  };
}
