/**
 * WebShop's product loading (`web_agent_site/engine/engine.py::load_products`, the synthetic-goal mode
 * AgentGym runs), reproduced field for field: the same skips, the same derived fields, Python's string and
 * float formatting. `loadProducts` reads the 1000-product files; `streamProducts` reads the full 1.18M
 * catalogue (`items_shuffle.json`, a 5.5 GB JSON array) one element at a time with bounded memory.
 */
import { createReadStream, readFileSync } from "node:fs";
import { z } from "zod";
import { pyFloatRepr } from "../../util/pyfloat.js";
import { pyStrip } from "../../util/pystr.js";

/** A JSON value as `JSON.parse` produces it (plus NaN/±Infinity, which Python's json also reads). */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * One processed product: upstream's dict after `load_products` (the 14 keys `clean_product_keys` drops are
 * gone; raw keys upstream keeps but never reads, such as `model`, are dropped here too, except
 * `average_rating` and `page`). Field names are upstream's, so code ported from engine.py/goal.py reads the
 * same names.
 */
export interface Product {
  asin: string;
  /** Raw title; `Title` is the same string. */
  name: string;
  category: string;
  /** `query.lower().strip()` (Python semantics). */
  query: string;
  /** "A › B › C" (U+203A separators). */
  product_category: string;
  full_description: string;
  small_description: string | string[];
  images: string[];
  customization_options: RawCustomizationOptions;
  average_rating: JsonValue;
  page: JsonValue;
  Title: string;
  Description: string;
  /** Always empty: upstream's review loading is commented out, so review pages are empty. */
  Reviews: never[];
  /** Always "N.A." for the same reason. */
  Rating: string;
  BulletPoints: string[];
  /** One or two prices (`[100.0]` when the product has none). */
  pricing: number[];
  /** "$877.8", "$23.99 to $29.99", "$100.0": Python float repr. */
  Price: string;
  /** Option group (lower-cased) → values (stripped, '/' → ' | ', lower-cased), in file order. */
  options: Record<string, string[]>;
  option_to_image: Record<string, string | null>;
  /** items_ins_v2 `attributes`, or `['DUMMY_ATTR']` when absent. */
  Attributes: string[];
  /** items_ins_v2 `instruction` (null when the product carries no synthetic goal). */
  instruction_text: string | null;
  instruction_attributes: string[] | null;
  MainImage: string;
}

const OptionContentSchema = z.object({ value: z.string(), image: z.string().nullable().optional() }).loose();
const CustomizationSchema = z.union([
  z.string(),
  z.null(),
  z.record(z.string(), z.array(OptionContentSchema).nullable()),
]);
export type RawCustomizationOptions = z.infer<typeof CustomizationSchema>;

const JsonValueSchema: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([
    z.string(),
    z.number(),
    z.boolean(),
    z.null(),
    z.array(JsonValueSchema),
    z.record(z.string(), JsonValueSchema),
  ]),
);

/** The raw fields `load_products` reads (everything else passes through unread). */
const RawProductSchema = z
  .object({
    asin: z.string(),
    name: z.string(),
    full_description: z.string(),
    small_description: z.union([z.string(), z.array(z.string())]),
    pricing: z.string().nullable().optional(),
    customization_options: CustomizationSchema,
    images: z.array(z.string()).min(1, "needs at least one image (upstream reads images[0])"),
    query: z.string(),
    category: z.string(),
    product_category: z.string(),
    average_rating: JsonValueSchema.optional(),
    page: JsonValueSchema.optional(),
  })
  .loose();

const AttributeEntrySchema = z
  .object({
    attributes: z.array(z.string()).optional(),
    instruction: z.string().nullable().optional(),
    instruction_attributes: z.array(z.string()).nullable().optional(),
  })
  .loose();
const AttributeFileSchema = z.record(z.string(), AttributeEntrySchema);
/** items_ins_v2*.json: ASIN → {attributes, instruction?, instruction_attributes?}. */
export type AttributeMap = z.infer<typeof AttributeFileSchema>;

export function readAttributes(attrFile: string): AttributeMap {
  const parsed = AttributeFileSchema.safeParse(readJson(attrFile));
  if (!parsed.success) throw new Error(`${attrFile}: ${describeIssue(parsed.error)}`);
  return parsed.data;
}

export interface LoadOptions {
  /** Upstream's `num_products`: keep only the first n raw records (before skips), as AgentGym's 1000. */
  numProducts?: number;
}

