/**
 * The minimal part of WebShop's `load_products` (engine.py) that the search index reads, from raw
 * `items_shuffle_*.json` records: skip `asin == 'nan'`, `len(asin) > 10` and repeated ASINs (file
 * order); `Title = name`, `Description = full_description`, `BulletPoints = small_description` (a
 * string becomes a one-element list); options: each non-null customization group, name
 * `.lower()`, each value `.strip().replace('/', ' | ').lower()` (Python `str.strip` whitespace set).
 * Used by tests and the benchmark; the environment's full product loader lives in ../products.ts.
 */
import type { SearchProduct } from "./index.js";
import { pyStrip } from "../../../util/pystr.js";

interface RawItem {
  asin?: unknown;
  name?: unknown;
  full_description?: unknown;
  small_description?: unknown;
  customization_options?: unknown;
}

const str = (v: unknown): string => (typeof v === "string" ? v : String(v ?? ""));

export function searchProductsFromRaw(items: readonly unknown[]): SearchProduct[] {
  const seen = new Set<string>();
  const out: SearchProduct[] = [];
  for (const item of items) {
    const p = item as RawItem;
    const asin = str(p.asin);
    if (asin === "nan" || asin.length > 10 || seen.has(asin)) continue;
    seen.add(asin);
    const sd = p.small_description;
    const options: Record<string, string[]> = {};
    const co = p.customization_options;
    if (co && typeof co === "object") {
      for (const [name, contents] of Object.entries(co as Record<string, unknown>)) {
        if (!Array.isArray(contents)) continue;
        options[name.toLowerCase()] = contents.map((c) =>
          pyStrip(str((c as { value?: unknown }).value))
            .replaceAll("/", " | ")
            .toLowerCase(),
        );
      }
    }
    out.push({
      asin,
      Title: str(p.name),
      Description: str(p.full_description),
      BulletPoints: Array.isArray(sd) ? sd.map(str) : [str(sd)],
      options,
    });
  }
  return out;
}
