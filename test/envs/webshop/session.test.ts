/**
 * WebshopSession's state machine against upstream WebAgentTextEnv.step / SimServer.receive semantics
 * (notes §2.3–§2.4, §5), with a tiny hand-made catalogue and a fake search engine.
 */
import { describe, expect, it } from "vitest";
import { EpisodeDoneError } from "../../../src/protocol/env.js";
import {
  IRREVERSIBLE_ACTIONS,
  parseAction,
  WebshopSession,
  type ShopCatalog,
  type ShopProduct,
  type ShopTask,
  type WebshopSessionOptions,
} from "../../../src/envs/webshop/session.js";
import { WEBSHOP_REACT_PREAMBLE, WEBSHOP_WM_TASK } from "../../../src/envs/webshop/prompts.js";

function mk(i: number, extra: Partial<ShopProduct> = {}): ShopProduct {
  return {
    asin: `B${String(i).padStart(9, "0")}`,
    Title: `Shirt number ${i}`,
    Price: `$${i}.0`,
    Rating: "N.A.",
    options: {},
    Description: `desc ${i}`,
    BulletPoints: [`bullet ${i}`],
    Reviews: [],
    category: i % 2 ? "fashion" : "beauty",
    query: i % 3 ? "shirt" : "tee",
    ...extra,
  };
}

const SPECIAL = mk(1, {
  Title: "Red shirt",
  options: { color: ["red", "blue", "next >"], size: ["m", "blue"] },
  Description: "line1\nline2",
});
const PRODUCTS: ShopProduct[] = [SPECIAL, ...Array.from({ length: 59 }, (_, i) => mk(i + 2))];

class FakeCatalog implements ShopCatalog {
  readonly calls: string[][] = [];
  constructor(readonly products: readonly ShopProduct[]) {}
  product(asin: string): ShopProduct | undefined {
    return this.products.find((p) => p.asin === asin);
  }
  /** Products whose lower-cased title contains any keyword, at most 50, plus an unknown ASIN (dropped). */
  search(keywords: readonly string[]): string[] {
    this.calls.push([...keywords]);
    const kws = keywords.filter((k) => k !== "");
    const hits = this.products.filter((p) => kws.some((k) => p.Title.toLowerCase().includes(k)));
    return ["BUNKNOWN00", ...hits.map((p) => p.asin)].slice(0, 50);
  }
  allProducts(): readonly ShopProduct[] {
    return this.products;
  }
}

const INSTR = "Find me a red shirt with color: red, and size: m, and price lower than 20.00 dollars";

function setup(opts: WebshopSessionOptions = {}, products = PRODUCTS) {
  const catalog = new FakeCatalog(products);
  const bought: { asin: string; options: Record<string, string> }[] = [];
  const task: ShopTask = {
    instruction: INSTR,
    reward(asin, options) {
      bought.push({ asin, options: { ...options } });
      return {
        reward: asin === SPECIAL.asin ? (options.color === "red" ? 1.0 : 0.5) : 0.25,
        info: { r_type: 1 },
      };
    },
  };
  const s = new WebshopSession(catalog, task, { maxRounds: null, ...opts });
  const first = s.reset();
  return { s, catalog, bought, first };
}

const SEARCH_OBS = `WebShop [SEP] Instruction: [SEP] ${INSTR} [SEP] Search`;
const ITEM_OBS = `Instruction: [SEP] ${INSTR} [SEP] Back to Search [SEP] < Prev [SEP] color [SEP] red [SEP] blue [SEP] next > [SEP] size [SEP] m [SEP] blue [SEP] Red shirt [SEP] Price: $1.0 [SEP] Rating: N.A. [SEP] Description [SEP] Features [SEP] Reviews [SEP] Buy Now`;

function resultsHead(page: number, total: number): string {
  return `Instruction: [SEP] ${INSTR} [SEP] Back to Search [SEP] Page ${page} (Total results: ${total}) [SEP] ${page > 1 ? "< Prev [SEP] " : ""}Next >`;
}
function row(i: number): string {
  const p = PRODUCTS[i - 1]!;
  return ` [SEP] ${p.asin} [SEP] ${p.Title} [SEP] ${p.Price}`;
}

