/** TextWorld experts that need no LLM: the game file's walkthrough, and a planner over the world rules. */
import type { Policy } from "../../agents/policy.js";
import type { TextWorldGame } from "./game-file.js";
import { planNextQuest, stateKey } from "./planner.js";
import type { TextWorldSession } from "./session.js";

/** Plays `metadata.walkthrough`, then "look". Valid from the start of the game only. */
export class TextWorldWalkthrough implements Policy {
  private next = 0;
  constructor(private readonly game: TextWorldGame) {}
  observe(): void {}
  act(): string {
    return this.game.walkthrough[this.next++] ?? "look";
  }
}

/**
 * Plans from the game's current state at every turn (so it recovers from anyone's detours). A command the
 * game answers with a question ("Which do you mean …?") is avoided in that state from then on.
 */
export class TextWorldPlanner implements Policy {
  private readonly avoided = new Set<string>();
  private last: { state: string; command: string } | null = null;

  constructor(private readonly session: TextWorldSession) {}

  observe(observation: string): void {
    if (this.last && /^\s*Which do you mean/.test(observation))
      this.avoided.add(`${this.last.state}\n${this.last.command}`);
  }

  act(): string {
    const s = this.session;
    const facts = s.facts();
    const state = stateKey(s.game, facts);
    const plan = planNextQuest(s.game, facts, s.completedQuests(), (k, c) => this.avoided.has(`${k}\n${c}`));
    const command = plan?.[0] ?? "look";
    this.last = { state, command };
    return command;
  }
}
