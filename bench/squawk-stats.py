#!/usr/bin/env python3
"""Summarise a squawk JSON report over a generated corpus: violations per rule and how many
statements got at least one violation (a sanity check that the corpus is realistic).

  squawk --pg-version 15 --reporter json 'bench/corpus/pg/*.sql' > /tmp/squawk.json
  python3 bench/squawk-stats.py /tmp/squawk.json bench/corpus/pg

Statements are found with a small splitter that is good enough for the generated corpus
(top-level `;` outside quotes, comments and dollar-quoted bodies). squawk 2.66 reports
0-based line numbers; a violation is attributed to the statement whose line range holds it.
Standard library only.
"""

import bisect
import collections
import json
import os
import re
import sys

DOLLAR = re.compile(r"\$([A-Za-z_][A-Za-z_0-9]*)?\$")


def statement_start_lines(text):
    """0-based line of the first token of each top-level statement."""
    starts = []
    i, n, line = 0, len(text), 0
    in_stmt = False
    while i < n:
        ch = text[i]
        if ch == "\n":
            line += 1
            i += 1
            continue
        if ch in " \t\r":
            i += 1
            continue
        if text.startswith("--", i):
            j = text.find("\n", i)
            i = n if j < 0 else j
            continue
        if text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            line += text.count("\n", i, j)
            i = j
            continue
        if not in_stmt:
            if ch == ";":
                i += 1
                continue
            starts.append(line)
            in_stmt = True
        if ch == "'":
            j = i + 1
            while j < n:
                if text[j] == "'" and j + 1 < n and text[j + 1] == "'":
                    j += 2
                    continue
                if text[j] == "'":
                    break
                j += 1
            line += text.count("\n", i, j)
            i = j + 1
            continue
        if ch == "$":
            m = DOLLAR.match(text, i)
            if m:
                tag = m.group(0)
                j = text.find(tag, m.end())
                j = n if j < 0 else j + len(tag)
                line += text.count("\n", i, j)
                i = j
                continue
        if ch == ";":
            in_stmt = False
        i += 1
    return starts


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    report, corpus = sys.argv[1], sys.argv[2]
    with open(report) as f:
        violations = json.load(f)
    by_rule = collections.Counter(v["rule_name"] for v in violations)
    by_file = collections.defaultdict(list)
    for v in violations:
        by_file[os.path.basename(v["file"])].append(v)

    total_statements = 0
    flagged = 0
    flagged_substantive = 0  # ignoring the stylistic prefer-robust-stmts
    files = sorted(f for f in os.listdir(corpus) if f.endswith(".sql"))
    for name in files:
        with open(os.path.join(corpus, name), encoding="utf-8") as f:
            starts = statement_start_lines(f.read())
        total_statements += len(starts)
        hit, hit_sub = set(), set()
        for v in by_file.get(name, ()):
            k = bisect.bisect_right(starts, v["line"]) - 1
            k = max(k, 0)
            hit.add(k)
            if v["rule_name"] != "prefer-robust-stmts":
                hit_sub.add(k)
        flagged += len(hit)
        flagged_substantive += len(hit_sub)

    print("files: %d, statements: %d, violations: %d" % (len(files), total_statements, len(violations)))
    print("files with a violation: %d" % len({os.path.basename(v["file"]) for v in violations}))
    pct = lambda x: 100.0 * x / max(total_statements, 1)
    print("statements with a violation: %d (%.1f%%)" % (flagged, pct(flagged)))
    print("statements with a violation other than prefer-robust-stmts: %d (%.1f%%)" % (
        flagged_substantive, pct(flagged_substantive)))
    syntax = by_rule.get("syntax-error", 0)
    print("syntax errors reported by squawk: %d" % syntax)
    print("violations by rule:")
    for rule, n in by_rule.most_common():
        print("  %-40s %7d" % (rule, n))
    return 0


if __name__ == "__main__":
    sys.exit(main())
