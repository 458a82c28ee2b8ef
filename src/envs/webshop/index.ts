/**
 * WebShop as AgentGym serves it: the 1000-product set, the 6,910 synthetic goals (ids as AgentGym's),
 * the 3930/200 split, Lucene-exact search, upstream's reward, and AgentGym's text pages.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { UnknownItemError } from "../errors.js";
import type { EnvDefinition } from "../types.js";
import { WebshopExpert } from "./expert.js";
import { generateProductPrices, synthesizeGoals, type Goal } from "./goals.js";
import { loadProducts, type Product } from "./products.js";
import { WEBSHOP_REACT_PREAMBLE, WEBSHOP_WM_TASK } from "./prompts.js";
import { pullWebshop, webshopDataDir, webshopSplitsDir } from "./pull.js";
import { getReward } from "./reward.js";
import { SearchEngine } from "./search/index.js";
import { WebshopSession, type ShopCatalog } from "./session.js";
import { WEBSHOP_GOAL_COUNT, webshopSplit } from "./splits.js";

export interface WebshopWorld {
  products: Product[];
  byAsin: Map<string, Product>;
  prices: Map<string, number>;
  goals: Goal[];
  engine: SearchEngine;
  catalog: ShopCatalog;
}

const worlds = new Map<string, WebshopWorld>();

/** Products, prices, goals and the search index of a data root, built once per process. */
export function webshopWorld(root: string): WebshopWorld {
  let w = worlds.get(root);
  if (w) return w;
  const dir = webshopDataDir(root);
  const productFile = join(dir, "items_shuffle_1000.json");
  if (!existsSync(productFile))
    throw new UnknownItemError(`no WebShop products at ${productFile}; run: wordworld data pull webshop`);
  const products = loadProducts(productFile, join(dir, "items_ins_v2_1000.json"));
  const byAsin = new Map(products.map((p) => [p.asin, p]));
  // One price map for the goals' texts and the reward, as upstream draws them once per env.
  const prices = generateProductPrices(products);
  const goals = synthesizeGoals(products, { productPrices: prices });
  const engine = SearchEngine.fromProducts(products);
  const catalog: ShopCatalog = {
    product: (asin) => byAsin.get(asin),
    search: (keywords) => engine.search(keywords.join(" ")).map((h) => h.asin),
    allProducts: () => products,
  };
  worlds.set(root, (w = { products, byAsin, prices, goals, engine, catalog }));
  return w;
}

export const webshop: EnvDefinition = {
  name: "webshop",
  summary: "WebShop (AgentGym): 1000 products, 6,910 synthetic goals, Lucene-exact search, upstream reward",
  splits: ["train", "test"],
  testSplit: "test",
  trainSplit: "train",
  defaultExpert: "planner",
  reactPreamble: WEBSHOP_REACT_PREAMBLE,
  wmInstruction: WEBSHOP_WM_TASK,
  async pull(root, from, log) {
    const r = await pullWebshop(root, from, log);
    worlds.delete(root);
    return `webshop: ${r.files.join(", ")} → ${webshopDataDir(root)}`;
  },
  status(root) {
    const products = existsSync(join(webshopDataDir(root), "items_shuffle_1000.json"));
    const splits = ["train", "test"].filter((s) =>
      existsSync(join(webshopSplitsDir(root), `agentgym_webshop_${s}.json`)),
    );
    return [`products: ${products ? "1000-product set" : "none"}`, `splits: ${splits.join(", ") || "none"}`];
  },
  itemIds(root, split) {
    if (split !== "train" && split !== "test")
      throw new UnknownItemError(`unknown WebShop split '${split}': valid splits are train, test`);
    return webshopSplit(webshopSplitsDir(root), split);
  },
  openItem(root, id, options) {
    if (!Number.isInteger(id) || id < 0 || id >= WEBSHOP_GOAL_COUNT)
      throw new UnknownItemError(`no WebShop goal ${id}: goals are 0–${WEBSHOP_GOAL_COUNT - 1}`);
    const w = webshopWorld(root);
    const goal = w.goals[id]!;
    const session = new WebshopSession(
      w.catalog,
      {
        instruction: goal.instruction_text,
        reward: (asin, opts) => {
          const p = w.byAsin.get(asin)!;
          return getReward(p, goal, w.prices.get(asin)!, opts);
        },
      },
      { ...(options.maxSteps === undefined ? {} : { maxRounds: options.maxSteps }) },
    );
    return {
      session,
      label: `goal ${id} (${goal.asin})`,
      game: `webshop:${id}`,
      experts: { planner: () => new WebshopExpert(goal, w.byAsin.get(goal.asin)!) },
    };
  },
};
