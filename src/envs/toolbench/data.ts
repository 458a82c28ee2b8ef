/**
 * Loaders for the StableToolBench data we use: MirrorAPI-Bench rows (a rendered Qwen prompt, the real
 * label and MirrorAPI's prediction) and the solvable test queries. Every bad record is an error naming
 * the file, the line (or JSON path) and the field.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { dictToRecord, parsePyLiteral, PyLiteralError, type PyValue } from "./py-literal.js";
import { zodReason } from "../../util/zod-reason.js";

/** The bench's splits, in the order the MirrorAPI paper reports them; absent ones are skipped. */
export const MIRROR_API_SPLITS = ["id_high", "id_medium", "id_low", "ood_successful", "ood_failed"] as const;

export interface MirrorApiRequest {
  category: string;
  tool_name: string;
  api_name: string;
  /** A JSON string as the agent sent it, or a dict. */
  tool_input: PyValue;
  strip?: string;
}

export interface MirrorApiItem {
  split: string;
  /** 0-based row of the item in its split file, a stable id. */
  index: number;
  /** Exact system text of the prompt. */
  system: string;
  /** Exact user text: `API doc:\n{doc}\n\nRequest:\n{request}` — the world model's input. */
  user: string;
  apiDoc: Record<string, PyValue>;
  request: MirrorApiRequest;
  /** The real response `{"error": ..., "response": ...}` as a JSON string, exactly as stored. */
  label: string;
  /** MirrorAPI's own output (predictions files only). */
  predict?: string;
  /** The rendered Qwen prompt exactly as the predictions file holds it (predictions files only). */
  prompt?: string;
  /**
   * The export cut this prompt at its length limit (3 rows of id_high): `user` is the cut text the model
   * saw, and `apiDoc` is {} and `request` holds empty strings, since neither survived.
   */
  truncated?: true;
}

/** File names of the Hugging Face dataset's `test_sft/` splits. */
export const HF_SPLIT_FILES = {
  id_high: "id_high.json",
  id_medium: "id_medium.json",
  id_low: "id_low.json",
  ood_successful: "ood.json",
  ood_failed: "ood_failure.json",
} as const satisfies Record<(typeof MIRROR_API_SPLITS)[number], string>;

const Row = z.object({ prompt: z.string(), predict: z.string(), label: z.string() });
/** A LLaMA-Factory alpaca row of the HF dataset. */
const AlpacaRow = z.looseObject({
  system: z.string(),
  instruction: z.string(),
  input: z.string().optional(),
  output: z.string(),
});

// Qwen chat template: system turn, user turn, then the open assistant turn.
const PROMPT =
  /^<\|im_start\|>system\n([\s\S]*?)<\|im_end\|>\n<\|im_start\|>user\n([\s\S]*)<\|im_end\|>\n<\|im_start\|>assistant\n$/;
const CUT_PROMPT = /^<\|im_start\|>system\n([\s\S]*?)<\|im_end\|>\n<\|im_start\|>user\n([\s\S]*)$/;
const USER = /^API doc:\n([\s\S]*?)\n\nRequest:\n([\s\S]*)$/;

export class ToolbenchDataError extends Error {}

function literal(where: string, field: string, text: string): PyValue {
  try {
    return parsePyLiteral(text);
  } catch (e) {
    if (e instanceof PyLiteralError) throw new ToolbenchDataError(`${where}: field '${field}': ${e.message}`);
    throw e;
  }
}

function parseRequest(where: string, v: PyValue): MirrorApiRequest {
  const rec = dictToRecord(v);
  if (!rec) throw new ToolbenchDataError(`${where}: field 'request': expected a dict with string keys`);
  for (const f of ["category", "tool_name", "api_name"] as const)
    if (typeof rec[f] !== "string")
      throw new ToolbenchDataError(`${where}: field 'request.${f}': expected a string`);
  if (!("tool_input" in rec)) throw new ToolbenchDataError(`${where}: field 'request.tool_input': missing`);
  const strip = rec["strip"];
  if (strip !== undefined && typeof strip !== "string")
    throw new ToolbenchDataError(`${where}: field 'request.strip': expected a string`);
  return {
    category: rec["category"] as string,
    tool_name: rec["tool_name"] as string,
    api_name: rec["api_name"] as string,
    tool_input: rec["tool_input"]!,
    ...(strip === undefined ? {} : { strip }),
  };
}

/** Doc and request out of a complete user turn. */
function parseUser(where: string, user: string): Pick<MirrorApiItem, "apiDoc" | "request"> {
  const u = USER.exec(user);
  if (!u) throw new ToolbenchDataError(`${where}: field 'user turn': not 'API doc:\\n…\\n\\nRequest:\\n…'`);
  const apiDoc = dictToRecord(literal(where, "API doc", u[1]!));
  if (!apiDoc) throw new ToolbenchDataError(`${where}: field 'API doc': expected a dict with string keys`);
  return { apiDoc, request: parseRequest(where, literal(where, "Request", u[2]!)) };
}

const CUT_REQUEST: MirrorApiRequest = { category: "", tool_name: "", api_name: "", tool_input: "" };

function readPredictions(file: string, split: string): MirrorApiItem[] {
  const lines = readFileSync(file, "utf8").split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines.map((line, index) => {
    const where = `${file}:${index + 1}`;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch (e) {
      throw new ToolbenchDataError(`${where}: not valid JSON: ${(e as Error).message}`);
    }
    const row = Row.safeParse(raw);
    if (!row.success) throw new ToolbenchDataError(`${where}: field ${zodReason(row.error)}`);
    const { prompt, predict, label } = row.data;
    const m = PROMPT.exec(prompt);
    if (!m) {
      const cut = CUT_PROMPT.exec(prompt);
      if (!cut)
        throw new ToolbenchDataError(
          `${where}: field 'prompt': not a rendered system/user/assistant chat prompt`,
        );
      const base = { split, index, system: cut[1]!, user: cut[2]!, label, predict, prompt };
      return { ...base, apiDoc: {}, request: { ...CUT_REQUEST }, truncated: true as const };
    }
    const system = m[1]!;
    const user = m[2]!;
    return { split, index, system, user, ...parseUser(where, user), label, predict, prompt };
  });
}

