/**
 * ALFWorld games for tests: the shared release zip imported once (by test/global-setup.ts) into the
 * product's own data layout under .cache/test-data, exactly as `wordworld data pull alfworld --from`
 * would. Returns undefined (test skipped) when the shared data is absent outside CI.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { hasShared, TEST_DATA_ROOT } from "./shared-data.js";

export const ALFWORLD_TEST_ROOT = join(TEST_DATA_ROOT, "alfworld");

export function alfworldData(): string | undefined {
  if (!hasShared("alfworld", "json_2.1.1_tw-pddl.zip")) return undefined;
  if (!existsSync(join(ALFWORLD_TEST_ROOT, "json_2.1.1")))
    throw new Error(
      `ALFWorld test data was not imported into ${ALFWORLD_TEST_ROOT} (see test/global-setup.ts)`,
    );
  return ALFWORLD_TEST_ROOT;
}

/** A game file of the imported data, by split folder / task folder / trial. */
export function gamePath(root: string, split: string, task: string, trial: string): string {
  return join(root, "json_2.1.1", split, task, trial, "game.tw-pddl");
}
