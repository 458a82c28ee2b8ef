import type { Policy } from "../../agents/policy.js";

/** Issues the item's recorded request (API doc + request), the one action of the single-turn task. */
export class RecordedRequestExpert implements Policy {
  constructor(private readonly request: string) {}

  observe(): void {}

  act(): string {
    return this.request;
  }
}
