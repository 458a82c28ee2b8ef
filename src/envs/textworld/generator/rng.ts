/** The generator's seeded random source (mulberry32), with the draws the generator needs. */
import { mulberry32 } from "../../../util/mulberry32.js";

export class Rng {
  private readonly next: () => number;

  constructor(seed: number) {
    this.next = mulberry32(seed);
  }

  /** A float in [0, 1). */
  random(): number {
    return this.next();
  }

  /** An integer in [0, n). */
  int(n: number): number {
    if (n <= 0) throw new RangeError(`Rng.int needs n > 0, got ${n}`);
    return Math.floor(this.next() * n);
  }

  choice<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError("Rng.choice of an empty list");
    return items[this.int(items.length)]!;
  }

  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }

  /** A fresh 32-bit seed for a sub-generator, so each stage's draws do not shift the others'. */
  fork(): Rng {
    return new Rng(Math.floor(this.next() * 4294967296));
  }
}
