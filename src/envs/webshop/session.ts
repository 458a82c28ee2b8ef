/**
 * WebShop as AgentGym serves it (WooooDyy/AgentGym `agentenv-webshop`, which wraps princeton-nlp/WebShop
 * `WebAgentTextEnv(observation_mode="text", num_products=1000)`), behind the EnvSession interface.
 *
 * The state machine follows `WebAgentTextEnv.step` + `SimServer.receive`:
 *  - actions parse with Python `re.match(r'(.+)\[(.+)\]')` (anchored at the start only, greedy, `.`
 *    excludes "\n"); the argument is lower-cased. `search[kw]` works on every page; `click[x]` only if
 *    `x` is a clickable of the current page and not "search". Anything else: the same observation,
 *    reward 0, not done, no error text. (AgentGym's *client* prefixes "Invalid Action.\n\n" only when its
 *    own action extraction raises, which never happens in the ReAct format; that is client side.)
 *  - routing by clickable name first, page type second — the page type is read from the upstream URL by
 *    substring, so keywords containing "search_results"/"item_page" misroute "< prev" exactly as upstream.
 *  - reward only on "buy now": `StepResult.reward`/`success` are binary (reward == 1.0 exactly, as
 *    AgentGym counts success); the float reward is `info.reward`.
 *  - rounds: AgentGym's `_generate_experience_one` counts every `client.step` (valid or not) and stops
 *    after `max_rounds` (10 in AgentGym's evaluation); here `done` becomes true at the cap with
 *    `info.truncated = true`.
 *
 * Special first search tokens (engine.py `get_top_n_product_from_keywords`): kept by default
 * (`specialSearch: true`), because they reveal nothing of the goal: `<r>` → 50 random products (upstream
 * draws from Python's global, time-seeded RNG; here a seeded PRNG, re-seeded at reset, so a session is
 * deterministic), `<c> cat` → every product with that category (no 50 cap), `<q> query` → every product
 * with that query. `<a> …`, `<c>` alone and `<r>` on < 50 products crash upstream (HTTP 500, which kills
 * AgentGym's client); here they are a no-op with `info.upstream_error` set, after the session
 * fields upstream sets before the crash (keywords, page, asin, options). With `specialSearch: false`
 * they are plain keywords.
 *
 * No `initialState()`: the reference gives WebShop's world model no hidden state.
 */
import { EpisodeDoneError, type EnvSession, type StepResult } from "../../protocol/env.js";
import { actionList, withAdmissibleActions, type AvailableActions, type Clickable } from "./clickables.js";
import {
  donePage,
  itemPage,
  resultsPage,
  searchPage,
  subPage,
  SUB_PAGES,
  type RenderedPage,
  type ShopProduct,
  type SubPage,
} from "./pages.js";
import { pyStrip } from "../../util/pystr.js";
import { mulberry32 } from "../../util/mulberry32.js";

export type { ShopProduct } from "./pages.js";

/** The product catalogue and search engine, shared by all sessions (the lead implements it). */
export interface ShopCatalog {
  /** The product with this ASIN (upper-case, as stored), or undefined. */
  product(asin: string): ShopProduct | undefined;
  /**
   * Ranked ASINs for a search, at most 50 (upstream: Lucene BM25, k=50). `keywords` is the lower-cased
   * action argument split on single spaces (Python `split(' ')`, empty strings kept); upstream searches
   * `keywords.join(" ")`. ASINs without a product are dropped, as upstream drops them.
   */
  search(keywords: readonly string[]): readonly string[];
  /** All products in file order (for the `<r>`, `<c>`, `<q>` tokens). */
  allProducts(): readonly ShopProduct[];
}

/** The episode's goal (the lead implements it per goal id). */
export interface ShopTask {
  /** The instruction text shown on every page. */
  instruction: string;
  /**
   * Upstream `get_reward(product, goal, price=product_prices[asin], options)`: the float reward of
   * buying `asin` with the selected options (group → value, in selection order; the price is the
   * env's drawn price, which the task must fix). `info` is its verbose reward info. (A JS object:
   * integer-like group names would lose selection order; none occur in WebShop.)
   */
  reward(asin: string, options: Readonly<Record<string, string>>): { reward: number; info?: unknown };
}

