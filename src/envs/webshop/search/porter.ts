/**
 * The Porter (1980) stemmer as Lucene's `PorterStemFilter` applies it (Lucene's `PorterStemmer`, derived
 * from Martin Porter's reference release 3: includes the `-logi → -log` and `-bli → -ble` departures,
 * words of ≤ 2 UTF-16 units are left alone, any non-`aeiou` unit other than a context `y` is a consonant).
 * Written from the algorithm's description; operates on UTF-16 code units like the Java original.
 */
export function porterStem(word: string): string {
  if (word.length <= 2) return word;
  const b = word.split("");
  let k = b.length - 1; // last index of the current word
  let j = 0; // end of the stem for the suffix just matched

  const cons = (i: number): boolean => {
    const c = b[i];
    if (c === "a" || c === "e" || c === "i" || c === "o" || c === "u") return false;
    if (c === "y") return i === 0 ? true : !cons(i - 1);
    return true;
  };
  /** Number of VC sequences in b[0..j]. */
  const m = (): number => {
    let n = 0;
    let i = 0;
    while (i <= j && cons(i)) i++;
    if (i > j) return 0;
    i++;
    for (;;) {
      while (i <= j && !cons(i)) i++;
      if (i > j) return n;
      i++;
      n++;
      while (i <= j && cons(i)) i++;
      if (i > j) return n;
      i++;
    }
  };
  const vowelInStem = (): boolean => {
    for (let i = 0; i <= j; i++) if (!cons(i)) return true;
    return false;
  };
  const doubleC = (i: number): boolean => i >= 1 && b[i] === b[i - 1] && cons(i);
  const cvc = (i: number): boolean => {
    if (i < 2 || !cons(i) || cons(i - 1) || !cons(i - 2)) return false;
    const c = b[i];
    return c !== "w" && c !== "x" && c !== "y";
  };
  const ends = (s: string): boolean => {
    const o = k - s.length + 1;
    if (o < 0) return false;
    for (let i = 0; i < s.length; i++) if (b[o + i] !== s[i]) return false;
    j = k - s.length;
    return true;
  };
  const setTo = (s: string): void => {
    for (let i = 0; i < s.length; i++) b[j + 1 + i] = s[i]!;
    k = j + s.length;
  };
  const r = (s: string): void => {
    if (m() > 0) setTo(s);
  };
  /** Tries the suffixes in order; on the first that ends the word, replaces it (if m() > 0) and stops. */
  const firstOf = (pairs: [string, string][]): void => {
    for (const [suffix, repl] of pairs) {
      if (ends(suffix)) {
        r(repl);
        return;
      }
    }
  };

  // Step 1ab: plurals, -ed, -ing.
  if (b[k] === "s") {
    if (ends("sses")) k -= 2;
    else if (ends("ies")) setTo("i");
    else if (b[k - 1] !== "s") k--;
  }
  if (ends("eed")) {
    if (m() > 0) k--;
  } else if ((ends("ed") || ends("ing")) && vowelInStem()) {
    k = j;
    if (ends("at")) setTo("ate");
    else if (ends("bl")) setTo("ble");
    else if (ends("iz")) setTo("ize");
    else if (doubleC(k)) {
      const c = b[k];
      k--;
      if (c === "l" || c === "s" || c === "z") k++;
    } else if (m() === 1 && cvc(k)) setTo("e");
  }
  // Step 1c: terminal y → i when the stem has a vowel.
  if (ends("y") && vowelInStem()) b[k] = "i";
  // Step 2: double suffixes.
  if (k !== 0) {
    switch (b[k - 1]) {
      case "a":
        firstOf([
          ["ational", "ate"],
          ["tional", "tion"],
        ]);
        break;
      case "c":
        firstOf([
          ["enci", "ence"],
          ["anci", "ance"],
        ]);
        break;
      case "e":
        firstOf([["izer", "ize"]]);
        break;
      case "l":
        firstOf([
          ["bli", "ble"],
          ["alli", "al"],
          ["entli", "ent"],
          ["eli", "e"],
          ["ousli", "ous"],
        ]);
        break;
      case "o":
        firstOf([
          ["ization", "ize"],
          ["ation", "ate"],
          ["ator", "ate"],
        ]);
        break;
      case "s":
        firstOf([
          ["alism", "al"],
          ["iveness", "ive"],
          ["fulness", "ful"],
          ["ousness", "ous"],
        ]);
        break;
      case "t":
        firstOf([
          ["aliti", "al"],
          ["iviti", "ive"],
          ["biliti", "ble"],
        ]);
        break;
      case "g":
        firstOf([["logi", "log"]]);
        break;
    }
  }
  // Step 3: -ic-, -full, -ness, ...
  switch (b[k]) {
    case "e":
      firstOf([
        ["icate", "ic"],
        ["ative", ""],
        ["alize", "al"],
      ]);
      break;
    case "i":
      firstOf([["iciti", "ic"]]);
      break;
    case "l":
      firstOf([
        ["ical", "ic"],
        ["ful", ""],
      ]);
      break;
    case "s":
      firstOf([["ness", ""]]);
      break;
  }
  // Step 4: -ant, -ence, ... in context <c>vcvc<v>.
  if (k !== 0) {
    let matched = false;
    switch (b[k - 1]) {
      case "a":
        matched = ends("al");
        break;
      case "c":
        matched = ends("ance") || ends("ence");
        break;
      case "e":
        matched = ends("er");
        break;
      case "i":
        matched = ends("ic");
        break;
      case "l":
        matched = ends("able") || ends("ible");
        break;
      case "n":
        matched = ends("ant") || ends("ement") || ends("ment") || ends("ent");
        break;
      case "o":
        matched = (ends("ion") && j >= 0 && (b[j] === "s" || b[j] === "t")) || ends("ou");
        break;
      case "s":
        matched = ends("ism");
        break;
      case "t":
        matched = ends("ate") || ends("iti");
        break;
      case "u":
        matched = ends("ous");
        break;
      case "v":
        matched = ends("ive");
        break;
      case "z":
        matched = ends("ize");
        break;
    }
    if (matched && m() > 1) k = j;
  }
  // Step 5: final -e, and -ll → -l, when m() > 1.
  j = k;
  if (b[k] === "e") {
    const a = m();
    if (a > 1 || (a === 1 && !cvc(k - 1))) k--;
  }
  if (b[k] === "l" && doubleC(k) && m() > 1) k--;
  return b.slice(0, k + 1).join("");
}
