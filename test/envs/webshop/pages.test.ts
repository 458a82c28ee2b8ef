/**
 * Page texts and clickables against the formats recorded in the research notes (§2.2, §2.3) and
 * against strings produced by rendering the upstream Jinja templates with hand-made products and
 * converting them with bs4 (html.parser) the way WebAgentTextEnv's text mode does.
 */
import { describe, expect, it } from "vitest";
import {
  donePage,
  flaskToJson,
  itemPage,
  resultsPage,
  searchPage,
  subPage,
  textNode,
  type ShopProduct,
} from "../../../src/envs/webshop/pages.js";
import {
  actionList,
  admissibleActionsBlock,
  withAdmissibleActions,
} from "../../../src/envs/webshop/clickables.js";
import { pyFloatRepr } from "../../../src/util/pyfloat.js";

function product(p: Partial<ShopProduct> & { asin: string }): ShopProduct {
  return {
    Title: "",
    Price: "$100.0",
    Rating: "N.A.",
    options: {},
    Description: "",
    BulletPoints: [],
    Reviews: [],
    ...p,
  };
}

const GOAL6 =
  "Find me men's shorts with elastic waist, classic fit, short sleeve for gym workout with color: navy, and size: x-large, and price lower than 50.00 dollars";
const I = 'Find me x & <y> "z"';
const HEAD = `Instruction: [SEP] ${I} [SEP] Back to Search [SEP] < Prev`;

const sweatshirt = product({
  asin: "B000000001",
  Title: "Grandfather Italian Mafia Puppet Men's Crewneck Sweatshirt",
  Price: "$23.99 to $29.99",
  options: { size: ["small", "medium", "xx-large", "3x-large", "4x-large", "5x-large"] },
  Description: "Line one\nLine two & <b>bold</b> \"q\" 'a'",
  BulletPoints: ["  first bullet ", "second\nbullet"],
  Attributes: ["a1", " a2 "],
  category: "fashion",
  query: "men's sweatshirt",
  product_category: "Clothing › Men",
});
const odd = product({
  asin: "B000000003",
  Title: "\u00a0",
  Price: "$5.0",
  options: { a: ["x", "y"], b: ["y", "z"], c: [" ", "\n", ""] },
  Description: "   ",
  BulletPoints: [" \n", "\t", "\u00a0", "&amp; &lt;"],
  Reviews: [
    { title: "Great", score: 5, body: "ok &" },
    { body: "x", score: 3.5, title: "" },
  ],
});

describe("search page", () => {
  it("reproduces the recorded initial observation", () => {
    const p = searchPage(GOAL6);
    expect(p.text).toBe(`WebShop [SEP] Instruction: [SEP] ${GOAL6} [SEP] Search`);
    expect(p.hasSearchBar).toBe(true);
    expect([...p.clickables.keys()]).toEqual(["search"]);
  });
  it("strips the instruction the Python way and drops an empty one", () => {
    expect(searchPage("  hi\n there ").text).toBe("WebShop [SEP] Instruction: [SEP] hi\n there [SEP] Search");
    expect(searchPage("").text).toBe("WebShop [SEP] Instruction: [SEP] Search");
    expect(searchPage(" ").text).toBe("WebShop [SEP] Instruction: [SEP]  [SEP] Search");
    expect(searchPage("\n").text).toBe("WebShop [SEP] Instruction: [SEP] Search");
  });
});

describe("results page", () => {
  const prods = [
    sweatshirt,
    product({ asin: "B000000002", Title: "" }),
    odd,
    product({ asin: "B000000004", Title: "  Caf\u00e9 \u2014 \ud83d\ude00 \t", Price: "$877.8" }),
  ];
  it("page 1: no < Prev; titles dropped when empty, empty segment when not ASCII-space", () => {
    const p = resultsPage(I, prods, 1, 4);
    expect(p.text).toBe(
      `Instruction: [SEP] ${I} [SEP] Back to Search [SEP] Page 1 (Total results: 4) [SEP] Next > [SEP] B000000001 [SEP] Grandfather Italian Mafia Puppet Men's Crewneck Sweatshirt [SEP] $23.99 to $29.99 [SEP] B000000002 [SEP] $100.0 [SEP] B000000003 [SEP]  [SEP] $5.0 [SEP] B000000004 [SEP] Café — 😀 [SEP] $877.8`,
    );
    expect([...p.clickables.keys()]).toEqual([
      "back to search",
      "next >",
      "b000000001",
      "b000000002",
      "b000000003",
      "b000000004",
    ]);
    expect(p.hasSearchBar).toBe(false);
  });
  it("page ≥ 2 adds < Prev before Next >; Next > even past the end", () => {
    const p = resultsPage(I, [], 7, 0);
    expect(p.text).toBe(
      `Instruction: [SEP] ${I} [SEP] Back to Search [SEP] Page 7 (Total results: 0) [SEP] < Prev [SEP] Next >`,
    );
    expect([...p.clickables.keys()]).toEqual(["back to search", "< prev", "next >"]);
  });
});

