/**
 * A run directory: manifest.json (what was run, with which versions, models, seeds and splits), then
 * append-only JSONL records, results.json, report.md and plots/. Re-running the same command resumes:
 * the manifest must describe the same run, and records already written are skipped, never redone.
 */
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { writeFileAtomic } from "../util/write-file.js";
import { join } from "node:path";
import { z } from "zod";
import { VERSION } from "../version.js";

export const ManifestSchema = z.object({
  kind: z.enum(["collect", "eval-step", "eval-rollout"]),
  /** What identifies the run: a resumed run must match exactly. */
  identity: z.record(z.string(), z.unknown()),
  command: z.array(z.string()),
  version: z.string(),
  node: z.string(),
  created_at: z.string(),
  resumed_at: z.array(z.string()).default([]),
});
export type Manifest = z.infer<typeof ManifestSchema>;

function stable(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === "object" && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : x,
  );
}

export function writeJsonAtomic(path: string, value: unknown): void {
  writeFileAtomic(path, JSON.stringify(value, null, 2) + "\n");
}

/** Creates or resumes a run directory; returns whether it resumed. */
export function openRunDir(
  dir: string,
  kind: Manifest["kind"],
  identity: Record<string, unknown>,
): { resumed: boolean } {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, "manifest.json");
  const now = new Date().toISOString();
  if (existsSync(path)) {
    const parsed = ManifestSchema.safeParse(JSON.parse(readFileSync(path, "utf8")));
    if (!parsed.success)
      throw new Error(`${path}: not a wordworld run manifest (${parsed.error.issues[0]!.message})`);
    const m = parsed.data;
    if (m.kind !== kind || stable(m.identity) !== stable(identity))
      throw new Error(
        `${dir} holds a different run (${m.kind} ${stable(m.identity)}); use another --out to start this one (${kind} ${stable(identity)})`,
      );
    writeJsonAtomic(path, { ...m, resumed_at: [...m.resumed_at, now] });
    return { resumed: true };
  }
  const manifest: Manifest = {
    kind,
    identity,
    command: process.argv.slice(2),
    version: VERSION,
    node: process.version,
    created_at: now,
    resumed_at: [],
  };
  writeJsonAtomic(path, manifest);
  return { resumed: false };
}

export function readManifest(dir: string): Manifest {
  const path = join(dir, "manifest.json");
  if (!existsSync(path)) throw new Error(`${dir}: no manifest.json (not a wordworld run directory)`);
  const parsed = ManifestSchema.safeParse(JSON.parse(readFileSync(path, "utf8")));
  if (!parsed.success) throw new Error(`${path}: ${parsed.error.issues[0]!.message}`);
  return parsed.data;
}
