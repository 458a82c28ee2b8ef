/**
 * Recorded API responses, keyed like StableToolBench's cache (category / `<tool>_for_<Category>` / api /
 * args) but with args in canonical JSON instead of Python's `str()`, so a JSON string and a dict with the
 * same content meet. Real records come from data (never overwritten); simulated ones live apart in an
 * append-only JSONL overlay that survives restarts and is never mixed into the real set.
 */
import { z } from "zod";
import { appendJsonl, readJsonl } from "../../util/jsonl.js";
import { normaliseNames } from "./names.js";
import {
  canonicalJson,
  parseJson,
  PyLiteralError,
  pyRepr,
  pyStr,
  pyToJson,
  pyTuple,
  tryParse,
  type PyDict,
  type PyValue,
} from "./py-literal.js";

/**
 * real: a recorded real response (MirrorAPI-Bench labels); recorded: an entry of StableToolBench's
 * released cache, which mixes real responses with GPT-simulated ones it does not tell apart;
 * simulated: produced by our simulator (the overlay).
 */
export type CacheSource = "real" | "recorded" | "simulated";

/** The request fields that select a recorded response. */
export interface ApiCall {
  category: string;
  tool_name: string;
  api_name: string;
  /** A JSON string (as agents send it) or an already-parsed value. */
  tool_input: PyValue;
}

export interface CacheHit {
  source: CacheSource;
  /** The stored reply, normally `{"error": …, "response": …}`, returned verbatim. */
  value: PyValue;
  /** `value` as JSON the way upstream's FastAPI server writes it. */
  json: string;
}

export interface CacheStats {
  realEntries: number;
  recordedEntries: number;
  simulatedEntries: number;
  hitsReal: number;
  hitsRecorded: number;
  hitsSimulated: number;
  misses: number;
}

/**
 * Upstream's reading of `tool_input`: a string is `json.loads`ed, "" means {}, a dict is taken as is;
 * anything else is a parse error (undefined).
 */
export function parseToolInput(toolInput: PyValue): PyValue | undefined {
  if (typeof toolInput === "string") {
    try {
      return parseJson(toolInput);
    } catch (e) {
      if (!(e instanceof PyLiteralError)) throw e;
      return toolInput === "" ? new Map() : undefined;
    }
  }
  return toolInput instanceof Map ? toolInput : undefined;
}

interface Entry {
  source: CacheSource;
  /** Normalised `<category>/<toolDir>/<api>`: the upstream cache file this entry lives in. */
  file: string;
  args: PyValue;
  value: PyValue;
  json: string;
}

const OverlayRecord = z.object({
  v: z.literal(1),
  file: z.string(),
  /** Args and value as JSON text, so big ints and float/int survive the round trip exactly. */
  args: z.string(),
  value: z.string(),
  at: z.string(),
});

function fileOf(call: Pick<ApiCall, "category" | "tool_name" | "api_name">): string {
  const n = normaliseNames(call.category, call.tool_name, call.api_name);
  return `${n.category}/${n.toolDir}/${n.api}`;
}

export class ResponseCache {
  private readonly real = new Map<string, Entry>();
  private readonly simulated = new Map<string, Entry>();
  /** Entries per cache file in insertion order (real first, then simulated), for few-shot examples. */
  private readonly byFile = new Map<string, Entry[]>();
  private counts = { hitsReal: 0, hitsRecorded: 0, hitsSimulated: 0, misses: 0 };

  /**
   * `overlayPath`: the JSONL file of simulated responses; read now (a truncated last line from a crash is
   * skipped) and appended to by `putSimulated`.
   */
  constructor(
    readonly overlayPath?: string,
    private readonly warn: (m: string) => void = console.warn,
  ) {
    if (!overlayPath) return;
    readJsonl(overlayPath, OverlayRecord, warn).forEach((r, i) => {
      let args: PyValue;
      let value: PyValue;
      try {
        args = parseJson(r.args);
        value = parseJson(r.value);
      } catch (e) {
        throw new Error(`${overlayPath}:${i + 1}: field 'args'/'value': ${(e as Error).message}`);
      }
      this.insert("simulated", r.file, args, value);
    });
  }

  /** The key of a call, or undefined when its tool_input does not parse (upstream's parse error). */
  static keyOf(call: ApiCall): string | undefined {
    const args = parseToolInput(call.tool_input);
    return args === undefined ? undefined : `${fileOf(call)}\n${canonicalJson(args)}`;
  }

  private insert(source: CacheSource, file: string, args: PyValue, value: PyValue): Entry | undefined {
    const key = `${file}\n${canonicalJson(args)}`;
    if (this.real.has(key) || (source === "simulated" && this.simulated.has(key))) return undefined;
    const e: Entry = { source, file, args, value, json: pyToJson(value) };
    (source === "simulated" ? this.simulated : this.real).set(key, e);
    const list = this.byFile.get(file) ?? [];
    if (source !== "simulated") {
      // Keep real examples ahead of simulated ones.
      const firstSim = list.findIndex((x) => x.source === "simulated");
      list.splice(firstSim < 0 ? list.length : firstSim, 0, e);
    } else list.push(e);
    this.byFile.set(file, list);
    return e;
  }

