import { dirname } from "node:path";
import { describe, expect, it } from "vitest";
import { agentMessages } from "../../src/data/agent-conversation.js";
import { wmMessages, wmSystemPrompt } from "../../src/data/wm-conversation.js";
import { ALFWORLD_REACT_PREAMBLE } from "../../src/envs/alfworld/prompts.js";
import type { ChatMessage } from "../../src/llm/types.js";
import { SUCCESS_MARKER } from "../../src/protocol/trajectory.js";
import { alfworldData } from "../alfworld-data.js";
import {
  ALFWORLD_FIRST,
  ALFWORLD_INITIAL,
  alfworldLike,
  realAlfworldTrajectory,
  sciworldLike,
} from "./fixtures.js";

const root = alfworldData();

function expectAlternation(messages: ChatMessage[], firstRole: "user" | "assistant" = "user"): void {
  const other = firstRole === "user" ? "assistant" : "user";
  messages.forEach((m, i) => expect(m.role).toBe(i % 2 === 0 ? firstRole : other));
}

describe("world-model conversation", () => {
  it("builds the reference's system prompt, trailing newline included", () => {
    expect(
      wmSystemPrompt(
        "=== Objects on Receptacles ===\n - On the desk 1, you see a pen 1",
        "You are in a room.\nYour task is to: x.",
      ),
    ).toBe(
      "# Environment Information (Only visible to Assistant)\n\n" +
        "=== Objects on Receptacles ===\n - On the desk 1, you see a pen 1\n\n" +
        "# User Environment Information (Displayed to User)\n\n" +
        "You are in a room.\nYour task is to: x.\n",
    );
  });

  it("uses the first observation alone when there is no initial state", () => {
    expect(wmSystemPrompt(undefined, "Welcome to TextWorld!\n")).toBe("Welcome to TextWorld!\n");
    const m = wmMessages(sciworldLike());
    expect(m[0]).toEqual({ role: "system", content: sciworldLike().first_observation });
  });

  it("alternates action/observation with the success marker only on the completing step", () => {
    const t = alfworldLike();
    const m = wmMessages(t);
    expect(m[0]).toEqual({ role: "system", content: wmSystemPrompt(ALFWORLD_INITIAL, ALFWORLD_FIRST) });
    expectAlternation(m.slice(1));
    expect(m).toHaveLength(1 + 2 * t.steps.length);
    expect(m.filter((x) => x.role === "user").map((x) => x.content)).toEqual(t.steps.map((s) => s.action));
    expect(m[m.length - 1]!.content).toBe("You move the spraybottle 1 to the toilet 1." + SUCCESS_MARKER);
    expect(m.filter((x) => x.content.includes("[SUCCESS]"))).toHaveLength(1);
    expect(wmMessages(alfworldLike({ success: false })).some((x) => x.content.includes("[SUCCESS]"))).toBe(
      false,
    );
  });
});

describe("agent conversation", () => {
  it("is the preamble, then observation/reply turns, ending with the last reply", () => {
    const t = alfworldLike();
    const m = agentMessages(t, ALFWORLD_REACT_PREAMBLE);
    expect(m.slice(0, 2)).toEqual([...ALFWORLD_REACT_PREAMBLE]);
    expectAlternation(m);
    expect(m[2]).toEqual({ role: "user", content: ALFWORLD_FIRST });
    expect(m[3]).toEqual({ role: "assistant", content: t.steps[0]!.reply });
    expect(m[4]).toEqual({ role: "user", content: t.steps[0]!.observation });
    expect(m).toHaveLength(2 + 2 * t.steps.length);
    expect(m[m.length - 1]).toEqual({ role: "assistant", content: t.steps[t.steps.length - 1]!.reply });
    // The last observation has no reply to train on.
    expect(m.some((x) => x.content === t.steps[t.steps.length - 1]!.observation)).toBe(false);
  });

  it("synthesises a bare action (no invented thought) when no reply was recorded", () => {
    const t = alfworldLike({ success: false });
    const m = agentMessages(t, []);
    expect(m[0]).toEqual({ role: "user", content: ALFWORLD_FIRST });
    expect(m.filter((x) => x.role === "assistant").map((x) => x.content)).toEqual([
      "Action: go to cabinet 1",
      "Action: take spraybottle 1 from cabinet 1",
      "Action: look",
    ]);
  });

  it("rejects a preamble the first observation cannot follow", () => {
    const t = alfworldLike();
    expect(() => agentMessages(t, ALFWORLD_REACT_PREAMBLE.slice(0, 1))).toThrow(
      "must end with an assistant message",
    );
    expect(() => agentMessages(t, [{ role: "assistant", content: "OK" }])).toThrow(
      "message 0 has role 'assistant'",
    );
    const withSystem = agentMessages(t, [{ role: "system", content: "You are an agent." }]);
    expect(withSystem[0]!.role).toBe("system");
    expect(withSystem[1]).toEqual({ role: "user", content: ALFWORLD_FIRST });
  });
});

describe.skipIf(!root)("conversations of real ALFWorld episodes (native engine, reactive expert)", () => {
  const dataRoot = dirname(root ?? ".");

  it("a won episode: reference system prompt, marker only on the final observation", () => {
    const t = realAlfworldTrajectory(dataRoot, 2420);
    expect(t.success).toBe(true);
    expect(t.initial_state).toContain("=== Objects on Receptacles ===");
    const m = wmMessages(t);
    expect(m[0]!.content).toBe(
      `# Environment Information (Only visible to Assistant)\n\n${t.initial_state}\n\n` +
        `# User Environment Information (Displayed to User)\n\n${t.first_observation}\n`,
    );
    expect(m[0]!.content).toContain("Your task is to: ");
    expectAlternation(m.slice(1));
    const marked = m.map((x, i) => [i, x.content.endsWith(SUCCESS_MARKER)] as const).filter(([, b]) => b);
    expect(marked).toEqual([[m.length - 1, true]]);
    expect(m[m.length - 1]!.content).toBe(t.steps[t.steps.length - 1]!.observation + SUCCESS_MARKER);
    const a = agentMessages(t, ALFWORLD_REACT_PREAMBLE);
    expectAlternation(a);
    expect(
      a
        .filter((x) => x.role === "assistant")
        .slice(1)
        .map((x) => x.content),
    ).toEqual(t.steps.map((s) => `Action: ${s.action}`));
  });

  it("an episode cut by the step cap carries no marker", () => {
    const t = realAlfworldTrajectory(dataRoot, 2421, 3);
    expect(t.success).toBe(false);
    expect(t.steps).toHaveLength(3);
    expect(wmMessages(t).some((x) => x.content.includes("[SUCCESS]"))).toBe(false);
  });
});
