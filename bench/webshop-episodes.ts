/** End-to-end WebShop steps per second: the planner expert over all 6,910 goals (search, pages, reward). */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { webshop } from "../src/envs/webshop/index.js";
import type { BenchResult } from "./alfworld.js";
import { findWebshopData } from "./webshop-search.js";
import { WEBSHOP_GOAL_COUNT } from "../src/envs/webshop/splits.js";

export async function benchWebshopEpisodes(dataRoot: string | undefined): Promise<BenchResult[]> {
  const dir = findWebshopData(dataRoot);
  if (!dir) return [];
  const root = mkdtempSync(join(tmpdir(), "ww-bench-webshop-"));
  try {
    await webshop.pull(root, dir, () => {});
    webshop.openItem(root, 0, {}); // load products, goals and the index outside the timing
    let steps = 0;
    let successes = 0;
    const t0 = performance.now();
    for (let id = 0; id < WEBSHOP_GOAL_COUNT; id++) {
      const o = webshop.openItem(root, id, {});
      const agent = o.experts.planner!();
      agent.observe(o.session.reset());
      for (;;) {
        const r = o.session.step(agent.act());
        steps++;
        agent.observe(r.observation);
        if (r.done) {
          if (r.success) successes++;
          break;
        }
      }
    }
    const s = (performance.now() - t0) / 1000;
    return [
      {
        name: "webshop end-to-end steps/s (planner expert, every goal)",
        value: Math.round(steps / s),
        unit: "steps/s",
        detail: `${steps} steps over ${WEBSHOP_GOAL_COUNT} episodes in ${s.toFixed(2)} s; reward 1 on ${successes}`,
      },
    ];
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
