/**
 * WebShop's clickables (web_agent_text_env.py `get_available_actions`) and the two ways they reach an
 * agent: AgentGym's `/available_actions` form `{has_search_bar, clickables}` and the Word2World copy's
 * "Your admissible actions of the current situation are:" block (upstream WooooDyy/AgentGym appends
 * nothing to observations).
 *
 * Upstream builds a dict: `lower(get_text())` of every `.btn` element, then of every `.product-link`,
 * in document order, then the raw `value` attribute of every radio input (not lower-cased). Python
 * dict semantics: a repeated key keeps its first position but its *latest* element, so a value shared
 * by two option groups is listed once and clicking it sets the later group. A `Map` behaves the same.
 */

/** The element a clickable name maps to; routing in the server depends on it. */
export type Clickable =
  | { readonly kind: "button" }
  | { readonly kind: "product-link" }
  /** A radio input; `name` is its option group (the input's `name` attribute). */
  | { readonly kind: "radio"; readonly name: string };

/** AgentGym's `GET /available_actions` answer. */
export interface AvailableActions {
  has_search_bar: boolean;
  clickables: string[];
}

/** Builds the upstream `text_to_clickable` dict: buttons and links first, then radios (later wins). */
export function clickableMap(
  buttons: readonly string[],
  productLinks: readonly string[],
  radios: readonly { name: string; value: string }[],
): ReadonlyMap<string, Clickable> {
  const map = new Map<string, Clickable>();
  for (const b of buttons) map.set(b.toLowerCase(), { kind: "button" });
  for (const a of productLinks) map.set(a.toLowerCase(), { kind: "product-link" });
  for (const r of radios) map.set(r.value, { kind: "radio", name: r.name });
  return map;
}

/** The action strings of the Word2World list: `search[<your query>]` (if a search bar), then one `click[c]` per clickable. */
export function actionList(a: AvailableActions): string[] {
  const items = a.clickables.map((c) => `click[${c}]`);
  if (a.has_search_bar) items.unshift("search[<your query>]");
  return items;
}

/**
 * The Word2World block (X1AOX1A/Word2World `AgentGym/agentenv/agentenv/envs/webshop.py`
 * `_format_admissible_actions`), without the "\n\n" that joins it to the observation. Note that
 * `'click[search]',` is listed on the search page although the env always rejects it.
 */
export function admissibleActionsBlock(a: AvailableActions): string {
  const body = actionList(a)
    .map((s) => `'${s}',`)
    .join("\n");
  return `Your admissible actions of the current situation are: \n[\n${body}\n].`;
}

/** `observation + "\n\n" + block`, as the Word2World client appends it to every observation. */
export function withAdmissibleActions(observation: string, a: AvailableActions): string {
  return `${observation}\n\n${admissibleActionsBlock(a)}`;
}
