/**
 * Writes a tiny but valid llama-architecture GGUF v3 file with random F32 weights, so tests can run
 * real llama.cpp inference without downloading a model. The output is gibberish by design.
 *
 * Layout (GGUF v3, little endian): magic "GGUF", u32 version, u64 tensor count, u64 metadata count,
 * metadata key/values, tensor infos (name, n_dims, dims ne0-first, ggml type, offset), padding to the
 * alignment, then the tensor data (each tensor aligned).
 */
import { writeFile } from "node:fs/promises";

export interface TinyGgufOptions {
  /** Embedding width; must be divisible by `heads`. */
  embedding?: number;
  layers?: number;
  heads?: number;
  feedForward?: number;
  contextLength?: number;
  /** Seed of the weights. */
  seed?: number;
  /** Optional Jinja chat template stored as `tokenizer.chat_template`. */
  chatTemplate?: string;
}

const GGUF_TYPE = {
  UINT32: 4,
  INT32: 5,
  FLOAT32: 6,
  BOOL: 7,
  STRING: 8,
  ARRAY: 9,
} as const;

const GGML_TYPE_F32 = 0;
const ALIGNMENT = 32;

/** SentencePiece token types as llama.cpp reads them. */
const TOKEN_TYPE = { NORMAL: 1, UNKNOWN: 2, CONTROL: 3, BYTE: 6 } as const;

type MetaValue =
  | { type: "u32"; value: number }
  | { type: "f32"; value: number }
  | { type: "bool"; value: boolean }
  | { type: "str"; value: string }
  | { type: "str[]"; value: string[] }
  | { type: "f32[]"; value: number[] }
  | { type: "i32[]"; value: number[] };

class ByteWriter {
  private chunks: Buffer[] = [];
  length = 0;

