/**
 * The reactive expert plays from observation text alone. On the 200 AgentGym test games it was measured
 * at 200/200 won within 50 steps in both formats, with 99.5% of its commands admissible (the rest are
 * "go to" a sibling receptacle at the current spot, which it learns from); the bounds leave a margin.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AlfworldEngine, TEXT_FORMATS } from "../../../src/envs/alfworld/engine.js";
import { AlfworldReactiveExpert, parseTask } from "../../../src/envs/alfworld/expert-reactive.js";
import { searchPriorFor } from "../../../src/envs/alfworld/search-prior.js";
import { loadGameFile } from "../../../src/envs/alfworld/game-file.js";
import { agentgymIntro, processObservation } from "../../../src/envs/alfworld/session.js";
import { World } from "../../../src/envs/alfworld/world.js";
import { alfworldData, gamePath } from "../../alfworld-data.js";

const root = alfworldData();
const MAX_STEPS = 50;

describe("AlfworldReactiveExpert without data", () => {
  it("parses all twelve task templates", () => {
    expect(parseTask("put a clean lettuce in diningtable.")).toEqual({
      kind: "clean",
      obj: "lettuce",
      recep: "diningtable",
    });
    expect(parseTask("clean some soapbar and put it in cart.")?.kind).toBe("clean");
    expect(parseTask("put a hot mug in coffeemachine.")?.kind).toBe("heat");
    expect(parseTask("heat some egg and put it in garbagecan.")?.kind).toBe("heat");
    expect(parseTask("put a cool tomato in microwave.")?.kind).toBe("cool");
    expect(parseTask("cool some pan and put it in stoveburner.")?.kind).toBe("cool");
    expect(parseTask("put two cd in safe.")).toEqual({ kind: "two", obj: "cd", recep: "safe" });
    expect(parseTask("find two pillow and put them in sofa.")?.kind).toBe("two");
    expect(parseTask("look at bowl under the desklamp.")).toEqual({
      kind: "look",
      obj: "bowl",
      recep: "desklamp",
    });
    expect(parseTask("examine the cd with the desklamp.")?.kind).toBe("look");
    expect(parseTask("put a book in bed.")).toEqual({ kind: "pick", obj: "book", recep: "bed" });
    expect(parseTask("put some spraybottle on toilet.")?.kind).toBe("pick");
    expect(parseTask("dance.")).toBeUndefined();
  });

  it("never throws on junk observations and always returns a string", () => {
    const junk = [
      "",
      "Nothing happens.",
      "Nothing happens.",
      "\u{1F600}\u0000\uFFFF ÿ",
      "On the , you see .",
      "You arrive at .",
    ];
    for (const format of TEXT_FORMATS) {
      const expert = new AlfworldReactiveExpert({ format });
      for (let i = 0; i < 60; i++) {
        expect(typeof expert.act()).toBe("string");
        expert.observe(junk[i % junk.length]!);
      }
      // A real intro after junk still gets a sensible first move, and junk after it never breaks it.
      const playing = new AlfworldReactiveExpert({ format });
      playing.observe(
        "You are in the middle of a room. Looking quickly around you, you see a countertop 1, and a fridge 1.\n" +
          "Your task is to: put a cool apple in countertop.",
      );
      // Without a learned prior the search order is uniform: either receptacle is a sensible first visit.
      expect(["go to fridge 1", "go to countertop 1"]).toContain(playing.act());
      for (let i = 0; i < 60; i++) {
        playing.observe(junk[i % junk.length]!);
        expect(typeof playing.act()).toBe("string");
      }
    }
  });
});

describe.skipIf(!root)("AlfworldReactiveExpert on the 200 AgentGym test games", () => {
  it("wins nearly all within 50 steps in both formats, mostly with admissible commands", () => {
    const mappings = JSON.parse(readFileSync(join(root!, "splits", "mappings_test.json"), "utf8")) as {
      task_type: string;
      task_id: string;
    }[];
    expect(mappings.length).toBe(200);
    // The search prior is learned from the train split only; the test games are valid_train.
    const prior = searchPriorFor(root!);
    expect(prior?.games).toBe(3553);
    for (const format of TEXT_FORMATS) {
      let won = 0;
      let actions = 0;
      let admissible = 0;
      const lost: string[] = [];
      for (const { task_type, task_id } of mappings) {
        const engine = new AlfworldEngine(
          new World(loadGameFile(gamePath(root!, "valid_train", task_type, task_id))),
          format,
        );
        const expert = new AlfworldReactiveExpert({ format, prior });
        // The AgentGym first turn: banner dropped, then the admissible commands.
        expert.observe(
          `${agentgymIntro(engine.reset())}\nAVAILABLE ACTIONS: ${engine.admissibleCommands().join(",")}`,
        );
        for (let step = 0; step < MAX_STEPS && !engine.won; step++) {
          const action = expert.act();
          actions++;
          if (engine.admissibleCommands().includes(action)) admissible++;
          expert.observe(processObservation(engine.step(action)));
        }
        if (engine.won) won++;
        else lost.push(`${task_type}/${task_id}`);
      }
      expect(won / mappings.length, `[${format}] lost: ${lost.join(", ")}`).toBeGreaterThanOrEqual(0.98);
      expect(admissible / actions).toBeGreaterThanOrEqual(0.97);
    }
  });
});
