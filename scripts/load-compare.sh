#!/usr/bin/env bash
# `make load-compare`: the same `make load` scenario against an old commit and this checkout, back to back on
# this machine, then both summaries side by side with a per-endpoint table (issue 18's acceptance run).
#
# The old commit (LOAD_COMPARE_BASE, default 3ba65df: the figures of docs/PERFORMANCE.md before issue 18) is
# exported with `git archive` into a temporary folder and served by scripts/load.sh with LOAD_APP_DIR: its own
# code, templates and data, this checkout's virtualenv (same library versions) and locust scenario. Results:
# var/load/compare/{old,new}/ (locust CSV files and the server's summary). Every LOAD_* knob of load.sh
# applies to both runs. Exit status: 0 when the new run meets the targets (p95 ≤ 1 s overall, at least 2× the
# old requests per second, no errors), 1 otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
base=${LOAD_COMPARE_BASE:-3ba65dff9abf3d4f8f8aea4f5a7a4e2817aab085}
out=var/load/compare
old_tree=$(mktemp -d -t skillsnet-old-XXXXXX)
trap 'rm -rf "$old_tree"' EXIT

git cat-file -e "$base^{commit}" 2>/dev/null || { echo "load-compare: no commit $base in this repository." >&2; exit 2; }
echo "==> exporting $base into $old_tree"
git archive "$base" | tar -x -C "$old_tree"
mkdir -p "$out/old" "$out/new"

echo "==> old: $(git log -1 --format='%h %s' "$base" | cut -c1-100)"
LOAD_APP_DIR="$old_tree" LOAD_RESULTS="$out/old" scripts/load.sh 2>&1 | tee "$out/old/summary.txt" || true
echo "==> new: $(git log -1 --format='%h %s' HEAD | cut -c1-100)$(git diff --quiet HEAD -- src || echo ' (with uncommitted changes)')"
LOAD_RESULTS="$out/new" scripts/load.sh 2>&1 | tee "$out/new/summary.txt" || true

.venv/bin/python - "$out/old/load_stats.csv" "$out/new/load_stats.csv" "$base" <<'PY'
import csv
import sys

def read(path):
    try:
        rows = list(csv.DictReader(open(path)))
    except FileNotFoundError:
        sys.exit(f"load-compare: {path} is missing: that run failed (see its summary.txt).")
    out = {}
    for row in rows:
        name = "all requests" if row["Name"] == "Aggregated" else f"{row['Type']} {row['Name']}"
        out[name] = row
    return out

old, new = read(sys.argv[1]), read(sys.argv[2])
names = [n for n in new if n != "all requests"] + [n for n in old if n not in new and n != "all requests"]
names.append("all requests")
print(f"\n{'endpoint':50} | {'old n':>6} {'p50':>6} {'p95':>6} | {'new n':>6} {'p50':>6} {'p95':>6} | p95 old/new")
print("-" * 112)
for name in names:
    o, n = old.get(name), new.get(name)
    def cells(row):
        return (f"{row['Request Count']:>6} {row['50%']:>6} {row['95%']:>6}" if row else f"{'-':>6} {'-':>6} {'-':>6}")
    ratio = ""
    if o and n and float(n["95%"] or 0) > 0:
        ratio = f"{float(o['95%']) / float(n['95%']):.1f}×"
    if name == "all requests":
        print("-" * 112)
    print(f"{name[:50]:50} | {cells(o)} | {cells(n)} | {ratio:>6}")
to, tn = old["all requests"], new["all requests"]
rps_old, rps_new = float(to["Requests/s"]), float(tn["Requests/s"])
fail_old, fail_new = int(to["Failure Count"]), int(tn["Failure Count"])
p95_new = float(tn["95%"])
print(f"\nold ({sys.argv[3][:7]}): {to['Request Count']} requests, {rps_old:.1f} req/s, p50 {to['50%']} ms, "
      f"p95 {to['95%']} ms, {fail_old} failed")
print(f"new (this checkout): {tn['Request Count']} requests, {rps_new:.1f} req/s, p50 {tn['50%']} ms, "
      f"p95 {tn['95%']} ms, {fail_new} failed")
ratio = rps_new / rps_old if rps_old else float("inf")
checks = [
    (p95_new <= 1000, f"new p95 ≤ 1 s overall: {p95_new:.0f} ms"),
    (ratio >= 2, f"new requests per second ≥ 2× old: {ratio:.2f}×"),
    (fail_new == 0, f"new run without errors: {fail_new} failed"),
]
for ok, line in checks:
    print(f"  {'ok  ' if ok else 'MISS'} {line}")
sys.exit(0 if all(ok for ok, _ in checks) else 1)
PY
