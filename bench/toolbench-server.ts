/**
 * The virtual API server under load from a second process on loopback: ≥ 10,000 requests at 64 in
 * flight, mixing recorded hits and strict misses (one server) with hits and simulate-policy misses
 * against a zero-latency fake simulator (another server). Reports requests/s and p50/p99 latency,
 * counts errors (wrong status, source or body), and checks that every simulated reply acknowledged is
 * in the overlay file afterwards.
 */
import { fork } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { z } from "zod";
import { loadMirrorApiBench } from "../src/envs/toolbench/data.js";
import { canonicalJson, parseJson, pyToJson } from "../src/envs/toolbench/py-literal.js";
import { parseLabel, parseToolInput, ResponseCache } from "../src/envs/toolbench/response-cache.js";
import { loadVirtualData, startVirtualServer } from "../src/envs/toolbench/virtual-server.js";
import { openModel } from "../src/llm/index.js";
import { readJsonl } from "../src/util/jsonl.js";
import type { BenchResult } from "./alfworld.js";
import type { LoadAnswer, LoadJob } from "./toolbench-load-worker.js";

const REQUESTS = 12_000;
const CONCURRENCY = 64;

function findToolbench(root: string | undefined): string | undefined {
  const candidates = [root && join(root, "toolbench"), root].filter((x): x is string => !!x);
  return candidates.find((d) => existsSync(join(d, "mirrorapi-bench")));
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;

export async function benchToolbenchServer(dataRoot: string | undefined): Promise<BenchResult[]> {
  const root = findToolbench(dataRoot);
  if (!root) {
    console.log("toolbench: no MirrorAPI-Bench data (run `wordworld data pull toolbench`); skipped");
    return [];
  }
  const worker = fork(new URL("./toolbench-load-worker.js", import.meta.url), [], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const fromWorker = <T>(pick: (m: unknown) => T | undefined) =>
    new Promise<T>((resolve, reject) => {
      const on = (m: unknown) => {
        const v = pick(m);
        if (v === undefined) return;
        worker.off("message", on);
        resolve(v);
      };
      worker.on("message", on);
      worker.once("error", reject);
    });
  const simUrl = await fromWorker((m) => (m as { simulator?: string }).simulator);
  const dir = mkdtempSync(join(tmpdir(), "ww-bench-tb-"));
  const overlay = join(dir, "overlay.jsonl");
  const model = await openModel(`${simUrl}#bench`, { concurrency: CONCURRENCY, maxRetries: 0 });
  const strictData = loadVirtualData(root);
  const simData = loadVirtualData(root, overlay);
  const strict = await startVirtualServer({ cache: strictData.cache, docs: strictData.docs });
  const simulate = await startVirtualServer({
    cache: simData.cache,
    docs: simData.docs,
    policy: "simulate",
    model,
  });
  const results: BenchResult[] = [];
  try {
    const items = loadMirrorApiBench(join(root, "mirrorapi-bench")).filter(
      (i) => !i.truncated && parseLabel(i.label) && parseToolInput(i.request.tool_input) !== undefined,
    );
    const body = (i: number, toolInput?: string) => {
      const it = items[i % items.length]!;
      const ti = toolInput ?? pyToJson(parseToolInput(it.request.tool_input)!);
      return JSON.stringify({
        category: it.request.category,
        tool_name: it.request.tool_name,
        api_name: it.request.api_name,
        tool_input: ti,
        strip: "filter",
        toolbench_key: "",
      });
    };
    // Per 4 requests: a strict hit, a strict miss, a simulate-server hit, a simulate miss (a new key,
    // except where it repeats an earlier one).
    type Kind = "hit" | "miss" | "sim-hit" | "sim-miss";
    const kinds: Kind[] = [];
    const jobs: LoadJob[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      const k = (["hit", "miss", "sim-hit", "sim-miss"] as const)[i % 4]!;
      kinds.push(k);
      const url = `${k.startsWith("sim") ? simulate.url : strict.url}/virtual`;
      // Every 32nd request repeats the simulate miss of 28 requests earlier (same api, same args).
      const src = k === "sim-miss" && i % 32 === 31 ? i - 28 : i;
      jobs.push({ url, body: k === "hit" || k === "sim-hit" ? body(i) : body(src, `{"probe": ${src}}`) });
    }
    const done = fromWorker((m) =>
      "answers" in (m as object) ? (m as { answers: LoadAnswer[]; secs: number }) : undefined,
    );
    worker.send({ jobs, concurrency: CONCURRENCY });
    const { answers, secs } = await done;

    let errors = 0;
    const acknowledged = new Map<string, string>();
    answers.forEach((a, i) => {
      const k = kinds[i]!;
      const want = k === "hit" || k === "sim-hit" ? "real" : k === "miss" ? "miss" : "simulated";
      const it = items[i % items.length]!; // hits always use their own index
      const exact = want !== "real" || a.text === pyToJson(parseLabel(it.label)!);
      if (a.status !== 200 || a.source !== want || !exact) errors++;
      if (want === "simulated" && a.source === "simulated") {
        const key = ResponseCache.keyOf(JSON.parse(jobs[i]!.body))!;
        if (acknowledged.has(key) && acknowledged.get(key) !== a.text) errors++;
        acknowledged.set(key, a.text);
      }
    });
    const rows = readJsonl(overlay, z.object({ file: z.string(), args: z.string(), value: z.string() }));
    const written = new Map(rows.map((r) => [`${r.file}\n${canonicalJson(parseJson(r.args))}`, r.value]));
    let lost = 0;
    for (const [k, text] of acknowledged) if (written.get(k) !== text) lost++;

    const ms = answers.map((a) => a.ms).sort((x, y) => x - y);
    results.push({
      name: `toolbench virtual server, ${REQUESTS} requests at ${CONCURRENCY} in flight from another process`,
      value: Math.round(REQUESTS / secs),
      unit: "requests/s",
      detail: `p50 ${pct(ms, 0.5).toFixed(2)} ms, p99 ${pct(ms, 0.99).toFixed(2)} ms; ${errors} errors; mix: hits, strict misses, simulate misses`,
    });
    results.push({
      name: "toolbench virtual server: wrong answers (status, source or body)",
      value: errors,
      unit: "errors",
      detail: `of ${REQUESTS}; ${model.stats().requests} simulator calls`,
    });
    results.push({
      name: "toolbench virtual server: acknowledged simulated replies missing from the overlay",
      value: lost,
      unit: "lost writes",
      detail: `${acknowledged.size} acknowledged, ${rows.length} overlay lines`,
    });
  } finally {
    await strict.close();
    await simulate.close();
    await model.close();
    worker.send("close");
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}
