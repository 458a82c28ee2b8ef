import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { appendTrajectory, readTrajectories, TRAJECTORIES_FILE } from "../../src/data/trajectory-store.js";
import { alfworldLike, sciworldLike, tempDir } from "./fixtures.js";

describe("trajectory store", () => {
  it("round-trips appended trajectories, one line each, in order", () => {
    const dir = join(tempDir(), "run");
    const ts = [
      alfworldLike({ item: 1 }),
      alfworldLike({ item: 2, success: false }),
      sciworldLike({ item: 3 }),
    ];
    for (const t of ts) appendTrajectory(dir, t);
    const text = readFileSync(join(dir, TRAJECTORIES_FILE), "utf8");
    expect(text.split("\n")).toHaveLength(4);
    expect(text.endsWith("\n")).toBe(true);
    expect(readTrajectories(dir)).toEqual(ts);
    // A path to the .jsonl file itself is accepted too.
    expect(readTrajectories(join(dir, TRAJECTORIES_FILE))).toEqual(ts);
  });

  it("never interleaves records of concurrent writers in one process", async () => {
    const dir = tempDir();
    const big = alfworldLike({ item: 7 });
    big.steps[0]!.observation = "x".repeat(200_000);
    await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        Promise.resolve().then(() => appendTrajectory(dir, i % 2 ? big : alfworldLike({ item: i }))),
      ),
    );
    const read = readTrajectories(dir);
    expect(read).toHaveLength(100);
    expect(read.filter((t) => t.item === 7 && t.steps[0]!.observation.length === 200_000).length).toBe(50);
  });

  it("skips a truncated last line with a warning, never an error", () => {
    const dir = tempDir();
    appendTrajectory(dir, alfworldLike({ item: 1 }));
    appendTrajectory(dir, alfworldLike({ item: 2 }));
    const line = JSON.stringify(alfworldLike({ item: 3 }));
    appendFileSync(join(dir, TRAJECTORIES_FILE), line.slice(0, line.length / 2));
    const warnings: string[] = [];
    const read = readTrajectories(dir, { warn: (m) => warnings.push(m) });
    expect(read.map((t) => t.item)).toEqual([1, 2]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`${join(dir, TRAJECTORIES_FILE)}:3: skipping a truncated last line`);
  });

  it("repairs a crashed tail before appending, so the file stays readable", () => {
    const dir = tempDir();
    const path = join(dir, TRAJECTORIES_FILE);
    appendTrajectory(dir, alfworldLike({ item: 1 }));
    const line = JSON.stringify(alfworldLike({ item: 2 }));
    appendFileSync(path, line.slice(0, 100));
    const warnings: string[] = [];
    appendTrajectory(dir, alfworldLike({ item: 3 }), (m) => warnings.push(m));
    expect(warnings[0]).toContain(`${path}:2: removing a truncated last line`);
    expect(readTrajectories(dir).map((t) => t.item)).toEqual([1, 3]);
    // A complete record that only lost its newline is kept.
    appendFileSync(path, line);
    appendTrajectory(dir, alfworldLike({ item: 4 }));
    expect(readTrajectories(dir).map((t) => t.item)).toEqual([1, 3, 2, 4]);
  });

  it("fails on a bad middle line naming the file and line number", () => {
    const dir = tempDir();
    const path = join(dir, TRAJECTORIES_FILE);
    const good = JSON.stringify(alfworldLike());
    writeFileSync(path, `${good}\n{"env": "alfworld", "item": 2,\n${good}\n`);
    expect(() => readTrajectories(dir)).toThrow(`${path}:2: not valid JSON`);
    // A complete but invalid record names the field.
    const bad = { ...alfworldLike(), item: "seven" };
    writeFileSync(path, `${good}\n${good}\n${JSON.stringify(bad)}\n`);
    expect(() => readTrajectories(dir)).toThrow(`${path}:3: field 'item'`);
    const noSteps = { ...alfworldLike(), steps: [{ action: "look" }] };
    writeFileSync(path, `${JSON.stringify(noSteps)}\n${good}\n`);
    expect(() => readTrajectories(dir)).toThrow(`${path}:1: field 'steps.0.observation'`);
  });

  it("names a run directory without trajectories, unless missingOk", () => {
    const dir = tempDir();
    expect(() => readTrajectories(dir)).toThrow(`${join(dir, TRAJECTORIES_FILE)}: no such file`);
    expect(readTrajectories(dir, { missingOk: true })).toEqual([]);
  });

  it("refuses to persist an invalid trajectory", () => {
    const dir = tempDir();
    mkdirSync(dir, { recursive: true });
    const bad = { ...alfworldLike(), success: "yes" } as unknown as Parameters<typeof appendTrajectory>[1];
    expect(() => appendTrajectory(dir, bad)).toThrow("field 'success'");
    expect(readTrajectories(dir, { missingOk: true })).toEqual([]);
  });
});