export interface WebshopSessionOptions {
  /** Round cap (every step counts, valid or not); AgentGym evaluation uses 10. null: no cap. Default 10. */
  maxRounds?: number | null;
  /** Show the Attributes button/page (upstream `show_attrs`; false in AgentGym). */
  showAttrs?: boolean;
  /** Honour `<r>`, `<c>`, `<q>`, `<a>` as upstream does (default true); false: plain keywords. */
  specialSearch?: boolean;
  /** Seed of the PRNG behind `<r>` (default 0). */
  seed?: number;
  /**
   * Append Word2World's "Your admissible actions of the current situation are:" block to every
   * observation (default false; upstream AgentGym appends nothing). Word2World's env resets itself
   * after a purchase, so the done observation carries the block of a fresh search page.
   */
  admissibleActions?: boolean;
  /** The upstream session id (AgentGym: `str(goal index)`); only appears in URLs. Default "0". */
  sessionId?: string;
}

export const DEFAULT_MAX_ROUNDS = 10;
/** Actions that end the episode for good. */
export const IRREVERSIBLE_ACTIONS = ["click[buy now]"];

const SEARCH_RETURN_N = 50;
const PRODUCT_WINDOW = 10;
const BASE_URL = "http://127.0.0.1:3000";

/** Python `re.match(r'(.+)\[(.+)\]', action)`: [name, arg] or null. */
export function parseAction(action: string): [string, string] | null {
  const m = /^([^\n]+)\[([^\n]+)\]/.exec(action);
  return m ? [m[1] ?? "", m[2] ?? ""] : null;
}

/** Python list slicing `a[start:end]` (step 1). */
function pySlice<T>(a: readonly T[], start: number, end: number): T[] {
  const n = a.length;
  const norm = (i: number): number => Math.min(Math.max(i < 0 ? i + n : i, 0), n);
  return a.slice(norm(start), Math.max(norm(start), norm(end)));
}

/** engine.py `get_page_name`: the first page name contained in the URL, else "" (index page). */
function pageName(url: string): string {
  for (const p of ["search_results", "item_page", "item_sub_page", "done"]) if (url.includes(p)) return p;
  return "";
}

class UpstreamError extends Error {}

interface ServerState {
  keywords: string[] | null;
  page: number | null;
  asin: string | null;
  options: Map<string, string>;
}

interface SessionSnapshot {
  kind: "webshop";
  rounds: number;
  done: boolean;
  server: {
    keywords: string[] | null;
    page: number | null;
    asin: string | null;
    options: [string, string][];
  };
  view: RenderedPage;
  url: string;
  rngCalls: number;
}

export class WebshopSession implements EnvSession {
  readonly maxRounds: number | null;
  private readonly showAttrs: boolean;
  private readonly specialSearch: boolean;
  private readonly seed: number;
  private readonly admissible: boolean;
  private readonly sid: string;
  private rounds = 0;
  private done = false;
  private server: ServerState = { keywords: null, page: null, asin: null, options: new Map() };
  private view: RenderedPage;
  private url: string;
  private rng: () => number;
  private rngCalls = 0;

  constructor(
    readonly catalog: ShopCatalog,
    readonly task: ShopTask,
    options: WebshopSessionOptions = {},
  ) {
    this.maxRounds = options.maxRounds === undefined ? DEFAULT_MAX_ROUNDS : options.maxRounds;
    if (this.maxRounds !== null && (!Number.isInteger(this.maxRounds) || this.maxRounds < 1))
      throw new Error(`maxRounds must be a positive integer or null, got ${options.maxRounds}`);
    this.showAttrs = options.showAttrs ?? false;
    this.specialSearch = options.specialSearch ?? true;
    this.seed = options.seed ?? 0;
    this.admissible = options.admissibleActions ?? false;
    this.sid = options.sessionId ?? "0";
    this.rng = mulberry32(this.seed);
    this.view = searchPage(task.instruction);
    this.url = `${BASE_URL}/${this.sid}`;
  }

  reset(): string {
    this.rounds = 0;
    this.done = false;
    this.rng = mulberry32(this.seed);
    this.rngCalls = 0;
    this.index();
    return this.observation();
  }

