/**
 * ALFWorld engine throughput: steps per second of step() plus the sorted admissible-command list after
 * every step (what an AgentGym server computes), on one core, over the 200 test games with seeded random
 * admissible actions. Upstream ALFWorld (TextWorld + Fast Downward) runs about 10–15 steps/s.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { AlfworldEngine } from "../src/envs/alfworld/engine.js";
import { loadGameFile } from "../src/envs/alfworld/game-file.js";
import { AlfworldCatalog } from "../src/envs/alfworld/splits.js";
import { World } from "../src/envs/alfworld/world.js";
import { mulberry32 } from "../src/util/mulberry32.js";

export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  detail?: string;
}

export function benchAlfworld(alfworldRoot: string): BenchResult[] {
  const items = new AlfworldCatalog(alfworldRoot).items("test").filter((i) => existsSync(i.path));
  const t0 = performance.now();
  const worlds = items.map((i) => new World(loadGameFile(i.path)));
  const loadMs = (performance.now() - t0) / worlds.length;
  const rand = mulberry32(1);
  const results: BenchResult[] = [];
  for (const format of ["new", "classic"] as const) {
    const engines = worlds.map((w) => new AlfworldEngine(w, format));
    let steps = 0;
    let resets = 0;
    const run = (budgetMs: number) => {
      const start = performance.now();
      let n = 0;
      while (performance.now() - start < budgetMs) {
        for (const e of engines) {
          e.reset();
          resets++;
          for (let k = 0; k < 50; k++) {
            const acts = e.admissibleCommands();
            e.step(acts[Math.floor(rand() * acts.length)]!);
            n++;
            if (e.won) break;
          }
        }
      }
      return { n, ms: performance.now() - start };
    };
    run(300); // warm-up
    resets = 0;
    const { n, ms } = run(3000);
    steps = n;
    const rate = steps / (ms / 1000);
    results.push({
      name: `alfworld engine steps/s (${format} format, incl. admissible list)`,
      value: Math.round(rate),
      unit: "steps/s",
      detail: `${steps} steps, ${resets} episodes over ${engines.length} games; ×${(rate / 12.5).toFixed(0)} upstream (~12.5 steps/s); target ≥ 20,000 → ${(rate / 20000).toFixed(2)}× target`,
    });
  }
  results.push({ name: "alfworld game load + compile", value: Number(loadMs.toFixed(2)), unit: "ms/game" });
  return results;
}

export function findAlfworldRoot(dataRoot: string, projectRoot: string): string | undefined {
  for (const dir of [join(dataRoot, "alfworld"), join(projectRoot, ".cache", "test-data", "alfworld")]) {
    if (existsSync(join(dir, "splits", "mappings_test.json"))) return dir;
  }
  return undefined;
}