function readAlpaca(file: string, split: string): MirrorApiItem[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw new ToolbenchDataError(`${file}: not valid JSON: ${(e as Error).message}`);
  }
  const rows = z.array(AlpacaRow).safeParse(raw);
  if (!rows.success) throw new ToolbenchDataError(`${file}: field ${zodReason(rows.error)}`);
  return rows.data.map((r, index) => {
    // LLaMA-Factory's alpaca converter joins instruction and a non-empty input with a newline.
    const user = r.input ? `${r.instruction}\n${r.input}` : r.instruction;
    return { split, index, system: r.system, user, ...parseUser(`${file}[${index}]`, user), label: r.output };
  });
}

/**
 * Reads every split present under `dir`: the HF dataset's `test_sft/<file>.json` (full prompts) and/or
 * LLaMA-Factory predictions `<split>/predictions.jsonl` (rendered prompt, label, MirrorAPI's output).
 * With both, items come from test_sft and take `predict`/`prompt` from the predictions row of the same
 * index (whose label must agree). Prompts the predictions export cut short are kept, marked `truncated`.
 */
export function loadMirrorApiBench(dir: string): MirrorApiItem[] {
  const out: MirrorApiItem[] = [];
  let found = 0;
  for (const split of MIRROR_API_SPLITS) {
    const sft = join(dir, "test_sft", HF_SPLIT_FILES[split]);
    const pred = join(dir, split, "predictions.jsonl");
    const fromSft = existsSync(sft) ? readAlpaca(sft, split) : undefined;
    const fromPred = existsSync(pred) ? readPredictions(pred, split) : undefined;
    if (!fromSft && !fromPred) continue;
    found++;
    if (fromSft && fromPred) {
      fromSft.forEach((it, i) => {
        const p = fromPred[i];
        if (!p) return;
        if (p.label !== it.label)
          throw new ToolbenchDataError(`${pred}:${i + 1}: field 'label': differs from ${sft}[${i}].output`);
        it.predict = p.predict;
        it.prompt = p.prompt;
      });
    }
    out.push(...(fromSft ?? fromPred!));
  }
  if (found === 0)
    throw new ToolbenchDataError(
      `${dir}: no test_sft/<split>.json or <split>/predictions.jsonl (splits: ${MIRROR_API_SPLITS.join(", ")})`,
    );
  return out;
}

const Param = z.looseObject({
  name: z.string(),
  type: z.string(),
  description: z.string(),
  default: z.unknown(),
});

const ApiEntry = z.looseObject({
  category_name: z.string(),
  tool_name: z.string(),
  api_name: z.string(),
  api_description: z.string(),
  required_parameters: z.array(Param),
  optional_parameters: z.array(Param),
  method: z.string(),
  template_response: z.unknown().optional(),
});

const Query = z.looseObject({
  query: z.string(),
  query_id: z.number().int(),
  api_list: z.array(ApiEntry),
  "relevant APIs": z.array(z.tuple([z.string(), z.string()])),
});

export type SolvableApi = z.infer<typeof ApiEntry>;

export interface SolvableQuery {
  /** File stem: G1_instruction, G1_category, G1_tool, G2_instruction, G2_category, G3_instruction. */
  group: string;
  query_id: number;
  query: string;
  api_list: SolvableApi[];
  /** [tool_name, api_name] pairs a solution is expected to call. */
  relevant_apis: [string, string][];
}

/**
 * Reads `<dir>/test_instruction/<group>.json`, keeping (when `<dir>/test_query_ids/<group>.json` exists)
 * only the ids listed there, as upstream's evaluation does. Groups come in file-name order.
 */
export function loadSolvableQueries(dir: string): SolvableQuery[] {
  const instDir = join(dir, "test_instruction");
  if (!existsSync(instDir)) throw new ToolbenchDataError(`${dir}: no test_instruction/ folder`);
  const out: SolvableQuery[] = [];
  for (const name of readdirSync(instDir)
    .filter((f) => f.endsWith(".json"))
    .sort()) {
    const group = name.slice(0, -5);
    const file = join(instDir, name);
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(file, "utf8"));
    } catch (e) {
      throw new ToolbenchDataError(`${file}: not valid JSON: ${(e as Error).message}`);
    }
    const parsed = z.array(Query).safeParse(raw);
    if (!parsed.success) throw new ToolbenchDataError(`${file}: field ${zodReason(parsed.error)}`);
    const idsFile = join(dir, "test_query_ids", name);
    let keep: Set<string> | undefined;
    if (existsSync(idsFile)) {
      const ids = z.record(z.string(), z.unknown()).safeParse(JSON.parse(readFileSync(idsFile, "utf8")));
      if (!ids.success) throw new ToolbenchDataError(`${idsFile}: field ${zodReason(ids.error)}`);
      keep = new Set(Object.keys(ids.data));
    }
    for (const q of parsed.data) {
      if (keep && !keep.has(String(q.query_id))) continue;
      out.push({
        group,
        query_id: q.query_id,
        query: q.query,
        api_list: q.api_list,
        relevant_apis: q["relevant APIs"],
      });
    }
  }
  return out;
}
