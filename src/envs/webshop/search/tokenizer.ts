/**
 * Lucene 8 `StandardTokenizer` (UAX#29 word breaks, JFlex grammar `StandardTokenizerImpl.jflex`,
 * `%unicode 9.0`, emoji properties from emoji-data 11.0) re-implemented from its rules.
 *
 * How: every code point is mapped to a bit set of the character sets the grammar mentions (WB property
 * values, scripts, emoji properties); the grammar's token rules are written below as regular
 * expressions over those sets, compiled to one Thompson NFA, and run as a lazily built DFA with
 * JFlex's semantics: at each position the longest match of any token rule is one token; where no token
 * rule matches, one code point is skipped (the grammar's `[^]` rule). Token types (ALPHANUM, NUM,
 * EMOJI, ...) are not needed downstream and are not computed. Tokens are cut at 255 UTF-16 units
 * (Lucene's default `maxTokenLength`: the scanner buffer is not expanded, so a longer run is split).
 *
 * Character properties: emoji sets are emoji-data 11.0 verbatim (the ranges Lucene's grammar
 * includes). WB/Script properties are derived by UAX#29's definitions from V8's `\p{…}` tables,
 * restricted to code points assigned in Unicode 9.0 (later ones get no properties, as in Lucene's
 * tables), with Line_Break=Complex_Context from LineBreak.txt and three code points whose properties
 * changed after 9.0 patched (tables from scripts/webshop-lucene-golden/unicode-tables.py). The golden
 * test checks every assigned code point in four contexts against Lucene 8.7 (0 differences with
 * Node 20's ICU); a Node upgrade that changes V8's Unicode tables is caught there.
 * Not implemented: nothing in the grammar; lone surrogates are skipped like other non-token chars.
 */

// ---- character sets used by the grammar (one bit each) ----
const EFZ = 1 << 0; // WB Extend | Format | ZWJ
const EFZ_SANS = 1 << 1; // the same minus U+FE0E/U+FE0F
const ZWJ = 1 << 2;
const EPS = 1 << 3; // U+FE0F emoji presentation selector
const KCB = 1 << 4; // [0-9#*]
const KEYCAP = 1 << 5; // U+20E3
const RI = 1 << 6; // Regional_Indicator
const EMOJI_CHAR = 1 << 7; // Extended_Pictographic | (Emoji minus RI, KCB, ©®™〰〽, Emoji_Modifier)
const EMB = 1 << 8; // Emoji_Modifier_Base
const EMOD = 1 << 9; // Emoji_Modifier
const TAG_SPEC = 1 << 10;
const TAG_TERM = 1 << 11;
const AHL = 1 << 12; // ALetter | Hebrew_Letter
const HEB = 1 << 13; // Hebrew_Letter
const HANGUL = 1 << 14; // Script=Hangul & AHL
const NUM = 1 << 15; // WB Numeric | (Halfwidth/Fullwidth block & Nd)
const KATA = 1 << 16; // WB Katakana
const MIDLET = 1 << 17; // MidLetter | MidNumLet | Single_Quote
const MIDNUM = 1 << 18; // MidNum | MidNumLet | Single_Quote
const ENL = 1 << 19; // ExtendNumLet
const HAN = 1 << 20; // Script=Han
const HIRA = 1 << 21; // Script=Hiragana
const SQ = 1 << 22; // Single_Quote
const DQ = 1 << 23; // Double_Quote
const SA = 1 << 24; // Line_Break=Complex_Context

/** Code point ranges "A-B" / "A" (hex), as in emoji-data 11.0 (the data Lucene 8's grammar includes). */
function ranges(spec: string): [number, number][] {
  return spec
    .trim()
    .split(/\s+/)
    .map((r) => {
      const [a, b] = r.split("-");
      const lo = parseInt(a!, 16);
      return [lo, b === undefined ? lo : parseInt(b, 16)];
    });
}
function inRanges(rs: [number, number][], cp: number): boolean {
  let lo = 0;
  let hi = rs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = rs[mid]!;
    if (cp < r[0]) hi = mid - 1;
    else if (cp > r[1]) lo = mid + 1;
    else return true;
  }
  return false;
}

