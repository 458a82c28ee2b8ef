/**
 * A run directory's trajectories.jsonl: one Trajectory per line, append-only.
 *
 * - Reading validates every line with zod; a bad line is an error naming the file and line number. A
 *   truncated last line (a crash mid-write: no final newline and not valid JSON) is skipped with a
 *   warning, never an error.
 * - Appending writes one record with a single appendFileSync of line + "\n", so concurrent writers in one
 *   process never interleave. Before appending, a tail left by a crash is repaired: a complete record that
 *   lacks only its newline gets one, a truncated record is cut off (with a warning) — otherwise the next
 *   record would be glued to it and the file would become unreadable.
 */
import {
  appendFileSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  statSync,
  truncateSync,
} from "node:fs";
import { join } from "node:path";
import { TrajectorySchema, type Trajectory } from "../protocol/trajectory.js";
import { readJsonl } from "../util/jsonl.js";

export const TRAJECTORIES_FILE = "trajectories.jsonl";

/** The trajectories file of a run directory (a path to a .jsonl file is taken as the file itself). */
export function trajectoriesFile(runDir: string): string {
  if (runDir.endsWith(".jsonl") && existsSync(runDir) && statSync(runDir).isFile()) return runDir;
  return join(runDir, TRAJECTORIES_FILE);
}

export interface ReadOptions {
  /** Receives the truncated-last-line warning (default console.warn). */
  warn?: (message: string) => void;
  /** Return [] instead of failing when the run has no trajectories file yet. */
  missingOk?: boolean;
}

/** All trajectories of a run directory, in file order. */
export function readTrajectories(runDir: string, options: ReadOptions = {}): Trajectory[] {
  const path = trajectoriesFile(runDir);
  if (!existsSync(path)) {
    if (options.missingOk) return [];
    throw new Error(`${path}: no such file (is ${runDir} a wordworld run directory with trajectories?)`);
  }
  return readJsonl(path, TrajectorySchema, options.warn ?? console.warn);
}

/** Makes a file that a crash left without a final newline safe to append to. */
function repairTail(path: string, warn: (message: string) => void): void {
  if (!existsSync(path)) return;
  const size = statSync(path).size;
  if (size === 0) return;
  const last = Buffer.alloc(1);
  const fd = openSync(path, "r");
  try {
    readSync(fd, last, 0, 1, size - 1);
  } finally {
    closeSync(fd);
  }
  if (last[0] === 0x0a) return;
  // Rare path (only after a crash): look at the whole unterminated last line.
  const buf = readFileSync(path);
  const start = buf.lastIndexOf(0x0a) + 1;
  const tail = buf.subarray(start).toString("utf8");
  let complete = false;
  try {
    complete = TrajectorySchema.safeParse(JSON.parse(tail)).success;
  } catch {
    complete = false;
  }
  if (complete) {
    appendFileSync(path, "\n");
  } else {
    warn(
      `${path}:${buf.subarray(0, start).toString("utf8").split("\n").length}: removing a truncated last line (interrupted write) before appending`,
    );
    truncateSync(path, start);
  }
}

/** Appends one trajectory (validated first, so nothing unreadable is ever persisted) as one JSON line. */
export function appendTrajectory(
  runDir: string,
  t: Trajectory,
  warn: (message: string) => void = console.warn,
): void {
  const parsed = TrajectorySchema.safeParse(t);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(
      `refusing to append an invalid trajectory to ${runDir}: field '${issue.path.join(".")}': ${issue.message}`,
    );
  }
  mkdirSync(runDir, { recursive: true });
  const path = join(runDir, TRAJECTORIES_FILE);
  repairTail(path, warn);
  appendFileSync(path, JSON.stringify(t) + "\n");
}
