/**
 * The virtual API server: upstream's /virtual contract (bodies byte-compatible, parse errors and
 * chat_with_user as upstream answers them), both miss policies, bad input, abuse, and a 2,000-request
 * concurrent load whose simulated writes must all be in the overlay. Not timed.
 */
import { createHash } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatModel, ChatRequest, ChatResponse, LlmStats } from "../../../src/llm/types.js";
import { loadMirrorApiBench, type MirrorApiItem } from "../../../src/envs/toolbench/data.js";
import { canonicalJson, parseJson, pyToJson } from "../../../src/envs/toolbench/py-literal.js";
import { parseLabel, parseToolInput, ResponseCache } from "../../../src/envs/toolbench/response-cache.js";
import {
  ApiDocs,
  CHAT_REPLY,
  FAKE_FAILED_REPLY,
  loadVirtualData,
  PARSE_ERROR_REPLY,
  parseReply,
  SIMULATION_SYSTEM_PROMPT,
  SOURCE_HEADER,
  startVirtualServer,
  strictMissResponse,
  VirtualApi,
  type VirtualServer,
} from "../../../src/envs/toolbench/virtual-server.js";
import { readJsonl } from "../../../src/util/jsonl.js";
import { z } from "zod";
import { hasShared, sharedPath } from "../../shared-data.js";

/** A zero-latency simulator: answers with the API input it was given, or junk when told to. */
class FakeModel implements ChatModel {
  readonly spec = "fake";
  calls = 0;
  constructor(private readonly reply: (user: string, n: number) => string) {}
  async chat(req: ChatRequest): Promise<ChatResponse> {
    this.calls++;
    return { content: this.reply(req.messages[1]!.content, this.calls), cached: false };
  }
  async preflight(): Promise<void> {}
  stats(): LlmStats {
    return { requests: this.calls, retries: 0, failures: 0, timeouts: 0, cacheHits: 0 };
  }
  async close(): Promise<void> {}
}

const echo = (user: string) => {
  const input = user.split("API Input:")[1]!.trimEnd();
  return JSON.stringify({ error: "", response: `simulated for ${input}` });
};

async function post(
  url: string,
  body: unknown,
): Promise<{ status: number; source: string | null; text: string }> {
  const r = await fetch(`${url}/virtual`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: r.status, source: r.headers.get(SOURCE_HEADER), text: await r.text() };
}

const info = (o: Record<string, unknown>) => ({ strip: "filter", toolbench_key: "", ...o });