const EMOJI_11 =
  ranges(`23 2A 30-39 A9 AE 203C 2049 2122 2139 2194-2199 21A9-21AA 231A-231B 2328 23CF 23E9-23F3
 23F8-23FA 24C2 25AA-25AB 25B6 25C0 25FB-25FE 2600-2604 260E 2611 2614-2615 2618 261D 2620 2622-2623 2626 262A
 262E-262F 2638-263A 2640 2642 2648-2653 265F-2660 2663 2665-2666 2668 267B 267E-267F 2692-2697 2699 269B-269C
 26A0-26A1 26AA-26AB 26B0-26B1 26BD-26BE 26C4-26C5 26C8 26CE-26CF 26D1 26D3-26D4 26E9-26EA 26F0-26F5 26F7-26FA
 26FD 2702 2705 2708-270D 270F 2712 2714 2716 271D 2721 2728 2733-2734 2744 2747 274C 274E 2753-2755 2757
 2763-2764 2795-2797 27A1 27B0 27BF 2934-2935 2B05-2B07 2B1B-2B1C 2B50 2B55 3030 303D 3297 3299 1F004 1F0CF
 1F170-1F171 1F17E-1F17F 1F18E 1F191-1F19A 1F1E6-1F1FF 1F201-1F202 1F21A 1F22F 1F232-1F23A 1F250-1F251
 1F300-1F321 1F324-1F393 1F396-1F397 1F399-1F39B 1F39E-1F3F0 1F3F3-1F3F5 1F3F7-1F4FD 1F4FF-1F53D 1F549-1F54E
 1F550-1F567 1F56F-1F570 1F573-1F57A 1F587 1F58A-1F58D 1F590 1F595-1F596 1F5A4-1F5A5 1F5A8 1F5B1-1F5B2 1F5BC
 1F5C2-1F5C4 1F5D1-1F5D3 1F5DC-1F5DE 1F5E1 1F5E3 1F5E8 1F5EF 1F5F3 1F5FA-1F64F 1F680-1F6C5 1F6CB-1F6D2
 1F6E0-1F6E5 1F6E9 1F6EB-1F6EC 1F6F0 1F6F3-1F6F9 1F910-1F93A 1F93C-1F93E 1F940-1F945 1F947-1F970 1F973-1F976
 1F97A 1F97C-1F9A2 1F9B0-1F9B9 1F9C0-1F9C2 1F9D0-1F9FF`);
const EMOJI_MODIFIER_BASE_11 = ranges(`261D 26F9 270A-270D 1F385 1F3C2-1F3C4 1F3C7 1F3CA-1F3CC 1F442-1F443
 1F446-1F450 1F466-1F469 1F46E 1F470-1F478 1F47C 1F481-1F483 1F485-1F487 1F4AA 1F574-1F575 1F57A 1F590
 1F595-1F596 1F645-1F647 1F64B-1F64F 1F6A3 1F6B4-1F6B6 1F6C0 1F6CC 1F918-1F91C 1F91E-1F91F 1F926 1F930-1F939
 1F93D-1F93E 1F9B5-1F9B6 1F9B8-1F9B9 1F9D1-1F9DD`);
const EXTENDED_PICTOGRAPHIC_11 =
  ranges(`A9 AE 203C 2049 2122 2139 2194-2199 21A9-21AA 231A-231B 2328 2388 23CF
 23E9-23F3 23F8-23FA 24C2 25AA-25AB 25B6 25C0 25FB-25FE 2600-2605 2607-2612 2614-2685 2690-2705 2708-2712 2714
 2716 271D 2721 2728 2733-2734 2744 2747 274C 274E 2753-2755 2757 2763-2767 2795-2797 27A1 27B0 27BF 2934-2935
 2B05-2B07 2B1B-2B1C 2B50 2B55 3030 303D 3297 3299 1F000-1F0FF 1F10D-1F10F 1F12F 1F16C-1F171 1F17E-1F17F 1F18E
 1F191-1F19A 1F1AD-1F1E5 1F201-1F20F 1F21A 1F22F 1F232-1F23A 1F23C-1F23F 1F249-1F3FA 1F400-1F53D 1F546-1F64F
 1F680-1F6FF 1F774-1F77F 1F7D5-1F7FF 1F80C-1F80F 1F848-1F84F 1F85A-1F85F 1F888-1F88F 1F8AE-1F8FF 1F90C-1F93A
 1F93C-1F945 1F947-1FFFD`);

