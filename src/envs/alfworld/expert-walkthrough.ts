import type { Policy } from "../../agents/policy.js";
import type { TextFormat } from "./engine.js";
import type { AlfworldGame } from "./game-file.js";

/** The stored walkthrough (new-format commands) in the vocabulary of `format`. */
export function walkthroughCommands(game: AlfworldGame, format: TextFormat): string[] {
  if (!game.walkthrough)
    throw new Error(
      `${game.source}: field 'walkthrough': absent (json_2.1.1 game files carry none; use the reactive expert)`,
    );
  if (format === "new") return game.walkthrough.slice();
  // 0.3.3 says "put X in/on Y" where 0.4 says "move X to Y"; nothing else in a walkthrough differs.
  return game.walkthrough.map((c) => c.replace(/^move (.+) to (.+)$/, "put $1 in/on $2"));
}

/** Plays the game's walkthrough, one command per turn, then "look". Observations are ignored. */
export class AlfworldWalkthroughExpert implements Policy {
  private readonly commands: string[];
  private next = 0;

  constructor(game: AlfworldGame, format: TextFormat) {
    this.commands = walkthroughCommands(game, format);
  }

  observe(): void {}

  act(): string {
    return this.commands[this.next++] ?? "look";
  }
}
