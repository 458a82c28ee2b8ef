/*
 * Golden generator for the WebShop search port (src/envs/webshop/search/). Dev/test tool only: its
 * output is compared against the TypeScript engine at test time and never committed.
 *
 * Reproduces what WebShop's pyserini 0.17 / anserini 0.14.3 search does, with Debian's Lucene 8.7 jars:
 *   analyzer  StandardTokenizer -> EnglishPossessiveFilter -> LowerCaseFilter
 *             -> StopFilter(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET) -> PorterStemFilter
 *             (anserini DefaultEnglishAnalyzer.newDefaultInstance())
 *   scoring   BM25Similarity(k1=0.9, b=0.4) on one "contents" field
 *   query     anserini BagOfWordsQueryGenerator: analyzed terms, duplicates counted, one
 *             BoostQuery(TermQuery, count) per distinct term, all SHOULD
 *   order     score desc, then id (ASIN) asc — anserini's BREAK_SCORE_TIES_BY_DOCID; top k
 *
 * Usage (see run.sh):
 *   Golden search <docs.tsv> <queries.txt> <out.jsonl> [k]
 *       docs.tsv: one doc per line "id<TAB>contents"; queries.txt: one query per line.
 *       Both use backslash escapes (\\ \n \r \t) for those characters.
 *       out: one JSON line per query: {"hits":[["ASIN",floatBits,"score"],...]}
 *   Golden tokens <texts.txt> <out.jsonl>
 *       out: one JSON array of analyzed terms per input line.
 */
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;

public class Golden {
  static Analyzer analyzer() {
    return new Analyzer() {
      @Override
      protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer source = new StandardTokenizer();
        TokenStream result = new EnglishPossessiveFilter(source);
        result = new LowerCaseFilter(result);
        result = new StopFilter(result, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
        result = new PorterStemFilter(result);
        return new TokenStreamComponents(source, result);
      }
    };
  }

  static String unescape(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char n = s.charAt(++i);
        b.append(n == 'n' ? '\n' : n == 'r' ? '\r' : n == 't' ? '\t' : n);
      } else b.append(c);
    }
    return b.toString();
  }

  static void json(StringBuilder b, String s) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') b.append('\\').append(c);
      else if (c < 0x20 || c > 0x7e) b.append(String.format("\\u%04x", (int) c));
      else b.append(c);
    }
    b.append('"');
  }

  static List<String> analyze(Analyzer a, String text) throws IOException {
    List<String> out = new ArrayList<>();
    try (TokenStream ts = a.tokenStream("contents", text)) {
      CharTermAttribute t = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) out.add(t.toString());
      ts.end();
    }
    return out;
  }

  static List<String> lines(String path) throws IOException {
    List<String> out = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(Paths.get(path), StandardCharsets.UTF_8)) {
      for (String l; (l = r.readLine()) != null; ) out.add(l);
    }
    return out;
  }

  public static void main(String[] args) throws Exception {
    Analyzer a = analyzer();
    if (args[0].equals("tokens")) {
      try (BufferedWriter w = Files.newBufferedWriter(Paths.get(args[2]), StandardCharsets.UTF_8)) {
        for (String l : lines(args[1])) {
          StringBuilder b = new StringBuilder("[");
          List<String> toks = analyze(a, unescape(l));
          for (int i = 0; i < toks.size(); i++) {
            if (i > 0) b.append(',');
            json(b, toks.get(i));
          }
          w.write(b.append("]\n").toString());
        }
      }
      return;
    }
    int k = args.length > 4 ? Integer.parseInt(args[4]) : 50;
    BM25Similarity sim = new BM25Similarity(0.9f, 0.4f);
    ByteBuffersDirectory dir = new ByteBuffersDirectory();
    IndexWriterConfig cfg = new IndexWriterConfig(a).setSimilarity(sim);
    try (IndexWriter iw = new IndexWriter(dir, cfg)) {
      for (String l : lines(args[1])) {
        int tab = l.indexOf('\t');
        Document d = new Document();
        d.add(new StoredField("id", unescape(l.substring(0, tab))));
        d.add(new TextField("contents", unescape(l.substring(tab + 1)), Field.Store.NO));
        iw.addDocument(d);
      }
      iw.forceMerge(1);
    }
    long t0 = System.nanoTime();
    int nq = 0;
    try (DirectoryReader reader = DirectoryReader.open(dir);
        BufferedWriter w = Files.newBufferedWriter(Paths.get(args[3]), StandardCharsets.UTF_8)) {
      IndexSearcher searcher = new IndexSearcher(reader);
      searcher.setSimilarity(sim);
      int n = Math.max(1, reader.maxDoc());
      String[] ids = new String[reader.maxDoc()];
      for (int i = 0; i < ids.length; i++) ids[i] = reader.document(i).get("id");
      for (String l : lines(args[2])) {
        nq++;
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String t : analyze(a, unescape(l))) counts.merge(t, 1L, Long::sum);
        BooleanQuery.Builder qb = new BooleanQuery.Builder();
        for (Map.Entry<String, Long> e : counts.entrySet())
          qb.add(
              new BoostQuery(new TermQuery(new Term("contents", e.getKey())), (float) e.getValue()),
              BooleanClause.Occur.SHOULD);
        TopDocs td = searcher.search(qb.build(), n);
        List<ScoreDoc> hits = new ArrayList<>(List.of(td.scoreDocs));
        hits.sort(
            (x, y) -> x.score != y.score ? Float.compare(y.score, x.score) : ids[x.doc].compareTo(ids[y.doc]));
        StringBuilder b = new StringBuilder("{\"hits\":[");
        for (int i = 0; i < Math.min(k, hits.size()); i++) {
          ScoreDoc h = hits.get(i);
          if (i > 0) b.append(',');
          b.append('[');
          json(b, ids[h.doc]);
          b.append(',').append(Float.floatToIntBits(h.score)).append(",\"").append(h.score).append("\"]");
        }
        w.write(b.append("]}\n").toString());
      }
    }
    System.err.printf("golden: %d queries in %.1f ms%n", nq, (System.nanoTime() - t0) / 1e6);
  }
}