// UAX#29 (Unicode 9.0) word-break property lists that are not derivable from general properties.
const MIDNUMLET_CPS = new Set([0x2e, 0x2018, 0x2019, 0x2024, 0xfe52, 0xff07, 0xff0e]);
const MIDLETTER_CPS = new Set([0x3a, 0xb7, 0x2d7, 0x387, 0x5f4, 0x2027, 0xfe13, 0xfe55, 0xff1a]);
const MIDNUM_CPS = new Set([
  0x2c, 0x3b, 0x37e, 0x589, 0x60c, 0x60d, 0x66c, 0x7f8, 0x2044, 0xfe10, 0xfe14, 0xfe50, 0xfe54, 0xff0c,
  0xff1b,
]);
const KATAKANA_EXTRA = ranges("3031-3035 309B-309C 30A0 30FC FF70");
// Unicode 9.0 WB:ALetter outside Alphabetic (the longer list of later versions starts in 10.0/11.0).
const ALETTER_EXTRA = ranges("5F3");
/** Code points assigned in Unicode <= 9.0 (DerivedAge.txt; scripts/webshop-lucene-golden/unicode-tables.py). */
const ASSIGNED_UNICODE_9 =
  ranges(`0-377 37A-37F 384-38A 38C 38E-3A1 3A3-52F 531-556 559-55F 561-587 589-58A 58D-58F 591-5C7 5D0-5EA 5F0-5F4
 600-61C 61E-70D 70F-74A 74D-7B1 7C0-7FA 800-82D 830-83E 840-85B 85E 8A0-8B4 8B6-8BD 8D4-983 985-98C 98F-990
 993-9A8 9AA-9B0 9B2 9B6-9B9 9BC-9C4 9C7-9C8 9CB-9CE 9D7 9DC-9DD 9DF-9E3 9E6-9FB A01-A03 A05-A0A A0F-A10
 A13-A28 A2A-A30 A32-A33 A35-A36 A38-A39 A3C A3E-A42 A47-A48 A4B-A4D A51 A59-A5C A5E A66-A75 A81-A83 A85-A8D
 A8F-A91 A93-AA8 AAA-AB0 AB2-AB3 AB5-AB9 ABC-AC5 AC7-AC9 ACB-ACD AD0 AE0-AE3 AE6-AF1 AF9 B01-B03 B05-B0C
 B0F-B10 B13-B28 B2A-B30 B32-B33 B35-B39 B3C-B44 B47-B48 B4B-B4D B56-B57 B5C-B5D B5F-B63 B66-B77 B82-B83
 B85-B8A B8E-B90 B92-B95 B99-B9A B9C B9E-B9F BA3-BA4 BA8-BAA BAE-BB9 BBE-BC2 BC6-BC8 BCA-BCD BD0 BD7 BE6-BFA
 C00-C03 C05-C0C C0E-C10 C12-C28 C2A-C39 C3D-C44 C46-C48 C4A-C4D C55-C56 C58-C5A C60-C63 C66-C6F C78-C83
 C85-C8C C8E-C90 C92-CA8 CAA-CB3 CB5-CB9 CBC-CC4 CC6-CC8 CCA-CCD CD5-CD6 CDE CE0-CE3 CE6-CEF CF1-CF2 D01-D03
 D05-D0C D0E-D10 D12-D3A D3D-D44 D46-D48 D4A-D4F D54-D63 D66-D7F D82-D83 D85-D96 D9A-DB1 DB3-DBB DBD DC0-DC6
 DCA DCF-DD4 DD6 DD8-DDF DE6-DEF DF2-DF4 E01-E3A E3F-E5B E81-E82 E84 E87-E88 E8A E8D E94-E97 E99-E9F EA1-EA3
 EA5 EA7 EAA-EAB EAD-EB9 EBB-EBD EC0-EC4 EC6 EC8-ECD ED0-ED9 EDC-EDF F00-F47 F49-F6C F71-F97 F99-FBC FBE-FCC
 FCE-FDA 1000-10C5 10C7 10CD 10D0-1248 124A-124D 1250-1256 1258 125A-125D 1260-1288 128A-128D 1290-12B0
 12B2-12B5 12B8-12BE 12C0 12C2-12C5 12C8-12D6 12D8-1310 1312-1315 1318-135A 135D-137C 1380-1399 13A0-13F5
 13F8-13FD 1400-169C 16A0-16F8 1700-170C 170E-1714 1720-1736 1740-1753 1760-176C 176E-1770 1772-1773
 1780-17DD 17E0-17E9 17F0-17F9 1800-180E 1810-1819 1820-1877 1880-18AA 18B0-18F5 1900-191E 1920-192B
 1930-193B 1940 1944-196D 1970-1974 1980-19AB 19B0-19C9 19D0-19DA 19DE-1A1B 1A1E-1A5E 1A60-1A7C 1A7F-1A89
 1A90-1A99 1AA0-1AAD 1AB0-1ABE 1B00-1B4B 1B50-1B7C 1B80-1BF3 1BFC-1C37 1C3B-1C49 1C4D-1C88 1CC0-1CC7
 1CD0-1CF6 1CF8-1CF9 1D00-1DF5 1DFB-1F15 1F18-1F1D 1F20-1F45 1F48-1F4D 1F50-1F57 1F59 1F5B 1F5D 1F5F-1F7D
 1F80-1FB4 1FB6-1FC4 1FC6-1FD3 1FD6-1FDB 1FDD-1FEF 1FF2-1FF4 1FF6-1FFE 2000-2064 2066-2071 2074-208E
 2090-209C 20A0-20BE 20D0-20F0 2100-218B 2190-23FE 2400-2426 2440-244A 2460-2B73 2B76-2B95 2B98-2BB9
 2BBD-2BC8 2BCA-2BD1 2BEC-2BEF 2C00-2C2E 2C30-2C5E 2C60-2CF3 2CF9-2D25 2D27 2D2D 2D30-2D67 2D6F-2D70
 2D7F-2D96 2DA0-2DA6 2DA8-2DAE 2DB0-2DB6 2DB8-2DBE 2DC0-2DC6 2DC8-2DCE 2DD0-2DD6 2DD8-2DDE 2DE0-2E44
 2E80-2E99 2E9B-2EF3 2F00-2FD5 2FF0-2FFB 3000-303F 3041-3096 3099-30FF 3105-312D 3131-318E 3190-31BA
 31C0-31E3 31F0-321E 3220-32FE 3300-4DB5 4DC0-9FD5 A000-A48C A490-A4C6 A4D0-A62B A640-A6F7 A700-A7AE
 A7B0-A7B7 A7F7-A82B A830-A839 A840-A877 A880-A8C5 A8CE-A8D9 A8E0-A8FD A900-A953 A95F-A97C A980-A9CD
 A9CF-A9D9 A9DE-A9FE AA00-AA36 AA40-AA4D AA50-AA59 AA5C-AAC2 AADB-AAF6 AB01-AB06 AB09-AB0E AB11-AB16
 AB20-AB26 AB28-AB2E AB30-AB65 AB70-ABED ABF0-ABF9 AC00-D7A3 D7B0-D7C6 D7CB-D7FB D800-FA6D FA70-FAD9
 FB00-FB06 FB13-FB17 FB1D-FB36 FB38-FB3C FB3E FB40-FB41 FB43-FB44 FB46-FBC1 FBD3-FD3F FD50-FD8F FD92-FDC7
 FDD0-FDFD FE00-FE19 FE20-FE52 FE54-FE66 FE68-FE6B FE70-FE74 FE76-FEFC FEFF FF01-FFBE FFC2-FFC7 FFCA-FFCF
 FFD2-FFD7 FFDA-FFDC FFE0-FFE6 FFE8-FFEE FFF9-1000B 1000D-10026 10028-1003A 1003C-1003D 1003F-1004D
 10050-1005D 10080-100FA 10100-10102 10107-10133 10137-1018E 10190-1019B 101A0 101D0-101FD 10280-1029C
 102A0-102D0 102E0-102FB 10300-10323 10330-1034A 10350-1037A 10380-1039D 1039F-103C3 103C8-103D5 10400-1049D
 104A0-104A9 104B0-104D3 104D8-104FB 10500-10527 10530-10563 1056F 10600-10736 10740-10755 10760-10767
 10800-10805 10808 1080A-10835 10837-10838 1083C 1083F-10855 10857-1089E 108A7-108AF 108E0-108F2 108F4-108F5
 108FB-1091B 1091F-10939 1093F 10980-109B7 109BC-109CF 109D2-10A03 10A05-10A06 10A0C-10A13 10A15-10A17
 10A19-10A33 10A38-10A3A 10A3F-10A47 10A50-10A58 10A60-10A9F 10AC0-10AE6 10AEB-10AF6 10B00-10B35 10B39-10B55
 10B58-10B72 10B78-10B91 10B99-10B9C 10BA9-10BAF 10C00-10C48 10C80-10CB2 10CC0-10CF2 10CFA-10CFF 10E60-10E7E
 11000-1104D 11052-1106F 1107F-110C1 110D0-110E8 110F0-110F9 11100-11134 11136-11143 11150-11176 11180-111CD
 111D0-111DF 111E1-111F4 11200-11211 11213-1123E 11280-11286 11288 1128A-1128D 1128F-1129D 1129F-112A9
 112B0-112EA 112F0-112F9 11300-11303 11305-1130C 1130F-11310 11313-11328 1132A-11330 11332-11333 11335-11339
 1133C-11344 11347-11348 1134B-1134D 11350 11357 1135D-11363 11366-1136C 11370-11374 11400-11459 1145B 1145D
 11480-114C7 114D0-114D9 11580-115B5 115B8-115DD 11600-11644 11650-11659 11660-1166C 11680-116B7 116C0-116C9
 11700-11719 1171D-1172B 11730-1173F 118A0-118F2 118FF 11AC0-11AF8 11C00-11C08 11C0A-11C36 11C38-11C45
 11C50-11C6C 11C70-11C8F 11C92-11CA7 11CA9-11CB6 12000-12399 12400-1246E 12470-12474 12480-12543 13000-1342E
 14400-14646 16800-16A38 16A40-16A5E 16A60-16A69 16A6E-16A6F 16AD0-16AED 16AF0-16AF5 16B00-16B45 16B50-16B59
 16B5B-16B61 16B63-16B77 16B7D-16B8F 16F00-16F44 16F50-16F7E 16F8F-16F9F 16FE0 17000-187EC 18800-18AF2
 1B000-1B001 1BC00-1BC6A 1BC70-1BC7C 1BC80-1BC88 1BC90-1BC99 1BC9C-1BCA3 1D000-1D0F5 1D100-1D126 1D129-1D1E8
 1D200-1D245 1D300-1D356 1D360-1D371 1D400-1D454 1D456-1D49C 1D49E-1D49F 1D4A2 1D4A5-1D4A6 1D4A9-1D4AC
 1D4AE-1D4B9 1D4BB 1D4BD-1D4C3 1D4C5-1D505 1D507-1D50A 1D50D-1D514 1D516-1D51C 1D51E-1D539 1D53B-1D53E
 1D540-1D544 1D546 1D54A-1D550 1D552-1D6A5 1D6A8-1D7CB 1D7CE-1DA8B 1DA9B-1DA9F 1DAA1-1DAAF 1E000-1E006
 1E008-1E018 1E01B-1E021 1E023-1E024 1E026-1E02A 1E800-1E8C4 1E8C7-1E8D6 1E900-1E94A 1E950-1E959 1E95E-1E95F
 1EE00-1EE03 1EE05-1EE1F 1EE21-1EE22 1EE24 1EE27 1EE29-1EE32 1EE34-1EE37 1EE39 1EE3B 1EE42 1EE47 1EE49 1EE4B
 1EE4D-1EE4F 1EE51-1EE52 1EE54 1EE57 1EE59 1EE5B 1EE5D 1EE5F 1EE61-1EE62 1EE64 1EE67-1EE6A 1EE6C-1EE72
 1EE74-1EE77 1EE79-1EE7C 1EE7E 1EE80-1EE89 1EE8B-1EE9B 1EEA1-1EEA3 1EEA5-1EEA9 1EEAB-1EEBB 1EEF0-1EEF1
 1F000-1F02B 1F030-1F093 1F0A0-1F0AE 1F0B1-1F0BF 1F0C1-1F0CF 1F0D1-1F0F5 1F100-1F10C 1F110-1F12E 1F130-1F16B
 1F170-1F1AC 1F1E6-1F202 1F210-1F23B 1F240-1F248 1F250-1F251 1F300-1F6D2 1F6E0-1F6EC 1F6F0-1F6F6 1F700-1F773
 1F780-1F7D4 1F800-1F80B 1F810-1F847 1F850-1F859 1F860-1F887 1F890-1F8AD 1F910-1F91E 1F920-1F927 1F930
 1F933-1F93E 1F940-1F94B 1F950-1F95E 1F980-1F991 1F9C0 1FFFE-2A6D6 2A700-2B734 2B740-2B81D 2B820-2CEA1
 2F800-2FA1D 2FFFE-2FFFF 3FFFE-3FFFF 4FFFE-4FFFF 5FFFE-5FFFF 6FFFE-6FFFF 7FFFE-7FFFF 8FFFE-8FFFF 9FFFE-9FFFF
 AFFFE-AFFFF BFFFE-BFFFF CFFFE-CFFFF DFFFE-DFFFF E0001 E0020-E007F E0100-E01EF EFFFE-10FFFF`);

