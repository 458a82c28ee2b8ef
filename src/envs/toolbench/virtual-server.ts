/**
 * StableToolBench's virtual API server (`POST /virtual`, server/main.py) over recorded responses, with
 * an explicit cache-miss policy instead of upstream's real-API call:
 * - `strict` (default): a miss answers `{"error": "Cache miss: no recorded response for <api>_for_<tool>
 *   with <canonical args>", "response": ""}` — fixed, so scoring never depends on a simulator;
 * - `simulate`: a miss asks a world model with upstream's GPT simulation prompt; successes are stored in
 *   the cache's JSONL overlay (simulated, never merged into the real records).
 * Bodies stay upstream-compatible; where an answer came from is in the `X-Wordworld-Source` header.
 */
import { addStbCache, type StbCacheReport } from "./stb-cache.js";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { ChatMessage, ChatModel } from "../../llm/types.js";
import { pyStrip } from "../../util/pystr.js";
import { existsSync } from "node:fs";
import { join } from "node:path";
import {
  HF_SPLIT_FILES,
  loadMirrorApiBench,
  loadSolvableQueries,
  MIRROR_API_SPLITS,
  type MirrorApiItem,
  type SolvableQuery,
} from "./data.js";
import { changeName, normaliseNames, standardize } from "./names.js";
import {
  canonicalJson,
  dictToRecord,
  parseJson,
  PyLiteralError,
  pyStr,
  pyToJson,
  tryParse,
  type PyValue,
} from "./py-literal.js";
import {
  addRealRecords,
  parseToolInput,
  ResponseCache,
  type ApiCall,
  type BuildReport,
} from "./response-cache.js";

export type MissPolicy = "strict" | "simulate";

/** Where an answer came from; sent as the `X-Wordworld-Source` header. */
export type AnswerSource =
  "real" | "recorded" | "simulated" | "miss" | "simulate-failed" | "parse-error" | "chat" | "bad-request";

export const SOURCE_HEADER = "x-wordworld-source";

/** Upstream's replies, byte for byte. */
export const PARSE_ERROR_REPLY = '{"error":"Tool input parse error...\\n","response":""}';
export const CHAT_REPLY = '{"error":"","response":"Chat with user."}';
export const FAKE_FAILED_REPLY = '{"error":"Failed to generate fake response","response":""}';

/**
 * The strict policy's fixed reply to a miss: `{"error": "Cache miss: no recorded response for <api> with
 * <args>", "response": ""}` as compact JSON.
 */
export function strictMissResponse(api: string, args: string): string {
  return pyToJson(
    new Map<PyValue, PyValue>([
      ["error", `Cache miss: no recorded response for ${api} with ${args}`],
      ["response", ""],
    ]),
  );
}