describe("upstream contract (no data needed)", () => {
  const cache = new ResponseCache();
  cache.addReal(
    {
      category: "Data",
      tool_name: "TheClique",
      api_name: "Transfermarkt search",
      tool_input: '{"name": "messi"}',
    },
    new Map([
      ["error", ""],
      ["response", "{'id': 1}"],
    ]),
  );
  const docs = new ApiDocs();
  docs.add("Data", "TheClique", "Transfermarkt search", {
    toolDescription: "Football data",
    description: "Search by name",
  });
  docs.add("Data", "TheClique", "Other", {});
  let server: VirtualServer;
  beforeAll(async () => {
    server = await startVirtualServer({ cache, docs, maxBodyBytes: 4096 });
  });
  afterAll(() => server.close());
  const base = { category: "Data", tool_name: "TheClique", api_name: "Transfermarkt search" };

  it("answers hits verbatim, and parse errors and chat_with_user as upstream does", async () => {
    const hit = await post(server.url, info({ ...base, tool_input: { name: "messi" } }));
    expect(hit).toEqual({ status: 200, source: "real", text: '{"error":"","response":"{\'id\': 1}"}' });
    // Names normalised as upstream does: suffixed tool, standardized api.
    const again = await post(
      server.url,
      info({
        category: "Data",
        tool_name: "theclique_for_Data",
        api_name: "transfermarkt_search",
        tool_input: '{"name":"messi"}',
      }),
    );
    expect(again.source).toBe("real");
    const bad = await post(server.url, info({ ...base, tool_input: "{'name': 'messi'}" }));
    expect(bad).toEqual({ status: 200, source: "parse-error", text: PARSE_ERROR_REPLY });
    expect(JSON.parse(PARSE_ERROR_REPLY)).toEqual({ error: "Tool input parse error...\n", response: "" });
    const chat = await post(server.url, info({ ...base, api_name: "chat_with_user", tool_input: "" }));
    expect(chat).toEqual({ status: 200, source: "chat", text: CHAT_REPLY });
  });

  it("answers a strict miss with the fixed cache-miss error", async () => {
    const miss = await post(server.url, info({ ...base, tool_input: '{"name": "ronaldo"}' }));
    expect(miss.status).toBe(200);
    expect(miss.source).toBe("miss");
    expect(miss.text).toBe(strictMissResponse("transfermarkt_search_for_theclique", '{"name":"ronaldo"}'));
    expect(JSON.parse(miss.text)).toEqual({
      error:
        'Cache miss: no recorded response for transfermarkt_search_for_theclique with {"name":"ronaldo"}',
      response: "",
    });
  });

  it("refuses bad input with 4xx JSON naming what is wrong, and keeps serving", async () => {
    const cases: [unknown, number, RegExp][] = [
      ["{not json", 400, /body is not valid JSON: at offset 1/],
      ["[1, 2]", 422, /body: expected a JSON object/],
      [{ ...base, tool_input: "{}" }, 200, /Cache miss/], // strip/toolbench_key may be left out
      [info({ tool_name: "TheClique", api_name: "x", tool_input: "" }), 422, /field 'category': missing/],
      [info({ ...base, api_name: 5, tool_input: "" }), 422, /field 'api_name': expected a string/],
      [info({ ...base, tool_input: 5 }), 422, /field 'tool_input': expected a JSON string or an object/],
      [info({ ...base }), 422, /field 'tool_input': missing/],
      [info({ ...base, strip: 1, tool_input: "" }), 422, /field 'strip': expected a string/],
      [info({ ...base, tool_name: "Nope", tool_input: "" }), 404, /unknown tool 'Nope' in category 'Data'/],
      [
        info({ ...base, api_name: "Missing API", tool_input: "" }),
        404,
        /unknown api 'Missing API' of tool 'TheClique'/,
      ],
      [info({ ...base, tool_input: "x".repeat(5000) }), 413, /over the 4096-byte limit/],
    ];
    for (const [body, status, msg] of cases) {
      const r = await post(server.url, body);
      expect(r.status, JSON.stringify(body).slice(0, 80)).toBe(status);
      expect(r.text).toMatch(msg);
    }
    const get = await fetch(`${server.url}/virtual`);
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST");
    const nope = await fetch(`${server.url}/nope`, { method: "POST", body: "{}" });
    expect(nope.status).toBe(404);
    expect(await nope.text()).toMatch(/no route POST \/nope; use POST \/virtual/);
  });

  it("survives garbage bytes, a chunked oversized body and aborted connections", async () => {
    const { port } = server;
    const raw = (data: string, end: boolean) =>
      new Promise<string>((resolve) => {
        const s = connect(port, "127.0.0.1", () => {
          s.write(data);
          if (!end) setTimeout(() => s.destroy(), 20);
        });
        let got = "";
        s.on("data", (d) => (got += d.toString()));
        s.on("close", () => resolve(got));
        s.on("error", () => resolve(got));
      });
    expect(await raw("\x00\x01garbage\r\n\r\n", true)).toMatch(/^HTTP\/1\.1 400/);
    // Declares a body and hangs up halfway.
    await raw('POST /virtual HTTP/1.1\r\nhost: x\r\ncontent-length: 100\r\n\r\n{"cat', false);
    const chunk = "x".repeat(3000);
    const chunked = await raw(
      "POST /virtual HTTP/1.1\r\nhost: x\r\ntransfer-encoding: chunked\r\n\r\n" +
        `${(3000).toString(16)}\r\n${chunk}\r\n${(3000).toString(16)}\r\n${chunk}\r\n0\r\n\r\n`,
      true,
    );
    expect(chunked).toMatch(/^HTTP\/1\.1 413/);
    const ok = await post(server.url, info({ ...base, tool_input: '{"name": "messi"}' }));
    expect(ok.source).toBe("real");
  });
});

