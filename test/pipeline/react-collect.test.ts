/** A ReAct agent over HTTP collecting real ALFWorld trajectories: AgentGym's prompt, malformed replies kept and counted. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startChatServer, type ChatServer } from "../../bench/chat-server.js";
import { exportDataset } from "../../src/data/export.js";
import { readTrajectories } from "../../src/data/trajectory-store.js";
import { validateExport } from "../../src/data/validate.js";
import { getEnv } from "../../src/envs/registry.js";
import { openModel } from "../../src/llm/index.js";
import { collect } from "../../src/pipeline/collect.js";
import { alfworldData } from "../alfworld-data.js";
import { TEST_DATA_ROOT } from "../shared-data.js";

const root = alfworldData() ? TEST_DATA_ROOT : undefined;
const env = getEnv("alfworld");

describe.skipIf(!root)("collect with a ReAct agent over HTTP", () => {
  const servers: ChatServer[] = [];
  afterAll(async () => {
    for (const s of servers) await s.close();
  });

  it("plays AgentGym's conversation, keeps malformed replies and counts them, never crashes", async () => {
    const failedOnce = new Set<string>();
    const s = await startChatServer((call) => {
      const turn =
        call.body.messages.filter((m) => m.role === "assistant").length -
        env.reactPreamble.filter((m) => m.role === "assistant").length +
        1;
      if (turn === 1) return { content: "I will just wander off." }; // no Thought/Action: malformed, empty action
      const episode = call.body.messages[env.reactPreamble.length]!.content;
      if (turn === 2 && !failedOnce.has(episode)) {
        failedOnce.add(episode);
        return { status: 500, body: "overloaded" }; // retried
      }
      return { content: "Thought: I should look around.\nAction: look" };
    });
    servers.push(s);
    const model = await openModel(`${s.url}#agent`, { backoffMs: 1 });
    const out = join(mkdtempSync(join(tmpdir(), "ww-react-")), "run");
    const { results } = await collect({
      env,
      root: root!,
      split: "test",
      items: 3,
      agent: model.spec,
      model,
      out,
      concurrency: 3,
      maxSteps: 4,
      quiet: true,
    });
    const ts = readTrajectories(out);
    expect(ts).toHaveLength(3);
    for (const t of ts) {
      expect(t.agent).toBe(model.spec);
      expect(t.steps).toHaveLength(4);
      expect(t.steps[0]).toMatchObject({ action: "", reply: "I will just wander off.", malformed: true });
      expect(t.steps[1]!.action).toBe("look");
      expect(t.steps[1]!.malformed).toBeUndefined();
    }
    expect(results.malformed.agent).toBe(3);
    expect(results.llm[model.spec]).toMatchObject({ requests: 12, failures: 0 });
    expect(results.llm[model.spec]!.retries).toBe(3);
    // AgentGym's ALFWorld prompt leads every request; the paper's agent sampling (temperature 1, top-p 1).
    const first = s.calls[0]!.body;
    expect(first.messages.slice(0, env.reactPreamble.length)).toEqual(env.reactPreamble);
    expect(first.messages[env.reactPreamble.length]!.content).toBe(
      ts.find((t) => t.first_observation === first.messages[env.reactPreamble.length]!.content)!
        .first_observation,
    );
    expect(first).toMatchObject({ temperature: 1, top_p: 1 });

    // Agent SFT data from the run, validated against the OpenAI chat schema.
    const data = join(out, "..", "agent-data");
    const report = exportDataset({ kind: "agent", runs: [out], out: data, format: "openai" });
    expect(report.written).toBe(3);
    expect(validateExport(data, report.name, "openai").examples).toBe(3);
  });
});