const RE_GRAPHEME_EXTEND = /^\p{Grapheme_Extend}$/u;
const RE_MC = /^\p{Mc}$/u;
const RE_CF = /^\p{Cf}$/u;
const RE_KATAKANA = /^\p{Script=Katakana}$/u;
const RE_HEBREW_LO = /^(?=\p{Script=Hebrew})\p{Lo}$/u;
const RE_ALPHABETIC = /^\p{Alphabetic}$/u;
const RE_IDEOGRAPHIC = /^\p{Ideographic}$/u;
const RE_HIRAGANA = /^\p{Script=Hiragana}$/u;
const RE_HANGUL = /^\p{Script=Hangul}$/u;
const RE_HAN = /^\p{Script=Han}$/u;
const RE_ND = /^\p{Nd}$/u;
const RE_PC = /^\p{Pc}$/u;
/** Line_Break=Complex_Context (LineBreak.txt), code points of Unicode <= 9.0 only. */
const SA_UNICODE_9 =
  ranges(`E01-E3A E40-E4E E81-E82 E84 E87-E88 E8A E8D E94-E97 E99-E9F EA1-EA3 EA5 EA7 EAA-EAB EAD-EB9 EBB-EBD EC0-EC4
 EC6 EC8-ECD EDC-EDF 1000-103F 1050-108F 109A-109F 1780-17D3 17D7 17DC-17DD 1950-196D 1970-1974 1980-19AB
 19B0-19C9 19DA 19DE-19DF 1A20-1A5E 1A60-1A7C 1AA0-1AAD A9E0-A9EF A9FA-A9FE AA60-AAC2 AADB-AADF 11700-11719
 1171D-1172B 1173A-1173B 1173F`);

