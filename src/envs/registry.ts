import { alfworld } from "./alfworld/index.js";
import { textworld } from "./textworld/index.js";
import { toolbench } from "./toolbench/index.js";
import { toolbenchAgent } from "./toolbench/tool-use.js";
import { webshop } from "./webshop/index.js";
import type { EnvDefinition } from "./types.js";

export const ENVIRONMENTS: readonly EnvDefinition[] = [
  alfworld,
  toolbench,
  toolbenchAgent,
  webshop,
  textworld,
];

export function getEnv(name: string): EnvDefinition {
  const env = ENVIRONMENTS.find((e) => e.name === name);
  if (!env)
    throw new Error(
      `unknown environment '${name}': available: ${ENVIRONMENTS.map((e) => e.name).join(", ")}`,
    );
  return env;
}