/** The system prompt of upstream's `fake_response_function_chat` (server/main.py), verbatim. */
export const SIMULATION_SYSTEM_PROMPT = `
Imagine you are an API Server operating within a specialized tool, which contains a collection of distinct APIs. Your role is to deeply understand the function of each API based on their descriptions in the API documentation. As you receive specific inputs for individual API calls within this tool, analyze these inputs to determine their intended purpose. Your task is to craft a JSON formatted response that aligns with the expected output of the API, guided by the provided examples.

Your responses must adhere to a specific JSON structure, which is as follows:

{
    "error": "",
    "response": "<Your_Response>"
}

The error field should remain empty, indicating no errors in processing. The response field should contain the content you formulate based on the API's functionality and the input provided. Ensure that your responses are meaningful, directly addressing the API's intended functionality. If the provided examples are mostly error messages or lack substantial content, use your judgment to create relevant and accurate responses. The key is to maintain the JSON format's integrity while ensuring that your response is an accurate reflection of the API's intended output within the tool.

Please note that your answer should not contain anything other than a json format object, which should be parsable directly to json.
Note that:
- your response should be around 100 to 200 words, containing rich information given the api input parameters. Keep Your answer short and simple.
- your response must be effective and have practical content.
- if the api response example if null or ineffective, ignore the example and give your independent response.

API calls may fail for various reasons, such as invalid input parameters, authentication issues, or server errors. Your goal is to generate a response that accurately reflects the API's intended functionality, even if the input parameters are incorrect. Your response should be informative and relevant to the API's purpose, providing a clear and concise explanation of the expected output based on the input provided.
Here is an example:
API doc
{
    "name": "properties/get-broadband",
    "url": "https://zoopla.p.rapidapi.com/properties/get-broadband",
    "description": "Get broadband information",
    "method": "GET",
    "required_parameters": [
        {
            "name": "listing_id",
            "type": "NUMBER",
            "description": "The value of listing_id field returned in .../properties/list endpoint",
            "default": "56354192"
        }
    ],
    "optional_parameters": [],
    "code": "import requests

url = "https://zoopla.p.rapidapi.com/properties/get-broadband"
querystring = {"listing_id": "56354192"}

headers = {
            "X-RapidAPI-Key": "SIGN-UP-FOR-KEY",
            "X-RapidAPI-Host": "zoopla.p.rapidapi.com"
        }

response = requests.get(url, headers=headers, params=querystring)
print(response.json())
",
    "convert_code": "import requests

url = "https://zoopla.p.rapidapi.com/properties/get-broadband"
querystring = {"listing_id": "56354192"}

headers = {
            "X-RapidAPI-Key": "SIGN-UP-FOR-KEY",
            "X-RapidAPI-Host": "zoopla.p.rapidapi.com"
        }

response = requests.get(url, headers=headers, params=querystring)
print(response.json())
",
    "test_endpoint": "",
    "statuscode": 200,
    "schema": {}
}
Request:
    data = {
        "category": "Business",
        "tool_name": "zoopla_v2",
        "api_name": "properties_get_broadband",
        "tool_input": {'listing_id': '456789', "abdc": 11123},
        "strip": "",
        "toolbench_key": "xxx"
    }
Response:
    {"error":"Function executing from toolenv.tools.Business.zoopla_v2.api import properties_get_broadband error...
properties_get_broadband() got an unexpected keyword argument 'abdc'","response":""}


Your will also be given successful examples of API calls and their expected outputs, based on which you will generate the response for the given input.
    `;

interface ToolDoc {
  description: string;
  apis: Map<string, { name: string; description: string }[]>;
}

/**
 * The tools and APIs the server knows, by normalised (category, tool, api). When non-empty, calls to
 * anything else are refused with 404 rather than answered as misses, since no doc means a wrong name.
 */
export class ApiDocs {
  private readonly tools = new Map<string, ToolDoc>();

  add(
    category: string,
    toolName: string,
    apiName: string,
    doc: { toolDescription?: string; description?: string },
  ): void {
    const n = normaliseNames(category, toolName, apiName);
    const key = `${n.category}/${n.tool}`;
    const tool: ToolDoc = this.tools.get(key) ?? { description: "", apis: new Map() };
    if (!tool.description && doc.toolDescription) tool.description = doc.toolDescription;
    const list = tool.apis.get(n.api) ?? [];
    if (!list.some((a) => a.name === apiName))
      list.push({ name: apiName, description: doc.description ?? "" });
    tool.apis.set(n.api, list);
    this.tools.set(key, tool);
  }

  get size(): number {
    return this.tools.size;
  }

  /** Why the call names nothing known, or undefined when it is known (or no docs are loaded). */
  unknown(call: Pick<ApiCall, "category" | "tool_name" | "api_name">): string | undefined {
    if (this.tools.size === 0) return undefined;
    const n = normaliseNames(call.category, call.tool_name, call.api_name);
    const tool = this.tools.get(`${n.category}/${n.tool}`);
    if (!tool)
      return `unknown tool '${call.tool_name}' in category '${call.category}' (normalised ${n.category}/${n.tool})`;
    if (!tool.apis.has(n.api))
      return `unknown api '${call.api_name}' of tool '${call.tool_name}' (normalised ${n.api})`;
    return undefined;
  }

