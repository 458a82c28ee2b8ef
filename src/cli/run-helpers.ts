import { interruptSignal } from "../pipeline/interrupt.js";
import { UsageError } from "./errors.js";

export function parseTemperature(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const t = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || t > 2)
    throw new UsageError(`--temperature must be a number in [0, 2], got '${value}'`);
  return t;
}

/** Runs `body` with Ctrl-C turned into a resumable stop, reporting an interrupted run. */
export async function interruptible(
  out: string,
  body: (signal: AbortSignal) => Promise<void>,
): Promise<void> {
  const stop = interruptSignal();
  try {
    await body(stop.signal);
    if (stop.interrupted()) {
      console.log(`interrupted: re-run the same command to resume ${out}`);
      process.exitCode = 130;
    }
  } finally {
    stop.dispose();
  }
}
