/** The cheap check made before llama.cpp (or a download) is trusted with a file: the GGUF magic. */
import { open, stat } from "node:fs/promises";
import { LlmError } from "./types.js";

const GGUF_MAGIC = "GGUF";

/** Throws an LlmError naming the path unless it is a readable file starting with the GGUF magic. */
export async function checkGgufFile(path: string): Promise<void> {
  let size: number;
  try {
    const s = await stat(path);
    if (!s.isFile()) throw new LlmError(`model file ${path} is not a regular file`);
    size = s.size;
  } catch (e) {
    if (e instanceof LlmError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new LlmError(
      code === "ENOENT"
        ? `model file ${path} does not exist`
        : `cannot read model file ${path}: ${(e as Error).message}`,
    );
  }
  const head = Buffer.alloc(4);
  try {
    const fh = await open(path, "r");
    try {
      await fh.read(head, 0, 4, 0);
    } finally {
      await fh.close();
    }
  } catch (e) {
    throw new LlmError(`cannot read model file ${path}: ${(e as Error).message}`);
  }
  if (size < 4 || head.toString("latin1") !== GGUF_MAGIC)
    throw new LlmError(
      `model file ${path} is not a GGUF file (it does not start with "GGUF"); local: needs a llama.cpp GGUF model`,
    );
}
