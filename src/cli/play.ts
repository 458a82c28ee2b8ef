import { createInterface } from "node:readline";
import type { Command } from "commander";
import { EpisodeDoneError } from "../protocol/env.js";
import { openEpisode, type EpisodeFlags } from "./open-env.js";

const HINT =
  "(type a command; :actions lists the admissible ones, :restart starts over, :quit or Ctrl-D leaves)";

export function registerPlay(program: Command): void {
  program
    .command("play")
    .argument("<env>", "environment")
    .option("--item <id>", "item id (AgentGym numbering)")
    .option("--game <path>", "a game file instead of an item")
    .option("--format <format>", "text format (alfworld: new | classic)")
    .option("--max-steps <n>", "step cap")
    .option("--data <dir>", "data directory")
    .description("play an episode in the terminal")
    .action(async (envName: string, opts: EpisodeFlags) => {
      const { session, label } = openEpisode(envName, opts);
      const rl = createInterface({
        input: process.stdin,
        output: process.stdout,
        terminal: process.stdin.isTTY,
      });
      const say = (s: string) => process.stdout.write(`${s}\n`);
      say(`${label}\n${HINT}\n`);
      say(session.reset());
      let steps = 0;
      rl.setPrompt("> ");
      rl.prompt();
      for await (const input of rl) {
        const cmd = input.trim();
        if (cmd === ":quit") break;
        if (cmd === ":actions") say((session.availableActions?.() ?? []).join("\n"));
        else if (cmd === ":restart") {
          steps = 0;
          say(session.reset());
        } else {
          try {
            const r = session.step(input);
            steps++;
            say(r.observation);
            if (r.done)
              say(
                r.success
                  ? `\n*** Task completed in ${steps} steps. ***`
                  : `\n*** Episode over after ${steps} steps. ***`,
              );
          } catch (e) {
            if (!(e instanceof EpisodeDoneError)) throw e;
            say("The episode is over: :restart or :quit.");
          }
        }
        rl.prompt();
      }
      rl.close();
    });
}
