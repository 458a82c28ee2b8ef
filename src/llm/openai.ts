/** OpenAI chat completions, as spoken by OpenAI, vLLM, SGLang, Ollama and llama.cpp's server. */
import { z } from "zod";
import type { WireProtocol } from "./http-model.js";
import { zodReason } from "../util/zod-reason.js";

const ReplySchema = z.object({
  choices: z
    .array(
      z.object({
        message: z.object({ content: z.string().nullable().optional() }),
        finish_reason: z.string().nullable().optional(),
      }),
    )
    .min(1),
  usage: z
    .object({ prompt_tokens: z.number().optional(), completion_tokens: z.number().optional() })
    .nullable()
    .optional(),
});

const auth = (key: string | undefined): Record<string, string> =>
  key ? { authorization: `Bearer ${key}` } : {};

export const openaiProtocol: WireProtocol = {
  chat(base, model, key, req) {
    const s = req.sampling ?? {};
    const body: Record<string, unknown> = { model, messages: req.messages };
    if (s.temperature !== undefined) body.temperature = s.temperature;
    if (s.topP !== undefined) body.top_p = s.topP;
    if (s.maxTokens !== undefined) body.max_tokens = s.maxTokens;
    if (s.stop?.length) body.stop = s.stop;
    if (s.seed !== undefined) body.seed = s.seed;
    return { url: `${base}/chat/completions`, headers: auth(key), body };
  },
  parse(json) {
    const r = ReplySchema.safeParse(json);
    if (!r.success) throw new Error(zodReason(r.error));
    const choice = r.data.choices[0]!;
    const out: ReturnType<WireProtocol["parse"]> = { content: choice.message.content ?? "" };
    if (choice.finish_reason) out.finishReason = choice.finish_reason;
    const u = r.data.usage;
    if (u) out.usage = { promptTokens: u.prompt_tokens, completionTokens: u.completion_tokens };
    return out;
  },
  probe(base, key) {
    return { url: `${base}/models`, headers: auth(key) };
  },
};
