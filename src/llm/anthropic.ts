/** Anthropic's Messages API: system text apart, max_tokens required, text in content blocks. */
import { z } from "zod";
import type { WireProtocol } from "./http-model.js";
import { zodReason } from "../util/zod-reason.js";

const ANTHROPIC_VERSION = "2023-06-01";
/** The API requires max_tokens; used when the request names none. */
const DEFAULT_MAX_TOKENS = 1024;

const ReplySchema = z.object({
  content: z.array(z.object({ type: z.string(), text: z.string().optional() })),
  stop_reason: z.string().nullable().optional(),
  usage: z.object({ input_tokens: z.number().optional(), output_tokens: z.number().optional() }).optional(),
});

const headers = (key: string | undefined): Record<string, string> => ({
  "anthropic-version": ANTHROPIC_VERSION,
  ...(key ? { "x-api-key": key } : {}),
});

export const anthropicProtocol: WireProtocol = {
  chat(base, model, key, req) {
    const s = req.sampling ?? {};
    const system = req.messages.filter((m) => m.role === "system").map((m) => m.content);
    const body: Record<string, unknown> = {
      model,
      max_tokens: s.maxTokens ?? DEFAULT_MAX_TOKENS,
      messages: req.messages.filter((m) => m.role !== "system"),
    };
    if (system.length) body.system = system.join("\n\n");
    if (s.temperature !== undefined) body.temperature = s.temperature;
    if (s.topP !== undefined) body.top_p = s.topP;
    if (s.stop?.length) body.stop_sequences = s.stop;
    return { url: `${base}/messages`, headers: headers(key), body };
  },
  parse(json) {
    const r = ReplySchema.safeParse(json);
    if (!r.success) throw new Error(zodReason(r.error));
    const out: ReturnType<WireProtocol["parse"]> = {
      content: r.data.content
        .filter((b) => b.type === "text")
        .map((b) => b.text ?? "")
        .join(""),
    };
    if (r.data.stop_reason) out.finishReason = r.data.stop_reason;
    const u = r.data.usage;
    if (u) out.usage = { promptTokens: u.input_tokens, completionTokens: u.output_tokens };
    return out;
  },
  probe(base, key) {
    return { url: `${base}/models`, headers: headers(key) };
  },
};
