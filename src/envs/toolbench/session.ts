/**
 * One API call as an episode, so the single-turn task runs through the same pipeline as every other
 * environment and yields exactly the reference's world-model conversation:
 *
 *   system    = the API-server system prompt (the "first observation"; there is no hidden state),
 *   user      = "API doc:\n{doc}\n\nRequest:\n{request}" (the one action),
 *   assistant = the recorded real response `{"error": …, "response": …}` (the observation).
 *
 * The episode ends after that one call. Its reward is 0 and it never succeeds: an API call has no goal,
 * and a success flag would add " [SUCCESS]" to the training target, which the reference's data lacks.
 * A request other than the item's own is answered from the recorded responses of the bench when one has
 * the identical user turn, and otherwise with the strict cache-miss error of the virtual server.
 */
import { EpisodeDoneError, type EnvSession, type StepResult } from "../../protocol/env.js";
import { pyStrip } from "../../util/pystr.js";
import type { BenchItem } from "./catalog.js";
import { dictToRecord, parseJsonOrPy, pyStr } from "./py-literal.js";
import { strictMissResponse } from "./virtual-server.js";

/** The strict miss for a request, naming its API and arguments when the action has the usual form. */
function missFor(action: string): string {
  const m = /\nRequest:\n([\s\S]*)$/.exec(action);
  const req = m ? dictToRecord(parseJsonOrPy(m[1]!) ?? null) : undefined;
  const api = req?.["api_name"];
  const args = req?.["tool_input"];
  if (typeof api !== "string" || args === undefined)
    return strictMissResponse("the request", pyStrip(action));
  return strictMissResponse(api, typeof args === "string" ? args : pyStr(args));
}

export class ApiCallSession implements EnvSession {
  private done = false;

  constructor(
    private readonly item: BenchItem,
    /** Recorded responses by stripped user turn (every item of the bench). */
    private readonly recorded: ReadonlyMap<string, string>,
  ) {}

  reset(): string {
    this.done = false;
    return this.item.system;
  }

  step(action: string): StepResult {
    if (this.done) throw new EpisodeDoneError();
    this.done = true;
    const key = pyStrip(action);
    const hit = key === pyStrip(this.item.user) ? this.item.label : this.recorded.get(key);
    const observation = hit ?? missFor(action);
    return {
      observation,
      reward: 0,
      done: true,
      success: false,
      info: { source: hit === undefined ? "miss" : "real" },
    };
  }

  availableActions(): string[] {
    return [this.item.user];
  }
}