describe("simulate policy (no data needed)", () => {
  it("builds upstream's simulation prompt", () => {
    expect(createHash("sha256").update(SIMULATION_SYSTEM_PROMPT).digest("hex")).toBe(
      "cb0a04b8c63e55ae9653b343596d278e2645cee8ddae1e8d48459672966eec66",
    );
    const cache = new ResponseCache();
    const c = {
      category: "Data",
      tool_name: "keyword analysis",
      api_name: "Search",
      tool_input: '{"q": "taylor swift"}',
    };
    cache.addReal(
      c,
      new Map([
        ["error", ""],
        ["response", "ok"],
      ]),
    );
    const docs = new ApiDocs();
    docs.add("Data", "keyword analysis", "Search", { toolDescription: "Keywords", description: "Find" });
    const api = new VirtualApi({ cache, docs, policy: "simulate", model: new FakeModel(echo) });
    const m = api.simulationMessages({ ...c, tool_input: "" }, parseJson('{"q": "x", "n": 1}'));
    expect(m[0]!.content).toBe(SIMULATION_SYSTEM_PROMPT);
    expect(m[1]!.content).toBe(
      "API Documentation:{'tool_description': 'Keywords', 'api_info': [{'name': 'Search', 'description': 'Find'}]}\n" +
        `API Examples:[("{'q': 'taylor swift'}", {'error': '', 'response': 'ok'})]\n` +
        "API Input:{'q': 'x', 'n': 1}\n",
    );
    const unknown = new VirtualApi({ cache, policy: "simulate", model: new FakeModel(echo) });
    expect(unknown.simulationMessages({ ...c, tool_name: "zzz" }, new Map())[1]!.content).toBe(
      "API Documentation:{'tool_description': '', 'api_info': ''}\nAPI Examples:[]\nAPI Input:{}\n",
    );
  });

  it("reads replies as upstream (fences dropped) and retries up to 3 times", async () => {
    expect(parseReply('```json\n{"error": "", "response": "x"}\n```')).toEqual(
      new Map([
        ["error", ""],
        ["response", "x"],
      ]),
    );
    expect(parseReply("[1]")).toBeUndefined();
    const call = { category: "C", tool_name: "T", api_name: "A", tool_input: '{"k": 1}' };
    const flaky = new FakeModel((u, n) => (n < 3 ? "not json" : echo(u)));
    const api = new VirtualApi({ cache: new ResponseCache(), policy: "simulate", model: flaky });
    const a = await api.handle(parseJson(JSON.stringify(info(call))));
    expect(a.source).toBe("simulated");
    expect(JSON.parse(a.json)).toEqual({ error: "", response: "simulated for {'k': 1}" });
    expect(flaky.calls).toBe(3);
    const never = new FakeModel(() => "nope");
    const api2 = new VirtualApi({ cache: new ResponseCache(), policy: "simulate", model: never });
    const b = await api2.handle(parseJson(JSON.stringify(info(call))));
    expect(b).toEqual({ status: 200, json: FAKE_FAILED_REPLY, source: "simulate-failed" });
    expect(never.calls).toBe(3);
    // A failure is not stored: the next call asks again.
    await api2.handle(parseJson(JSON.stringify(info(call))));
    expect(never.calls).toBe(6);
  });
});

const BENCH = ["toolbench", "mirrorapi-bench"] as const;
const QUERIES = ["toolbench", "stabletoolbench", "solvable_queries"] as const;

