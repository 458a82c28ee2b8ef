/**
 * The environment wrapper: the `jericho` format must reproduce, byte for byte, the observations Jericho
 * recorded for the 100 GPT-4 transcripts (less the question the recorder appended); `agentgym` adds
 * AgentGym's AVAILABLE ACTIONS line; reward, done and the step cap follow the protocol.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { EpisodeDoneError } from "../../../src/protocol/env.js";
import { TextWorldEnvSession } from "../../../src/envs/textworld/env-session.js";
import { loadTextWorldGame } from "../../../src/envs/textworld/game-file.js";
import { hasShared, sharedPath } from "../../shared-data.js";

const DIR = ["textworld", "games", "agentic-lm"];
const APPENDED = "\n\n What will you do next? Give me the next command. ";

interface Transcript {
  world: string;
  history: { role: string; content: string }[];
}

// As the recorder sent it: the text between the first two [command] markers, else the first word.
function command(content: string): string {
  const m = /\[command\]([\s\S]*?)\[command\]/.exec(content);
  return m ? m[1]! : (content.trim().split(/\s+/)[0] ?? "");
}

const game = (n: number | string) => loadTextWorldGame(sharedPath(...DIR, `world_with_seed_${n}.json`));

describe.runIf(hasShared(...DIR))("TextWorld env session", () => {
  it("jericho format equals every recorded Jericho observation of the GPT-4 transcripts", () => {
    const lines = readFileSync(sharedPath(...DIR, "gpt4_transcripts.jsonl"), "utf8")
      .split("\n")
      .filter(Boolean);
    let compared = 0;
    const mismatches: string[] = [];
    for (const line of lines) {
      const t = JSON.parse(line) as Transcript;
      const seed = /world_with_seed_(\d+)\.z8$/.exec(t.world)![1]!;
      const env = new TextWorldEnvSession(game(seed), { format: "jericho", maxSteps: 10_000 });
      let obs = env.reset();
      let done = false;
      for (const turn of t.history) {
        if (turn.role === "user") {
          expect(turn.content.endsWith(APPENDED)).toBe(true);
          const recorded = turn.content.slice(0, -APPENDED.length);
          compared++;
          if (obs !== recorded && mismatches.length < 3)
            mismatches.push(`seed ${seed}: ${JSON.stringify(recorded)} vs ${JSON.stringify(obs)}`);
        } else if (turn.role === "assistant" && !done) {
          const r = env.step(command(turn.content));
          obs = r.observation;
          done = r.done;
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(compared).toBe(893);
  });

  it("agentgym format appends the sorted admissible commands; text format is the normalised reply", () => {
    const g = game(0);
    const a = new TextWorldEnvSession(g, { format: "agentgym" });
    const first = a.reset();
    const actions = a.availableActions();
    expect(actions).toEqual([...actions].sort());
    expect(actions).toContain("take key");
    expect(first.endsWith(`\nAVAILABLE ACTIONS: ${actions.join(", ")}`)).toBe(true);
    const t = new TextWorldEnvSession(g, { format: "text" });
    t.reset();
    expect(t.step("take key").observation).toBe("You pick up the key from the ground.");
  });

  it("wins with reward 1 and done on the walkthrough's last step, then refuses to step", () => {
    const g = game(0);
    const env = new TextWorldEnvSession(g);
    env.reset();
    const results = g.walkthrough.map((c) => env.step(c));
    expect(results.slice(0, -1).every((r) => !r.done && r.reward === 0)).toBe(true);
    const last = results[results.length - 1]!;
    expect(last).toMatchObject({
      done: true,
      reward: 1,
      success: true,
      info: { won: true, score: 1, max_score: 1 },
    });
    expect(() => env.step("look")).toThrow(EpisodeDoneError);
  });

  it("stops at the step cap (TextWorld's default 50) without success", () => {
    const env = new TextWorldEnvSession(game(0), { maxSteps: 3 });
    env.reset();
    expect(env.step("look").done).toBe(false);
    expect(env.step("xyzzy").done).toBe(false);
    const r = env.step("inventory");
    expect(r).toMatchObject({ done: true, success: false, reward: 0, info: { truncated: true } });
  });

  it("describes the full state on request (not part of the reference setting)", () => {
    const env = new TextWorldEnvSession(game(0));
    env.reset();
    const s = env.fullState();
    expect(s).toContain("Location: cellar");
    expect(s).toContain("Inventory: poem (object)");
    expect(s).toContain("safe (container, locked, key: key)\n    in: latchkey (key)");
    expect(s).toContain("exit west to shower through portal (door, closed)");
  });
});
