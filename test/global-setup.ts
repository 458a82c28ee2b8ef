/**
 * Imports the shared ALFWorld release zip and split mappings once into .cache/test-data, through the
 * product's own importer (what `wordworld data pull alfworld --from ../shared/data/alfworld` does). A
 * marker records the zip's size and mtime so later runs reuse the import.
 */
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pullAlfworld } from "../src/envs/alfworld/data.js";
import { hasShared, sharedPath, TEST_DATA_ROOT } from "./shared-data.js";

export default async function setup(): Promise<void> {
  if (!hasShared("alfworld", "json_2.1.1_tw-pddl.zip")) return;
  const zip = sharedPath("alfworld", "json_2.1.1_tw-pddl.zip");
  const st = statSync(zip);
  const stamp = `${st.size}:${st.mtimeMs}`;
  const marker = join(TEST_DATA_ROOT, "alfworld", ".imported");
  if (existsSync(marker) && readFileSync(marker, "utf8") === stamp) return;
  const t0 = Date.now();
  const r = await pullAlfworld(TEST_DATA_ROOT, sharedPath("alfworld"), () => {});
  writeFileSync(marker, stamp);
  console.log(
    `imported ${r.games} ALFWorld games and ${r.mappings.length} split mappings in ${Date.now() - t0} ms`,
  );
}
