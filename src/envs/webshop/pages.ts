/**
 * The text of every WebShop page exactly as AgentGym's text mode shows it: the Jinja templates of
 * princeton-nlp/WebShop `web_agent_site/templates/*.html` (autoescape on), parsed by bs4
 * (`html.parser`), every visible text node `t != '\n'` kept as `t.strip()` and joined by " [SEP] ".
 *
 * Instead of rendering HTML we emit the same text nodes the templates produce. The bs4 rules that
 * matter (see `textNode`):
 *  - escaping round-trips: Jinja escapes `& < > " '` and bs4 unescapes them, so values come back verbatim;
 *  - an empty value between two tags makes no node at all (no segment);
 *  - outside `<pre>`, a node made only of ASCII spaces (" \n\t\f\r") becomes "\n" if it holds a newline
 *    (then dropped by `t != '\n'`), else " " (kept, stripped to an empty segment);
 *  - every kept node is stripped with Python's `str.strip()` (pyStrip); inner newlines stay.
 * Template literals adjacent to a value join its node (e.g. features: `<p> {{bulletpoint}}</p>`, so an
 * empty bullet leaves " " → an empty trailing segment).
 */
import { pyStrip } from "../../util/pystr.js";
import { clickableMap, type Clickable } from "./clickables.js";
import { pyFloatRepr } from "../../util/pyfloat.js";

/** The product fields the pages read (engine.py `load_products` output). Extra fields are ignored. */
export interface ShopProduct {
  asin: string;
  Title: string;
  /** The display price text, e.g. "$34.0" or "$23.99 to $29.99" (Python float repr), as built by load_products. */
  Price: string;
  /** "N.A." in WebShop (reviews are never loaded). */
  Rating: string;
  /** Option group name → values, in product order (names/values already lower-cased upstream). */
  options: Record<string, readonly string[]>;
  Description: string;
  BulletPoints: readonly string[];
  /** Always [] in WebShop; objects with title/score/body if ever present. */
  Reviews: readonly unknown[];
  /** Shown only on the Attributes page (show_attrs). */
  Attributes?: readonly string[];
  /** For `<c>` search and the Attributes page. */
  category?: string;
  /** For `<q>` search and the Attributes page (load_products: `query.lower().strip()`). */
  query?: string;
  product_category?: string;
}

export type PageKind = "search" | "results" | "item" | "sub" | "done";
export type SubPage = "Description" | "Features" | "Reviews" | "Attributes";
export const SUB_PAGES: readonly SubPage[] = ["Description", "Features", "Reviews", "Attributes"];

/** A rendered page: its observation text and its clickables (upstream `text_to_clickable`, in order). */
export interface RenderedPage {
  readonly kind: PageKind;
  readonly text: string;
  readonly hasSearchBar: boolean;
  readonly clickables: ReadonlyMap<string, Clickable>;
}

export const SEP = " [SEP] ";

const ASCII_SPACES = new Set([" ", "\n", "\t", "\f", "\r"]);

/**
 * The segment one bs4 text node yields, or null when it yields none: null for an empty node (none
 * exists) or a node equal to "\n" (filtered). `inPre`: inside `<pre>`, bs4 keeps whitespace as is.
 */
export function textNode(raw: string, inPre = false): string | null {
  if (raw === "") return null;
  let t = raw;
  if (!inPre && [...t].every((c) => ASCII_SPACES.has(c))) t = t.includes("\n") ? "\n" : " ";
  if (t === "\n") return null;
  return pyStrip(t);
}

class Segments {
  readonly list: string[] = [];
  node(raw: string, inPre = false): this {
    const s = textNode(raw, inPre);
    if (s !== null) this.list.push(s);
    return this;
  }
  text(): string {
    return this.list.join(SEP);
  }
}

