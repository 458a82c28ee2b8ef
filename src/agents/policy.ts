/** A policy that decides from what it is shown: observe() each observation, act() the next action. */
export interface Policy {
  observe(observation: string): void;
  act(): string;
}