  push(buffer: Buffer): void {
    this.chunks.push(buffer);
    this.length += buffer.length;
  }
  u32(value: number): void {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(value);
    this.push(b);
  }
  i32(value: number): void {
    const b = Buffer.alloc(4);
    b.writeInt32LE(value);
    this.push(b);
  }
  u64(value: number): void {
    const b = Buffer.alloc(8);
    b.writeBigUInt64LE(BigInt(value));
    this.push(b);
  }
  f32(value: number): void {
    const b = Buffer.alloc(4);
    b.writeFloatLE(value);
    this.push(b);
  }
  str(value: string): void {
    const bytes = Buffer.from(value, "utf8");
    this.u64(bytes.length);
    this.push(bytes);
  }
  padTo(alignment: number): void {
    const rest = this.length % alignment;
    if (rest !== 0) this.push(Buffer.alloc(alignment - rest));
  }
  toBuffer(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

function writeMeta(w: ByteWriter, key: string, meta: MetaValue): void {
  w.str(key);
  switch (meta.type) {
    case "u32":
      w.u32(GGUF_TYPE.UINT32);
      w.u32(meta.value);
      break;
    case "f32":
      w.u32(GGUF_TYPE.FLOAT32);
      w.f32(meta.value);
      break;
    case "bool":
      w.u32(GGUF_TYPE.BOOL);
      w.push(Buffer.from([meta.value ? 1 : 0]));
      break;
    case "str":
      w.u32(GGUF_TYPE.STRING);
      w.str(meta.value);
      break;
    case "str[]":
      w.u32(GGUF_TYPE.ARRAY);
      w.u32(GGUF_TYPE.STRING);
      w.u64(meta.value.length);
      for (const s of meta.value) w.str(s);
      break;
    case "f32[]":
      w.u32(GGUF_TYPE.ARRAY);
      w.u32(GGUF_TYPE.FLOAT32);
      w.u64(meta.value.length);
      for (const x of meta.value) w.f32(x);
      break;
    case "i32[]":
      w.u32(GGUF_TYPE.ARRAY);
      w.u32(GGUF_TYPE.INT32);
      w.u64(meta.value.length);
      for (const x of meta.value) w.i32(x);
      break;
  }
}

/** Deterministic pseudo-random weights in [-0.25, 0.25): the fractional part of a scaled sine. */
function weight(seed: number, i: number): number {
  const x = Math.sin((i + 1) * 12.9898 + seed * 78.233) * 43758.5453;
  return (x - Math.floor(x) - 0.5) * 0.5;
}

/** A small SentencePiece ("llama") vocabulary: unk, bos, eos, 256 byte tokens, a few pieces. */
export function tinyVocab(): { tokens: string[]; scores: number[]; types: number[] } {
  const tokens = ["<unk>", "<s>", "</s>"];
  const types: number[] = [TOKEN_TYPE.UNKNOWN, TOKEN_TYPE.CONTROL, TOKEN_TYPE.CONTROL];
  for (let b = 0; b < 256; b++) {
    tokens.push(`<0x${b.toString(16).toUpperCase().padStart(2, "0")}>`);
    types.push(TOKEN_TYPE.BYTE);
  }
  const pieces = ["\u2581"];
  for (let c = 97; c <= 122; c++) pieces.push(String.fromCharCode(c));
  pieces.push("\u2581the", "\u2581a", "\u2581you", "\u2581are", "\u2581in", "he", "in", "er", "on");
  for (const p of pieces) {
    tokens.push(p);
    types.push(TOKEN_TYPE.NORMAL);
  }
  const scores = tokens.map((_, i) => (types[i] === TOKEN_TYPE.NORMAL ? -i : 0));
  return { tokens, scores, types };
}

/** Writes the tiny model to `path` and returns its vocabulary size. */
export async function writeTinyGguf(path: string, options: TinyGgufOptions = {}): Promise<number> {
  const nEmbd = options.embedding ?? 32;
  const nLayer = options.layers ?? 1;
  const nHead = options.heads ?? 2;
  const nFf = options.feedForward ?? 64;
  const nCtx = options.contextLength ?? 1024;
  if (nEmbd % nHead !== 0) throw new Error("tiny-gguf: embedding must be divisible by heads");
  const seed = options.seed ?? 1234;
  let drawn = 0;
  const vocab = tinyVocab();
  const nVocab = vocab.tokens.length;

  const meta: Array<[string, MetaValue]> = [
    ["general.architecture", { type: "str", value: "llama" }],
    ["general.name", { type: "str", value: "wordworld-tiny-test" }],
    ["general.alignment", { type: "u32", value: ALIGNMENT }],
    ["general.file_type", { type: "u32", value: 0 }],
    ["llama.context_length", { type: "u32", value: nCtx }],
    ["llama.embedding_length", { type: "u32", value: nEmbd }],
    ["llama.block_count", { type: "u32", value: nLayer }],
    ["llama.feed_forward_length", { type: "u32", value: nFf }],
    ["llama.attention.head_count", { type: "u32", value: nHead }],
    ["llama.attention.head_count_kv", { type: "u32", value: nHead }],
    ["llama.attention.layer_norm_rms_epsilon", { type: "f32", value: 1e-5 }],
    ["llama.rope.dimension_count", { type: "u32", value: nEmbd / nHead }],
    ["llama.rope.freq_base", { type: "f32", value: 10000 }],
    ["llama.vocab_size", { type: "u32", value: nVocab }],
    ["tokenizer.ggml.model", { type: "str", value: "llama" }],
    ["tokenizer.ggml.tokens", { type: "str[]", value: vocab.tokens }],
    ["tokenizer.ggml.scores", { type: "f32[]", value: vocab.scores }],
    ["tokenizer.ggml.token_type", { type: "i32[]", value: vocab.types }],
    ["tokenizer.ggml.unknown_token_id", { type: "u32", value: 0 }],
    ["tokenizer.ggml.bos_token_id", { type: "u32", value: 1 }],
    ["tokenizer.ggml.eos_token_id", { type: "u32", value: 2 }],
    ["tokenizer.ggml.add_bos_token", { type: "bool", value: true }],
    ["tokenizer.ggml.add_eos_token", { type: "bool", value: false }],
  ];
  if (options.chatTemplate !== undefined) {
    meta.push(["tokenizer.chat_template", { type: "str", value: options.chatTemplate }]);
  }

  // Tensor shapes in ggml order (ne0 = innermost / contiguous dimension).
  const tensors: Array<{ name: string; dims: number[]; fill: "random" | "ones" }> = [
    { name: "token_embd.weight", dims: [nEmbd, nVocab], fill: "random" },
    { name: "output_norm.weight", dims: [nEmbd], fill: "ones" },
    { name: "output.weight", dims: [nEmbd, nVocab], fill: "random" },
  ];
  for (let l = 0; l < nLayer; l++) {
    tensors.push(
      { name: `blk.${l}.attn_norm.weight`, dims: [nEmbd], fill: "ones" },
      { name: `blk.${l}.attn_q.weight`, dims: [nEmbd, nEmbd], fill: "random" },
      { name: `blk.${l}.attn_k.weight`, dims: [nEmbd, nEmbd], fill: "random" },
      { name: `blk.${l}.attn_v.weight`, dims: [nEmbd, nEmbd], fill: "random" },
      { name: `blk.${l}.attn_output.weight`, dims: [nEmbd, nEmbd], fill: "random" },
      { name: `blk.${l}.ffn_norm.weight`, dims: [nEmbd], fill: "ones" },
      { name: `blk.${l}.ffn_gate.weight`, dims: [nEmbd, nFf], fill: "random" },
      { name: `blk.${l}.ffn_up.weight`, dims: [nEmbd, nFf], fill: "random" },
      { name: `blk.${l}.ffn_down.weight`, dims: [nFf, nEmbd], fill: "random" },
    );
  }

  const header = new ByteWriter();
  header.push(Buffer.from("GGUF", "ascii"));
  header.u32(3);
  header.u64(tensors.length);
  header.u64(meta.length);
  for (const [key, value] of meta) writeMeta(header, key, value);

  const data = new ByteWriter();
  for (const t of tensors) {
    data.padTo(ALIGNMENT);
    header.str(t.name);
    header.u32(t.dims.length);
    for (const d of t.dims) header.u64(d);
    header.u32(GGML_TYPE_F32);
    header.u64(data.length);
    const count = t.dims.reduce((a, b) => a * b, 1);
    const values = Buffer.alloc(count * 4);
    for (let i = 0; i < count; i++) {
      values.writeFloatLE(t.fill === "ones" ? 1 : weight(seed, drawn++), i * 4);
    }
    data.push(values);
  }
  header.padTo(ALIGNMENT);
  data.padTo(ALIGNMENT);
  await writeFile(path, Buffer.concat([header.toBuffer(), data.toBuffer()]));
  return nVocab;
}
