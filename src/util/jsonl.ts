/**
 * Append-only JSON Lines. Each record is written with one append of "line\n", so records never
 * interleave within a process and a crash can only truncate the last line — which readers skip (with a
 * warning) instead of failing; any other bad line is an error naming the file and line.
 */
import {
  appendFileSync,
  closeSync,
  existsSync,
  openSync,
  readFileSync,
  readSync,
  statSync,
  truncateSync,
} from "node:fs";
import type { z } from "zod";

/**
 * Makes a file that a crash left without a final newline safe to append to: a complete last record gets
 * its newline, a truncated one is cut off (with a warning). Otherwise the next record would be glued to
 * it and the file would become unreadable.
 */
function repairTail(path: string, warn: (m: string) => void): void {
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
  const buf = readFileSync(path);
  const start = buf.lastIndexOf(0x0a) + 1;
  try {
    JSON.parse(buf.subarray(start).toString("utf8"));
    appendFileSync(path, "\n");
  } catch {
    const line = buf.subarray(0, start).toString("utf8").split("\n").length;
    warn(`${path}:${line}: removing a truncated last line (interrupted write) before appending`);
    truncateSync(path, start);
  }
}

export function appendJsonl(path: string, record: unknown, warn: (m: string) => void = console.warn): void {
  // A one-byte read per append; cheap next to the episode that produced the record.
  repairTail(path, warn);
  appendFileSync(path, JSON.stringify(record) + "\n");
}

export function readJsonl<S extends z.ZodType>(
  path: string,
  schema: S,
  warn: (m: string) => void = console.warn,
): z.infer<S>[] {
  if (!existsSync(path)) return [];
  const text = readFileSync(path, "utf8");
  const lines = text.split("\n");
  const complete = text.endsWith("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  const out: z.infer<S>[] = [];
  lines.forEach((line, i) => {
    const last = i === lines.length - 1;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch (e) {
      if (last && !complete) {
        warn(`${path}:${i + 1}: skipping a truncated last line (interrupted write)`);
        return;
      }
      throw new Error(`${path}:${i + 1}: not valid JSON: ${(e as Error).message}`);
    }
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new Error(`${path}:${i + 1}: field '${issue.path.join(".")}': ${issue.message}`);
    }
    out.push(parsed.data);
  });
  return out;
}
