/**
 * jieba 0.42.1's default `jieba.cut(text)` (accurate mode, HMM on), exact for text without CJK ideographs.
 *
 * What jieba does, and why no dictionary is needed here:
 * - The text is split into blocks of `[\u4E00-\u9FD5a-zA-Z0-9+#&._%-]+` ("han" blocks) and the rest. Outside
 *   han blocks every code point is its own token, except that `\r\n` stays one token.
 * - A han block is walked over a DAG of dictionary words. Of jieba's dict.txt only five entries consist of
 *   ASCII alone (AT&T, c#, C#, c++, C++, each freq 3), and no single ASCII character has a frequency (they are
 *   only prefixes, freq 0, which add no DAG edge). So at a position where one of the five starts, that word
 *   is the only edge and is taken; elsewhere the walk moves one character at a time into a buffer.
 * - A buffered run of one character is a token; a longer run goes to the HMM segmenter (`finalseg.cut`),
 *   whose non-CJK part is split into `[a-zA-Z0-9]+(?:\.\d+)?%?` runs and the pieces between them.
 *
 * CJK ideographs need jieba's 5 MB dictionary and HMM tables, which this project does not ship: each maximal
 * run of ideographs is kept as one word, as the HMM does for a run it reads as a single new word. This is the
 * one place where tokens can differ from jieba (on the MirrorAPI-Bench ID splits this came closer to jieba's
 * scores than one token per character).
 */

const HAN_CHAR = /^[\u4E00-\u9FD5a-zA-Z0-9+#&._%-]$/u;
const CJK_CHAR = /^[\u4E00-\u9FD5]$/u;
const ASCII_DICT_WORDS = ["AT&T", "c#", "C#", "c++", "C++"];
const FINALSEG_SKIP = /([a-zA-Z0-9]+(?:\.[0-9]+)?%?)/;

/** jieba's `list(jieba.cut(text))` (see the module comment for the CJK approximation). */
export function jiebaCut(text: string): string[] {
  const chars = Array.from(text);
  const out: string[] = [];
  let i = 0;
  while (i < chars.length) {
    const han = HAN_CHAR.test(chars[i]!);
    let j = i;
    while (j < chars.length && HAN_CHAR.test(chars[j]!) === han) j++;
    if (han) cutHanBlock(chars.slice(i, j).join(""), out);
    else {
      for (let k = i; k < j; k++) {
        if (chars[k] === "\r" && chars[k + 1] === "\n") {
          out.push("\r\n");
          k++;
        } else out.push(chars[k]!);
      }
    }
    i = j;
  }
  return out;
}

/** Han blocks are ASCII and BMP ideographs only, so UTF-16 indices are code-point indices here. */
function cutHanBlock(block: string, out: string[]): void {
  let buf = "";
  let x = 0;
  while (x < block.length) {
    const word = ASCII_DICT_WORDS.find((w) => block.startsWith(w, x));
    if (word === undefined) {
      buf += block[x];
      x++;
      continue;
    }
    flushBuffer(buf, out);
    buf = "";
    out.push(word);
    x += word.length;
  }
  flushBuffer(buf, out);
}

function flushBuffer(buf: string, out: string[]): void {
  if (buf.length === 1) out.push(buf);
  else if (buf.length > 1) finalsegCut(buf, out);
}

/** `finalseg.cut`: ideograph runs go to the HMM (here: one word per run), the rest is split on alnum runs. */
function finalsegCut(buf: string, out: string[]): void {
  let i = 0;
  while (i < buf.length) {
    const cjk = CJK_CHAR.test(buf[i]!);
    let j = i;
    while (j < buf.length && CJK_CHAR.test(buf[j]!) === cjk) j++;
    const part = buf.slice(i, j);
    if (cjk) out.push(part);
    else for (const piece of part.split(FINALSEG_SKIP)) if (piece) out.push(piece);
    i = j;
  }
}
