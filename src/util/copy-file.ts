import { copyFileSync, mkdirSync, renameSync } from "node:fs";
import { dirname } from "node:path";

/** Copies `src` to `dest` through a temporary file renamed into place: `dest` is never half written. */
export function copyFileAtomic(src: string, dest: string): void {
  mkdirSync(dirname(dest), { recursive: true });
  const partial = `${dest}.partial-${process.pid}`;
  copyFileSync(src, partial);
  renameSync(partial, dest);
}
