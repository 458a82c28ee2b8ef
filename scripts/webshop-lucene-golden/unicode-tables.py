#!/usr/bin/env python3
"""Prints the two code point tables in src/envs/webshop/search/tokenizer.ts (Lucene 8's grammar is
`%unicode 9.0`): ASSIGNED_UNICODE_9 (DerivedAge.txt: ages <= 9.0) and, with `sa`, SA_UNICODE_9
(LineBreak.txt Complex_Context, restricted to those code points).
Usage: unicode-tables.py [sa] [UCD dir]. Needs: apt-get install -y unicode-data."""
import re
import sys

args = sys.argv[1:]
want_sa = bool(args) and args[0] == "sa"
ucd = (args[1:] if want_sa else args) or ["/usr/share/unicode"]
rs = []
for line in open(f"{ucd[0]}/DerivedAge.txt", encoding="utf-8"):
    m = re.match(r"([0-9A-F]+)(?:\.\.([0-9A-F]+))?\s*;\s*([0-9.]+)", line)
    if not m:
        continue
    major, minor = (int(x) for x in m.group(3).split(".")[:2])
    if (major, minor) <= (9, 0):
        a = int(m.group(1), 16)
        rs.append((a, int(m.group(2) or m.group(1), 16)))
rs.sort()
merged = []
for a, b in rs:
    if merged and a <= merged[-1][1] + 1:
        merged[-1][1] = max(merged[-1][1], b)
    else:
        merged.append([a, b])
if want_sa:
    assigned = merged
    cps = []
    for line in open(f"{ucd[0]}/LineBreak.txt", encoding="utf-8"):
        m = re.match(r"([0-9A-F]+)(?:\.\.([0-9A-F]+))?\s*;\s*SA\b", line)
        if m:
            a = int(m.group(1), 16)
            for c in range(a, int(m.group(2) or m.group(1), 16) + 1):
                if any(x <= c <= y for x, y in assigned):
                    cps.append(c)
    merged = []
    for c in sorted(cps):
        if merged and c == merged[-1][1] + 1:
            merged[-1][1] = c
        else:
            merged.append([c, c])
print(" ".join(f"{a:X}" if a == b else f"{a:X}-{b:X}" for a, b in merged))
