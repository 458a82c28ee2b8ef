/**
 * The built-in oracle: every stored walkthrough of the 4,027 solvable games must be admissible at every
 * step and win exactly at its last step, never earlier (upstream semantics: the hand-coded expert
 * produced these walkthroughs on the real engine). Checked in both text formats.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AlfworldEngine } from "../../../src/envs/alfworld/engine.js";
import { walkthroughCommands } from "../../../src/envs/alfworld/expert-walkthrough.js";
import { loadGameFile } from "../../../src/envs/alfworld/game-file.js";
import { World } from "../../../src/envs/alfworld/world.js";
import { alfworldData } from "../../alfworld-data.js";

const root = alfworldData();

function allGames(dir: string): string[] {
  const out: string[] = [];
  for (const split of readdirSync(dir).sort())
    for (const task of readdirSync(join(dir, split)).sort())
      for (const trial of readdirSync(join(dir, split, task)).sort())
        out.push(join(dir, split, task, trial, "game.tw-pddl"));
  return out;
}

describe.skipIf(!root)("ALFWorld walkthroughs (all solvable games)", () => {
  it("are admissible at every step and win exactly at the last step, in both formats", () => {
    const files = allGames(join(root!, "json_2.1.1"));
    expect(files.length).toBe(4027);
    const failures: string[] = [];
    let steps = 0;
    for (const file of files) {
      const game = loadGameFile(file);
      const world = new World(game);
      for (const format of ["new", "classic"] as const) {
        const engine = new AlfworldEngine(world, format);
        engine.reset();
        const commands = walkthroughCommands(game, format);
        if (engine.won) failures.push(`${file} [${format}]: won at reset`);
        for (let i = 0; i < commands.length; i++) {
          const cmd = commands[i]!;
          if (!engine.admissibleCommands().includes(cmd)) {
            failures.push(`${file} [${format}]: step ${i + 1} '${cmd}' not admissible`);
            break;
          }
          expect(engine.step(cmd)).not.toBe("Nothing happens.");
          steps++;
          if (engine.won !== (i === commands.length - 1)) {
            failures.push(`${file} [${format}]: won=${engine.won} after step ${i + 1} of ${commands.length}`);
            break;
          }
        }
      }
    }
    expect(failures).toEqual([]);
    expect(steps).toBeGreaterThan(2 * 4027 * 3);
  });
});