  /**
   * Upstream's `api_doc` for the simulator: `{'tool_description': …, 'api_info': [{'name', 'description'}]}`
   * — or its default `{'tool_description': '', 'api_info': ''}` when the tool is not known.
   */
  simulationDoc(call: Pick<ApiCall, "category" | "tool_name" | "api_name">): PyValue {
    const n = normaliseNames(call.category, call.tool_name, call.api_name);
    const tool = this.tools.get(`${n.category}/${n.tool}`);
    if (!tool)
      return new Map<PyValue, PyValue>([
        ["tool_description", ""],
        ["api_info", ""],
      ]);
    // Upstream matches standardize(api) against each doc api's standardize(name).
    const want = standardize(n.api);
    const info: PyValue[] = [];
    for (const list of tool.apis.values())
      for (const a of list)
        if (standardize(a.name) === want)
          info.push(
            new Map<PyValue, PyValue>([
              ["name", a.name],
              ["description", a.description],
            ]),
          );
    return new Map<PyValue, PyValue>([
      ["tool_description", tool.description],
      ["api_info", info],
    ]);
  }
}

/** Docs from MirrorAPI-Bench items (`tool_category`, `tool_name`, `api_name`, descriptions). */
export function addBenchDocs(docs: ApiDocs, items: Iterable<MirrorApiItem>): void {
  for (const it of items) {
    const d = it.apiDoc;
    const str = (k: string) => (typeof d[k] === "string" ? (d[k] as string) : undefined);
    docs.add(
      str("tool_category") ?? it.request.category,
      str("tool_name") ?? it.request.tool_name,
      str("api_name") ?? it.request.api_name,
      {
        toolDescription: str("tool_description"),
        description: str("api_description"),
      },
    );
  }
}

/** Docs from the solvable queries' per-API entries (no tool descriptions there). */
export function addQueryDocs(docs: ApiDocs, queries: Iterable<SolvableQuery>): void {
  for (const q of queries)
    for (const a of q.api_list)
      docs.add(a.category_name, a.tool_name, a.api_name, { description: a.api_description });
}

export interface VirtualApiOptions {
  cache: ResponseCache;
  policy?: MissPolicy;
  /** The simulator (world model); required for `simulate`. */
  model?: ChatModel;
  docs?: ApiDocs;
  /** Attempts per simulated reply until one parses (upstream: 3). */
  simulateTries?: number;
  maxTokens?: number;
}

export interface VirtualAnswer {
  status: number;
  /** JSON body. */
  json: string;
  source: AnswerSource;
}

export interface VirtualStats {
  requests: number;
  bySource: Record<AnswerSource, number>;
  modelCalls: number;
  modelErrors: number;
}

class BadRequest extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const detail = (status: number, message: string): VirtualAnswer => ({
  status,
  json: JSON.stringify({ detail: message }),
  source: "bad-request",
});

/** Validates upstream's `Info` body. strip and toolbench_key may be left out (upstream requires them). */
function parseInfo(body: PyValue): ApiCall & { strip?: string; toolbench_key?: string } {
  const rec = dictToRecord(body);
  if (!rec) throw new BadRequest(422, "body: expected a JSON object with string keys");
  for (const f of ["category", "tool_name", "api_name"] as const) {
    if (!(f in rec)) throw new BadRequest(422, `field '${f}': missing`);
    if (typeof rec[f] !== "string") throw new BadRequest(422, `field '${f}': expected a string`);
  }
  if (!("tool_input" in rec)) throw new BadRequest(422, "field 'tool_input': missing");
  const ti = rec["tool_input"]!;
  if (typeof ti !== "string" && !(ti instanceof Map))
    throw new BadRequest(422, "field 'tool_input': expected a JSON string or an object");
  for (const f of ["strip", "toolbench_key"] as const)
    if (f in rec && typeof rec[f] !== "string") throw new BadRequest(422, `field '${f}': expected a string`);
  return {
    category: rec["category"] as string,
    tool_name: rec["tool_name"] as string,
    api_name: rec["api_name"] as string,
    tool_input: ti,
  };
}

