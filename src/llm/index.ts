/** Opens the chat model a model string names (see spec.ts for the forms). */
import { anthropicProtocol } from "./anthropic.js";
import { HttpChatModel } from "./http-model.js";
import { openLocalModel } from "./local.js";
import { openaiProtocol } from "./openai.js";
import { cacheIdentity, parseModelSpec } from "./spec.js";
import type { ChatModel, ModelOptions } from "./types.js";

export async function openModel(spec: string, opts: ModelOptions = {}): Promise<ChatModel> {
  const s = parseModelSpec(spec);
  // local.ts loads llama.cpp itself, on the model's first use.
  if (s.kind === "local") return openLocalModel(spec, s.path, opts);
  return new HttpChatModel(
    {
      spec: spec.trim(),
      model: s.model,
      baseUrls: s.baseUrls,
      protocol: s.kind === "anthropic" ? anthropicProtocol : openaiProtocol,
      apiKeyEnv: s.apiKeyEnv,
      keyRequired: s.keyRequired,
      cacheIdentity: cacheIdentity(s),
    },
    opts,
  );
}