function emojiBits(cp: number): number {
  let bits = 0;
  const kcb = (cp >= 0x30 && cp <= 0x39) || cp === 0x23 || cp === 0x2a;
  if (kcb) bits |= KCB;
  if (cp === 0x20e3) bits |= KEYCAP;
  const ri = cp >= 0x1f1e6 && cp <= 0x1f1ff;
  if (ri) bits |= RI;
  const isEmod = cp >= 0x1f3fb && cp <= 0x1f3ff;
  const accidental = cp === 0xa9 || cp === 0xae || cp === 0x2122 || cp === 0x3030 || cp === 0x303d;
  if (
    inRanges(EXTENDED_PICTOGRAPHIC_11, cp) ||
    (inRanges(EMOJI_11, cp) && !ri && !kcb && !accidental && !isEmod)
  )
    bits |= EMOJI_CHAR;
  if (inRanges(EMOJI_MODIFIER_BASE_11, cp)) bits |= EMB;
  if (isEmod) bits |= EMOD;
  if (cp >= 0xe0020 && cp <= 0xe007e) bits |= TAG_SPEC;
  if (cp === 0xe007f) bits |= TAG_TERM;
  return bits;
}

function computeBits(cp: number): number {
  if (cp >= 0xd800 && cp <= 0xdfff) return 0; // lone surrogate
  const s = String.fromCodePoint(cp);
  let bits = emojiBits(cp);
  // Emoji sets come from emoji-data 11.0 verbatim; everything else from Unicode 9.0 tables, where
  // later-assigned code points have no properties.
  if (!inRanges(ASSIGNED_UNICODE_9, cp)) return bits;
  // Properties that changed after 9.0 for then-assigned code points (found by the probe sweep, see
  // test/envs/webshop/search.test.ts): U+1CF2/3 were Mc (Extend), U+111C9 was Po (Other).
  if (cp === 0x111c9) return bits;
  if (cp === 0x1cf2 || cp === 0x1cf3) return bits | EFZ | EFZ_SANS;
  // WB:Extend (Unicode 9: Grapheme_Extend or Spacing_Mark, not ZWJ; Emoji_Modifier was E_Modifier then).
  const isEmod = cp >= 0x1f3fb && cp <= 0x1f3ff;
  const extend = cp !== 0x200d && !isEmod && (RE_GRAPHEME_EXTEND.test(s) || RE_MC.test(s));
  const format = !extend && cp !== 0x200b && cp !== 0x200c && cp !== 0x200d && RE_CF.test(s);
  if (extend || format || cp === 0x200d) {
    bits |= EFZ;
    if (cp !== 0xfe0e && cp !== 0xfe0f) bits |= EFZ_SANS;
  }
  if (cp === 0x200d) bits |= ZWJ;
  if (cp === 0xfe0f) bits |= EPS;
  if (cp === 0x27) bits |= SQ | MIDLET | MIDNUM;
  if (cp === 0x22) bits |= DQ;
  if (MIDNUMLET_CPS.has(cp)) bits |= MIDLET | MIDNUM;
  if (MIDLETTER_CPS.has(cp)) bits |= MIDLET;
  if (MIDNUM_CPS.has(cp)) bits |= MIDNUM;
  if (RE_PC.test(s) || cp === 0x202f) bits |= ENL;
  if ((RE_ND.test(s) && !(cp >= 0xff10 && cp <= 0xff19)) || cp === 0x66b) bits |= NUM;
  if (cp >= 0xff00 && cp <= 0xffef && RE_ND.test(s)) bits |= NUM;
  const sa = inRanges(SA_UNICODE_9, cp);
  if (sa) bits |= SA;
  const katakana = !extend && (RE_KATAKANA.test(s) || inRanges(KATAKANA_EXTRA, cp));
  if (katakana) bits |= KATA;
  const hebrew = !extend && RE_HEBREW_LO.test(s);
  if (hebrew) bits |= HEB | AHL;
  const aletter =
    !extend &&
    !hebrew &&
    !katakana &&
    !sa &&
    (RE_ALPHABETIC.test(s) || inRanges(ALETTER_EXTRA, cp)) &&
    !RE_IDEOGRAPHIC.test(s) &&
    !RE_HIRAGANA.test(s);
  if (aletter) bits |= AHL;
  if ((aletter || hebrew) && RE_HANGUL.test(s)) bits |= HANGUL;
  if (RE_HAN.test(s)) bits |= HAN;
  if (RE_HIRAGANA.test(s)) bits |= HIRA;
  return bits;
}

