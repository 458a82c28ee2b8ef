/**
 * `wordworld toolbench serve`: StableToolBench's virtual API server (POST /virtual) over the recorded
 * MirrorAPI-Bench responses, with an explicit miss policy (strict by default; simulate with --wm).
 */
import type { Command } from "commander";
import { dataRoot } from "../util/data-root.js";
import { loadVirtualData, startVirtualServer, type MissPolicy } from "../envs/toolbench/virtual-server.js";
import type { ChatModel } from "../llm/types.js";
import { parsePositiveInt, UsageError } from "./errors.js";
import { addModelFlags, openModelFromFlags, type ModelFlags } from "./model-flags.js";

interface ServeFlags extends ModelFlags {
  port: string;
  host: string;
  data?: string;
  policy: string;
  wm?: string;
  overlay?: string;
}

export function registerToolbenchServe(program: Command): void {
  const toolbench =
    program.commands.find((c) => c.name() === "toolbench") ??
    program.command("toolbench").description("StableToolBench tools: the virtual API server");
  const serve = toolbench
    .command("serve")
    .description(
      "serve POST /virtual (StableToolBench's body and replies; the X-Wordworld-Source header says " +
        "real|recorded|simulated|miss|simulate-failed|parse-error|chat). Misses: strict answers " +
        '{"error": "Cache miss: no recorded response for <api>_for_<tool> with <args>", "response": ""}; ' +
        "simulate asks --wm with StableToolBench's simulation prompt and keeps its replies in --overlay",
    )
    .option("--port <n>", "port (0: any free one)", "8080")
    .option("--host <addr>", "address to listen on", "127.0.0.1")
    .option("--data <dir>", "data root or toolbench/mirrorapi-bench/solvable_queries directory")
    .option("--policy <policy>", "on a cache miss: strict | simulate", "strict")
    .option("--wm <model>", "the simulator for --policy simulate, e.g. http://localhost:8000/v1#Qwen2.5-7B")
    .option("--overlay <file>", "JSONL of simulated replies (read at start, appended to)");
  addModelFlags(serve).action(async (f: ServeFlags) => {
    if (f.policy !== "strict" && f.policy !== "simulate")
      throw new UsageError(`--policy must be strict or simulate, got '${f.policy}'`);
    const policy: MissPolicy = f.policy;
    if (policy === "simulate" && !f.wm) throw new UsageError("--policy simulate needs --wm <model>");
    if (policy === "strict" && f.wm) throw new UsageError("--wm is only used with --policy simulate");
    const port = f.port === "0" ? 0 : parsePositiveInt("--port", f.port);
    let data;
    try {
      data = loadVirtualData(dataRoot(f.data), f.overlay);
    } catch (e) {
      throw new UsageError(`${(e as Error).message} (run: wordworld data pull toolbench)`);
    }
    const model: ChatModel | undefined = f.wm ? await openModelFromFlags(f.wm, f) : undefined;
    const server = await startVirtualServer({
      cache: data.cache,
      docs: data.docs,
      policy,
      model,
      port,
      host: f.host,
    });
    const s = data.cache.stats();
    process.stderr.write(
      `toolbench serve: ${server.url}/virtual (policy ${policy}; ${s.realEntries} real, ` +
        `${s.simulatedEntries} simulated responses; ${data.docs.size} tools with docs)\n`,
    );
    await new Promise<void>((resolve) => {
      const stop = () => {
        process.off("SIGINT", stop);
        process.off("SIGTERM", stop);
        resolve();
      };
      process.on("SIGINT", stop);
      process.on("SIGTERM", stop);
    });
    await server.close();
    await model?.close();
    const st = server.api.stats();
    process.stderr.write(
      `toolbench serve: stopped after ${st.requests} requests ${JSON.stringify(st.bySource)}\n`,
    );
  });
}