describe("parseAction (Python re.match(r'(.+)\\[(.+)\\]'))", () => {
  it("is greedy, anchored at the start only, and `.` stops at newlines", () => {
    expect(parseAction("click[buy now]")).toEqual(["click", "buy now"]);
    expect(parseAction("click[a] [b]")).toEqual(["click[a] ", "b"]);
    expect(parseAction("click[[x]]")).toEqual(["click[", "x]"]);
    expect(parseAction("search[x]\nclick[y]")).toEqual(["search", "x"]);
    expect(parseAction("search[x] trailing")).toEqual(["search", "x"]);
    expect(parseAction("search[a\nb]")).toBeNull();
    expect(parseAction("\nsearch[x]")).toBeNull();
    expect(parseAction("click[]")).toBeNull();
    expect(parseAction("[x]")).toBeNull();
    expect(parseAction("search[")).toBeNull();
    expect(parseAction("search[x\r]")).toEqual(["search", "x\r"]);
  });
});

describe("WebshopSession", () => {
  it("starts on the search page (AgentGym's first observation), has no initialState", () => {
    const { s, first } = setup();
    expect(first).toBe(SEARCH_OBS);
    expect(s.getAvailableActions()).toEqual({ has_search_bar: true, clickables: ["search"] });
    expect(s.availableActions()).toEqual(["search[<your query>]", "click[search]"]);
    expect("initialState" in s).toBe(false);
    expect(IRREVERSIBLE_ACTIONS).toEqual(["click[buy now]"]);
  });

  it("ignores invalid input without throwing: same observation, reward 0, not done", () => {
    const { s } = setup();
    for (const a of [
      "click[]",
      "click[search]",
      "click[unknown]",
      "search[",
      "search[]",
      "Search[red]",
      " search[red]",
      "search red",
      "",
      "click[buy now]",
      "click[next >]",
      `click[${SPECIAL.asin.toLowerCase()}]`,
      "\u0000[\u0000]",
      "search[a\nb]",
    ]) {
      const r = s.step(a);
      expect(r).toMatchObject({ observation: SEARCH_OBS, reward: 0, done: false, success: false });
      expect(r.info.valid).toBe(false);
      expect(r.info.reward).toBe(0);
    }
  });

  it("searches (lower-cased, split on single spaces), paginates 10 per page, Next > past the end", () => {
    const { s, catalog } = setup();
    let r = s.step("search[Shirt  NUMBER]");
    expect(catalog.calls.at(-1)).toEqual(["shirt", "", "number"]);
    // 60 products match; the catalogue returns 50 ASINs incl. an unknown one → 49 hits.
    expect(r.observation).toBe(resultsHead(1, 49) + [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map(row).join(""));
    expect(r.info.valid).toBe(true);
    expect(s.getAvailableActions().clickables.slice(0, 3)).toEqual([
      "back to search",
      "next >",
      "b000000001",
    ]);
    r = s.step("click[next >]");
    expect(r.observation).toBe(
      resultsHead(2, 49) + [11, 12, 13, 14, 15, 16, 17, 18, 19, 20].map(row).join(""),
    );
    expect(s.getAvailableActions().clickables.slice(0, 3)).toEqual(["back to search", "< prev", "next >"]);
    s.step("click[next >]");
    s.step("click[next >]");
    r = s.step("click[Next >]");
    expect(r.observation).toBe(resultsHead(5, 49) + [41, 42, 43, 44, 45, 46, 47, 48, 49].map(row).join(""));
    r = s.step("click[next >]");
    expect(r.observation).toBe(resultsHead(6, 49));
    r = s.step("click[< prev]");
    expect(r.observation).toBe(resultsHead(5, 49) + [41, 42, 43, 44, 45, 46, 47, 48, 49].map(row).join(""));
    expect(s.step("search[zzz]").observation).toBe(resultsHead(1, 0));
  });

  it("item page, options, sub-pages, < Prev routing, back to search", () => {
    const { s } = setup();
    s.step("search[red]");
    expect(s.step("click[B000000001]").observation).toBe(ITEM_OBS);
    expect(s.getAvailableActions().clickables).toEqual([
      "back to search",
      "< prev",
      "description",
      "features",
      "reviews",
      "buy now",
      "red",
      "blue",
      "next >",
      "m",
    ]);
    // selecting an option shows the same text
    expect(s.step("click[red]").observation).toBe(ITEM_OBS);
    // sub-pages and back
    expect(s.step("click[description]").observation).toBe(
      `Instruction: [SEP] ${INSTR} [SEP] Back to Search [SEP] < Prev [SEP] line1\nline2`,
    );
    expect(s.getAvailableActions().clickables).toEqual(["back to search", "< prev"]);
    expect(s.step("click[description]").info.valid).toBe(false);
    expect(s.step("click[< prev]").observation).toBe(ITEM_OBS);
    expect(s.step("click[features]").observation).toBe(
      `Instruction: [SEP] ${INSTR} [SEP] Back to Search [SEP] < Prev [SEP] bullet 1`,
    );
    expect(s.step("click[< prev]").observation).toBe(ITEM_OBS);
    expect(s.step("click[reviews]").observation).toBe(
      `Instruction: [SEP] ${INSTR} [SEP] Back to Search [SEP] < Prev`,
    );
    expect(s.step("click[attributes]").info.valid).toBe(false);
    s.step("click[< prev]");
    // < Prev on the item page: the results page (same page number, search re-run)
    expect(s.step("click[< prev]").observation).toBe(resultsHead(1, 1) + row(1));
    // back to search from anywhere
    expect(s.step("click[back to search]").observation).toBe(SEARCH_OBS);
  });

  it("buys: float reward in info, binary reward/success, irreversible, done page, then EpisodeDoneError", () => {
    const { s, bought } = setup();
    s.step("search[red]");
    s.step("click[b000000001]");
    s.step("click[blue]"); // shared by color and size: the later group (size) is set
    s.step("click[red]");
    const r = s.step("click[Buy Now]");
    expect(bought).toEqual([{ asin: "B000000001", options: { size: "blue", color: "red" } }]);
    expect(r.reward).toBe(1);
    expect(r.success).toBe(true);
    expect(r.done).toBe(true);
    expect(r.info).toMatchObject({ reward: 1, irreversible: true, reward_info: { r_type: 1 }, page: "done" });
    expect(r.observation).toContain(
      '[SEP] asin [SEP] B000000001 [SEP] options [SEP] {"color": "red", "size": "blue"} [SEP] attrs',
    );
    expect(r.observation).toMatch(
      /Your score \(min 0\.0, max 1\.0\) \[SEP\] 1\.0 \[SEP\] Reward Details \[SEP\] None$/,
    );
    expect(() => s.step("click[back to search]")).toThrow(EpisodeDoneError);
    expect(s.reset()).toBe(SEARCH_OBS);
  });

  it("partial reward is not success; an option named like a button routes as the button", () => {
    const { s, bought } = setup();
    s.step("search[red]");
    s.step("click[b000000001]");
    // "next >" is an option value here; on an item page it is not a results page, so it sets the option
    expect(s.step("click[next >]").observation).toBe(ITEM_OBS);
    const r = s.step("click[buy now]");
    expect(bought[0]!.options).toEqual({ color: "next >" });
    expect(r).toMatchObject({ reward: 0, success: false, done: true });
    expect(r.info.reward).toBe(0.5);
    expect(r.observation).toContain("[SEP] 0.5 [SEP] Reward Details");
  });

  it("options reset on every search, including < Prev from the item page", () => {
    const { s, bought } = setup();
    s.step("search[red]");
    s.step("click[b000000001]");
    s.step("click[red]");
    s.step("click[< prev]");
    s.step("click[b000000001]");
    s.step("click[buy now]");
    expect(bought[0]!.options).toEqual({});
    const t = setup();
    t.s.step("search[red]");
    t.s.step("click[b000000001]");
    t.s.step("click[red]");
    t.s.step("search[red]"); // search from the item page
    t.s.step("click[b000000001]");
    t.s.step("click[buy now]");
    expect(t.bought[0]!.options).toEqual({});
  });

  it("search works on every page", () => {
    const { s } = setup();
    s.step("search[red]");
    s.step("click[b000000001]");
    s.step("click[features]");
    expect(s.step("search[red]").observation).toBe(resultsHead(1, 1) + row(1));
  });

  it("keywords containing 'search_results' misroute < Prev as upstream's URL test does", () => {
    const { s } = setup();
    s.step("search[red search_results]");
    s.step("click[b000000001]");
    // the item page URL contains "search_results": < Prev goes to page - 1 = 0 (empty slice)
    expect(s.step("click[< prev]").observation).toBe(resultsHead(0, 1));
  });

  it("counts rounds like AgentGym (every step) and truncates at the cap", () => {
    const { s } = setup({ maxRounds: 3 });
    expect(s.step("nonsense").done).toBe(false);
    expect(s.step("search[red]").done).toBe(false);
    const r = s.step("click[b000000001]");
    expect(r).toMatchObject({ done: true, success: false, reward: 0 });
    expect(r.info).toMatchObject({ truncated: true, rounds: 3 });
    expect(() => s.step("click[buy now]")).toThrow(EpisodeDoneError);
    expect(
      new WebshopSession(new FakeCatalog(PRODUCTS), { instruction: "x", reward: () => ({ reward: 0 }) })
        .maxRounds,
    ).toBe(10);
    expect(
      () =>
        new WebshopSession(
          new FakeCatalog(PRODUCTS),
          { instruction: "x", reward: () => ({ reward: 0 }) },
          { maxRounds: 0 },
        ),
    ).toThrow();
  });

  it("special search tokens: <c>, <q>, seeded <r>; <a> and bare <c> are no-ops flagged as upstream errors", () => {
    const { s, catalog } = setup();
    let r = s.step("search[<c> fashion]");
    expect(r.observation.startsWith(resultsHead(1, 30))).toBe(true);
    r = s.step("search[<q> tee]");
    expect(r.observation.startsWith(resultsHead(1, 20))).toBe(true);
    const a = s.step("search[<r>]").observation;
    expect(a.startsWith(resultsHead(1, 50))).toBe(true);
    const again = setup();
    expect(again.s.step("search[<r>]").observation).toBe(s.reset() && s.step("search[<r>]").observation);
    const before = s.step("search[red]").observation;
    for (const bad of ["search[<a> cotton]", "search[<c>]"]) {
      const e = s.step(bad);
      expect(e.observation).toBe(before);
      expect(e.info.upstream_error).toBeTypeOf("string");
      expect(e.done).toBe(false);
    }
    expect(catalog.calls.some((c) => c[0]?.startsWith("<"))).toBe(false);
    const small = setup({}, PRODUCTS.slice(0, 10));
    expect(small.s.step("search[<r>]").info.upstream_error).toBeTypeOf("string");
    const plain = setup({ specialSearch: false });
    plain.s.step("search[<c> fashion]");
    expect(plain.catalog.calls.at(-1)).toEqual(["<c>", "fashion"]);
  });

  it("Word2World admissible-actions block (opt-in); after a purchase it is a fresh search page's", () => {
    const { s, first } = setup({ admissibleActions: true });
    expect(first).toBe(
      `${SEARCH_OBS}\n\nYour admissible actions of the current situation are: \n[\n'search[<your query>]',\n'click[search]',\n].`,
    );
    const r = s.step("search[red]");
    expect(r.observation).toBe(
      `${resultsHead(1, 1)}${row(1)}\n\nYour admissible actions of the current situation are: \n[\n'click[back to search]',\n'click[next >]',\n'click[b000000001]',\n].`,
    );
    s.step("click[b000000001]");
    const d = s.step("click[buy now]");
    expect(
      d.observation.endsWith(
        "[SEP] None\n\nYour admissible actions of the current situation are: \n[\n'search[<your query>]',\n'click[search]',\n].",
      ),
    ).toBe(true);
  });

  it("snapshot/restore replays identically", () => {
    const { s } = setup();
    s.step("search[shirt]");
    s.step("click[next >]");
    const snap = s.snapshot();
    const a = [s.step("click[b000000011]"), s.step("click[features]"), s.step("search[<r>]")];
    s.restore(snap);
    const b = [s.step("click[b000000011]"), s.step("click[features]"), s.step("search[<r>]")];
    expect(b).toEqual(a);
    expect(() => s.restore({})).toThrow();
  });

  it("never throws on random input", () => {
    const { s } = setup();
    const pieces = [
      "click",
      "search",
      "[",
      "]",
      "buy now",
      "next >",
      "< prev",
      "b000000001",
      "red",
      "\n",
      " ",
      "<r>",
      "<a>",
      "<c>",
      "x",
    ];
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let i = 0; i < 3000; i++) {
      const n = 1 + Math.floor(rand() * 5);
      const a = Array.from({ length: n }, () => pieces[Math.floor(rand() * pieces.length)]).join("");
      const r = s.step(a);
      if (r.done) s.reset();
    }
  });
});

describe("prompts", () => {
  it("AgentGym ReAct preamble verbatim", () => {
    expect(WEBSHOP_REACT_PREAMBLE).toHaveLength(2);
    expect(WEBSHOP_REACT_PREAMBLE[0]!.role).toBe("user");
    expect(
      WEBSHOP_REACT_PREAMBLE[0]!.content.startsWith("You are web shopping.\nI will give you instructions"),
    ).toBe(true);
    expect(
      WEBSHOP_REACT_PREAMBLE[0]!.content.endsWith(
        "format:\n\nThought:\nI think ... \n\nAction: \nclick[something]",
      ),
    ).toBe(true);
    expect(WEBSHOP_REACT_PREAMBLE[1]).toEqual({ role: "assistant", content: "Ok." });
    expect(WEBSHOP_WM_TASK).toContain("reply with exactly the next observation");
  });
});
