/**
 * WebShop end to end on the real 1000-product set, imported by the product's own `data pull webshop
 * --from`: AgentGym's recorded trajectories (notes §6) replayed to their recorded reward of 1.0, the
 * 200 test goals' first observations in AgentGym's format, and the scripted expert ending every test
 * episode with a purchase inside AgentGym's 10 rounds, its success being exactly reward == 1.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { getEnv } from "../../../src/envs/registry.js";
import { collect } from "../../../src/pipeline/collect.js";
import { readTrajectories } from "../../../src/data/trajectory-store.js";
import { hasShared, sharedPath } from "../../shared-data.js";

const present = hasShared("webshop", "items_shuffle_1000.json");
const env = getEnv("webshop");

describe.skipIf(!present)("webshop episodes", () => {
  let root: string;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), "ww-webshop-"));
    await env.pull(root, sharedPath("webshop"), () => {});
  });

  function replay(id: number, actions: string[]) {
    const o = env.openItem(root, id, {});
    o.session.reset();
    return actions.map((a) => o.session.step(a));
  }

  it("replays AgentGym's recorded trajectories to their recorded reward", () => {
    const r490 = replay(490, [
      "search[eco friendly fleece throw blanket tortoisegoo9511 39x49in under 60]",
      "click[b09dg3ythy]",
      "click[tortoisegoo9511]",
      "click[39x49in]",
      "click[buy now]",
    ]);
    expect(r490.at(-1)).toMatchObject({ done: true, success: true, reward: 1 });
    expect(r490.at(-1)!.info.reward).toBe(1);
    expect(r490.at(-1)!.info.irreversible).toBe(true);
    // Goal 71 was won by buying a product other than the goal's own.
    const r71 = replay(71, [
      "search[tempered glass screen protector under $40]",
      "click[b095pf5bxt]",
      "click[buy now]",
    ]);
    expect(r71.at(-1)).toMatchObject({ done: true, success: true });
    expect(r71.at(-1)!.observation).toContain("[SEP] asin [SEP] B095PF5BXT [SEP]");
  });

  it("shows each test goal's instruction on the search page, as AgentGym's first observation", () => {
    const ids = env.itemIds(root, "test");
    expect(ids).toHaveLength(200);
    const first = env.openItem(root, 5238, {}).session.reset();
    expect(first).toBe(
      "WebShop [SEP] Instruction: [SEP] Find me machine wash women's swimsuits & cover ups with drawstring closure, elastic waistband, tummy control with color: black, and size: medium, and price lower than 30.00 dollars [SEP] Search",
    );
    expect(() => env.openItem(root, 6910, {})).toThrow(/no WebShop goal 6910/);
    expect(() => env.itemIds(root, "dev")).toThrow(/unknown WebShop split 'dev'/);
  });

  it("the expert buys within 10 rounds on every test goal; success is exactly reward 1", async () => {
    const out = join(root, "collect");
    await collect({ env, root, split: "test", agent: "expert", out, concurrency: 4, quiet: true });
    const ts = readTrajectories(out);
    expect(ts).toHaveLength(200);
    for (const t of ts) {
      const last = t.steps.at(-1)!;
      expect(t.steps.length).toBeLessThanOrEqual(10);
      expect(last.action).toBe("click[buy now]");
      expect(last.observation.startsWith("Thank you for shopping with us! [SEP]")).toBe(true);
      const reward = Number(
        /Your score \(min 0\.0, max 1\.0\) \[SEP\] ([0-9.e-]+)/.exec(last.observation)![1],
      );
      expect(t.success).toBe(reward === 1);
    }
  });
});
