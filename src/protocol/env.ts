/**
 * The one interface every environment — and every world model — implements. An agent cannot tell which
 * one it talks to; rollouts, replays and servers are written once against it.
 */
export interface StepResult {
  observation: string;
  /** 1 when the task is completed, else 0 (binary, as in the reference protocol). */
  reward: number;
  done: boolean;
  success: boolean;
  info: Record<string, unknown>;
}

export interface Session<R> {
  /** Starts (or restarts) the episode and returns the first observation. */
  reset(): string;
  step(action: string): R;
  /** The actions the environment would accept now, where it knows them. */
  availableActions?(): string[];
  /** The hidden initial-state description given to a world model, where the reference gives one. */
  initialState?(): string;
  snapshot?(): unknown;
  restore?(snapshot: unknown): void;
}

/** A real environment: synchronous, deterministic, fast. */
export type EnvSession = Session<StepResult>;
/** A world model (or anything remote): each step is a request. */
export type AsyncEnvSession = Session<Promise<StepResult>>;
export type AnySession = EnvSession | AsyncEnvSession;

/** Raised when an episode is stepped after it ended; callers should reset first. */
export class EpisodeDoneError extends Error {
  constructor() {
    super("the episode has ended (done); call reset() before stepping again");
  }
}