  /**
   * Records a real response. Returns false (and keeps the first) when the call is already recorded or its
   * tool_input does not parse. A real record shadows any simulated one for the same key.
   */
  addReal(call: ApiCall, value: PyValue, source: Exclude<CacheSource, "simulated"> = "real"): boolean {
    const args = parseToolInput(call.tool_input);
    if (args === undefined) return false;
    const file = fileOf(call);
    const key = `${file}\n${canonicalJson(args)}`;
    const sim = this.simulated.get(key);
    if (sim) {
      this.simulated.delete(key);
      const list = this.byFile.get(file)!;
      list.splice(list.indexOf(sim), 1);
    }
    return this.insert(source, file, args, value) !== undefined;
  }

  /**
   * Finds the recorded reply. `includeSimulated: false` (replay-strict scoring) ignores the overlay.
   * Counts a hit or a miss; undefined also when tool_input does not parse (not counted).
   */
  lookup(call: ApiCall, opts: { includeSimulated?: boolean } = {}): CacheHit | undefined {
    const key = ResponseCache.keyOf(call);
    if (key === undefined) return undefined;
    const e = this.real.get(key) ?? (opts.includeSimulated === false ? undefined : this.simulated.get(key));
    if (!e) {
      this.counts.misses++;
      return undefined;
    }
    if (e.source === "real") this.counts.hitsReal++;
    else if (e.source === "recorded") this.counts.hitsRecorded++;
    else this.counts.hitsSimulated++;
    return { source: e.source, value: e.value, json: e.json };
  }

  /**
   * Stores a simulated reply: appended to the overlay (synchronously, so it is on disk before the caller
   * answers) unless a real or earlier simulated entry has the key, in which case that one is returned.
   */
  putSimulated(call: ApiCall, value: PyValue): CacheHit {
    const args = parseToolInput(call.tool_input);
    if (args === undefined) throw new Error(`putSimulated: tool_input of ${call.api_name} does not parse`);
    const file = fileOf(call);
    const key = `${file}\n${canonicalJson(args)}`;
    const existing = this.real.get(key) ?? this.simulated.get(key);
    if (existing) return { source: existing.source, value: existing.value, json: existing.json };
    const e = this.insert("simulated", file, args, value)!;
    if (this.overlayPath)
      appendJsonl(
        this.overlayPath,
        { v: 1, file, args: pyToJson(args), value: e.json, at: new Date().toISOString() },
        this.warn,
      );
    return { source: "simulated", value, json: e.json };
  }

  /**
   * Upstream's few-shot block for the simulator: `list(cache.items())[:n]` of this API's cache file as
   * (str(args), reply) tuples, n from 5 down to 1 until its `str()` fits 2048 characters, then `str()`
   * cut to 2048 characters (code points, as Python counts).
   */
  examplesText(call: Pick<ApiCall, "category" | "tool_name" | "api_name">, max = 5): string {
    const list = this.byFile.get(fileOf(call)) ?? [];
    const text = (n: number) =>
      pyRepr(list.slice(0, n).map((e) => pyTuple([pyStr(e.args), e.value])) as PyValue[]);
    let n = max;
    let s = text(n);
    while ([...s].length > 2048 && n > 1) s = text(--n);
    const cps = [...s];
    return cps.length > 2048 ? cps.slice(0, 2048).join("") : s;
  }

  stats(): CacheStats {
    const recorded = [...this.real.values()].filter((e) => e.source === "recorded").length;
    return {
      realEntries: this.real.size - recorded,
      recordedEntries: recorded,
      simulatedEntries: this.simulated.size,
      ...this.counts,
    };
  }

  /** Every simulated entry's key (for checking an overlay file against what was acknowledged). */
  simulatedKeys(): string[] {
    return [...this.simulated.keys()];
  }
}

/** A label `{"error": …, "response": …}` as JSON text → the dict, or undefined when cut or malformed. */
export function parseLabel(label: string): PyDict | undefined {
  const v = tryParse(parseJson, label);
  if (!(v instanceof Map) || typeof v.get("error") !== "string" || !v.has("response")) return undefined;
  return v;
}

export interface BuildReport {
  added: number;
  duplicates: number;
  /** Labels cut by the export or not `{error, response}`. */
  badLabels: number;
  /** Requests whose tool_input upstream could not parse (they get the parse error, never the cache). */
  unparsableInputs: number;
  /** Records whose request was lost (MirrorAPI-Bench prompts cut by the export). */
  truncated: number;
}

/** Adds real records (e.g. MirrorAPI-Bench items: request → label) to the cache. */
export function addRealRecords(
  cache: ResponseCache,
  records: Iterable<{ request: ApiCall; label: string; truncated?: true }>,
): BuildReport {
  const r: BuildReport = { added: 0, duplicates: 0, badLabels: 0, unparsableInputs: 0, truncated: 0 };
  for (const { request, label, truncated } of records) {
    const value = parseLabel(label);
    if (truncated) r.truncated++;
    else if (!value) r.badLabels++;
    else if (parseToolInput(request.tool_input) === undefined) r.unparsableInputs++;
    else if (cache.addReal(request, value)) r.added++;
    else r.duplicates++;
  }
  return r;
}
