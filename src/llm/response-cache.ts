/**
 * On-disk response cache: one JSON file per (model, messages, sampling), named by the SHA-256 of that
 * key, written atomically (temp file + rename) so a killed run never leaves a half-written entry.
 * Identical requests, sampled ones included, are answered from the cache identically.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { writeFileAtomic } from "../util/write-file.js";
import type { ChatMessage, ChatResponse, SamplingParams } from "./types.js";

const EntrySchema = z.object({
  content: z.string(),
  finishReason: z.string().optional(),
  usage: z
    .object({ promptTokens: z.number().optional(), completionTokens: z.number().optional() })
    .optional(),
});

export class ResponseCache {
  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  key(model: string, messages: readonly ChatMessage[], sampling: SamplingParams | undefined): string {
    const s = sampling ?? {};
    const canonical = {
      model,
      messages: messages.map((m) => [m.role, m.content]),
      sampling: [s.temperature ?? null, s.topP ?? null, s.maxTokens ?? null, s.stop ?? null, s.seed ?? null],
    };
    return createHash("sha256").update(JSON.stringify(canonical)).digest("hex");
  }

  private path(key: string): string {
    return join(this.dir, key.slice(0, 2), `${key}.json`);
  }

  get(key: string): ChatResponse | undefined {
    let text: string;
    try {
      text = readFileSync(this.path(key), "utf8");
    } catch {
      return undefined;
    }
    try {
      const e = EntrySchema.parse(JSON.parse(text));
      return { ...e, cached: true };
    } catch {
      return undefined; // an unreadable entry is a miss; the fresh reply overwrites it
    }
  }

  put(key: string, r: ChatResponse): void {
    const path = this.path(key);
    const entry: z.infer<typeof EntrySchema> = { content: r.content };
    if (r.finishReason !== undefined) entry.finishReason = r.finishReason;
    if (r.usage !== undefined) entry.usage = r.usage;
    writeFileAtomic(path, JSON.stringify(entry));
  }
}
