/** Opens the chat model a model string names (see spec.ts for the forms). */
import { anthropicProtocol } from "./anthropic.js";
import { HttpChatModel } from "./http-model.js";
import { openaiProtocol } from "./openai.js";
import { cacheIdentity, parseModelSpec } from "./spec.js";
import type { ChatModel, ModelOptions } from "./types.js";

export async function openModel(spec: string, opts: ModelOptions = {}): Promise<ChatModel> {
  const s = parseModelSpec(spec);
  if (s.kind === "local") {
    // Loaded only when a local model is named, so HTTP users never load llama.cpp.
    const { openLocalModel } = await import("./local.js");
    return openLocalModel(spec, s.path, opts);
  }
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