// Code point → dense class id (one per distinct bit set); class 0 has no bits.
const classBits: number[] = [0];
const classByBits = new Map<number, number>([[0, 0]]);
const bmpClass = new Int32Array(0x10000).fill(-1);
const astralClass = new Map<number, number>();
function classFor(bits: number): number {
  let c = classByBits.get(bits);
  if (c === undefined) {
    c = classBits.length;
    classBits.push(bits);
    classByBits.set(bits, c);
  }
  return c;
}
function charClass(cp: number): number {
  if (cp < 0x10000) {
    let c = bmpClass[cp]!;
    if (c < 0) bmpClass[cp] = c = classFor(computeBits(cp));
    return c;
  }
  let c = astralClass.get(cp);
  if (c === undefined) astralClass.set(cp, (c = classFor(computeBits(cp))));
  return c;
}

// ---- the grammar as regular expressions over the sets ----
type Re =
  | { t: "set"; bits: number }
  | { t: "seq"; xs: Re[] }
  | { t: "alt"; xs: Re[] }
  | { t: "star"; x: Re }
  | { t: "opt"; x: Re };
const set = (bits: number): Re => ({ t: "set", bits });
const seq = (...xs: Re[]): Re => ({ t: "seq", xs });
const alt = (...xs: Re[]): Re => ({ t: "alt", xs });
const star = (x: Re): Re => ({ t: "star", x });
const opt = (x: Re): Re => ({ t: "opt", x });
const plus = (x: Re): Re => seq(x, star(x));

