import { homedir } from "node:os";
import { join, resolve } from "node:path";

/** Where wordworld keeps downloaded data: --data, else $WORDWORLD_DATA, else ~/.cache/wordworld. */
export function dataRoot(explicit?: string): string {
  if (explicit) return resolve(explicit);
  if (process.env.WORDWORLD_DATA) return resolve(process.env.WORDWORLD_DATA);
  return join(process.env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "wordworld");
}