interface Miss {
  miss: true;
  names: ReturnType<typeof normaliseNames>;
  args: PyValue;
}

/** The `/virtual` logic without HTTP, so it can run in-process. Never throws for bad input. */
export class VirtualApi {
  readonly policy: MissPolicy;
  private readonly inFlight = new Map<string, Promise<VirtualAnswer>>();
  private readonly counts: VirtualStats = {
    requests: 0,
    bySource: {
      real: 0,
      recorded: 0,
      simulated: 0,
      miss: 0,
      "simulate-failed": 0,
      "parse-error": 0,
      chat: 0,
      "bad-request": 0,
    },
    modelCalls: 0,
    modelErrors: 0,
  };

  constructor(private readonly opts: VirtualApiOptions) {
    this.policy = opts.policy ?? "strict";
    if (this.policy === "simulate" && !opts.model) throw new Error("the simulate policy needs a model");
  }

  get cache(): ResponseCache {
    return this.opts.cache;
  }

  stats(): VirtualStats {
    return { ...this.counts, bySource: { ...this.counts.bySource } };
  }

  /** Answers a raw request body (JSON text). */
  async handleText(text: string): Promise<VirtualAnswer> {
    let body: PyValue;
    try {
      body = parseJson(text);
    } catch (e) {
      if (!(e instanceof PyLiteralError)) throw e;
      return this.count(detail(400, `body is not valid JSON: ${e.message}`));
    }
    return this.handle(body);
  }

  async handle(body: PyValue): Promise<VirtualAnswer> {
    let call: ApiCall;
    try {
      call = parseInfo(body);
    } catch (e) {
      if (e instanceof BadRequest) return this.count(detail(e.status, e.message));
      throw e;
    }
    return this.count(await this.answer(call));
  }

  private count(a: VirtualAnswer): VirtualAnswer {
    this.counts.requests++;
    this.counts.bySource[a.source]++;
    return a;
  }

  /** Everything but a miss (chat_with_user, an unknown API, an unparsable input, a hit), or the miss. */
  private settle(call: ApiCall, includeSimulated: boolean): VirtualAnswer | Miss {
    const n = normaliseNames(call.category, call.tool_name, call.api_name);
    if (n.api === "chat_with_user") return { status: 200, json: CHAT_REPLY, source: "chat" };
    const unknown = this.opts.docs?.unknown(call);
    if (unknown) return detail(404, unknown);
    const args = parseToolInput(call.tool_input);
    // Upstream answers an unparsable tool_input with status 200 and this error body.
    if (args === undefined) return { status: 200, json: PARSE_ERROR_REPLY, source: "parse-error" };
    const hit = this.opts.cache.lookup(call, { includeSimulated });
    if (hit) return { status: 200, json: hit.json, source: hit.source };
    return { miss: true, names: n, args };
  }

  private strictMiss(m: Miss): VirtualAnswer {
    return {
      status: 200,
      json: strictMissResponse(`${m.names.api}_for_${m.names.tool}`, canonicalJson(m.args)),
      source: "miss",
    };
  }

  /** The strict policy's answer to a call, synchronously (for in-process environments). */
  answerStrict(call: ApiCall): VirtualAnswer {
    const s = this.settle(call, false);
    return this.count("miss" in s ? this.strictMiss(s) : s);
  }