/** `load_products(product_file, num_products, human_goals=False)`: the processed products in file order. */
export function loadProducts(productFile: string, attrFile: string, opts: LoadOptions = {}): Product[] {
  const attributes = readAttributes(attrFile);
  const builder = new ProductBuilder(productFile, attributes, attrFile);
  const splitter = new JsonArraySplitter(productFile);
  const out: Product[] = [];
  const take = (values: JsonValue[]): void => {
    for (const v of values) {
      if (opts.numProducts !== undefined && builder.seen >= opts.numProducts) return;
      const p = builder.add(v);
      if (p) out.push(p);
    }
  };
  take(splitter.push(readFileSync(productFile, "utf8")));
  take(splitter.end());
  return out;
}

export interface StreamOptions extends LoadOptions {
  /**
   * The attribute map (or its file). Without one every product gets `Attributes: ['DUMMY_ATTR']` and no
   * instruction — upstream would fail on an ASIN missing from the map; browsing the catalogue needs none.
   */
  attributes?: AttributeMap | string;
  /** Read-stream chunk size in bytes (tests make it small to cross many chunk boundaries). */
  highWaterMark?: number;
}

/**
 * `load_products` over a product file of any size: reads the JSON array incrementally and hands each
 * processed product to `onProduct` (awaited when it returns a promise, so a slow consumer throttles the
 * read). Memory holds one chunk, one element and the set of ASINs seen (upstream's duplicate check).
 */
export async function streamProducts(
  productFile: string,
  onProduct: (product: Product, index: number) => void | Promise<void>,
  opts: StreamOptions = {},
): Promise<{ products: number; records: number }> {
  const attributes =
    typeof opts.attributes === "string" ? readAttributes(opts.attributes) : (opts.attributes ?? null);
  const attrFile = typeof opts.attributes === "string" ? opts.attributes : "<attributes>";
  const builder = new ProductBuilder(productFile, attributes, attrFile);
  let count = 0;
  let done = false;
  const take = async (values: JsonValue[]): Promise<void> => {
    for (const v of values) {
      if (opts.numProducts !== undefined && builder.seen >= opts.numProducts) {
        done = true;
        return;
      }
      const p = builder.add(v);
      if (!p) continue;
      const r = onProduct(p, count++);
      if (r !== undefined) await r;
    }
  };
  await streamJsonArray(
    productFile,
    async (values) => {
      await take(values);
      return done;
    },
    opts.highWaterMark,
  );
  return { products: count, records: builder.seen };
}

/**
 * Reads a file holding one top-level JSON array and hands its elements over in batches (one batch per
 * chunk read). `onBatch` returning true stops the read early.
 */
export async function streamJsonArray(
  file: string,
  onBatch: (values: JsonValue[]) => boolean | void | Promise<boolean | void>,
  highWaterMark = 1 << 20,
): Promise<void> {
  const splitter = new JsonArraySplitter(file);
  const stream = createReadStream(file, { encoding: "utf8", highWaterMark });
  try {
    for await (const chunk of stream) {
      const values = splitter.push(chunk as string);
      if (values.length > 0 && (await onBatch(values)) === true) return;
    }
    const rest = splitter.end();
    if (rest.length > 0) await onBatch(rest);
  } finally {
    stream.destroy();
  }
}

const enum State {
  BeforeArray,
  /** Inside the array, before an element or after a comma. */
  BeforeElement,
  /** After an element: expecting ',' or ']'. */
  AfterElement,
  InElement,
  AfterArray,
}

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);

/**
 * An incremental splitter for a top-level JSON array: it tracks strings (with escapes) and nesting across
 * chunk boundaries, cuts out each complete element's text and parses it with JSON.parse, so each element
 * gets exactly JSON.parse's semantics while the array as a whole is never held. Python's json also reads
 * the bare tokens NaN, Infinity and -Infinity; elements holding them are parsed with those tokens mapped.
 */
export class JsonArraySplitter {
  private state = State.BeforeArray;
  private depth = 0;
  private inString = false;
  private escaped = false;
  /** Text of the current element from earlier chunks. */
  private parts: string[] = [];
  /** The element is a bare scalar (number, true, false, null) rather than an object, array or string. */
  private scalar = false;
  /** The element holds an upper-case letter outside strings: a Python-only token (NaN, Infinity). */
  private pyTokens = false;
  /** Characters consumed before the current chunk (for error positions). */
  private offset = 0;
  private elementStart = 0;
  /** Elements completed so far. */
  count = 0;

  constructor(private readonly file: string) {}

