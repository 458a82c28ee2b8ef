/**
 * load_products for AgentGym's synthetic mode. The counts asserted on the 1000 file are the notes'
 * measurements (§1.3); the full processed output was also compared, at development time, with a Python
 * run of upstream's load_products steps (all 1000 products identical, option order and price repr
 * included). The streaming reader is checked against JSON.parse and against a generated 50k-product file.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, createWriteStream } from "node:fs";
import { tmpdir } from "node:os";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  JsonArraySplitter,
  loadProducts,
  parsePricing,
  streamJsonArray,
  streamProducts,
  type JsonValue,
  type Product,
} from "../../../src/envs/webshop/products.js";
import { hasShared, sharedPath } from "../../shared-data.js";
import { pyFloatRepr } from "../../../src/util/pyfloat.js";
import { pyStrip } from "../../../src/util/pystr.js";

const tmp = mkdtempSync(join(tmpdir(), "wordworld-webshop-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function splitAll(text: string, chunk: number): JsonValue[] {
  const s = new JsonArraySplitter("<test>");
  const out: JsonValue[] = [];
  for (let i = 0; i < text.length; i += chunk) out.push(...s.push(text.slice(i, i + chunk)));
  out.push(...s.end());
  return out;
}

describe("Python formatting helpers", () => {
  it("pyFloatRepr matches CPython's repr(float)", () => {
    // CPython 3.11: repr(x) for each x
    const cases: [number, string][] = [
      [34.0, "34.0"],
      [877.8, "877.8"],
      [1200.0, "1200.0"],
      [100.0, "100.0"],
      [0.1, "0.1"],
      [1e16, "1e+16"],
      [1.5e16, "1.5e+16"],
      [9999999999999998.0, "9999999999999998.0"],
      [0.0001, "0.0001"],
      [1e-5, "1e-05"],
      [0.00012345, "0.00012345"],
      [-2.5, "-2.5"],
      [-0.0, "-0.0"],
      [0.0, "0.0"],
      [1e22, "1e+22"],
      [5e-324, "5e-324"],
      [1.7976931348623157e308, "1.7976931348623157e+308"],
      [123456789012345.6, "123456789012345.6"],
      [12.98, "12.98"],
      [1 / 3, "0.3333333333333333"],
      [9007199254740992.0, "9007199254740992.0"],
      [1e15, "1000000000000000.0"],
      [123.0, "123.0"],
    ];
    for (const [x, repr] of cases) expect(pyFloatRepr(x), String(x)).toBe(repr);
  });

  it("pyStrip strips Python's whitespace set, not JS trim()'s", () => {
    // CPython: "\x1c\x1d\x1e\x1f\x85 \ufeffab c\u3000\xa0\t".strip() == "\ufeffab c"
    expect(pyStrip("\x1c\x1d\x1e\x1f\x85 \ufeffab c\u3000\xa0\t")).toBe("\ufeffab c");
  });

  it("parsePricing: '$' split, digits and '.' kept, float repr tags, errors name the field", () => {
    expect(parsePricing("")).toEqual({ pricing: [100.0], Price: "$100.0" });
    expect(parsePricing(null)).toEqual({ pricing: [100.0], Price: "$100.0" });
    expect(parsePricing("$877.80")).toEqual({ pricing: [877.8], Price: "$877.8" });
    expect(parsePricing("$1,200.00")).toEqual({ pricing: [1200], Price: "$1200.0" });
    expect(parsePricing("$19.99 - $27.99")).toEqual({ pricing: [19.99, 27.99], Price: "$19.99 to $27.99" });
    expect(parsePricing("$23.99$29.99$31.00")).toEqual({
      pricing: [23.99, 29.99],
      Price: "$23.99 to $29.99",
    });
    expect(() => parsePricing("19.99", "f.json: product 3: field pricing")).toThrow(
      /f\.json: product 3: field pricing/,
    );
    expect(() => parsePricing("$ - ")).toThrow(/not a price/);
  });
});

describe("JsonArraySplitter", () => {
  const tricky = [
    {
      a: 'quote " and backslash \\ and ] } [ {',
      b: [1, [2, [3]], { c: "x\\" }],
      d: "\u00e9\u4e2d\ud83d\ude00",
    },
    'a bare string with \\" escapes',
    12.5e3,
    -7,
    true,
    null,
    [],
    {},
    { emptyKey: "", nested: { 'k"ey': [false, "\\\\", "\n\t"] } },
  ];
  const text = ` \n[ ${tricky.map((v, i) => (i % 2 ? JSON.stringify(v, null, 2) : JSON.stringify(v))).join(" ,\n ")} ]\n `;

  it("yields JSON.parse's elements at every chunk size", () => {
    for (const chunk of [1, 2, 3, 5, 7, 64, text.length])
      expect(splitAll(text, chunk), `chunk ${chunk}`).toEqual(tricky);
  });

  it("reads Python json's NaN / Infinity tokens outside strings only", () => {
    const got = splitAll('[{"a": NaN, "b": [Infinity, -Infinity], "c": "NaN Infinity"}, NaN, -Infinity]', 3);
    expect(got).toEqual([{ a: NaN, b: [Infinity, -Infinity], c: "NaN Infinity" }, NaN, -Infinity]);
  });

  it("empty array; malformed input names the file and position", () => {
    expect(splitAll("[]", 1)).toEqual([]);
    expect(() => splitAll('{"a": 1}', 4)).toThrow(/<test>: character 0: expected '\['/);
    expect(() => splitAll("[1, 2", 2)).toThrow(/<test>: unexpected end of file/);
    expect(() => splitAll('[{"a": 1}, {"a": }]', 4)).toThrow(
      /<test>: element 1 \(character 11\): invalid JSON/,
    );
    expect(() => splitAll("[1] 2", 4)).toThrow(/after the closing/);
    expect(() => splitAll("[1,,2]", 4)).toThrow(/before element/);
  });
});

function fakeRaw(i: number): Record<string, JsonValue> {
  const hasOptions = i % 3 === 0;
  return {
    name: `Product ${i} "quoted" \\ back ${"é中😀".repeat(i % 4)}`,
    product_information: { ASIN: `X${i}` },
    brand: "Brand",
    full_description: `Description ${i} `.repeat(60) + "] } [ {",
    pricing:
      i % 5 === 0 ? "" : i % 7 === 0 ? `$${i % 90}.50 - $${(i % 90) + 3}.25` : `$${i % 1000}.${i % 10}0`,
    list_price: "",
    images: [`https://example.com/${i}.jpg`],
    product_category: "A \u203a B \u203a C",
    average_rating: i % 2 ? 4.5 : "",
    small_description: i % 11 === 0 ? "one bullet" : ["b1", `b2 ${i}`],
    customization_options: hasOptions
      ? { Color: [{ value: ` Navy/Blue ${i % 4} `, image: null }, { value: "RED" }], Size: null }
      : "",
    asin: i % 1000 === 999 ? `B${String(i - 1).padStart(9, "0")}` : `B${String(i).padStart(9, "0")}`, // a few duplicates
    category: "fashion",
    query: `  Query ${i % 13} `,
    page: i % 10,
  };
}

describe("streaming a large generated catalogue", () => {
  const n = 50_000;
  const file = join(tmp, "items_shuffle_big.json");

  it("yields the same products as the in-memory loader, with bounded heap", async () => {
    await new Promise<void>((resolve, reject) => {
      const out = createWriteStream(file);
      out.on("error", reject);
      out.write("[");
      for (let i = 0; i < n; i++) out.write((i ? ",\n" : "") + JSON.stringify(fakeRaw(i)));
      out.end("]", resolve);
    });
    const skip = new Set<number>();
    const seen = new Set<string>();
    for (let i = 0; i < n; i++) {
      const asin = fakeRaw(i)["asin"] as string;
      if (seen.has(asin)) skip.add(i);
      seen.add(asin);
    }
    const expectedIndex: number[] = [];
    for (let i = 0; i < n; i++) if (!skip.has(i)) expectedIndex.push(i);

    // Reference: the same per-record processing over a small file holding one record, via loadProducts.
    const one = join(tmp, "one.json");
    const reference = (i: number): Product => {
      const raw = fakeRaw(i);
      writeFileSync(one, JSON.stringify([raw]));
      // An entry without keys: the streamed products carry no attribute map, which means the same.
      writeFileSync(join(tmp, "attrs-one.json"), JSON.stringify({ [raw["asin"] as string]: {} }));
      return loadProducts(one, join(tmp, "attrs-one.json"))[0]!;
    };

    // A collector handle without --expose-gc, so the heap is measured as retained, not as garbage pending.
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    gc();
    const base = process.memoryUsage().heapUsed;
    let peak = 0;
    let count = 0;
    const checked: number[] = [];
    const result = await streamProducts(
      file,
      (p, index) => {
        const i = expectedIndex[index]!;
        expect(p.asin).toBe(fakeRaw(i)["asin"]);
        if (index % 997 === 0) checked.push(index);
        if (index % 5000 === 2500) {
          gc();
          peak = Math.max(peak, process.memoryUsage().heapUsed - base);
        }
        count++;
      },
      { highWaterMark: 64 * 1024 },
    );
    expect(count).toBe(n - skip.size);
    expect(result).toEqual({ products: n - skip.size, records: n });
    // The file is ~60 MB; holding its text or its parse would take several times this much.
    expect(peak).toBeLessThan(24 * 1024 * 1024);

    // Full equality on a sample of positions.
    const sampled: Product[] = [];
    await streamProducts(file, (p, index) => {
      if (index % 997 === 0) sampled.push(p);
    });
    expect(sampled.map((p) => JSON.stringify(p))).toEqual(
      checked.map((index) => JSON.stringify(reference(expectedIndex[index]!))),
    );
  }, 120_000);

  it("numProducts slices raw records before the skips, and every element equals JSON.parse's", async () => {
    const got = await streamProducts(file, () => undefined, { numProducts: 1000 });
    expect(got).toEqual({ products: 999, records: 1000 }); // record 999 repeats 998's ASIN
    const small = join(tmp, "small.json");
    const raws = Array.from({ length: 300 }, (_, i) => fakeRaw(i));
    writeFileSync(small, JSON.stringify(raws, null, 1));
    const elements: JsonValue[] = [];
    await streamJsonArray(small, (batch) => void elements.push(...batch), 1000);
    expect(elements).toEqual(JSON.parse(readFileSync(small, "utf8")));
  });
});

describe("processing rules on generated records", () => {
  it("options lower-cased with '/' → ' | ', null groups skipped, query lowered and stripped", () => {
    const file = join(tmp, "p.json");
    const attrFile = join(tmp, "a.json");
    writeFileSync(
      file,
      JSON.stringify([
        fakeRaw(0),
        fakeRaw(1),
        { ...fakeRaw(2), asin: "nan" },
        { ...fakeRaw(4), asin: "B0123456789" },
      ]),
    );
    writeFileSync(
      attrFile,
      JSON.stringify({
        B000000000: { attributes: ["a1"], instruction: "Find me x", instruction_attributes: ["a1"] },
        B000000001: {},
      }),
    );
    const [p0, p1, ...rest] = loadProducts(file, attrFile);
    expect(rest).toEqual([]); // 'nan' and 11-character ASINs are skipped
    expect(p0!.options).toEqual({ color: ["navy | blue 0", "red"] });
    expect(p0!.option_to_image).toEqual({ "navy | blue 0": null, red: null });
    expect(p0!.query).toBe("query 0");
    expect(p0!.Price).toBe("$100.0");
    expect(p0!.Attributes).toEqual(["a1"]);
    expect(p0!.instruction_text).toBe("Find me x");
    expect(p1!.Attributes).toEqual(["DUMMY_ATTR"]);
    expect(p1!.instruction_text).toBeNull();
    expect(p1!.Price).toBe("$1.1"); // Python repr of 1.10
    expect(p1!.Rating).toBe("N.A.");
    expect(p1!.Reviews).toEqual([]);
  });

  it("validation errors name file, product index and field", () => {
    const file = join(tmp, "bad.json");
    const attrFile = join(tmp, "a2.json");
    writeFileSync(attrFile, JSON.stringify({ B000000000: {}, B000000001: {} }));
    writeFileSync(file, JSON.stringify([fakeRaw(0), { ...fakeRaw(1), images: [] }]));
    expect(() => loadProducts(file, attrFile)).toThrow(/bad\.json: product 1 \(B000000001\): field images:/);
    writeFileSync(file, JSON.stringify([{ ...fakeRaw(0), small_description: 3 }]));
    expect(() => loadProducts(file, attrFile)).toThrow(
      /bad\.json: product 0 \(B000000000\): field small_description/,
    );
    writeFileSync(file, JSON.stringify([fakeRaw(0), fakeRaw(3)]));
    expect(() => loadProducts(file, attrFile)).toThrow(/a2\.json: no entry for B000000003/);
    writeFileSync(attrFile, JSON.stringify({ B000000000: { attributes: "x" } }));
    expect(() => loadProducts(file, attrFile)).toThrow(/a2\.json: field B000000000\.attributes/);
  });
});

const SMALL = ["webshop", "items_shuffle_1000.json"] as const;
describe.skipIf(!hasShared(...SMALL) || !hasShared("webshop", "items_ins_v2_1000.json"))(
  "the 1000-product files",
  () => {
    const productFile = sharedPath(...SMALL);
    const attrFile = sharedPath("webshop", "items_ins_v2_1000.json");
    const products = hasShared(...SMALL) ? loadProducts(productFile, attrFile) : [];

    it("matches the notes' measurements (§1.3)", () => {
      expect(products).toHaveLength(1000);
      expect(new Set(products.map((p) => p.asin)).size).toBe(1000);
      const count = <T>(f: (p: Product) => T): Map<T, number> => {
        const m = new Map<T, number>();
        for (const p of products) m.set(f(p), (m.get(f(p)) ?? 0) + 1);
        return m;
      };
      expect(Object.fromEntries(count((p) => p.category))).toEqual({
        beauty: 238,
        electronics: 229,
        garden: 216,
        fashion: 200,
        grocery: 117,
      });
      expect(Object.fromEntries(count((p) => p.pricing.length))).toEqual({ 1: 907, 2: 93 });
      expect(products.filter((p) => p.Price === "$100.0")).toHaveLength(89);
      expect(Object.fromEntries(count((p) => Object.keys(p.options).length))).toEqual({
        0: 577,
        1: 245,
        2: 165,
        3: 13,
      });
      expect(products.filter((p) => p.BulletPoints.length === 1 && p.BulletPoints[0] === "")).toHaveLength(
        69,
      );
      expect(products.filter((p) => p.Description === "")).toHaveLength(301);
      expect(products.filter((p) => p.instruction_text !== null)).toHaveLength(415);
      expect(products.every((p) => p.Rating === "N.A." && p.MainImage === p.images[0])).toBe(true);
      // Python float repr: integral prices keep ".0".
      expect(products.find((p) => p.asin === "B01KI9HU1O")!.Price).toBe("$23.99 to $29.99");
    });

    it("streamProducts and loadProducts agree; streamJsonArray equals JSON.parse", async () => {
      const streamed: Product[] = [];
      await streamProducts(productFile, (p) => void streamed.push(p), {
        attributes: attrFile,
        highWaterMark: 4096,
      });
      expect(streamed).toEqual(products);
      const elements: JsonValue[] = [];
      await streamJsonArray(productFile, (batch) => void elements.push(...batch), 777);
      expect(elements).toEqual(JSON.parse(readFileSync(productFile, "utf8")));
    });
  },
);
