/**
 * Model strings (../shared/design.md): `openai:<model>`, `anthropic:<model>`,
 * `http(s)://host/v1#<model>` for any OpenAI-compatible server (several base URLs joined by commas are
 * load-balanced), and `local:<path.gguf>` for an in-process GGUF.
 */
export type ModelSpec =
  | { kind: "openai"; model: string; baseUrls: string[]; apiKeyEnv: string; keyRequired: boolean }
  | { kind: "anthropic"; model: string; baseUrls: string[]; apiKeyEnv: string; keyRequired: true }
  | { kind: "local"; path: string };

export class ModelSpecError extends Error {}

const OPENAI_BASE = "https://api.openai.com/v1";
const ANTHROPIC_BASE = "https://api.anthropic.com/v1";

const FORMS =
  "expected openai:<model>, anthropic:<model>, http(s)://host[:port]/v1#<model> (several base URLs joined by ',') or local:<file.gguf>";

function baseUrl(raw: string, spec: string): string {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new ModelSpecError(`model '${spec}': '${raw}' is not a URL; ${FORMS}`);
  }
  if (u.protocol !== "http:" && u.protocol !== "https:")
    throw new ModelSpecError(`model '${spec}': '${raw}' is not http(s); ${FORMS}`);
  if (u.search || u.hash)
    throw new ModelSpecError(`model '${spec}': base URL '${raw}' has a query or fragment`);
  return u.href.replace(/\/+$/, "");
}

export function parseModelSpec(spec: string): ModelSpec {
  const s = spec.trim();
  if (!s) throw new ModelSpecError(`empty model string; ${FORMS}`);
  const named = (prefix: string) => {
    const model = s.slice(prefix.length).trim();
    if (!model) throw new ModelSpecError(`model '${spec}': no model name after '${prefix}'`);
    return model;
  };
  if (s.startsWith("openai:"))
    return {
      kind: "openai",
      model: named("openai:"),
      baseUrls: [OPENAI_BASE],
      apiKeyEnv: "OPENAI_API_KEY",
      keyRequired: true,
    };
  if (s.startsWith("anthropic:"))
    return {
      kind: "anthropic",
      model: named("anthropic:"),
      baseUrls: [ANTHROPIC_BASE],
      apiKeyEnv: "ANTHROPIC_API_KEY",
      keyRequired: true,
    };
  if (s.startsWith("local:")) return { kind: "local", path: named("local:") };
  if (/^https?:\/\//i.test(s)) {
    const hash = s.indexOf("#");
    if (hash < 0)
      throw new ModelSpecError(
        `model '${spec}': no '#<model>' after the base URL (e.g. http://localhost:8000/v1#Qwen2.5-7B)`,
      );
    const model = s.slice(hash + 1).trim();
    if (!model) throw new ModelSpecError(`model '${spec}': empty model name after '#'`);
    const urls = s
      .slice(0, hash)
      .split(",")
      .map((x) => x.trim());
    if (urls.some((x) => !x)) throw new ModelSpecError(`model '${spec}': empty base URL in the list`);
    const baseUrls = urls.map((x) => baseUrl(x, spec));
    if (new Set(baseUrls).size !== baseUrls.length)
      throw new ModelSpecError(`model '${spec}': a base URL is listed twice`);
    // Self-hosted servers rarely need a key; OPENAI_API_KEY is sent when set.
    return { kind: "openai", model, baseUrls, apiKeyEnv: "OPENAI_API_KEY", keyRequired: false };
  }
  if (s.endsWith(".gguf")) throw new ModelSpecError(`model '${spec}': write local:${s} for a model file`);
  throw new ModelSpecError(`model '${spec}': unknown form; ${FORMS}`);
}

/** What identifies the model's replies in the response cache: not the replicas serving it. */
export function cacheIdentity(spec: ModelSpec): string {
  return spec.kind === "local" ? `local:${spec.path}` : `${spec.kind}:${spec.model}`;
}

/** A model string's identity for run manifests and the cache (resuming against other replicas is the same run). */
export function modelIdentity(spec: string): string {
  return cacheIdentity(parseModelSpec(spec));
}
