/** `npm run bench`: every benchmark, reported as rates and ratios (never asserted by tests). */
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { dataRoot } from "../src/util/data-root.js";

import { benchAlfworld, findAlfworldRoot, type BenchResult } from "./alfworld.js";
import { benchTextworld } from "./textworld.js";
import { benchToolbenchServer } from "./toolbench-server.js";
import { benchWebshopEpisodes } from "./webshop-episodes.js";
import { benchWebshopSearch } from "./webshop-search.js";
import { benchWorldModel } from "./world-model.js";

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const results: BenchResult[] = [];
const alfRoot = findAlfworldRoot(dataRoot(process.argv[2]), projectRoot);
if (alfRoot) {
  results.push(...benchAlfworld(alfRoot));
  results.push(...(await benchWorldModel(dirname(alfRoot))));
} else console.log("alfworld: no data (run `wordworld data pull alfworld` or the tests once); skipped");
results.push(...(await benchToolbenchServer(dataRoot(process.argv[2]))));
results.push(...(await benchWebshopSearch(dataRoot(process.argv[2]))));
results.push(...(await benchWebshopEpisodes(dataRoot(process.argv[2]))));
results.push(...benchTextworld(dataRoot(process.argv[2])));
for (const r of results) console.log(`${r.name}: ${r.value} ${r.unit}${r.detail ? `  (${r.detail})` : ""}`);
