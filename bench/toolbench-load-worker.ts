/**
 * The load generator of the toolbench-server benchmark, in its own process so it does not share the
 * server's event loop. Over IPC it first reports the URL of a zero-latency fake simulator (an
 * OpenAI-compatible server answering `{"error": "", "response": …}`), then runs the jobs it is sent at
 * the given concurrency over keep-alive connections and sends back each answer with its latency.
 */
import { Agent, request } from "node:http";
import { startChatServer } from "./chat-server.js";

export interface LoadJob {
  url: string;
  body: string;
}
export interface LoadAnswer {
  status: number;
  source: string;
  text: string;
  ms: number;
}
type Msg = { jobs: LoadJob[]; concurrency: number } | "close";

const sim = await startChatServer(
  (call) => {
    const user = call.body.messages[1]?.content ?? "";
    const input = user.split("API Input:")[1]?.trimEnd() ?? "";
    return { content: JSON.stringify({ error: "", response: `simulated for ${input}` }) };
  },
  { recordCalls: false },
);
process.send!({ simulator: sim.url });

function once(agent: Agent, job: LoadJob): Promise<LoadAnswer> {
  const t0 = performance.now();
  const u = new URL(job.url);
  return new Promise((resolve) => {
    const req = request(
      {
        host: u.hostname,
        port: u.port,
        path: u.pathname,
        method: "POST",
        agent,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(job.body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            source: String(res.headers["x-wordworld-source"] ?? ""),
            text: Buffer.concat(chunks).toString("utf8"),
            ms: performance.now() - t0,
          }),
        );
      },
    );
    req.on("error", (e) => resolve({ status: 0, source: "", text: String(e), ms: performance.now() - t0 }));
    req.end(job.body);
  });
}

process.on("message", (m: Msg) => {
  if (m === "close") {
    void sim.close().then(() => process.exit(0));
    return;
  }
  const agent = new Agent({ keepAlive: true, maxSockets: m.concurrency });
  const out: LoadAnswer[] = new Array<LoadAnswer>(m.jobs.length);
  let next = 0;
  const t0 = performance.now();
  const lane = async () => {
    while (next < m.jobs.length) {
      const i = next++;
      out[i] = await once(agent, m.jobs[i]!);
    }
  };
  void Promise.all(Array.from({ length: m.concurrency }, lane)).then(() => {
    const secs = (performance.now() - t0) / 1000;
    agent.destroy();
    process.send!({ answers: out, secs });
  });
});