/** Python `json.dumps` string literal with ensure_ascii=True. */
function pyJsonString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const ch = s[i] ?? "";
    if (ch === '"') out += '\\"';
    else if (ch === "\\") out += "\\\\";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (ch === "\b") out += "\\b";
    else if (ch === "\f") out += "\\f";
    else if (c < 0x20 || c > 0x7e) out += `\\u${c.toString(16).padStart(4, "0")}`;
    else out += ch;
  }
  return out + '"';
}

function codePointCompare(a: string, b: string): number {
  const A = [...a];
  const B = [...b];
  for (let i = 0; i < Math.min(A.length, B.length); i++) {
    const d = (A[i] ?? "").codePointAt(0)! - (B[i] ?? "").codePointAt(0)!;
    if (d !== 0) return d;
  }
  return A.length - B.length;
}

/**
 * Python `json.dumps(d)` of a str→str dict (", " / ": " separators, ensure_ascii); `sortKeys` sorts by
 * code point as Python's `sorted` does.
 */
export function pyJsonDumpsStrDict(entries: Iterable<readonly [string, string]>, sortKeys = false): string {
  const list = [...entries];
  if (sortKeys) list.sort((x, y) => codePointCompare(x[0], y[0]));
  return `{${list.map(([k, v]) => `${pyJsonString(k)}: ${pyJsonString(v)}`).join(", ")}}`;
}

/**
 * Flask's `tojson` filter on the options dict: sorted keys, ensure_ascii, then the HTML-safe
 * replacements `<`→\u003c, `>`→\u003e, `&`→\u0026, `'`→\u0027 (the result is Markup: not escaped again).
 */
export function flaskToJson(entries: Iterable<readonly [string, string]>): string {
  return pyJsonDumpsStrDict(entries, true)
    .replaceAll("<", "\\u003c")
    .replaceAll(">", "\\u003e")
    .replaceAll("&", "\\u0026")
    .replaceAll("'", "\\u0027");
}

/** How Jinja prints a value: undefined → "", null → "None", booleans "True"/"False", numbers as Python. */
function jinjaStr(v: unknown): string {
  if (v === undefined) return "";
  if (v === null) return "None";
  if (typeof v === "string") return v;
  if (typeof v === "boolean") return v ? "True" : "False";
  if (typeof v === "number") return Number.isInteger(v) ? String(v) : pyFloatRepr(v);
  return String(v);
}

function field(o: unknown, key: string): unknown {
  return o !== null && typeof o === "object" ? (o as Record<string, unknown>)[key] : undefined;
}

function instructionHeader(s: Segments, instruction: string, searchPage = false): void {
  // search_page.html: `<h4>Instruction: <br>{{ instruction_text }}</h4>`; the others have no space.
  s.node(searchPage ? "Instruction: " : "Instruction:").node(instruction);
}

/** search_page.html: `WebShop [SEP] Instruction: [SEP] <instruction> [SEP] Search`. */
export function searchPage(instruction: string): RenderedPage {
  const s = new Segments().node("WebShop");
  instructionHeader(s, instruction, true);
  s.node("Search");
  return { kind: "search", text: s.text(), hasSearchBar: true, clickables: clickableMap(["Search"], [], []) };
}

/**
 * results_page.html for one page of results: `Page N (Total results: M)`, "< Prev" only when N > 1,
 * "Next >" always; per product its ASIN (a `.product-link`), Title and Price text.
 */
export function resultsPage(
  instruction: string,
  products: readonly ShopProduct[],
  page: number,
  total: number,
): RenderedPage {
  const s = new Segments();
  instructionHeader(s, instruction);
  const buttons = ["Back to Search"];
  s.node("Back to Search").node(`Page ${page} (Total results: ${total})`);
  if (page > 1) {
    s.node("< Prev");
    buttons.push("< Prev");
  }
  s.node("Next >");
  buttons.push("Next >");
  for (const p of products) s.node(p.asin).node(p.Title).node(p.Price);
  return {
    kind: "results",
    text: s.text(),
    hasSearchBar: false,
    clickables: clickableMap(
      buttons,
      products.map((p) => p.asin),
      [],
    ),
  };
}

