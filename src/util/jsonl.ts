/**
 * Append-only JSON Lines. Each record is written with one append of "line\n", so records never
 * interleave within a process and a crash can only truncate the last line — which readers skip (with a
 * warning) instead of failing; any other bad line is an error naming the file and line.
 */
import { appendFileSync, existsSync, readFileSync } from "node:fs";
import type { z } from "zod";

export function appendJsonl(path: string, record: unknown): void {
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
