/**
 * StableToolBench's released response cache (Hugging Face stabletoolbench/Cache, `server_cache.zip`), in
 * its on-disk layout `tool_response_cache/<Category>/<tool>_for_<Category>/<api>.json`: one JSON object
 * per API whose keys are Python's `str()` of the argument dict and whose values are the stored replies.
 * Its entries mix real responses with GPT-simulated ones that upstream does not tell apart, so they are
 * loaded as source "recorded", never "real".
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseJson, parsePyLiteral, tryParse } from "./py-literal.js";
import type { ResponseCache } from "./response-cache.js";

export interface StbCacheReport {
  files: number;
  entries: number;
  /** Keys that are not a Python literal, or files that are not a JSON object. */
  skipped: number;
}

const dirs = (d: string) =>
  readdirSync(d, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();

export function addStbCache(cache: ResponseCache, dir: string): StbCacheReport {
  const r: StbCacheReport = { files: 0, entries: 0, skipped: 0 };
  if (!existsSync(dir)) return r;
  for (const category of dirs(dir))
    for (const toolDir of dirs(join(dir, category)))
      for (const name of readdirSync(join(dir, category, toolDir))
        .filter((f) => f.endsWith(".json"))
        .sort()) {
        r.files++;
        const file = join(dir, category, toolDir, name);
        const body = tryParse(parseJson, readFileSync(file, "utf8"));
        if (!(body instanceof Map)) {
          r.skipped++;
          continue;
        }
        for (const [key, value] of body) {
          const args = typeof key === "string" ? tryParse(parsePyLiteral, key) : undefined;
          const call = {
            category,
            tool_name: toolDir,
            api_name: name.slice(0, -5),
            tool_input: args ?? null,
          };
          if (args !== undefined && cache.addReal(call, value, "recorded")) r.entries++;
          else r.skipped++;
        }
      }
  return r;
}
