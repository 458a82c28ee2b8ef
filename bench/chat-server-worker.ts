/** A zero-latency chat-completions server on its own thread, so it does not share the client's event loop. */
import { parentPort } from "node:worker_threads";
import { startChatServer } from "./chat-server.js";

const server = await startChatServer(() => ({ content: "Nothing happens." }), { recordCalls: false });
parentPort!.postMessage(server.url);
parentPort!.on("message", (m) => {
  if (m === "close") void server.close().then(() => process.exit(0));
});
