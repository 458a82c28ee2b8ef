import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { z } from "zod";
import type { StepResult } from "../protocol/env.js";
import { UsageError } from "./errors.js";
import { openEpisode, type EpisodeFlags } from "./open-env.js";

/** Reads actions: a JSON array of strings (.json), else one action per line. */
export function readActions(path: string): string[] {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new UsageError(`--actions ${path}: ${(e as Error).message}`);
  }
  if (path.endsWith(".json")) {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (e) {
      throw new UsageError(`--actions ${path}: not valid JSON: ${(e as Error).message}`);
    }
    const parsed = z.array(z.string()).safeParse(raw);
    if (!parsed.success)
      throw new UsageError(
        `--actions ${path}: expected a JSON array of strings (${parsed.error.issues[0]!.message} at [${parsed.error.issues[0]!.path.join(".")}])`,
      );
    return parsed.data;
  }
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

function line(
  step: number,
  action: string | null,
  r: Omit<StepResult, "info">,
  available: string[] | undefined,
): string {
  return JSON.stringify({
    step,
    action,
    observation: r.observation,
    reward: r.reward,
    done: r.done,
    success: r.success,
    available_actions: available ?? null,
  });
}

export function registerReplay(program: Command): void {
  program
    .command("replay")
    .argument("<env>", "environment")
    .option("--item <id>", "item id (AgentGym numbering)")
    .option("--game <path>", "a game file instead of an item")
    .option("--actions <file>", "actions to play: one per line, or a .json array")
    .option(
      "--expert <name>",
      "play an expert policy instead of an actions file (e.g. reactive, walkthrough)",
    )
    .option("--format <format>", "text format (alfworld: new | classic)")
    .option("--max-steps <n>", "step cap")
    .option("--data <dir>", "data directory")
    .description("play actions in an environment and print one JSON line per step")
    .action((envName: string, opts: EpisodeFlags & { actions?: string; expert?: string }) => {
      if ((opts.actions === undefined) === (opts.expert === undefined))
        throw new UsageError("give exactly one of --actions <file> or --expert <name>");
      const opened = openEpisode(envName, opts);
      const { session } = opened;
      let policy;
      if (opts.expert !== undefined) {
        const make = opened.experts[opts.expert];
        if (!make)
          throw new UsageError(
            `unknown expert '${opts.expert}': available: ${Object.keys(opened.experts).join(", ")}`,
          );
        policy = make();
      }
      const actions = opts.actions !== undefined ? readActions(opts.actions) : undefined;
      const first = session.reset();
      policy?.observe(first);
      const out: string[] = [
        line(
          0,
          null,
          { observation: first, reward: 0, done: false, success: false },
          session.availableActions?.(),
        ),
      ];
      for (let step = 1; ; step++) {
        const action = actions ? actions[step - 1] : policy!.act();
        if (action === undefined) break;
        const r = session.step(action);
        policy?.observe(r.observation);
        out.push(line(step, action, r, session.availableActions?.()));
        if (r.done) {
          const left = actions ? actions.length - step : 0;
          if (left > 0)
            process.stderr.write(`episode ended at step ${step}; ${left} remaining action(s) not played\n`);
          break;
        }
      }
      process.stdout.write(out.join("\n") + "\n");
    });
}