  /** The current page's text (what `/observation` returns), with the admissible block if enabled. */
  observation(): string {
    return this.admissible
      ? withAdmissibleActions(this.view.text, this.getAvailableActions())
      : this.view.text;
  }

  /** AgentGym's `/available_actions` answer for the current page. */
  getAvailableActions(): AvailableActions {
    return { has_search_bar: this.view.hasSearchBar, clickables: [...this.view.clickables.keys()] };
  }

  /** The Word2World list: `search[<your query>]` (search page only) and `click[c]` per clickable — `click[search]` included, although always rejected. */
  availableActions(): string[] {
    return actionList(this.getAvailableActions());
  }

  /** The kind of the current page. */
  get page(): RenderedPage["kind"] {
    return this.view.kind;
  }

  step(action: string): StepResult {
    if (this.done) throw new EpisodeDoneError();
    this.rounds++;
    const info: Record<string, unknown> = {};
    let reward = 0;
    let bought = false;
    const parsed = parseAction(action);
    const name = parsed?.[0];
    const arg = parsed?.[1].toLowerCase();
    let valid = false;
    try {
      if (name === "search" && arg !== undefined && arg !== "") {
        valid = true;
        this.search(arg.split(" "), 1);
      } else if (name === "click" && arg !== undefined && arg !== "search" && this.view.clickables.has(arg)) {
        valid = true;
        const r = this.click(arg, this.view.clickables.get(arg)!);
        if (r) {
          bought = true;
          reward = r.reward;
          info.reward_info = r.info;
          info.irreversible = true;
        }
      }
    } catch (e) {
      if (!(e instanceof UpstreamError)) throw e;
      info.upstream_error = e.message;
    }
    const success = bought && reward === 1;
    const truncated = !bought && this.maxRounds !== null && this.rounds >= this.maxRounds;
    this.done = bought || truncated;
    let observation = this.view.text;
    if (this.admissible) {
      // Word2World's env resets itself after done: the block is that of a fresh search page.
      const actions = bought ? { has_search_bar: true, clickables: ["search"] } : this.getAvailableActions();
      observation = withAdmissibleActions(observation, actions);
    }
    return {
      observation,
      reward: success ? 1 : 0,
      done: this.done,
      success,
      info: {
        ...info,
        reward,
        valid,
        page: this.view.kind,
        rounds: this.rounds,
        ...(truncated ? { truncated: true } : {}),
        available_actions: this.getAvailableActions(),
      },
    };
  }

  // ---- SimServer.receive -------------------------------------------------------------------------

  private index(): void {
    this.server = { keywords: null, page: null, asin: null, options: new Map() };
    this.view = searchPage(this.task.instruction);
    this.url = `${BASE_URL}/${this.sid}`;
  }

  /** Returns the reward when the click bought the product. */
  private click(name: string, clickable: Clickable): { reward: number; info: unknown } | null {
    const s = this.server;
    const where = pageName(this.url);
    if (name === "buy now") return this.buy();
    if (name === "back to search") this.index();
    else if (name === "next >" && where === "search_results")
      this.search(this.keywordsOrFail(), (s.page ?? 0) + 1);
    else if (name === "< prev" && where === "search_results")
      this.search(this.keywordsOrFail(), (s.page ?? 0) - 1);
    else if (name === "< prev" && where === "item_sub_page") this.item(clickable, name);
    else if (name === "< prev" && where === "item_page") this.search(this.keywordsOrFail(), s.page ?? 1);
    else {
      const sub = SUB_PAGES.find((k) => k.toLowerCase() === name);
      if (sub) this.sub(sub);
      else this.item(clickable, name);
    }
    return null;
  }

  private keywordsOrFail(): string[] {
    if (!this.server.keywords) throw new UpstreamError("TypeError: keywords is None");
    return this.server.keywords;
  }

  private productOrFail(): ShopProduct {
    const asin = this.server.asin;
    const p = asin === null ? undefined : this.catalog.product(asin);
    if (!p) throw new UpstreamError(`KeyError: ${asin === null ? "None" : `'${asin}'`}`);
    return p;
  }

