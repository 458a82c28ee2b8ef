/**
 * Trajectories for the data tests: real ALFWorld episodes played by the reactive expert in the native
 * engine (when the shared data is there), and hand-written ones with ALFWorld- and ScienceWorld-like
 * text that need no data.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { alfworld } from "../../src/envs/alfworld/index.js";
import type { Trajectory, TrajectoryStep } from "../../src/protocol/trajectory.js";

export const tempDir = (prefix = "wordworld-data-") => mkdtempSync(join(tmpdir(), prefix));

/** Plays AgentGym item `id` with the reactive expert, as `wordworld collect` records it. */
export function realAlfworldTrajectory(dataRoot: string, id: number, maxSteps?: number): Trajectory {
  const opened = alfworld.openItem(dataRoot, id, maxSteps === undefined ? {} : { maxSteps });
  const { session } = opened;
  const policy = opened.experts.reactive!();
  const started = new Date().toISOString();
  const first = session.reset();
  policy.observe(first);
  const steps: TrajectoryStep[] = [];
  for (;;) {
    const action = policy.act();
    const r = session.step(action);
    steps.push({ action, observation: r.observation, reward: r.reward, done: r.done, success: r.success });
    if (r.done) break;
    policy.observe(r.observation);
  }
  const last = steps[steps.length - 1]!;
  return {
    env: "alfworld",
    item: id,
    split: id >= 2420 && id < 2620 ? "test" : "train",
    game: opened.game,
    agent: "expert:reactive",
    world: "real",
    initial_state: session.initialState?.(),
    first_observation: first,
    steps,
    success: last.success,
    started_at: started,
    finished_at: new Date().toISOString(),
  };
}

export const ALFWORLD_FIRST =
  "You are in the middle of a room. Looking quickly around you, you see a cabinet 4, a cabinet 3, a cabinet 2, " +
  "a cabinet 1, a countertop 1, a garbagecan 1, a handtowelholder 2, a handtowelholder 1, a sinkbasin 2, " +
  "a sinkbasin 1, a toilet 1, a toiletpaperhanger 1, and a towelholder 1.\n" +
  "Your task is to: put some spraybottle on toilet.\n" +
  "AVAILABLE ACTIONS: go to cabinet 1,go to cabinet 2,go to cabinet 3,go to cabinet 4,go to countertop 1," +
  "go to garbagecan 1,go to toilet 1,inventory,look,help";

export const ALFWORLD_INITIAL =
  "=== Objects on Receptacles ===\n" +
  " - cabinet 1 is closed, if opened, on the cabinet 1, you see nothing.\n" +
  " - cabinet 2 is closed, if opened, on the cabinet 2, you see a candle 1, a spraybottle 2\n" +
  " - On the countertop 1, you see a soapbar 1, a spraybottle 1\n" +
  " - On the toilet 1, you see a toiletpaper 1";

const ALFWORLD_SUCCESS_STEPS: TrajectoryStep[] = [
  {
    action: "go to countertop 1",
    observation: "You arrive at countertop 1. On the countertop 1, you see a soapbar 1, and a spraybottle 1.",
    reward: 0,
    done: false,
    success: false,
    reply: "Thought:\nThe spraybottle is probably on the countertop.\n\nAction:\ngo to countertop 1",
  },
  {
    action: "take spraybottle 1 from countertop 1",
    observation: "You pick up the spraybottle 1 from the countertop 1.",
    reward: 0,
    done: false,
    success: false,
    reply: "Action:\ntake spraybottle 1 from countertop 1",
  },
  {
    action: "go to toilet 1",
    observation: "You arrive at toilet 1. On the toilet 1, you see a toiletpaper 1.",
    reward: 0,
    done: false,
    success: false,
    reply: "Action:\ngo to toilet 1",
  },
  {
    action: "move spraybottle 1 to toilet 1",
    observation: "You move the spraybottle 1 to the toilet 1.",
    reward: 1,
    done: true,
    success: true,
    reply: "Thought:\nNow I put it on the toilet.\n\nAction:\nmove spraybottle 1 to toilet 1",
  },
];

const ALFWORLD_FAILURE_STEPS: TrajectoryStep[] = [
  {
    action: "go to cabinet 1",
    observation: "You arrive at cabinet 1. The cabinet 1 is closed.",
    reward: 0,
    done: false,
    success: false,
  },
  {
    action: "take spraybottle 1 from cabinet 1",
    observation: "Nothing happens.",
    reward: 0,
    done: false,
    success: false,
  },
  {
    action: "look",
    observation: "You are facing the cabinet 1. Next to it, you see nothing.",
    reward: 0,
    done: true,
    success: false,
  },
];

const SCIWORLD_FIRST =
  "This room is called the hallway. In it, you see: \n\tthe agent\n\ta substance called air\n\ta picture\n" +
  "You also see:\n\tA door to the art studio (that is open)\n\tA door to the kitchen (that is open)\n" +
  "Your task is to: boil water.";

export interface FakeOptions {
  item?: number;
  game?: string;
  split?: string;
  success?: boolean;
  error?: string;
  noSteps?: boolean;
  agent?: string;
}

/** A hand-written ALFWorld-like trajectory (successful unless `success: false`). */
export function alfworldLike(o: FakeOptions = {}): Trajectory {
  const success = o.success ?? true;
  const item = o.item ?? 0;
  return {
    env: "alfworld",
    item,
    split: o.split ?? "train",
    game: o.game ?? `alfworld:pick_and_place_simple-SprayBottle-None-Toilet-${400 + item}/trial_T2019`,
    agent: o.agent ?? "openai:gpt-4o",
    world: "real",
    initial_state: ALFWORLD_INITIAL,
    first_observation: ALFWORLD_FIRST,
    steps: o.noSteps ? [] : structuredClone(success ? ALFWORLD_SUCCESS_STEPS : ALFWORLD_FAILURE_STEPS),
    success: o.noSteps ? false : success,
    ...(o.error !== undefined ? { error: o.error } : {}),
    started_at: "2025-01-01T00:00:00.000Z",
    finished_at: "2025-01-01T00:01:00.000Z",
  };
}

/** A hand-written ScienceWorld-like trajectory (an environment without `initial_state` here). */
export function sciworldLike(o: FakeOptions = {}): Trajectory {
  const success = o.success ?? false;
  const item = o.item ?? 0;
  return {
    env: "sciworld",
    item,
    split: o.split ?? "train",
    game: o.game ?? `sciworld:boil-${item}`,
    agent: o.agent ?? "openai:gpt-4o",
    world: "real",
    first_observation: SCIWORLD_FIRST,
    steps: [
      {
        action: "go to kitchen",
        observation: "You move to the kitchen.",
        reward: 0,
        done: false,
        success: false,
        reply: "Thought:\nWater is in the kitchen.\n\nAction:\ngo to kitchen",
      },
      {
        action: "activate stove",
        observation: "The stove is now activated.",
        reward: success ? 1 : 0,
        done: true,
        success,
        reply: "Action:\nactivate stove",
      },
    ],
    success,
    ...(o.error !== undefined ? { error: o.error } : {}),
    started_at: "2025-01-02T00:00:00.000Z",
    finished_at: "2025-01-02T00:01:00.000Z",
  };
}
