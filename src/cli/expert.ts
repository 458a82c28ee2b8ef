import type { Command } from "commander";
import { getEnv } from "../envs/registry.js";
import { dataRoot } from "../util/data-root.js";
import { parsePositiveInt, UsageError } from "./errors.js";

export function registerExpert(program: Command): void {
  program
    .command("expert")
    .argument("<env>", "environment")
    .requiredOption("--split <split>", "split to run")
    .option("--expert <name>", "expert policy", "reactive")
    .option("--items <n>", "only the first n items")
    .option("--format <format>", "text format (alfworld: new | classic)")
    .option("--max-steps <n>", "step cap")
    .option("--data <dir>", "data directory")
    .description(
      "run an expert policy on a split and print its success rate (one JSON line per episode, then a summary)",
    )
    .action(
      (
        envName: string,
        opts: {
          split: string;
          expert: string;
          items?: string;
          format?: string;
          maxSteps?: string;
          data?: string;
        },
      ) => {
        const env = getEnv(envName);
        const root = dataRoot(opts.data);
        let ids = env.itemIds(root, opts.split);
        if (opts.items !== undefined) ids = ids.slice(0, parsePositiveInt("--items", opts.items));
        const maxSteps =
          opts.maxSteps === undefined ? undefined : parsePositiveInt("--max-steps", opts.maxSteps);
        let successes = 0;
        let totalSteps = 0;
        let missing = 0;
        for (const id of ids) {
          let opened;
          try {
            opened = env.openItem(root, id, { format: opts.format, maxSteps });
          } catch (e) {
            // Items whose game file is absent (unsolvable games) are counted and reported, not fatal.
            missing++;
            process.stderr.write(`item ${id}: ${(e as Error).message}\n`);
            continue;
          }
          const make = opened.experts[opts.expert];
          if (!make)
            throw new UsageError(
              `unknown expert '${opts.expert}': available: ${Object.keys(opened.experts).join(", ")}`,
            );
          const policy = make();
          policy.observe(opened.session.reset());
          let steps = 0;
          let success = false;
          for (;;) {
            const r = opened.session.step(policy.act());
            steps++;
            policy.observe(r.observation);
            if (r.done) {
              success = r.success;
              break;
            }
          }
          successes += success ? 1 : 0;
          totalSteps += steps;
          console.log(JSON.stringify({ item: id, success, steps }));
        }
        const played = ids.length - missing;
        console.log(
          JSON.stringify({
            env: env.name,
            split: opts.split,
            expert: opts.expert,
            format: opts.format ?? "default",
            episodes: played,
            missing,
            successes,
            success_rate: played ? successes / played : 0,
            mean_steps: played ? totalSteps / played : 0,
          }),
        );
      },
    );
}
