#!/usr/bin/env bash
# Compiles and runs Golden.java (Lucene 8.7 reference for the WebShop search port). Dev/test only.
# Needs Debian/Ubuntu packages:  apt-get install -y --no-install-recommends liblucene8-java default-jdk-headless
# (the jars land in /usr/share/java; override with LUCENE_JARS=/path/a.jar:/path/b.jar).
# Usage: run.sh search <docs.tsv> <queries.txt> <out.jsonl> [k]  |  run.sh tokens <texts.txt> <out.jsonl>
# Output is never committed.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [[ -z "${LUCENE_JARS:-}" ]]; then
  core="$(ls /usr/share/java/lucene-core-8*.jar 2>/dev/null | head -n1 || true)"
  common="$(ls /usr/share/java/lucene-analyzers-common-8*.jar 2>/dev/null | head -n1 || true)"
  if [[ -z "$core" || -z "$common" ]]; then
    echo "webshop-lucene-golden: Lucene 8 jars not found (apt-get install -y liblucene8-java)" >&2
    exit 3
  fi
  LUCENE_JARS="$core:$common"
fi
build="$(mktemp -d)"
trap 'rm -rf "$build"' EXIT
javac -nowarn -encoding UTF-8 -d "$build" -cp "$LUCENE_JARS" "$here/Golden.java"
java -cp "$build:$LUCENE_JARS" Golden "$@"