function grammar(): Re {
  const extFmtZwj = star(set(EFZ));
  const extSans = star(set(EFZ_SANS));
  const ex = (bits: number): Re => seq(set(bits), extFmtZwj);
  // Emoji rule (TR#51 emoji_sequence as Lucene writes it).
  const emojiCharEx = seq(set(EMOJI_CHAR), extSans);
  const emojiModBaseEx = seq(set(EMB), extSans);
  const emojiModEx = seq(set(EMOD), extSans);
  const zwjs = star(set(ZWJ));
  const emojiUnit = alt(
    seq(zwjs, emojiCharEx, opt(set(EPS))),
    seq(opt(seq(zwjs, emojiModBaseEx)), emojiModEx),
  );
  const emoji = alt(
    seq(emojiUnit, alt(star(seq(set(ZWJ), emojiUnit)), seq(plus(set(TAG_SPEC)), set(TAG_TERM)))),
    seq(set(KCB), extSans, opt(set(EPS)), set(KEYCAP), extSans),
    seq(ex(RI), ex(RI)),
  );
  const enl = ex(ENL);
  const numEx = ex(NUM);
  // WB8, WB11, WB12, WB13a/b
  const numeric = seq(star(enl), numEx, star(seq(alt(star(enl), ex(MIDNUM)), numEx)), star(enl));
  const hangul = plus(ex(HANGUL));
  const katakana = plus(ex(KATA));
  // WB5-WB7c, WB9, WB10, WB13, WB13a/b
  const kataEx = ex(KATA);
  const ahlEx = ex(AHL);
  const hebEx = ex(HEB);
  const inner = alt(
    seq(kataEx, star(seq(star(enl), kataEx))),
    plus(
      alt(
        seq(hebEx, alt(ex(SQ), seq(ex(DQ), hebEx))),
        seq(numEx, star(seq(alt(star(enl), ex(MIDNUM)), numEx))),
        seq(ahlEx, star(seq(alt(star(enl), ex(MIDLET)), ahlEx))),
      ),
    ),
  );
  const word = seq(star(enl), inner, star(seq(plus(enl), inner)), star(enl));
  const southEastAsian = plus(ex(SA));
  return alt(emoji, numeric, hangul, katakana, word, southEastAsian, ex(HAN), ex(HIRA));
}

