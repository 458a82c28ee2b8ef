/**
 * WebShop's product search (pyserini 0.17 `LuceneSearcher.search(q, k=50)` over `indexes_1k`), native:
 * an inverted index over one `contents` field per product, analyzed as in ./analyzer.ts, scored with
 * Lucene 8 BM25 (k1 = 0.9, b = 0.4) as in ./bm25.ts; query = anserini's bag of words (duplicate terms
 * raise the term's boost to their count, all clauses SHOULD); order = float score desc, then ASIN asc
 * (anserini's BREAK_SCORE_TIES_BY_DOCID sort on the `id` field).
 */
import { analyze } from "./analyzer.js";
import { avgFieldLength, idf, intToByte4, normInverseCache, termScore } from "./bm25.js";

export { analyze } from "./analyzer.js";

/** The product fields the index reads — a structural subset of the loaded WebShop product. */
export interface SearchProduct {
  asin: string;
  Title: string;
  Description: string;
  BulletPoints: readonly string[];
  /** Processed options (names and values already lower-cased), in the data's group order. */
  options?: Readonly<Record<string, readonly string[]>>;
}

/**
 * `search_engine/convert_product_file_format.py`: `lower(' '.join([Title, Description, BulletPoints[0],
 * option_text]))` with `option_text = ', and '.join(f'{name}: {", ".join(values)}')` — only the first
 * bullet point; empty option text leaves a trailing space. (Python would raise on an empty
 * BulletPoints list; it never happens in the data and is read as "" here.)
 */
export function docContents(p: SearchProduct): string {
  const optionText = Object.entries(p.options ?? {})
    .map(([name, values]) => `${name}: ${values.join(", ")}`)
    .join(", and ");
  return [p.Title, p.Description, p.BulletPoints[0] ?? "", optionText].join(" ").toLowerCase();
}

export interface SearchHit {
  asin: string;
  score: number;
}

interface Postings {
  docs: Int32Array;
  freqs: Float32Array;
}

export class SearchEngine {
  private readonly postings = new Map<string, Postings>();
  /** Per doc: `cache[norm]` of BM25, the length part of the score. */
  private readonly normInverse: Float32Array;
  private readonly scores: Float64Array;
  private readonly hit: Uint8Array;
  /** Docs with at least one indexed term (Lucene's field docCount: N in idf). */
  readonly docCount: number;
  readonly sumTotalTermFreq: number;
  readonly avgdl: number;

  private constructor(
    private readonly asins: readonly string[],
    docTerms: Iterable<string[]>,
  ) {
    const n = asins.length;
    const lengths = new Int32Array(n);
    const build = new Map<string, { docs: number[]; freqs: number[] }>();
    let doc = 0;
    let docCount = 0;
    let sumTtf = 0;
    for (const terms of docTerms) {
      const tf = new Map<string, number>();
      for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
      for (const [t, c] of tf) {
        let p = build.get(t);
        if (!p) build.set(t, (p = { docs: [], freqs: [] }));
        p.docs.push(doc);
        p.freqs.push(c);
      }
      lengths[doc] = terms.length;
      sumTtf += terms.length;
      if (terms.length > 0) docCount++;
      doc++;
    }
    for (const [t, p] of build)
      this.postings.set(t, { docs: Int32Array.from(p.docs), freqs: Float32Array.from(p.freqs) });
    this.docCount = docCount;
    this.sumTotalTermFreq = sumTtf;
    this.avgdl = docCount > 0 ? avgFieldLength(sumTtf, docCount) : 0;
    const cache = normInverseCache(this.avgdl);
    this.normInverse = new Float32Array(n);
    for (let d = 0; d < n; d++) this.normInverse[d] = cache[intToByte4(lengths[d]!)]!;
    this.scores = new Float64Array(n);
    this.hit = new Uint8Array(n);
  }

  /** Index `products` in order (the order only matters for nothing: ties are broken by ASIN). */
  static fromProducts(products: readonly SearchProduct[]): SearchEngine {
    const asins = products.map((p) => p.asin);
    return new SearchEngine(
      asins,
      products.map((p) => analyze(docContents(p))),
    );
  }

  /** Index pre-built `{ id, contents }` docs (as in WebShop's documents.jsonl). */
  static fromDocs(docs: readonly { id: string; contents: string }[]): SearchEngine {
    return new SearchEngine(
      docs.map((d) => d.id),
      docs.map((d) => analyze(d.contents)),
    );
  }

  get size(): number {
    return this.asins.length;
  }

  /** Top `k` products for `query`: float32 Lucene scores, desc, ties by ASIN asc. */
  search(query: string, k = 50): SearchHit[] {
    const counts = new Map<string, number>();
    for (const t of analyze(query)) counts.set(t, (counts.get(t) ?? 0) + 1);
    const touched: number[] = [];
    const { scores, hit, normInverse } = this;
    for (const [term, count] of counts) {
      const p = this.postings.get(term);
      if (!p) continue;
      const w = Math.fround(count * idf(p.docs.length, this.docCount));
      const { docs, freqs } = p;
      for (let i = 0; i < docs.length; i++) {
        const d = docs[i]!;
        if (!hit[d]) {
          hit[d] = 1;
          touched.push(d);
        }
        scores[d]! += termScore(w, freqs[i]!, normInverse[d]!);
      }
    }
    const asins = this.asins;
    // Top k by (float score desc, ASIN asc): a size-k heap whose root is the worst kept hit.
    const heap: number[] = [];
    const score = (d: number) => Math.fround(scores[d]!);
    const worse = (a: number, sa: number, b: number, sb: number) =>
      sa < sb || (sa === sb && asins[a]! > asins[b]!);
    const hs: number[] = [];
    for (const d of touched) {
      const sd = score(d);
      if (heap.length < k) {
        heap.push(d);
        hs.push(sd);
        for (let i = heap.length - 1; i > 0;) {
          const parent = (i - 1) >> 1;
          if (!worse(heap[i]!, hs[i]!, heap[parent]!, hs[parent]!)) break;
          [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
          [hs[i], hs[parent]] = [hs[parent]!, hs[i]!];
          i = parent;
        }
      } else if (k > 0 && worse(heap[0]!, hs[0]!, d, sd)) {
        heap[0] = d;
        hs[0] = sd;
        for (let i = 0; ;) {
          const l = 2 * i + 1;
          const r = l + 1;
          let m = i;
          if (l < heap.length && worse(heap[l]!, hs[l]!, heap[m]!, hs[m]!)) m = l;
          if (r < heap.length && worse(heap[r]!, hs[r]!, heap[m]!, hs[m]!)) m = r;
          if (m === i) break;
          [heap[i], heap[m]] = [heap[m]!, heap[i]!];
          [hs[i], hs[m]] = [hs[m]!, hs[i]!];
          i = m;
        }
      }
    }
    const hits: SearchHit[] = heap.map((d, i) => ({ asin: asins[d]!, score: hs[i]! }));
    for (const d of touched) {
      scores[d] = 0;
      hit[d] = 0;
    }
    hits.sort((a, b) => b.score - a.score || (a.asin < b.asin ? -1 : a.asin > b.asin ? 1 : 0));
    return hits;
  }
}
