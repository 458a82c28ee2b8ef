/**
 * StableToolBench's name normalisation (server/utils.py and `prepare_tool_name_and_url` in
 * server/main.py), reproduced exactly so cache paths and `<api>_for_<tool>` names match upstream data.
 */

/** `standardize_category`: spaces, commas and slashes → "_", then one pass of "__" → "_". */
export function standardizeCategory(category: string): string {
  // Python's str.replace is non-overlapping left to right, as replaceAll is: "___" → "__".
  return category.replace(/[ ,/]/g, "_").replaceAll("__", "_");
}

// Upstream's class is [^\u4e00-\u9fa5^a-z^A-Z^0-9^_]: the stray "^"s make "^" itself a kept character.
const NOT_KEPT = /[^\u4e00-\u9fa5^a-zA-Z0-9_]/gu;

/**
 * `standardize`: every character outside [A-Za-z0-9_^] and CJK U+4E00–U+9FA5 → "_", runs of "_" → one,
 * lowercase, strip leading/trailing "_", and "get_" before a leading digit.
 */
export function standardize(name: string): string {
  let s = name.replace(NOT_KEPT, "_").replace(/_{2,}/g, "_").toLowerCase();
  s = s.replace(/^_+/, "").replace(/_+$/, "");
  if (s.length > 0 && s[0]! >= "0" && s[0]! <= "9") s = "get_" + s;
  return s;
}

const RESERVED = new Set(["from", "class", "return", "false", "true", "id", "and"]);

/** `change_name`: names that would clash with Python keywords (and `id`) get an "is_" prefix. */
export function changeName(name: string): string {
  return RESERVED.has(name) ? "is_" + name : name;
}

/** `split(sep)[0]` of Python (and JS): the text before the first `sep`. */
function before(s: string, sep: string): string {
  const i = s.indexOf(sep);
  return i < 0 ? s : s.slice(0, i);
}

export interface NormalisedNames {
  /** Category as the cache folder names it. */
  category: string;
  /** `<standardized tool>_for_<Category>` (or the given name when it already ends so). */
  toolDir: string;
  /** The tool's standardized name without the category suffix. */
  tool: string;
  /** Standardized api name, `change_name`d, with `_for_<tool_name>` cut off. */
  api: string;
}

/**
 * `prepare_tool_name_and_url`: the names the virtual server uses for the cache path
 * `<category>/<toolDir>/<api>.json`. Quirks kept: `_for_<tool_name>` is cut using the tool name as sent
 * (not standardized), and a tool name already ending in `_for_<Category>` is used as is.
 */
export function normaliseNames(category: string, toolName: string, apiName: string): NormalisedNames {
  const cat = standardizeCategory(category);
  const api = before(changeName(standardize(apiName)), `_for_${toolName}`);
  const suffix = `_for_${cat}`;
  if (toolName.endsWith(suffix)) {
    return { category: cat, toolDir: toolName, tool: standardize(toolName.replace(suffix, "")), api };
  }
  const tool = standardize(toolName);
  return { category: cat, toolDir: tool + suffix, tool, api };
}

/**
 * The OpenAI function name ToolBench agents see (`api_json_to_openai_json` in rapidapi.py):
 * `<api>_for_<standard tool>`, keeping the LAST 64 characters as upstream's `[-64:]` does.
 */
export function functionName(standardToolName: string, apiName: string): string {
  const name = `${changeName(standardize(apiName))}_for_${standardToolName}`;
  return [...name].slice(-64).join("");
}
