/**
 * A local server speaking OpenAI's chat-completions protocol (and Anthropic's messages), for tests and
 * the benchmark: the reply of each request comes from a handler, which may also fail, stall or drop the
 * connection to exercise the client's retries and timeouts.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { ChatMessage } from "../src/llm/types.js";

export interface ChatCall {
  n: number;
  path: string;
  headers: IncomingMessage["headers"];
  body: { model?: string; messages: ChatMessage[]; [k: string]: unknown };
}

/** What the handler wants sent: a reply text, or a raw HTTP answer, or a dropped connection. */
export type ServerAction =
  | { content: string; finishReason?: string; delayMs?: number }
  | { status: number; body: string; headers?: Record<string, string>; delayMs?: number }
  | { drop: true };

export interface ChatServer {
  url: string;
  calls: ChatCall[];
  /** Most requests in flight at once. */
  maxInFlight: number;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

export async function startChatServer(
  handler: (call: ChatCall) => ServerAction | Promise<ServerAction>,
  opts: { models?: number; recordCalls?: boolean } = {},
): Promise<ChatServer> {
  let n = 0;
  let inFlight = 0;
  const state = { calls: [] as ChatCall[], maxInFlight: 0 };
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      if (req.method === "GET") {
        const status = opts.models ?? 200;
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify({ object: "list", data: [{ id: "test-model", object: "model" }] }));
        return;
      }
      inFlight++;
      state.maxInFlight = Math.max(state.maxInFlight, inFlight);
      try {
        const call: ChatCall = {
          n: n++,
          path: req.url ?? "",
          headers: req.headers,
          body: JSON.parse(await readBody(req)) as ChatCall["body"],
        };
        if (opts.recordCalls !== false) state.calls.push(call);
        const a = await handler(call);
        if ("drop" in a) {
          req.socket.destroy();
          return;
        }
        if (a.delayMs) await new Promise((r) => setTimeout(r, a.delayMs));
        if ("status" in a) {
          res.writeHead(a.status, { "content-type": "application/json", ...a.headers });
          res.end(a.body);
          return;
        }
        const anthropic = call.path.endsWith("/messages");
        const body = anthropic
          ? {
              type: "message",
              role: "assistant",
              content: [{ type: "text", text: a.content }],
              stop_reason: a.finishReason ?? "end_turn",
              usage: { input_tokens: 1, output_tokens: 1 },
            }
          : {
              object: "chat.completion",
              choices: [
                {
                  index: 0,
                  message: { role: "assistant", content: a.content },
                  finish_reason: a.finishReason ?? "stop",
                },
              ],
              usage: { prompt_tokens: 1, completion_tokens: 1 },
            };
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify(body));
      } finally {
        inFlight--;
      }
    })().catch((e: unknown) => {
      res.writeHead(500);
      res.end(String(e));
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    get calls() {
      return state.calls;
    },
    get maxInFlight() {
      return state.maxInFlight;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
