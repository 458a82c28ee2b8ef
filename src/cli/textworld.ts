/** `wordworld textworld <make | make-set | compare>`: TextWorld's generator and the oracle comparison. */
import type { Command } from "commander";
import { registerTextworldCompare } from "./textworld-compare.js";
import { registerTextworldMake } from "./textworld-make.js";

export function registerTextworld(program: Command): void {
  const textworld = program
    .command("textworld")
    .description("TextWorld tools: generate games, compare with ifvms");
  registerTextworldMake(textworld);
  registerTextworldCompare(textworld);
}
