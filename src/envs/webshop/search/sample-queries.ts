/**
 * A varied query set for the Lucene golden comparison and the search benchmark, built at run time
 * from the products (nothing derived from the data is committed): every synthetic instruction text,
 * keyword-style queries cut from titles and options, and fixed edge cases (odd characters, stop
 * words only, empty, duplicates, unicode, over-long tokens).
 */
import type { SearchProduct } from "./index.js";

export const EDGE_QUERIES: readonly string[] = [
  "",
  " ",
  "the",
  "a an and are as at be but by for if in into is it no not of on or such that the their",
  "zzzqqq",
  "!!! ??? ... --- ***",
  "$$$ 100% & @ # *",
  "tempered glass screen protector under $40",
  "eco friendly fleece throw blanket tortoisegoo9511 39x49in under 60",
  "men sweater polyester cotton machine wash cold tumble dry 5x-large",
  "men's sweater polyester cotton 5x-large under $60 machine wash",
  "double sided decorative pillows",
  "decorative pillows pillows pillows",
  "wireless bluetooth headphones",
  "MEN'S SHOES Size 10",
  "women's kids' boys' girls’ baby’S",
  "l'eau d'issey 6.76 fl oz bottle",
  "x-large 3x-large xx-large",
  "$15.09 $1,299.99 12.5% off",
  '39x49in 28" x 28" 22”x22',
  "100% cotton, t-shirts & tanks",
  "1/2 inch wi-fi usb-c hdr10+ c++ #1 @home",
  "u.s.a. o'neill's hello_world a_b_c 123_456 _x_",
  "4.5oz 1,000 10,000mah 3.5mm 1.2.3 1,2,3 1.,2",
  "中文字 テスト ひらがな 한국어 カタカナー",
  "ไทย ภาษาไทย ລາວ မြန်မာ ខ្មែរ",
  "שלום ב\"ה עברית' ש״ח",
  "Σίσυφος ΣΑΣ όλες",
  "İstanbul DİŞ ǅemal ẞtraße",
  "café naïve résumé coöperate",
  "２０２１ ｔｅｓｔ ＡＢＣ １２３",
  "👍🏽 ❤️ ❤ 1️⃣ #️⃣ 🇺🇸🇬🇧 👨‍👩‍👧 🏴󠁧󠁢󠁳󠁣󠁴󠁿 ★ ♬ ☛ © ® ™",
  "emoji👍inside text☀️sun",
  "a\u200db zero\u200bwidth soft\u00adhyphen nbsp\u00a0space narrow\u202fnbsp",
  "tab\there\nnewline\r\ncrlf",
  "½ inch ¾ cup ² ³ ⅓",
  "x".repeat(300),
  "long " + "abc".repeat(100) + " tail",
  "pillow pillow pillow pillow pillow pillow pillow pillow",
  "size: 5x-large, and color: black | white",
  "color: navy blue, and size: x-large",
  "i need a long clip-in hair extension which is natural looking, and price lower than 40.00 dollars",
  "gluten free snacks",
  "organic coffee beans 2 pound (pack of 1)",
  "iphone 13 pro max case",
  "Cats Dogs Running Flies Happily Generalization Relational",
];

/** Instruction texts, title and option keyword queries, and EDGE_QUERIES. */
export function sampleQueries(products: readonly SearchProduct[], instructions: readonly string[]): string[] {
  const out = [...instructions];
  products.forEach((p, i) => {
    if (i % 5 !== 0) return;
    const words = p.Title.split(/\s+/).filter(Boolean);
    out.push(words.slice(0, 2 + (i % 4)).join(" "));
    const first = Object.values(p.options ?? {})[0]?.[0];
    if (first !== undefined) out.push(`${words.slice(-2).join(" ")} ${first}`);
  });
  return [...out, ...EDGE_QUERIES];
}
