/**
 * `wordworld data pull textworld --from <dir>`: the logic and grammar files are installed and checked
 * against TextWorld 1.6.2's sha256, games are validated before anything is installed, and the installed
 * games are the environment's items (`replay textworld --item/--game` play them).
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { textworld } from "../../../src/envs/textworld/index.js";
import { textworldGamesDir } from "../../../src/envs/textworld/pull.js";
import { cli } from "../../cli/run-cli.js";
import { hasShared, sharedPath } from "../../shared-data.js";

describe.runIf(hasShared("textworld"))("data pull textworld", () => {
  it("imports the shared layout: 16 data files and 108 games, then plays them as items", async () => {
    const root = mkdtempSync(join(tmpdir(), "ww-tw-pull-"));
    const r = await cli(["data", "pull", "textworld", "--from", sharedPath("textworld"), "--data", root]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout.join("\n")).toContain("16 logic/grammar files");
    expect(r.stdout.join("\n")).toContain("108 games");
    expect(existsSync(join(textworldGamesDir(root), "agentic-lm", "world_with_seed_0.z8"))).toBe(true);
    expect(textworld.itemIds(root, "all")).toHaveLength(108);
    expect(textworld.itemIds(root, "test")).toEqual([]);
    const opened = textworld.openItem(root, 0, { format: "jericho" });
    expect(opened.label).toBe("game 0 (agentic-lm/world_with_seed_0.json)");
    expect(opened.session.reset()).toContain("-= Cellar =-0/1");
    const planner = opened.experts.planner!();
    let r2 = opened.session.step(planner.act());
    while (!r2.done) {
      planner.observe(r2.observation);
      r2 = opened.session.step(planner.act());
    }
    expect(r2).toMatchObject({ success: true, reward: 1 });
  });

  it("refuses a folder with a broken game file and installs nothing", async () => {
    const from = mkdtempSync(join(tmpdir(), "ww-tw-bad-"));
    mkdirSync(join(from, "test"));
    cpSync(
      sharedPath("textworld", "games", "agentic-lm", "world_with_seed_0.json"),
      join(from, "test", "a.json"),
    );
    writeFileSync(join(from, "test", "b.json"), '{"world": [], "quests": "nope"}');
    const root = mkdtempSync(join(tmpdir(), "ww-tw-pull-"));
    const r = await cli(["data", "pull", "textworld", "--from", from, "--data", root]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("b.json");
    expect(existsSync(join(textworldGamesDir(root), "test", "a.json"))).toBe(false);
  });

  it("says where games come from when a data root has none", () => {
    const root = mkdtempSync(join(tmpdir(), "ww-tw-empty-"));
    expect(() => textworld.openItem(root, 0, {})).toThrow(/make-set/);
  });
});