  private async answer(call: ApiCall): Promise<VirtualAnswer> {
    const s = this.settle(call, this.policy === "simulate");
    if (!("miss" in s)) return s;
    if (this.policy === "strict") return this.strictMiss(s);
    // One simulation per key at a time: concurrent identical misses share it (one overlay write).
    const n = s.names;
    const key = `${n.category}/${n.toolDir}/${n.api}\n${canonicalJson(s.args)}`;
    let p = this.inFlight.get(key);
    if (!p) {
      p = this.simulate(call, s.args).finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, p);
    }
    return p;
  }

  /** The user turn of upstream's simulation prompt. */
  simulationMessages(call: ApiCall, args: PyValue): ChatMessage[] {
    const doc = this.opts.docs?.simulationDoc(call) ?? this.defaultDoc();
    const user =
      "API Documentation:" +
      pyStr(doc) +
      "\n" +
      "API Examples:" +
      this.opts.cache.examplesText(call) +
      "\n" +
      "API Input:" +
      pyStr(args) +
      "\n";
    return [
      { role: "system", content: SIMULATION_SYSTEM_PROMPT },
      { role: "user", content: user },
    ];
  }

  private defaultDoc(): PyValue {
    return new ApiDocs().simulationDoc({ category: "", tool_name: "", api_name: "" });
  }

  private async simulate(call: ApiCall, args: PyValue): Promise<VirtualAnswer> {
    const model = this.opts.model!;
    const messages = this.simulationMessages(call, args);
    const tries = this.opts.simulateTries ?? 3;
    for (let i = 0; i < tries; i++) {
      let content: string;
      try {
        this.counts.modelCalls++;
        const r = await model.chat({
          messages,
          sampling: { temperature: 0, maxTokens: this.opts.maxTokens ?? 1024 },
        });
        content = r.content;
      } catch {
        this.counts.modelErrors++;
        continue; // the model client already retried transport errors; count this as a failed attempt
      }
      const value = parseReply(content);
      if (value === undefined) continue;
      const stored = this.opts.cache.putSimulated(call, value);
      return { status: 200, json: stored.json, source: stored.source };
    }
    return { status: 200, json: FAKE_FAILED_REPLY, source: "simulate-failed" };
  }
}

/**
 * A simulator reply as upstream reads it (```json fences dropped, stripped, `json.loads`), kept only
 * when it is an object with "error" and "response" — upstream accepts any JSON, but clients expect
 * that shape, so anything else counts as a failed try.
 */
export function parseReply(content: string): PyValue | undefined {
  let text = content;
  if (text.includes("```json")) text = pyStrip(text.replaceAll("```json", "").replaceAll("```", ""));
  const v = tryParse(parseJson, text);
  return v instanceof Map && v.has("error") && v.has("response") ? v : undefined;
}

export interface VirtualServerOptions extends VirtualApiOptions {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Largest accepted body; larger ones get 413 (default 1 MiB). */
  maxBodyBytes?: number;
}

export interface VirtualServer {
  url: string;
  port: number;
  api: VirtualApi;
  close(): Promise<void>;
}

class TooLarge extends Error {}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        req.removeAllListeners("data");
        req.resume();
        reject(new TooLarge());
        return;
      }
      chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
    req.on("aborted", () => reject(new Error("request aborted")));
  });
}

function send(res: ServerResponse, a: VirtualAnswer, extra: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(a.status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(a.json),
    [SOURCE_HEADER]: a.source,
    ...extra,
  });
  res.end(a.json);
}

