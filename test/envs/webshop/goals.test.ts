/**
 * AgentGym's goal list. The instruction texts are the ones recorded in public AgentGym logs (notes §0/§5.2:
 * ids 0, 71, 490, 3413 from a published trajectory log, 6 from AgentGym's README, 5238 = the first test
 * id). At development time the whole list (6,910 goals: asin, text, price_upper, goal_options, weight, for
 * the "mid", "low" and a priceSeed rule) was also compared with a Python run of upstream's steps: identical.
 */
import { describe, expect, it } from "vitest";
import {
  generateProductPrices,
  priceSensitiveAsins,
  synthesizeGoals,
  syntheticGoals,
} from "../../../src/envs/webshop/goals.js";
import { loadProducts, type Product } from "../../../src/envs/webshop/products.js";
import { PyRandom } from "../../../src/envs/webshop/py-random.js";
import { webshopSplit } from "../../../src/envs/webshop/splits.js";
import { hasShared, sharedPath } from "../../shared-data.js";

const RECORDED: [number, string, string][] = [
  [
    0,
    "B0743JKHBV",
    'Find me double sided, machine washable decorative pillows with printing technology with size: 28" x 28", and price lower than 50.00 dollars',
  ],
  [
    6,
    "B09PYSKD7H",
    "Find me men's shorts with elastic waist, classic fit, short sleeve for gym workout with color: navy, and size: x-large, and price lower than 50.00 dollars",
  ],
  [
    71,
    "B07JMXLXNY",
    "Find me screen protectors with tempered glass, glass screen, and price lower than 40.00 dollars",
  ],
  [
    490,
    "B09DG3YTHY",
    "Find me eco friendly throw blankets with fleece throw with color: tortoisegoo9511, and size: 39x49in, and price lower than 60.00 dollars",
  ],
  [
    3413,
    "B01KI9HU1O",
    "Find me machine wash, wash cold men's sweaters with polyester cotton for tumble dry with size: 5x-large, and price lower than 60.00 dollars",
  ],
  [
    5238,
    "B09PL5W9PD",
    "Find me machine wash women's swimsuits & cover ups with drawstring closure, elastic waistband, tummy control with color: black, and size: medium, and price lower than 30.00 dollars",
  ],
];

function product(asin: string, over: Partial<Product>): Product {
  return {
    asin,
    name: `T ${asin}`,
    category: "c",
    query: "q",
    product_category: "A › B",
    full_description: "",
    small_description: [],
    images: ["i"],
    customization_options: "",
    average_rating: null,
    page: null,
    Title: `T ${asin}`,
    Description: "",
    Reviews: [],
    Rating: "N.A.",
    BulletPoints: [],
    pricing: [100.0],
    Price: "$100.0",
    options: {},
    option_to_image: {},
    Attributes: ["DUMMY_ATTR"],
    instruction_text: "Find me x",
    instruction_attributes: ["a"],
    MainImage: "i",
    ...over,
  };
}

