/** A tiny well-formedness check for generated SVG: balanced tags, quoted attributes, escaped text. */
export function checkXml(xml: string): { ok: true; tags: string[] } | { ok: false; error: string } {
  const body = xml.replace(/^<\?xml[^>]*\?>/, "");
  const tags: string[] = [];
  const stack: string[] = [];
  const re = /<[^>]*>|[^<]+/g;
  for (const m of body.matchAll(re)) {
    const tok = m[0];
    if (!tok.startsWith("<")) {
      if (/&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/i.test(tok))
        return { ok: false, error: `raw & in ${tok}` };
      if (tok.includes(">")) return { ok: false, error: `raw > in ${tok}` };
      continue;
    }
    const close = /^<\/([A-Za-z][\w:.-]*)\s*>$/.exec(tok);
    if (close) {
      const top = stack.pop();
      if (top !== close[1]) return { ok: false, error: `</${close[1]}> closes <${top}>` };
      continue;
    }
    const open = /^<([A-Za-z][\w:.-]*)((?:\s+[A-Za-z_:][\w:.-]*="[^"<]*")*)\s*(\/?)>$/.exec(tok);
    if (!open) return { ok: false, error: `malformed tag ${tok}` };
    const attrs = [...open[2]!.matchAll(/([A-Za-z_:][\w:.-]*)=/g)].map((a) => a[1]);
    if (new Set(attrs).size !== attrs.length) return { ok: false, error: `duplicate attribute in ${tok}` };
    for (const v of open[2]!.matchAll(/="([^"]*)"/g))
      if (/&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/i.test(v[1]!))
        return { ok: false, error: `raw & in ${tok}` };
    tags.push(open[1]!);
    if (!open[3]) stack.push(open[1]!);
  }
  if (stack.length) return { ok: false, error: `unclosed <${stack.join("> <")}>` };
  return { ok: true, tags };
}

/** Width and height from a PNG's IHDR chunk (after checking the signature). */
export function pngSize(png: Buffer): { width: number; height: number } {
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (!png.subarray(0, 8).equals(sig)) throw new Error("not a PNG");
  if (png.subarray(12, 16).toString("latin1") !== "IHDR") throw new Error("no IHDR first");
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}
