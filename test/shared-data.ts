/**
 * The one way tests find ../shared: WORDWORLD_SHARED, else ../shared beside the project. Outside CI a
 * test whose data is absent is skipped with a message; under CI=true absence fails the run.
 */
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const SHARED_ROOT = resolve(process.env.WORDWORLD_SHARED ?? join(PROJECT_ROOT, "..", "shared"));
/** Where tests import shared data into the product's own data layout (gitignored). */
export const TEST_DATA_ROOT = join(PROJECT_ROOT, ".cache", "test-data");

export function sharedPath(...parts: string[]): string {
  return join(SHARED_ROOT, "data", ...parts);
}

/** Returns whether the shared data is there; under CI its absence throws instead. */
export function hasShared(...parts: string[]): boolean {
  const p = sharedPath(...parts);
  if (existsSync(p)) return true;
  const msg = `shared data missing: ${p} (set WORDWORLD_SHARED or place ../shared beside the project)`;
  if (process.env.CI === "true") throw new Error(msg);
  console.warn(`skipping: ${msg}`);
  return false;
}