  push(chunk: string): JsonValue[] {
    const out: JsonValue[] = [];
    let start = this.state === State.InElement ? 0 : -1;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (this.state === State.InElement) {
        if (this.inString) {
          if (this.escaped) this.escaped = false;
          else if (c === 0x5c) this.escaped = true;
          else if (c === 0x22) {
            this.inString = false;
            if (this.depth === 0) this.finish(chunk, start, i + 1, out);
          }
          continue;
        }
        if (this.scalar) {
          if (c === 0x2c || c === 0x5d || WS.has(c)) {
            this.finish(chunk, start, i, out);
            i--; // re-read the delimiter in AfterElement
          } else if (c >= 0x41 && c <= 0x5a) this.pyTokens = true;
          continue;
        }
        if (c === 0x22) this.inString = true;
        else if (c === 0x7b || c === 0x5b) this.depth++;
        else if (c === 0x7d || c === 0x5d) {
          if (--this.depth === 0) this.finish(chunk, start, i + 1, out);
        } else if (c >= 0x41 && c <= 0x5a) this.pyTokens = true;
        continue;
      }
      if (WS.has(c)) continue;
      switch (this.state) {
        case State.BeforeArray:
          if (c !== 0x5b)
            this.fail(i, `expected '[' at the start of the file, found ${JSON.stringify(chunk[i])}`);
          this.state = State.BeforeElement;
          break;
        case State.BeforeElement:
          if (c === 0x5d && this.count === 0) {
            this.state = State.AfterArray;
            break;
          }
          if (c === 0x2c || c === 0x5d) this.fail(i, `unexpected ${JSON.stringify(chunk[i])} before element`);
          this.state = State.InElement;
          this.elementStart = this.offset + i;
          start = i;
          this.parts = [];
          this.pyTokens = false;
          this.scalar = false;
          this.depth = 0;
          if (c === 0x22) this.inString = true;
          else if (c === 0x7b || c === 0x5b) this.depth = 1;
          else {
            this.scalar = true;
            if (c >= 0x41 && c <= 0x5a) this.pyTokens = true;
          }
          break;
        case State.AfterElement:
          if (c === 0x2c) this.state = State.BeforeElement;
          else if (c === 0x5d) this.state = State.AfterArray;
          else
            this.fail(
              i,
              `expected ',' or ']' after element ${this.count - 1}, found ${JSON.stringify(chunk[i])}`,
            );
          break;
        case State.AfterArray:
          this.fail(i, `unexpected ${JSON.stringify(chunk[i])} after the closing ']'`);
      }
    }
    if (this.state === State.InElement) this.parts.push(chunk.slice(start));
    this.offset += chunk.length;
    return out;
  }

  /** Ends the input: completes a trailing scalar and checks the array was closed. */
  end(): JsonValue[] {
    const out: JsonValue[] = [];
    if (this.state === State.InElement && this.scalar && !this.inString) this.finish("", 0, 0, out);
    if (this.state !== State.AfterArray)
      throw new Error(
        `${this.file}: unexpected end of file ${this.state === State.InElement ? `inside element ${this.count}` : "before the closing ']'"}`,
      );
    return out;
  }

  private finish(chunk: string, start: number, end: number, out: JsonValue[]): void {
    this.parts.push(chunk.slice(start, end));
    const text = this.parts.length === 1 ? this.parts[0]! : this.parts.join("");
    this.parts = [];
    out.push(this.parse(text));
    this.count++;
    this.state = State.AfterElement;
    this.scalar = false;
  }

  private parse(text: string): JsonValue {
    try {
      return JSON.parse(text) as JsonValue;
    } catch (e) {
      if (this.pyTokens) {
        const mapped = mapPythonTokens(text);
        if (mapped !== null) {
          try {
            return JSON.parse(mapped, (_k, v: unknown) => (v === NAN_SENTINEL ? NaN : v)) as JsonValue;
          } catch {
            // fall through to the original error
          }
        }
      }
      throw new Error(
        `${this.file}: element ${this.count} (character ${this.elementStart}): invalid JSON: ${(e as Error).message}`,
      );
    }
  }

  private fail(i: number, msg: string): never {
    throw new Error(`${this.file}: character ${this.offset + i}: ${msg}`);
  }
}

/** Stands for NaN while JSON.parse runs (JSON has no NaN literal); no real data string holds U+0000 + this. */
const NAN_SENTINEL = "\u0000wordworld:NaN\u0000";

/** Rewrites Python json's NaN / Infinity tokens outside strings (Infinity → 1e999, which parses to ∞). */
function mapPythonTokens(text: string): string | null {
  let out = "";
  let last = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (text.startsWith("NaN", i)) {
      out += text.slice(last, i) + JSON.stringify(NAN_SENTINEL);
      last = i += 3;
      i--;
    } else if (text.startsWith("Infinity", i)) {
      out += text.slice(last, i) + "1e999";
      last = i += 8;
      i--;
    }
  }
  return last === 0 ? null : out + text.slice(last);
}

/** Applies `load_products`' per-record steps, with its skips, and counts records as upstream slices them. */
class ProductBuilder {
  private readonly asins = new Set<string>();
  /** Raw records consumed (what `products[:num_products]` counts). */
  seen = 0;

