/**
 * AgentGym's WebShop goal list: upstream `get_synthetic_goals` (AgentGym's copy of goal.py, which seeds
 * `random.seed(233)` itself) followed by SimServer's `random.seed(233); random.shuffle(goals)`. Goal id k
 * (`webshop_<k>`, `reset(session_id=k)`) is index k of the shuffled list; on the 1000-product files that is
 * 6,910 goals.
 *
 * Order of operations upstream (one env creation in AgentGym's server):
 *   1. `create()`: `random.seed(time.time())`, then `random.randint(0, 48950076)` for the env id;
 *   2. `load_products` → `generate_product_prices`: `random.uniform(a, b)` per range-priced product, in
 *      product order, from that time-seeded global RNG;
 *   3. `get_synthetic_goals`: `random.seed(233)`; per product with an instruction, in product order, one
 *      `random.sample(price_range, 2)` (only when the range has ≥ 2 values), then one goal per option
 *      combination (`itertools.product` over the values of the sorted option names);
 *   4. `random.seed(233); random.shuffle(goals)`.
 *
 * The price draw in step 2 is the one non-deterministic input: it changes the "price lower than X" text of
 * every goal of a range-priced product whose range crosses a multiple of $10 (2,114 of the 6,910 goals,
 * 52 of the 200 AgentGym test goals; `priceSensitiveAsins`), and the price the reward compares against.
 * The draws in step 3 do not depend on it (for any price under $960 price_range has 4 values), so ids and every
 * other text are fixed.
 */
import { PyRandom } from "./py-random.js";
import type { Product } from "./products.js";

/** One goal, with upstream's field names. */
export interface Goal {
  asin: string;
  category: string;
  query: string;
  /** The product's Title. */
  name: string;
  product_category: string;
  instruction_text: string;
  /** The product's instruction_attributes. */
  attributes: string[];
  /** A multiple of 10, or 1000000 when no price limit is stated. */
  price_upper: number;
  /** Option name → value, names in sorted order. */
  goal_options: Record<string, string>;
  /** Mean over the goal's attributes of 1 / (goals carrying that attribute): upstream's sampling weight. */
  weight: number;
}

/**
 * How to settle upstream's time-seeded `random.uniform(a, b)` price of a range-priced product:
 * - "mid" (default): `a + (b - a) * 0.5`, the median of the draw (uniform's formula at random() = 0.5).
 *   It is the single most representative value, and it reproduces every recorded AgentGym instruction
 *   we have (goal 6 reads "lower than 50.00" in AgentGym's README: B09PYSKD7H is $9.98–$12.98, and
 *   the low end would give 40.00, while 99% of draws give 50.00);
 * - "low" / "high": the range's ends (the two extremes the notes compare).
 */
export type PriceRule = "mid" | "low" | "high";

export interface PriceOptions {
  priceRule?: PriceRule;
  /**
   * Reproduce one AgentGym server instead: the value its `create()` passed to `random.seed` (`time.time()`,
   * a float; a JS integer is seeded as a Python int). The draws then follow upstream exactly: one
   * `randint(0, 48950076)`, then `uniform(a, b)` per range-priced product in product order. Overrides
   * `priceRule`.
   */
  priceSeed?: number | bigint;
}

export interface GoalOptions extends PriceOptions {
  /** Prices already drawn (`generateProductPrices`); the env's reward must use the same map. */
  productPrices?: ReadonlyMap<string, number>;
}

/** Upstream's PRICE_RANGE: 10.0, 20.0, …, 990.0. */
const PRICE_RANGE: readonly number[] = Array.from({ length: 99 }, (_, i) => 10.0 * (i + 1));

/** Upstream's seed for both the price_upper draws and the goal shuffle. */
export const GOAL_SEED = 233;

/** `generate_product_prices`: 100.0 without pricing, the price for one, the settled draw for a range. */
export function generateProductPrices(
  products: readonly Product[],
  opts: PriceOptions = {},
): Map<string, number> {
  const rule = opts.priceRule ?? "mid";
  let rng: PyRandom | null = null;
  if (opts.priceSeed !== undefined) {
    rng = new PyRandom(opts.priceSeed);
    rng.randint(0, 48950076); // create()'s env id, drawn before the env (and its prices) is built
  }
  const prices = new Map<string, number>();
  for (const p of products) {
    const [a, b] = p.pricing;
    let price: number;
    if (a === undefined) price = 100.0;
    else if (b === undefined) price = a;
    else if (rng) price = rng.uniform(a, b);
    else price = rule === "low" ? a : rule === "high" ? b : a + (b - a) * 0.5;
    prices.set(p.asin, price);
  }
  return prices;
}