describe.skipIf(!hasShared(...BENCH) || !hasShared(...QUERIES))("2,000 concurrent requests over HTTP", () => {
  const root = sharedPath("toolbench");
  const items = (): MirrorApiItem[] =>
    loadMirrorApiBench(sharedPath(...BENCH)).filter(
      (i) => !i.truncated && parseLabel(i.label) && parseToolInput(i.request.tool_input) !== undefined,
    );
  const body = (it: MirrorApiItem, tool_input: unknown = it.request.tool_input) =>
    JSON.stringify(
      info({
        category: it.request.category,
        tool_name: it.request.tool_name,
        api_name: it.request.api_name,
        tool_input:
          typeof tool_input === "string"
            ? tool_input
            : JSON.parse(pyToJson(parseToolInput(it.request.tool_input)!)),
      }),
    );

  it("strict: exact answers for hits, the fixed error for misses", async () => {
    const data = loadVirtualData(root);
    expect(data.report).toMatchObject({ added: 267 });
    const server = await startVirtualServer({ cache: data.cache, docs: data.docs });
    try {
      const all = items();
      const jobs = Array.from({ length: 2000 }, (_, i) => {
        const it = all[i % all.length]!;
        const miss = i % 3 === 0;
        return { it, miss, text: miss ? body(it, `{"wordworld_probe": ${i}}`) : body(it) };
      });
      const res = await Promise.all(
        jobs.map(async (j) => {
          const r = await fetch(`${server.url}/virtual`, { method: "POST", body: j.text });
          return { status: r.status, source: r.headers.get(SOURCE_HEADER), text: await r.text() };
        }),
      );
      res.forEach((r, i) => {
        const j = jobs[i]!;
        expect(r.status).toBe(200);
        if (j.miss) {
          expect(r.source).toBe("miss");
          expect(JSON.parse(r.text).error).toMatch(
            /^Cache miss: no recorded response for .+ with \{"wordworld_probe":\d+\}$/,
          );
        } else {
          expect(r.source).toBe("real");
          expect(r.text).toBe(pyToJson(parseLabel(j.it.label)!));
        }
      });
      expect(server.api.stats().bySource).toMatchObject({ real: 1333, miss: 667 });
    } finally {
      await server.close();
    }
  });

  it("simulate: every acknowledged simulated reply is in the overlay, and a restart serves it", async () => {
    const overlay = join(mkdtempSync(join(tmpdir(), "ww-vs-")), "overlay.jsonl");
    const data = loadVirtualData(root, overlay);
    const model = new FakeModel(echo);
    const server = await startVirtualServer({
      cache: data.cache,
      docs: data.docs,
      policy: "simulate",
      model,
    });
    const all = items();
    // 2,000 requests: 1,000 hits, 1,000 misses over 500 distinct new args (each asked twice, concurrently).
    const jobs = Array.from({ length: 2000 }, (_, i) => {
      const it = all[i % all.length]!;
      const miss = i % 2 === 0;
      return { it, miss, text: miss ? body(it, `{"probe": ${(i / 2) % 500}}`) : body(it) };
    });
    const acknowledged = new Map<string, string>();
    try {
      const res = await Promise.all(
        jobs.map(async (j) => {
          const r = await fetch(`${server.url}/virtual`, { method: "POST", body: j.text });
          return { source: r.headers.get(SOURCE_HEADER), text: await r.text() };
        }),
      );
      res.forEach((r, i) => {
        const j = jobs[i]!;
        if (!j.miss) {
          expect(r.source).toBe("real");
          expect(r.text).toBe(pyToJson(parseLabel(j.it.label)!));
          return;
        }
        expect(r.source).toBe("simulated");
        const k = ResponseCache.keyOf(JSON.parse(j.text))!;
        if (acknowledged.has(k)) expect(r.text).toBe(acknowledged.get(k)); // same key, same answer
        acknowledged.set(k, r.text);
      });
    } finally {
      await server.close();
    }
    expect(acknowledged.size).toBeGreaterThan(250);
    // One model call per distinct key: concurrent duplicates share it.
    expect(model.calls).toBe(acknowledged.size);
    const rows = readJsonl(overlay, z.object({ file: z.string(), args: z.string(), value: z.string() }));
    expect(rows).toHaveLength(acknowledged.size);
    const written = new Map(rows.map((r) => [`${r.file}\n${canonicalJson(parseJson(r.args))}`, r.value]));
    for (const [k, text] of acknowledged) expect(written.get(k), k).toBe(text);

    // Restart on the same overlay: the simulated replies come back without asking the model.
    const data2 = loadVirtualData(root, overlay);
    const model2 = new FakeModel(() => "unused");
    const server2 = await startVirtualServer({
      cache: data2.cache,
      docs: data2.docs,
      policy: "simulate",
      model: model2,
    });
    try {
      for (const j of jobs.slice(0, 40).filter((x) => x.miss)) {
        const r = await post(server2.url, j.text);
        expect(r.source).toBe("simulated");
        expect(r.text).toBe(acknowledged.get(ResponseCache.keyOf(JSON.parse(j.text))!));
      }
      expect(model2.calls).toBe(0);
      // The strict policy never serves simulated entries.
      const strict = await startVirtualServer({ cache: data2.cache, docs: data2.docs });
      try {
        expect((await post(strict.url, jobs[0]!.text)).source).toBe("miss");
      } finally {
        await strict.close();
      }
    } finally {
      await server2.close();
    }
  });
});
