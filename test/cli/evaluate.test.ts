/**
 * The README's main job, `wordworld evaluate alfworld`, run in-process exactly as the binary runs it,
 * with no --wm: the default model is fetched into an empty cache (from a local server standing in for
 * Hugging Face through $HF_ENDPOINT; the file served is the tiny random-weight GGUF tests write) and
 * run in-process by llama.cpp. Its replies are gibberish, so what is checked is the job, not scores:
 * the three runs, their counts against the real trajectories, the tables, resuming, and the offline
 * message.
 */
import { createServer, type Server } from "node:http";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { cli } from "./run-cli.js";
import { getEnv } from "../../src/envs/registry.js";
import { DEFAULT_MODEL } from "../../src/llm/default-model.js";
import { readTrajectories } from "../../src/data/trajectory-store.js";
import {
  readResults,
  RESULTS_FILE,
  RolloutEvalResultsSchema,
  StepEvalResultsSchema,
} from "../../src/eval/results.js";
import { PredictionSchema, predictionsPath } from "../../src/pipeline/eval-step.js";
import { RolloutRecordSchema, rolloutsPath } from "../../src/pipeline/eval-rollout.js";
import { readJsonl } from "../../src/util/jsonl.js";
import { alfworldData } from "../alfworld-data.js";
import { TEST_DATA_ROOT } from "../shared-data.js";
import { writeTinyGguf } from "../llm/tiny-gguf.js";

const data = alfworldData();
const ITEMS = 2;

let dir: string;
let server: Server;
let endpoint: string;
let served = 0;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "wordworld-evaluate-"));
  await writeTinyGguf(join(dir, "tiny.gguf"), { contextLength: 8192 });
  const model = readFileSync(join(dir, "tiny.gguf"));
  server = createServer((req, res) => {
    if (req.url !== `/${DEFAULT_MODEL.repo}/resolve/main/${DEFAULT_MODEL.file}`) {
      res.writeHead(404).end();
      return;
    }
    served++;
    res.writeHead(200, { "content-length": model.length }).end(model);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  rmSync(dir, { recursive: true, force: true });
});

afterEach(() => {
  vi.unstubAllEnvs();
});

const stepResults = (out: string) =>
  StepEvalResultsSchema.parse(readResults(join(out, "step", RESULTS_FILE)));
const rolloutResults = (out: string) =>
  RolloutEvalResultsSchema.parse(readResults(join(out, "rollout", RESULTS_FILE)));

describe.skipIf(!data)("wordworld evaluate (the main job) with the default model", () => {
  it("downloads the model once, runs it in-process, and prints Tables 1 and 2", async () => {
    const cache = join(dir, "cache");
    const out = join(dir, "run");
    vi.stubEnv("HF_ENDPOINT", endpoint);
    vi.stubEnv("WORDWORLD_CACHE", cache);
    const args = ["evaluate", "alfworld", "--items", String(ITEMS), "--threads", "1"];
    args.push("--data", TEST_DATA_ROOT, "--out", out);
    const first = await cli(args);
    expect(first.stderr).not.toMatch(/wordworld: error/);
    expect(first.status).toBe(0);
    expect(served).toBe(1);
    expect(existsSync(join(cache, "models", DEFAULT_MODEL.file))).toBe(true);

    // The expert's real trajectories: every test item it plays in ALFWorld ends in success.
    const trajectories = readTrajectories(join(out, "collect"));
    const ids = getEnv("alfworld").itemIds(TEST_DATA_ROOT, "test").slice(0, ITEMS);
    expect(trajectories.map((t) => t.item).sort()).toEqual(ids);
    expect(trajectories.every((t) => t.success)).toBe(true);
    const steps = trajectories.reduce((n, t) => n + t.steps.length, 0);

    // Table 1: one in-process prediction per teacher-forced prefix, each one request.
    const step = stepResults(out);
    expect(step.wm).toBe(`local:${join(cache, "models", DEFAULT_MODEL.file)}`);
    expect(step.mode).toBe("zero-shot");
    expect(step.metrics.count).toBe(steps);
    expect(readJsonl(predictionsPath(join(out, "step")), PredictionSchema)).toHaveLength(steps);
    expect(step.llm.requests).toBe(steps);

    // Table 2: one rollout per item, with the real leg the expert's success; the world model's
    // requests are this run's own, not the step run's before it.
    const rollout = rolloutResults(out);
    const records = readJsonl(rolloutsPath(join(out, "rollout")), RolloutRecordSchema);
    expect(records).toHaveLength(ITEMS);
    expect(records.every((r) => r.real.success)).toBe(true);
    expect(rollout.consistency.agents.map((a) => a.real)).toEqual([100]);
    const wmTurns = records.reduce((n, r) => n + r.wm.steps.length + (r.wm.error ? 1 : 0), 0);
    expect(rollout.llm.worldModel.requests).toBe(wmTurns);

    const printed = first.stdout.join("\n");
    expect(printed).toContain("Single-step exact match (EM %)");
    expect(printed).toContain("Rollout consistency");
    expect(printed).toMatch(/expert:reactive\s+100\.00/);
    expect(printed).toContain(`report: ${join(out, "report.md")}`);
    expect(existsSync(join(out, "report.md"))).toBe(true);

    // Run again: everything is done, nothing is asked again or fetched again, and the counts stand.
    const again = await cli(args);
    expect(again.status).toBe(0);
    expect(served).toBe(1);
    expect(readJsonl(predictionsPath(join(out, "step")), PredictionSchema)).toHaveLength(steps);
    expect(readJsonl(rolloutsPath(join(out, "rollout")), RolloutRecordSchema)).toHaveLength(ITEMS);
    expect(stepResults(out).llm).toEqual(step.llm);
    expect(rolloutResults(out).llm).toEqual(rollout.llm);
  }, 300_000);

  it("checks the environment's data before downloading the model", async () => {
    vi.stubEnv("HF_ENDPOINT", endpoint);
    vi.stubEnv("WORDWORLD_CACHE", join(dir, "unused-cache"));
    const before = served;
    const r = await cli(["evaluate", "alfworld", "--data", join(dir, "no-data")]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("run: wordworld data pull alfworld");
    expect(served).toBe(before);
    expect(existsSync(join(dir, "unused-cache"))).toBe(false);
  });

  it("offline with nothing cached, stops before any run and says how to name a model", async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    vi.stubEnv("HF_ENDPOINT", `http://127.0.0.1:${port}`);
    vi.stubEnv("WORDWORLD_CACHE", join(dir, "empty-cache"));
    const out = join(dir, "offline-run");
    const r = await cli(["evaluate", "alfworld", "--data", TEST_DATA_ROOT, "--out", out]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("wordworld: error: no default model is cached at");
    expect(r.stderr).toContain("--wm http://localhost:8000/v1#<model>");
    expect(r.stderr).toContain("--wm local:./model.gguf");
    expect(existsSync(out)).toBe(false);
  });
});
