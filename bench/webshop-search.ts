/**
 * WebShop search (src/envs/webshop/search/): query latency over the 1000 products (mean and p99 over the
 * golden query set; target ≤ 1 ms/query), index build time, and a synthetic scale-up — 100k products
 * recombined from the real vocabulary (same field lengths, words drawn at random) — for build seconds
 * and retained memory (heap + array buffers) per 100k docs.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { SearchEngine, type SearchProduct } from "../src/envs/webshop/search/index.js";
import { loadProducts } from "../src/envs/webshop/products.js";
import { sampleQueries } from "../src/envs/webshop/search/sample-queries.js";
import type { BenchResult } from "./alfworld.js";
import { mulberry32 } from "../src/util/mulberry32.js";

const TARGET_MS = 1;
const SCALE_DOCS = 100_000;

export function findWebshopData(root: string | undefined): string | undefined {
  const shared = process.env.WORDWORLD_SHARED && join(process.env.WORDWORLD_SHARED, "data", "webshop");
  const candidates = [root && join(root, "webshop", "data"), root && join(root, "webshop"), root, shared];
  return candidates
    .filter((x): x is string => !!x)
    .find(
      (d) => existsSync(join(d, "items_shuffle_1000.json")) && existsSync(join(d, "items_ins_v2_1000.json")),
    );
}

/** `n` products shaped like random real ones, each field's words drawn from the real word pool. */
function synthesize(real: readonly SearchProduct[], n: number): SearchProduct[] {
  const rand = mulberry32(7);
  const pool: string[] = [];
  for (const p of real)
    for (const w of `${p.Title} ${p.Description} ${p.BulletPoints[0] ?? ""}`.split(/\s+/))
      if (w) pool.push(w);
  const words = (text: string) => {
    const k = text.split(/\s+/).filter(Boolean).length;
    const out: string[] = [];
    for (let i = 0; i < k; i++) out.push(pool[Math.floor(rand() * pool.length)]!);
    return out.join(" ");
  };
  const out: SearchProduct[] = [];
  for (let i = 0; i < n; i++) {
    const t = real[Math.floor(rand() * real.length)]!;
    out.push({
      asin: `S${i.toString(36).toUpperCase().padStart(9, "0")}`,
      Title: words(t.Title),
      Description: words(t.Description),
      BulletPoints: [words(t.BulletPoints[0] ?? "")],
      options: t.options ?? {},
    });
  }
  return out;
}

const retained = () => {
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

export function benchWebshopSearch(dataRoot: string | undefined): BenchResult[] {
  const dir = findWebshopData(dataRoot);
  if (!dir) {
    console.log(
      "webshop: no items_shuffle_1000.json (run `wordworld data pull webshop`); search bench skipped",
    );
    return [];
  }
  const products = loadProducts(join(dir, "items_shuffle_1000.json"), join(dir, "items_ins_v2_1000.json"));
  const ins = JSON.parse(readFileSync(join(dir, "items_ins_v2_1000.json"), "utf8")) as Record<
    string,
    { instruction?: string }
  >;
  const queries = sampleQueries(
    products,
    Object.values(ins).flatMap((v) => (v.instruction ? [v.instruction] : [])),
  );
  const results: BenchResult[] = [];

  SearchEngine.fromProducts(products.slice(0, 50)); // warm the tokenizer's lazy tables
  const t0 = performance.now();
  const engine = SearchEngine.fromProducts(products);
  const buildMs = performance.now() - t0;

  for (const q of queries) engine.search(q); // warm-up
  const times: number[] = [];
  for (let rep = 0; rep < 5; rep++)
    for (const q of queries) {
      const t = performance.now();
      engine.search(q, 50);
      times.push(performance.now() - t);
    }
  times.sort((a, b) => a - b);
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  const p99 = times[Math.min(times.length - 1, Math.floor(0.99 * times.length))]!;
  results.push({
    name: "webshop search latency, 1000 products, top-50 (mean)",
    value: Number((mean * 1000).toFixed(0)),
    unit: "µs/query",
    detail: `p99 ${(p99 * 1000).toFixed(0)} µs; ${queries.length} queries × 5; target ≤ ${TARGET_MS} ms`,
  });
  results.push({
    name: "webshop search index build, 1000 products",
    value: Number(buildMs.toFixed(1)),
    unit: "ms",
  });

  const before = retained();
  let synthetic: SearchProduct[] | undefined = synthesize(products, SCALE_DOCS);
  const t1 = performance.now();
  const big = SearchEngine.fromProducts(synthetic);
  const buildS = (performance.now() - t1) / 1000;
  synthetic = undefined;
  const mb = (retained() - before) / 2 ** 20;
  const tq = performance.now();
  for (const q of queries) big.search(q, 50);
  const bigMs = (performance.now() - tq) / queries.length;
  results.push({
    name: `webshop search index, synthetic ${SCALE_DOCS / 1000}k products: memory`,
    value: Number(((mb * 100_000) / SCALE_DOCS).toFixed(1)),
    unit: "MB/100k docs",
    detail: `${(globalThis as { gc?: () => void }).gc ? "after gc" : "no --expose-gc: includes garbage"}; build ${buildS.toFixed(1)} s; ${bigMs.toFixed(2)} ms/query at this size`,
  });
  results.push({
    name: `webshop search index build, synthetic ${SCALE_DOCS / 1000}k products`,
    value: Number(buildS.toFixed(2)),
    unit: "s",
  });
  return results;
}
