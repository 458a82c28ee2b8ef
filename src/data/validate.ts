/**
 * Schemas for the two export formats, and a validator for an exported dataset on disk (run by the tests
 * and by the CLI after writing). Errors name the file and the example (or JSONL line) and field.
 *
 * - LLaMA-Factory sharegpt (`<out>/<name>.json`, a JSON array): `conversations` is non-empty, alternates
 *   human/gpt starting with human and ending with gpt (LLaMA-Factory drops examples that do not), values
 *   are strings; the system prompt is in the `system` column. `<out>/dataset_info.json` must hold the
 *   matching entry.
 * - OpenAI chat (`<out>/<name>.jsonl`, one example a line): `messages` has an optional leading system
 *   message, then alternating user/assistant starting with user and ending with assistant.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";

export type ExportFormat = "llamafactory" | "openai";
export const EXPORT_FORMATS: readonly ExportFormat[] = ["llamafactory", "openai"];

export const ShareGptTurnSchema = z.object({ from: z.enum(["human", "gpt"]), value: z.string() });

export const ShareGptExampleSchema = z
  .object({
    conversations: z.array(ShareGptTurnSchema).min(1, "conversations is empty"),
    system: z.string().optional(),
  })
  .superRefine((ex, ctx) => {
    ex.conversations.forEach((turn, i) => {
      const expected = i % 2 === 0 ? "human" : "gpt";
      if (turn.from !== expected)
        ctx.addIssue({
          code: "custom",
          path: ["conversations", i, "from"],
          message: `is '${turn.from}', expected '${expected}' (turns alternate human/gpt starting with human)`,
        });
    });
    const last = ex.conversations[ex.conversations.length - 1];
    if (last && last.from !== "gpt")
      ctx.addIssue({ code: "custom", path: ["conversations"], message: "must end with a gpt turn" });
  });
export type ShareGptExample = z.infer<typeof ShareGptExampleSchema>;

export const OpenAiMessageSchema = z.object({
  role: z.enum(["system", "user", "assistant"]),
  content: z.string(),
});

export const OpenAiExampleSchema = z
  .object({ messages: z.array(OpenAiMessageSchema).min(1, "messages is empty") })
  .superRefine((ex, ctx) => {
    const offset = ex.messages[0]?.role === "system" ? 1 : 0;
    const turns = ex.messages.length - offset;
    if (turns === 0) {
      ctx.addIssue({ code: "custom", path: ["messages"], message: "has no user/assistant turns" });
      return;
    }
    for (let i = offset; i < ex.messages.length; i++) {
      const expected = (i - offset) % 2 === 0 ? "user" : "assistant";
      const role = ex.messages[i]!.role;
      if (role !== expected)
        ctx.addIssue({
          code: "custom",
          path: ["messages", i, "role"],
          message: `is '${role}', expected '${expected}' (an optional first system message, then user/assistant alternating)`,
        });
    }
    if (ex.messages[ex.messages.length - 1]!.role !== "assistant")
      ctx.addIssue({ code: "custom", path: ["messages"], message: "must end with an assistant message" });
  });
export type OpenAiExample = z.infer<typeof OpenAiExampleSchema>;

/** The dataset_info.json entry for a sharegpt export named `name`. */
export function llamaFactoryEntry(name: string) {
  return {
    file_name: `${name}.json`,
    formatting: "sharegpt",
    columns: { messages: "conversations", system: "system" },
    tags: { role_tag: "from", content_tag: "value", user_tag: "human", assistant_tag: "gpt" },
  } as const;
}

const DatasetEntrySchema = z.object({
  file_name: z.string(),
  formatting: z.literal("sharegpt"),
  columns: z.object({ messages: z.literal("conversations"), system: z.literal("system") }),
  tags: z.object({
    role_tag: z.literal("from"),
    content_tag: z.literal("value"),
    user_tag: z.literal("human"),
    assistant_tag: z.literal("gpt"),
  }),
});

export const DATASET_INFO = "dataset_info.json";

/** The data file an export writes. */
export function exportFile(out: string, name: string, format: ExportFormat): string {
  return join(out, format === "llamafactory" ? `${name}.json` : `${name}.jsonl`);
}

function describe(error: z.ZodError): string {
  const issue = error.issues[0]!;
  const path = issue.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("");
  return `${path.replace(/^\./, "") || "(root)"}: ${issue.message}`;
}

function readText(file: string): string {
  if (!existsSync(file)) throw new Error(`${file}: no such file`);
  return readFileSync(file, "utf8");
}

function parseJson(file: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new Error(`${file}: not valid JSON: ${(e as Error).message}`);
  }
}

export interface ValidationResult {
  file: string;
  examples: number;
}

/** Validates an export on disk; throws an error naming the file, example/line and field. */
export function validateExport(out: string, name: string, format: ExportFormat): ValidationResult {
  const file = exportFile(out, name, format);
  const text = readText(file);
  let examples = 0;
  if (format === "llamafactory") {
    const data = parseJson(file, text);
    if (!Array.isArray(data)) throw new Error(`${file}: expected a JSON array of examples`);
    if (data.length === 0) throw new Error(`${file}: no examples`);
    data.forEach((raw: unknown, i) => {
      const r = ShareGptExampleSchema.safeParse(raw);
      if (!r.success) throw new Error(`${file}: example ${i}: ${describe(r.error)}`);
    });
    examples = data.length;
    const infoPath = join(out, DATASET_INFO);
    const info = parseJson(infoPath, readText(infoPath));
    if (!info || typeof info !== "object" || Array.isArray(info))
      throw new Error(`${infoPath}: expected a JSON object`);
    const entry = (info as Record<string, unknown>)[name];
    if (entry === undefined) throw new Error(`${infoPath}: no entry '${name}'`);
    const e = DatasetEntrySchema.safeParse(entry);
    if (!e.success) throw new Error(`${infoPath}: entry '${name}': ${describe(e.error)}`);
    if (e.data.file_name !== `${name}.json`)
      throw new Error(
        `${infoPath}: entry '${name}': file_name is '${e.data.file_name}', expected '${name}.json'`,
      );
  } else {
    if (text.length > 0 && !text.endsWith("\n"))
      throw new Error(`${file}: the last line is not terminated (truncated?)`);
    const lines = text.split("\n");
    lines.pop();
    lines.forEach((line, i) => {
      const r = OpenAiExampleSchema.safeParse(parseJson(`${file}:${i + 1}`, line));
      if (!r.success) throw new Error(`${file}:${i + 1}: ${describe(r.error)}`);
    });
    if (lines.length === 0) throw new Error(`${file}: no examples`);
    examples = lines.length;
  }
  return { file, examples };
}