/** Serves `POST /virtual` (and `GET /stats`) over node:http with keep-alive. */
export async function startVirtualServer(opts: VirtualServerOptions): Promise<VirtualServer> {
  const api = new VirtualApi(opts);
  const limit = opts.maxBodyBytes ?? 1 << 20;
  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? "").split("?")[0];
    if (path === "/stats" && req.method === "GET") {
      send(
        res,
        { status: 200, json: JSON.stringify({ ...api.stats(), cache: api.cache.stats() }), source: "chat" },
        {},
      );
      return;
    }
    if (path !== "/virtual")
      return send(res, detail(404, `no route ${req.method} ${path}; use POST /virtual`));
    if (req.method !== "POST")
      return send(res, detail(405, `method ${req.method} not allowed on /virtual; use POST`), {
        allow: "POST",
      });
    const declared = Number(req.headers["content-length"] ?? "0");
    if (declared > limit) {
      send(res, detail(413, `body of ${declared} bytes is over the ${limit}-byte limit`), {
        connection: "close",
      });
      req.resume();
      return;
    }
    let text: string;
    try {
      text = await readBody(req, limit);
    } catch (e) {
      if (e instanceof TooLarge)
        send(res, detail(413, `body is over the ${limit}-byte limit`), { connection: "close" });
      return; // an aborted request has nobody to answer
    }
    send(res, await api.handleText(text));
  };
  const server: Server = createServer((req, res) => {
    route(req, res).catch((e: unknown) => {
      send(res, {
        status: 500,
        json: JSON.stringify({ detail: `internal error: ${(e as Error).message}` }),
        source: "bad-request",
      });
    });
  });
  server.keepAliveTimeout = 60_000;
  server.on("clientError", (_err, socket) => {
    if (socket.writable)
      socket.end("HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n");
    else socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, opts.host ?? "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = opts.host ?? "127.0.0.1";
  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
    port,
    api,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The function name agents call for an API: `<api>_for_<tool>` (kept for log lines and errors). */
export function callName(call: Pick<ApiCall, "tool_name" | "api_name">): string {
  return `${changeName(standardize(call.api_name))}_for_${standardize(call.tool_name)}`;
}

export interface VirtualData {
  cache: ResponseCache;
  docs: ApiDocs;
  report: BuildReport | undefined;
  benchDir: string | undefined;
  queriesDir: string | undefined;
  /** StableToolBench's released cache, when a `tool_response_cache/` folder is found. */
  stb?: StbCacheReport;
}

/**
 * The recorded responses and docs under `dir`: a MirrorAPI-Bench directory (or `<dir>/mirrorapi-bench`)
 * gives real records and docs; solvable queries (`<dir>/solvable_queries`,
 * `<dir>/stabletoolbench/solvable_queries`, or `dir` itself) add docs; StableToolBench's released cache
 * (`tool_response_cache/` there) adds "recorded" entries. `overlay` is the simulated JSONL.
 */
export function loadVirtualData(dir: string, overlay?: string): VirtualData {
  const isBench = (d: string) =>
    MIRROR_API_SPLITS.some(
      (s) =>
        existsSync(join(d, s, "predictions.jsonl")) || existsSync(join(d, "test_sft", HF_SPLIT_FILES[s])),
    );
  const benchDir = [dir, join(dir, "mirrorapi-bench"), join(dir, "toolbench", "mirrorapi-bench")].find(
    isBench,
  );
  const queriesDir = [
    dir,
    join(dir, "solvable_queries"),
    join(dir, "stabletoolbench", "solvable_queries"),
    join(dir, "toolbench", "stabletoolbench", "solvable_queries"),
  ].find((d) => existsSync(join(d, "test_instruction")));
  if (!benchDir && !queriesDir)
    throw new Error(`${dir}: no MirrorAPI-Bench files and no solvable_queries/test_instruction found`);
  const cache = new ResponseCache(overlay);
  const docs = new ApiDocs();
  let report: BuildReport | undefined;
  if (benchDir) {
    const items = loadMirrorApiBench(benchDir).filter((i) => !i.truncated);
    report = addRealRecords(cache, items);
    addBenchDocs(docs, items);
  }
  if (queriesDir) addQueryDocs(docs, loadSolvableQueries(queriesDir));
  const stbDir = [
    join(dir, "tool_response_cache"),
    join(dir, "stabletoolbench", "tool_response_cache"),
    join(dir, "toolbench", "stabletoolbench", "tool_response_cache"),
  ].find((d) => existsSync(d));
  const stb = stbDir ? addStbCache(cache, stbDir) : undefined;
  return { cache, docs, report, benchDir, queriesDir, ...(stb ? { stb } : {}) };
}