/**
 * item_page.html: option groups (name, then each value as a radio label), title, `Price: …`,
 * `Rating: …`, Description/Features/Reviews (+ Attributes when showAttrs), Buy Now. The selected
 * options are not visible in text (only a script marks the radios checked).
 */
export function itemPage(instruction: string, product: ShopProduct, showAttrs = false): RenderedPage {
  const s = new Segments();
  instructionHeader(s, instruction);
  s.node("Back to Search").node("< Prev");
  const radios: { name: string; value: string }[] = [];
  for (const [name, values] of Object.entries(product.options)) {
    s.node(name);
    for (const v of values) {
      s.node(v);
      radios.push({ name, value: v });
    }
  }
  s.node(product.Title)
    .node(`Price: ${product.Price}`)
    .node(`Rating: ${product.Rating}`)
    .node("Description")
    .node("Features")
    .node("Reviews");
  const buttons = ["Back to Search", "< Prev", "Description", "Features", "Reviews"];
  if (showAttrs) {
    s.node("Attributes");
    buttons.push("Attributes");
  }
  s.node("Buy Now");
  buttons.push("Buy Now");
  return { kind: "item", text: s.text(), hasSearchBar: false, clickables: clickableMap(buttons, [], radios) };
}

/** description/features/review/attributes_page.html: `… Back to Search [SEP] < Prev [SEP] <content>`. */
export function subPage(instruction: string, product: ShopProduct, sub: SubPage): RenderedPage {
  const s = new Segments();
  instructionHeader(s, instruction);
  s.node("Back to Search").node("< Prev");
  switch (sub) {
    case "Description":
      s.node(product.Description);
      break;
    case "Features":
      for (const b of product.BulletPoints) s.node(` ${b}`);
      break;
    case "Reviews":
      for (const r of product.Reviews) {
        s.node(`"${jinjaStr(field(r, "title"))}"`)
          .node(jinjaStr(field(r, "score")))
          .node(jinjaStr(field(r, "body")));
      }
      break;
    case "Attributes":
      for (const a of product.Attributes ?? []) s.node(` ${a}`);
      s.node(product.category ?? "")
        .node(product.query ?? "")
        .node(product.product_category ?? "");
      break;
  }
  return {
    kind: "sub",
    text: s.text(),
    hasSearchBar: false,
    clickables: clickableMap(["Back to Search", "< Prev"], [], []),
  };
}

/**
 * done_page.html as the text env renders it (no goal, mturk code or reward info passed: "None" or
 * nothing), with the hidden fields, the options as Flask `tojson` and the reward as Python `str(float)`.
 */
export function donePage(
  asin: string,
  options: Iterable<readonly [string, string]>,
  reward: number,
): RenderedPage {
  const s = new Segments()
    .node("Thank you for shopping with us!")
    .node("Your code: ")
    .node("None", true)
    .node(" (Paste it in your MTurk interface.)")
    .node("Purchased")
    .node("asin")
    .node(asin, true)
    .node("options")
    .node(flaskToJson(options), true);
  for (const label of ["attrs", "category", "query", "product category"]) s.node(label).node("None", true);
  s.node("Target");
  // goal is None: `{{ goal.x }}` prints nothing, so only the labels remain.
  for (const label of [
    "asin",
    "options",
    "attrs",
    "price upper",
    "instuction text",
    "category",
    "product category",
    "query",
  ])
    s.node(label);
  s.node("Goal ")
    .node("None", true)
    .node("Reward")
    .node("Your score (min 0.0, max 1.0)")
    .node(pyFloatRepr(reward), true)
    .node("Reward Details ")
    .node("None", true);
  return { kind: "done", text: s.text(), hasSearchBar: false, clickables: new Map() };
}