describe("item page", () => {
  it("reproduces the recorded item page", () => {
    const p = itemPage(GOAL6, sweatshirt);
    expect(p.text).toBe(
      `Instruction: [SEP] ${GOAL6} [SEP] Back to Search [SEP] < Prev [SEP] size [SEP] small [SEP] medium [SEP] xx-large [SEP] 3x-large [SEP] 4x-large [SEP] 5x-large [SEP] Grandfather Italian Mafia Puppet Men's Crewneck Sweatshirt [SEP] Price: $23.99 to $29.99 [SEP] Rating: N.A. [SEP] Description [SEP] Features [SEP] Reviews [SEP] Buy Now`,
    );
    expect([...p.clickables.keys()]).toEqual([
      "back to search",
      "< prev",
      "description",
      "features",
      "reviews",
      "buy now",
      "small",
      "medium",
      "xx-large",
      "3x-large",
      "4x-large",
      "5x-large",
    ]);
  });
  it("duplicate values collapse to the later group; whitespace values follow bs4", () => {
    const p = itemPage(I, odd);
    expect(p.text).toBe(
      `${HEAD} [SEP] a [SEP] x [SEP] y [SEP] b [SEP] y [SEP] z [SEP] c [SEP]  [SEP]  [SEP] Price: $5.0 [SEP] Rating: N.A. [SEP] Description [SEP] Features [SEP] Reviews [SEP] Buy Now`,
    );
    expect([...p.clickables.keys()]).toEqual([
      "back to search",
      "< prev",
      "description",
      "features",
      "reviews",
      "buy now",
      "x",
      "y",
      "z",
      " ",
      "\n",
      "",
    ]);
    expect(p.clickables.get("y")).toEqual({ kind: "radio", name: "b" });
  });
  it("Attributes only with showAttrs; escaped characters round-trip; radio values are not lower-cased", () => {
    const p = itemPage(
      I,
      product({
        asin: "B4",
        Title: "T",
        Price: "$877.8",
        options: { "flavor name": ["<sweet>", "a&b", "it's", "Up"] },
      }),
      true,
    );
    expect(p.text).toBe(
      `${HEAD} [SEP] flavor name [SEP] <sweet> [SEP] a&b [SEP] it's [SEP] Up [SEP] T [SEP] Price: $877.8 [SEP] Rating: N.A. [SEP] Description [SEP] Features [SEP] Reviews [SEP] Attributes [SEP] Buy Now`,
    );
    expect([...p.clickables.keys()].slice(5)).toEqual([
      "attributes",
      "buy now",
      "<sweet>",
      "a&b",
      "it's",
      "Up",
    ]);
  });
});

describe("sub-pages", () => {
  it("description keeps newlines; empty description ends at < Prev", () => {
    expect(subPage(I, sweatshirt, "Description").text).toBe(
      `${HEAD} [SEP] Line one\nLine two & <b>bold</b> "q" 'a'`,
    );
    expect(subPage(I, product({ asin: "B2" }), "Description").text).toBe(HEAD);
    expect(subPage(I, product({ asin: "B2", Description: "\n" }), "Description").text).toBe(HEAD);
    expect(subPage(I, odd, "Description").text).toBe(`${HEAD} [SEP] `);
  });
  it("features: one segment per bullet; [''] leaves the trailing-separator quirk", () => {
    expect(subPage(I, sweatshirt, "Features").text).toBe(`${HEAD} [SEP] first bullet [SEP] second\nbullet`);
    expect(subPage(I, product({ asin: "B2", BulletPoints: [""] }), "Features").text).toBe(`${HEAD} [SEP] `);
    expect(subPage(I, product({ asin: "B2", BulletPoints: ["\r"] }), "Features").text).toBe(`${HEAD} [SEP] `);
    expect(subPage(I, odd, "Features").text).toBe(`${HEAD} [SEP]  [SEP]  [SEP] &amp; &lt;`);
    expect([...subPage(I, odd, "Features").clickables.keys()]).toEqual(["back to search", "< prev"]);
  });
  it("reviews are empty in WebShop; review objects render title/score/body", () => {
    expect(subPage(I, sweatshirt, "Reviews").text).toBe(HEAD);
    expect(subPage(I, odd, "Reviews").text).toBe(
      `${HEAD} [SEP] "Great" [SEP] 5 [SEP] ok & [SEP] "" [SEP] 3.5 [SEP] x`,
    );
  });
  it("attributes page", () => {
    expect(subPage(I, sweatshirt, "Attributes").text).toBe(
      `${HEAD} [SEP] a1 [SEP] a2 [SEP] fashion [SEP] men's sweatshirt [SEP] Clothing › Men`,
    );
  });
});