/** Python's `sorted()` on str: code-point order (JS's default sort compares UTF-16 code units). */
function compareCodePoints(x: string, y: string): number {
  const xs = [...x];
  const ys = [...y];
  for (let i = 0; i < Math.min(xs.length, ys.length); i++) {
    const d = xs[i]!.codePointAt(0)! - ys[i]!.codePointAt(0)!;
    if (d !== 0) return d;
  }
  return xs.length - ys.length;
}

/** `get_synthetic_goals` (AgentGym's version), in product order, before the shuffle. */
export function syntheticGoals(products: readonly Product[], opts: GoalOptions = {}): Goal[] {
  const prices = opts.productPrices ?? generateProductPrices(products, opts);
  const rng = new PyRandom(GOAL_SEED);
  const goals: Goal[] = [];
  const attributeCounts = new Map<string, number>();
  for (const product of products) {
    if (product.instruction_text === null) continue;
    const asin = product.asin;
    const attributes = product.instruction_attributes;
    if (attributes === null || attributes.length === 0)
      throw new Error(`product ${asin}: has an instruction but no instruction_attributes (upstream asserts)`);
    const price = prices.get(asin);
    if (price === undefined) throw new Error(`product ${asin}: no price in productPrices`);
    const priceRange = PRICE_RANGE.filter((p) => p > price).slice(0, 4);
    let priceUpper = 1000000;
    let priceText = "";
    if (priceRange.length >= 2) {
      const [x, y] = rng.sample(priceRange, 2) as [number, number];
      priceUpper = Math.max(x, y); // `_, price_upper = sorted(...)`
      priceText = `, and price lower than ${priceUpper.toFixed(2)} dollars`;
    }
    const optionNames = Object.keys(product.options).sort(compareCodePoints);
    for (const combination of cartesian(optionNames.map((n) => product.options[n]!))) {
      const goalOptions: Record<string, string> = Object.create(null) as Record<string, string>;
      combination.forEach((value, i) => (goalOptions[optionNames[i]!] = value));
      const parts = combination.map((value, i) => `${optionNames[i]!}: ${value}`);
      const optionText = parts.length > 0 ? ` with ${parts.join(", and ")}` : "";
      goals.push({
        asin,
        category: product.category,
        query: product.query,
        name: product.Title,
        product_category: product.product_category,
        instruction_text: `${product.instruction_text}${optionText}${priceText}`,
        attributes,
        price_upper: priceUpper,
        goal_options: goalOptions,
        weight: 0,
      });
      for (const att of attributes) attributeCounts.set(att, (attributeCounts.get(att) ?? 0) + 1);
    }
  }
  for (const goal of goals) {
    let sum = 0; // Python's sum(): left to right from 0
    for (const att of goal.attributes) sum += 1 / attributeCounts.get(att)!;
    goal.weight = sum / goal.attributes.length;
  }
  return goals;
}

/**
 * The goals in AgentGym's id order: `syntheticGoals` shuffled with `random.seed(233)`. `goals[k]` is
 * AgentGym's `webshop_<k>`.
 */
export function synthesizeGoals(products: readonly Product[], opts: GoalOptions = {}): Goal[] {
  const goals = syntheticGoals(products, opts);
  new PyRandom(GOAL_SEED).shuffle(goals);
  return goals;
}

/**
 * The goal-bearing products whose goal texts depend on the price draw: range-priced, with the first
 * multiple of 10 above the low end different from the first above the high end.
 */
export function priceSensitiveAsins(products: readonly Product[]): Set<string> {
  const out = new Set<string>();
  const firstAbove = (x: number): number | undefined => PRICE_RANGE.find((p) => p > x);
  for (const p of products) {
    const [a, b] = p.pricing;
    if (p.instruction_text === null || a === undefined || b === undefined) continue;
    if (firstAbove(a) !== firstAbove(b)) out.add(p.asin);
  }
  return out;
}

/** `itertools.product(*lists)`: the last list varies fastest; any empty list yields nothing. */
function cartesian(lists: readonly (readonly string[])[]): string[][] {
  let acc: string[][] = [[]];
  for (const list of lists) {
    const next: string[][] = [];
    for (const prefix of acc) for (const v of list) next.push([...prefix, v]);
    acc = next;
  }
  return acc;
}