  private search(keywords: string[], page: number): void {
    const s = this.server;
    s.page = page;
    s.keywords = keywords;
    s.asin = null;
    s.options = new Map();
    const top = this.topN(keywords);
    const shown = pySlice(top, (page - 1) * PRODUCT_WINDOW, page * PRODUCT_WINDOW);
    this.view = resultsPage(this.task.instruction, shown, page, top.length);
    this.url = `${BASE_URL}/search_results/${this.sid}/${keywords.join("+")}/${page}`;
  }

  private topN(keywords: readonly string[]): ShopProduct[] {
    const first = keywords[0];
    if (this.specialSearch && (first === "<r>" || first === "<a>" || first === "<c>" || first === "<q>")) {
      const all = this.catalog.allProducts();
      if (first === "<r>") {
        if (all.length < SEARCH_RETURN_N)
          throw new UpstreamError("ValueError: Sample larger than population");
        const pool = all.slice();
        const out: ShopProduct[] = [];
        for (let i = 0; i < SEARCH_RETURN_N; i++) {
          const j = Math.floor(this.rng() * pool.length);
          this.rngCalls++;
          out.push(pool.splice(j, 1)[0]!);
        }
        return out;
      }
      if (first === "<a>") throw new UpstreamError("TypeError: 'NoneType' object is not subscriptable");
      if (first === "<c>") {
        if (keywords.length < 2) throw new UpstreamError("IndexError: list index out of range");
        const cat = pyStrip(keywords[1]!);
        return all.filter((p) => p.category === cat);
      }
      const q = pyStrip(keywords.slice(1).join(" "));
      return all.filter((p) => p.query === q);
    }
    const out: ShopProduct[] = [];
    for (const asin of this.catalog.search(keywords)) {
      const p = this.catalog.product(asin);
      if (p) out.push(p);
    }
    return out;
  }

  private item(clickable: Clickable, name: string): void {
    const s = this.server;
    if (clickable.kind === "product-link") s.asin = name.toUpperCase();
    else if (clickable.kind === "radio") s.options.set(clickable.name.toLowerCase(), name);
    const product = this.productOrFail();
    this.view = itemPage(this.task.instruction, product, this.showAttrs);
    const opts = [...s.options].map(([k, v]) => `${k}:${v}`).join(",");
    this.url = `${BASE_URL}/item_page/${this.sid}/${s.asin}/${this.keywordsOrFail().join("+")}/${s.page}/${opts}`;
  }

  private sub(sub: SubPage): void {
    const s = this.server;
    const product = this.productOrFail();
    this.view = subPage(this.task.instruction, product, sub);
    const opts = [...s.options].map(([k, v]) => `${k}:${v}`).join(",");
    this.url = `${BASE_URL}/item_sub_page/${this.sid}/${s.asin}/${this.keywordsOrFail().join("+")}/${s.page}/${sub}/${opts}`;
  }

  private buy(): { reward: number; info: unknown } {
    const s = this.server;
    if (s.asin === null) throw new UpstreamError("KeyError: None");
    const { reward, info } = this.task.reward(s.asin, Object.fromEntries(s.options));
    this.view = donePage(s.asin, s.options, reward);
    this.url = `${BASE_URL}/done/${this.sid}/${s.asin}`;
    return { reward, info };
  }

  // ---- snapshots ---------------------------------------------------------------------------------

  snapshot(): SessionSnapshot {
    const s = this.server;
    return {
      kind: "webshop",
      rounds: this.rounds,
      done: this.done,
      server: {
        keywords: s.keywords && [...s.keywords],
        page: s.page,
        asin: s.asin,
        options: [...s.options],
      },
      view: this.view,
      url: this.url,
      rngCalls: this.rngCalls,
    };
  }

  restore(snapshot: unknown): void {
    const x = snapshot as SessionSnapshot;
    if (!x || typeof x !== "object" || x.kind !== "webshop")
      throw new Error("not a WebShop session snapshot");
    this.rounds = x.rounds;
    this.done = x.done;
    this.server = {
      keywords: x.server.keywords && [...x.server.keywords],
      page: x.server.page,
      asin: x.server.asin,
      options: new Map(x.server.options),
    };
    this.view = x.view;
    this.url = x.url;
    this.rng = mulberry32(this.seed);
    for (let i = 0; i < x.rngCalls; i++) this.rng();
    this.rngCalls = x.rngCalls;
  }
}