  constructor(
    private readonly file: string,
    private readonly attributes: AttributeMap | null,
    private readonly attrFile: string,
  ) {}

  add(raw: JsonValue): Product | null {
    const index = this.seen++;
    const where = `${this.file}: product ${index}`;
    // Upstream reads the ASIN first and skips before touching any other field.
    const asin = raw !== null && typeof raw === "object" && !Array.isArray(raw) ? raw["asin"] : undefined;
    if (typeof asin !== "string") throw new Error(`${where}: field asin: expected a string`);
    // len() counts code points.
    if (asin === "nan" || [...asin].length > 10 || this.asins.has(asin)) return null;
    this.asins.add(asin);
    const parsed = RawProductSchema.safeParse(raw);
    if (!parsed.success) throw new Error(`${where} (${asin}): ${describeIssue(parsed.error)}`);
    const p = parsed.data;

    const { pricing, Price } = parsePricing(p.pricing, `${where} (${asin}): field pricing`);
    const options: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
    const optionToImage: Record<string, string | null> = Object.create(null) as Record<string, string | null>;
    // Python's truthiness: "" and {} (and null) mean no options.
    if (p.customization_options !== null && typeof p.customization_options === "object") {
      for (const [groupName, contents] of Object.entries(p.customization_options)) {
        if (contents === null) continue;
        const values = contents.map((c) => pyStrip(c.value).replaceAll("/", " | ").toLowerCase());
        contents.forEach((c, k) => (optionToImage[values[k]!] = c.image ?? null));
        options[groupName.toLowerCase()] = values;
      }
    } else if (typeof p.customization_options === "string" && p.customization_options !== "") {
      throw new Error(
        `${where} (${asin}): field customization_options: a non-empty string is not an option map`,
      );
    }

    let attrs: string[] = ["DUMMY_ATTR"];
    let instructionText: string | null = null;
    let instructionAttributes: string[] | null = null;
    if (this.attributes !== null) {
      const entry = Object.hasOwn(this.attributes, asin) ? this.attributes[asin] : undefined;
      // Synthetic mode reads attributes[asin].get(...), so upstream fails on an ASIN missing here.
      if (entry === undefined) throw new Error(`${this.attrFile}: no entry for ${asin} (${where})`);
      if (entry.attributes !== undefined) attrs = entry.attributes;
      instructionText = entry.instruction ?? null;
      instructionAttributes = entry.instruction_attributes ?? null;
    }

    return {
      asin,
      name: p.name,
      category: p.category,
      query: pyStrip(p.query.toLowerCase()),
      product_category: p.product_category,
      full_description: p.full_description,
      small_description: p.small_description,
      images: p.images,
      customization_options: p.customization_options,
      average_rating: p.average_rating ?? null,
      page: p.page ?? null,
      Title: p.name,
      Description: p.full_description,
      Reviews: [],
      Rating: "N.A.",
      BulletPoints: Array.isArray(p.small_description) ? p.small_description : [p.small_description],
      pricing,
      Price,
      options,
      option_to_image: optionToImage,
      Attributes: attrs,
      instruction_text: instructionText,
      instruction_attributes: instructionAttributes,
      MainImage: p.images[0]!,
    };
  }
}

/**
 * Upstream's pricing: split on '$', drop the part before the first '$', strip all but digits and '.', then
 * `float(Decimal(·))`; keep two; none → [100.0] shown "$100.0"; one → "$p"; more → "$a to $b".
 */
export function parsePricing(
  pricing: string | null | undefined,
  where = "pricing",
): { pricing: number[]; Price: string } {
  if (pricing === null || pricing === undefined || pricing === "")
    return { pricing: [100.0], Price: "$100.0" };
  const values = pricing
    .split("$")
    .slice(1)
    .map((part) => {
      // Python's \d is any Unicode decimal digit; Decimal would accept them, Number would not.
      const s = part.replace(/[^\p{Nd}.]/gu, "");
      if (!/^(\d+\.?\d*|\.\d+)$/.test(s)) throw new Error(`${where}: ${JSON.stringify(part)} is not a price`);
      return Number(s);
    });
  if (values.length === 0) throw new Error(`${where}: ${JSON.stringify(pricing)} holds no '$' price`);
  if (values.length === 1) return { pricing: values, Price: `$${pyFloatRepr(values[0]!)}` };
  const two = values.slice(0, 2);
  return { pricing: two, Price: `$${pyFloatRepr(two[0]!)} to $${pyFloatRepr(two[1]!)}` };
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new Error(`${file}: cannot read: ${(e as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new Error(`${file}: not valid JSON: ${(e as Error).message}`);
  }
}

function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0]!;
  return `field ${issue.path.map(String).join(".") || "(root)"}: ${issue.message}`;
}
