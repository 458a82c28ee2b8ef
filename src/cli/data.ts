import type { Command } from "commander";
import { UnknownItemError } from "../envs/errors.js";
import { ENVIRONMENTS, getEnv } from "../envs/registry.js";
import { dataRoot } from "../util/data-root.js";

export function registerData(program: Command): void {
  const data = program.command("data").description("obtain upstream data");
  data
    .command("pull")
    .argument("<env>", `environment: ${ENVIRONMENTS.map((e) => e.name).join(", ")}`)
    .option("--from <path>", "import a local copy (a release zip or a directory) instead of downloading")
    .option("--data <dir>", "data directory (default: $WORDWORLD_DATA or ~/.cache/wordworld)")
    .description("download an environment's upstream data, or import a local copy")
    .action(async (envName: string, opts: { from?: string; data?: string }) => {
      const env = getEnv(envName);
      const summary = await env.pull(dataRoot(opts.data), opts.from, (line) =>
        process.stderr.write(`${line}\n`),
      );
      console.log(summary);
    });

  program
    .command("envs")
    .option("--data <dir>", "data directory (default: $WORDWORLD_DATA or ~/.cache/wordworld)")
    .description("list the environments and the data present for each")
    .action((opts: { data?: string }) => {
      const root = dataRoot(opts.data);
      console.log(`data directory: ${root}`);
      for (const env of ENVIRONMENTS) {
        console.log(`\n${env.name} — ${env.summary}`);
        // An environment whose data is absent says so rather than stopping the listing.
        let lines: string[];
        try {
          lines = env.status(root);
        } catch (e) {
          if (!(e instanceof UnknownItemError)) throw e;
          lines = [`no data: ${e.message}`];
        }
        for (const line of lines) console.log(`  ${line}`);
      }
    });
}
