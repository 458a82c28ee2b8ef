/** An error caused by the user's input: printed as one line, exit status 2. */
export class UsageError extends Error {}

export function parseItemId(value: string): number {
  if (!/^\d+$/.test(value)) throw new UsageError(`--item must be a non-negative integer, got '${value}'`);
  return Number(value);
}

export function parsePositiveInt(flag: string, value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1)
    throw new UsageError(`${flag} must be a positive integer, got '${value}'`);
  return Number(value);
}