describe("done page", () => {
  const done = (opts: string, reward: string) =>
    `Thank you for shopping with us! [SEP] Your code: [SEP] None [SEP] (Paste it in your MTurk interface.) [SEP] Purchased [SEP] asin [SEP] B09ABCDEF1 [SEP] options [SEP] ${opts} [SEP] attrs [SEP] None [SEP] category [SEP] None [SEP] query [SEP] None [SEP] product category [SEP] None [SEP] Target [SEP] asin [SEP] options [SEP] attrs [SEP] price upper [SEP] instuction text [SEP] category [SEP] product category [SEP] query [SEP] Goal [SEP] None [SEP] Reward [SEP] Your score (min 0.0, max 1.0) [SEP] ${reward} [SEP] Reward Details [SEP] None`;
  it("reproduces the recorded done page (sorted tojson, Python float)", () => {
    const p = donePage("B09ABCDEF1", Object.entries({ size: "x-large", color: "navy" }), 0.6666666666666666);
    expect(p.text).toBe(done('{"color": "navy", "size": "x-large"}', "0.6666666666666666"));
    expect([...p.clickables.keys()]).toEqual([]);
    expect(donePage("B09ABCDEF1", [], 1).text).toBe(done("{}", "1.0"));
    expect(donePage("B09ABCDEF1", [["b", "x"]], 0).text).toBe(done('{"b": "x"}', "0.0"));
  });
  it("tojson escapes like Flask (ensure_ascii + HTML-safe)", () => {
    const opts: [string, string][] = [
      ["z", "<a&b>'\"\\é😀"],
      ["a", "\n"],
    ];
    expect(donePage("B09ABCDEF1", opts, 1e-5).text).toBe(
      done('{"a": "\\n", "z": "\\u003ca\\u0026b\\u003e\\u0027\\"\\\\\\u00e9\\ud83d\\ude00"}', "1e-05"),
    );
    expect(
      flaskToJson([
        ["\u{1F600}", "1"],
        ["\uffff", "2"],
      ]),
    ).toBe('{"\\uffff": "2", "\\ud83d\\ude00": "1"}');
  });
});

describe("Python-faithful helpers", () => {
  it("pyFloatRepr matches Python repr", () => {
    const cases: [number, string][] = [
      [1, "1.0"],
      [0, "0.0"],
      [-0, "-0.0"],
      [0.5, "0.5"],
      [1e-5, "1e-05"],
      [1e16, "1e+16"],
      [123456789012345680000, "1.2345678901234568e+20"],
      [0.0001, "0.0001"],
      [1.5e-7, "1.5e-07"],
      [-2.5, "-2.5"],
      [1 / 3, "0.3333333333333333"],
      [100, "100.0"],
      [12345.678, "12345.678"],
      [NaN, "nan"],
      [Infinity, "inf"],
    ];
    for (const [x, s] of cases) expect(pyFloatRepr(x)).toBe(s);
  });
  it("textNode follows bs4 + str.strip", () => {
    expect(textNode("")).toBeNull();
    expect(textNode("\n   ")).toBeNull();
    expect(textNode("  ")).toBe("");
    expect(textNode("\u00a0")).toBe("");
    expect(textNode("\ufeffa\ufeff")).toBe("\ufeffa\ufeff");
    expect(textNode("\u001fa\u0085")).toBe("a");
    expect(textNode(" \n", true)).toBe("");
    expect(textNode("\n", true)).toBeNull();
  });
});

describe("admissible actions (Word2World)", () => {
  it("lists search then clicks, and formats the block", () => {
    const a = { has_search_bar: true, clickables: ["search"] };
    expect(actionList(a)).toEqual(["search[<your query>]", "click[search]"]);
    expect(admissibleActionsBlock(a)).toBe(
      "Your admissible actions of the current situation are: \n[\n'search[<your query>]',\n'click[search]',\n].",
    );
    expect(
      withAdmissibleActions("OBS", { has_search_bar: false, clickables: ["back to search", "next >"] }),
    ).toBe(
      "OBS\n\nYour admissible actions of the current situation are: \n[\n'click[back to search]',\n'click[next >]',\n].",
    );
    expect(admissibleActionsBlock({ has_search_bar: false, clickables: [] })).toBe(
      "Your admissible actions of the current situation are: \n[\n\n].",
    );
  });
});
