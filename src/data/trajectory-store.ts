/**
 * A run directory's trajectories.jsonl: one Trajectory per line, append-only.
 *
 * - Reading validates every line with zod; a bad line is an error naming the file and line number. A
 *   truncated last line (a crash mid-write: no final newline and not valid JSON) is skipped with a
 *   warning, never an error.
 * - Appending validates the record, then writes it through appendJsonl (one append per line; a tail left
 *   by a crash is repaired first).
 */
import { existsSync, mkdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { TrajectorySchema, type Trajectory } from "../protocol/trajectory.js";
import { appendJsonl, readJsonl } from "../util/jsonl.js";

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
  appendJsonl(path, t, warn);
}
