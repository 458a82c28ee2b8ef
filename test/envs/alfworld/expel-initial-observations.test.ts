/**
 * ExpeL's 134 recorded valid_unseen initial observations (classic alfworld 0.3.3 text; banner removed;
 * suffixed "___<idx>"), reproduced exactly.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AlfworldEngine } from "../../../src/envs/alfworld/engine.js";
import { loadGameFile } from "../../../src/envs/alfworld/game-file.js";
import { alfworldData } from "../../alfworld-data.js";
import { hasShared, sharedPath } from "../../shared-data.js";

const root = alfworldData();
const fixture = "alfworld/fixtures/expel_valid_unseen_initial_observations.json";

describe.skipIf(!root || !hasShared(fixture))("ExpeL initial observations", () => {
  it("reproduces all 134 exactly (classic format)", () => {
    const records = z
      .array(z.object({ goal: z.string(), gamefile: z.string() }))
      .parse(JSON.parse(readFileSync(sharedPath(fixture), "utf8")));
    expect(records).toHaveLength(134);
    let matched = 0;
    for (const { goal, gamefile } of records) {
      const path = `${root}/${gamefile.replace(/^data\/alfworld\//, "")}`;
      const intro = new AlfworldEngine(loadGameFile(path), "classic").reset();
      const [banner, ...rest] = intro.split("\n\n");
      expect(banner).toBe("-= Welcome to TextWorld, ALFRED! =-");
      expect(rest.join("\n\n"), gamefile).toBe(goal.replace(/___\d+$/, ""));
      matched++;
    }
    expect(matched).toBe(134);
  });
});
