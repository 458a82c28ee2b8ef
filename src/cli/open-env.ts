import { getEnv } from "../envs/registry.js";
import type { EnvOpenOptions, OpenedEnv } from "../envs/types.js";
import { dataRoot } from "../util/data-root.js";
import { parseItemId, parsePositiveInt, UsageError } from "./errors.js";

export interface EpisodeFlags {
  item?: string;
  game?: string;
  format?: string;
  maxSteps?: string;
  data?: string;
}

/** Opens the episode named by --item or --game, validating the flags. */
export function openEpisode(envName: string, flags: EpisodeFlags): OpenedEnv {
  const env = getEnv(envName);
  const options: EnvOpenOptions = { format: flags.format };
  if (flags.maxSteps !== undefined) options.maxSteps = parsePositiveInt("--max-steps", flags.maxSteps);
  if ((flags.item === undefined) === (flags.game === undefined))
    throw new UsageError("name exactly one episode: --item <id> or --game <path>");
  if (flags.game !== undefined) {
    if (!env.openGame) throw new UsageError(`${envName} has no game files; use --item`);
    return env.openGame(dataRoot(flags.data), flags.game, options);
  }
  return env.openItem(dataRoot(flags.data), parseItemId(flags.item!), options);
}