describe("goal synthesis rules (synthetic products)", () => {
  it("option combinations in sorted-name order, last name fastest; price text only with ≥ 2 price steps", () => {
    const goals = syntheticGoals([
      product("A1", { options: { size: ["s", "m"], color: ["red", "blue"] }, pricing: [12.5] }),
      product("A2", { pricing: [985.0], instruction_attributes: ["a", "b"] }),
      product("A3", { instruction_text: null }),
      product("A4", { options: { size: [] } }),
    ]);
    expect(goals.map((g) => g.instruction_text)).toEqual([
      // CPython: random.seed(233); sorted(random.sample([20.0, 30.0, 40.0, 50.0], 2)) → [30.0, 40.0]
      "Find me x with color: red, and size: s, and price lower than 40.00 dollars",
      "Find me x with color: red, and size: m, and price lower than 40.00 dollars",
      "Find me x with color: blue, and size: s, and price lower than 40.00 dollars",
      "Find me x with color: blue, and size: m, and price lower than 40.00 dollars",
      "Find me x",
    ]);
    expect(goals[4]!.price_upper).toBe(1000000);
    expect(goals[0]!.goal_options).toEqual({ color: "red", size: "s" });
    // weight: mean over attributes of 1 / (goals carrying it): 'a' is on 5 goals, 'b' on 1.
    expect(goals[0]!.weight).toBe(1 / 5);
    expect(goals[4]!.weight).toBe((1 / 5 + 1) / 2);
  });

  it("price rules and priceSeed (CPython: seed(t); randint(0, 48950076); uniform(a, b) per range)", () => {
    const ps = [
      product("R1", { pricing: [9.98, 12.98] }),
      product("S1", { pricing: [5] }),
      product("N1", {}),
    ];
    expect([...generateProductPrices(ps).values()]).toEqual([9.98 + (12.98 - 9.98) * 0.5, 5, 100]);
    expect(generateProductPrices(ps, { priceRule: "low" }).get("R1")).toBe(9.98);
    expect(generateProductPrices(ps, { priceRule: "high" }).get("R1")).toBe(12.98);
    // CPython: random.seed(1717171717.123456); random.randint(0, 48950076); random.uniform(9.98, 12.98)
    expect(generateProductPrices(ps, { priceSeed: 1717171717.123456 }).get("R1")).toBe(10.457385350472684);
    const r = new PyRandom(1717171717.123456);
    r.randint(0, 48950076);
    expect(r.uniform(9.98, 12.98)).toBe(10.457385350472684);
  });

  it("rejects an instruction without attributes (upstream asserts)", () => {
    expect(() => syntheticGoals([product("A1", { instruction_attributes: [] })])).toThrow(
      /A1.*instruction_attributes/,
    );
  });
});

const FILES = [
  ["webshop", "items_shuffle_1000.json"],
  ["webshop", "items_ins_v2_1000.json"],
] as const;
describe.skipIf(!FILES.every((f) => hasShared(...f)))("AgentGym's 6,910 goals", () => {
  const products = FILES.every((f) => hasShared(...f))
    ? loadProducts(sharedPath(...FILES[0]), sharedPath(...FILES[1]))
    : [];
  const goals = synthesizeGoals(products);

  it("6,910 goals whose ASINs all exist, from 415 products", () => {
    expect(goals).toHaveLength(6910);
    const asins = new Set(products.map((p) => p.asin));
    expect(goals.every((g) => asins.has(g.asin))).toBe(true);
    expect(new Set(goals.map((g) => g.asin)).size).toBe(415);
  });

  it("reproduces the recorded AgentGym instruction texts", () => {
    for (const [id, asin, text] of RECORDED) {
      expect(goals[id]!.asin, `goal ${id}`).toBe(asin);
      expect(goals[id]!.instruction_text, `goal ${id}`).toBe(text);
    }
  });

  it("the price draw moves the texts of 2,114 goals (52 test goals), all of price-sensitive products", () => {
    const low = synthesizeGoals(products, { priceRule: "low" });
    const high = synthesizeGoals(products, { priceRule: "high" });
    const sensitive = priceSensitiveAsins(products);
    expect(sensitive.size).toBe(35);
    const differ = low.flatMap((g, i) => (g.instruction_text === high[i]!.instruction_text ? [] : [i]));
    expect(differ).toHaveLength(2114);
    expect(goals.filter((g) => sensitive.has(g.asin))).toHaveLength(2114);
    expect(differ.every((i) => sensitive.has(goals[i]!.asin))).toBe(true);
    // Ids and everything but price texts are independent of the rule.
    expect(low.map((g) => g.asin)).toEqual(goals.map((g) => g.asin));
    expect(low.map((g) => g.goal_options)).toEqual(goals.map((g) => g.goal_options));
    if (hasShared("webshop", "splits", "agentgym_webshop_test.json")) {
      const test = webshopSplit(sharedPath("webshop", "splits"), "test");
      expect(test.filter((id) => sensitive.has(goals[id]!.asin))).toHaveLength(52);
    }
  });
});