// ---- Thompson NFA + lazily determinized DFA ----
class Nfa {
  eps: number[][] = [];
  edgeBits: number[] = [];
  edgeTo: number[] = [];
  add(): number {
    this.eps.push([]);
    this.edgeBits.push(0);
    this.edgeTo.push(-1);
    return this.eps.length - 1;
  }
  build(re: Re): [number, number] {
    const a = this.add();
    const z = this.add();
    switch (re.t) {
      case "set":
        this.edgeBits[a] = re.bits;
        this.edgeTo[a] = z;
        break;
      case "seq": {
        let cur = a;
        for (const x of re.xs) {
          const [s, e] = this.build(x);
          this.eps[cur]!.push(s);
          cur = e;
        }
        this.eps[cur]!.push(z);
        break;
      }
      case "alt":
        for (const x of re.xs) {
          const [s, e] = this.build(x);
          this.eps[a]!.push(s);
          this.eps[e]!.push(z);
        }
        break;
      case "star":
      case "opt": {
        const [s, e] = this.build(re.x);
        this.eps[a]!.push(s, z);
        this.eps[e]!.push(z);
        if (re.t === "star") this.eps[e]!.push(s);
        break;
      }
    }
    return [a, z];
  }
}

interface DState {
  nfa: number[];
  accept: boolean;
  /** Next state per char class: -1 dead, -2 or undefined not built yet. */
  next: number[];
}

class Dfa {
  private readonly states: DState[] = [];
  private readonly byKey = new Map<string, number>();
  readonly start: number;
  constructor(
    private readonly nfa: Nfa,
    nfaStart: number,
    private readonly nfaAccept: number,
  ) {
    this.start = this.intern([nfaStart]);
  }
  private intern(seeds: number[]): number {
    const seen = new Set<number>();
    const stack = [...seeds];
    while (stack.length) {
      const s = stack.pop()!;
      if (seen.has(s)) continue;
      seen.add(s);
      for (const t of this.nfa.eps[s]!) stack.push(t);
    }
    // Keep only states that matter: those with a labelled edge, and the accept state.
    const core = [...seen]
      .filter((s) => this.nfa.edgeTo[s]! >= 0 || s === this.nfaAccept)
      .sort((x, y) => x - y);
    if (core.length === 0) return -1;
    const key = core.join(",");
    let id = this.byKey.get(key);
    if (id === undefined) {
      id = this.states.length;
      this.states.push({ nfa: core, accept: core.includes(this.nfaAccept), next: [] });
      this.byKey.set(key, id);
    }
    return id;
  }
  accepting(state: number): boolean {
    return this.states[state]!.accept;
  }
  step(state: number, cls: number): number {
    const st = this.states[state]!;
    const n = st.next[cls];
    if (n !== undefined && n !== -2) return n;
    const bits = classBits[cls]!;
    const seeds: number[] = [];
    for (const s of st.nfa) if (this.nfa.edgeBits[s]! & bits) seeds.push(this.nfa.edgeTo[s]!);
    const to = seeds.length ? this.intern(seeds) : -1;
    while (st.next.length < cls) st.next.push(-2);
    st.next[cls] = to;
    return to;
  }
}

let dfa: Dfa | undefined;
function getDfa(): Dfa {
  if (!dfa) {
    const nfa = new Nfa();
    const [s, e] = nfa.build(grammar());
    dfa = new Dfa(nfa, s, e);
  }
  return dfa;
}

/** Lucene's default `StandardTokenizer.maxTokenLength` (UTF-16 units). */
export const MAX_TOKEN_LENGTH = 255;

/** The token texts Lucene 8's `StandardTokenizer` produces for `text` (no case folding). */
export function standardTokenize(text: string): string[] {
  const d = getDfa();
  const out: string[] = [];
  const n = text.length;
  let pos = 0;
  while (pos < n) {
    const limit = Math.min(n, pos + MAX_TOKEN_LENGTH);
    let state = d.start;
    let i = pos;
    let lastEnd = -1;
    while (i < limit) {
      const cp = text.codePointAt(i)!;
      const w = cp > 0xffff ? 2 : 1;
      if (i + w > limit) break;
      state = d.step(state, charClass(cp));
      if (state < 0) break;
      i += w;
      if (d.accepting(state)) lastEnd = i;
    }
    if (lastEnd > pos) {
      out.push(text.slice(pos, lastEnd));
      pos = lastEnd;
    } else {
      pos += text.codePointAt(pos)! > 0xffff ? 2 : 1;
    }
  }
  return out;
}
