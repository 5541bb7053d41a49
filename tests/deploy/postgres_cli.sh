#!/usr/bin/env bash
# The command line on a PostgreSQL case base, against the same commands on SQLite:
#   - MPADVISOR_DB=postgresql://… cases import kb/cases/seed_cases.jsonl, then cases stats,
#     gives the same total and statistics as with a SQLite file;
#   - cases similar, cases list, diagnose --rejection, cases replay (which writes each case's
#     diagnosis back while it reads the cases) and kb impact give the same answers on both;
#   - a URL's password never reaches the output: an unreachable server is exit 3, with the
#     URL shown as postgresql://user:***@…
# Exit 77 (skipped) when PostgreSQL's server is not installed.
#
#   postgres_cli.sh MPADVISOR SOURCE_DIR
set -euo pipefail
mpadvisor="$1"; src="$2"
work="$(mktemp -d)"

trap '"$src/scripts/pg-cluster" stop "$work/pg" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
fail() { echo "postgres_cli: FAILED: $*" >&2; exit 1; }

set +e
"$src/scripts/pg-cluster" start "$work/pg" >/dev/null
status=$?
set -e
if [ $status -eq 77 ]; then echo "postgres_cli: PostgreSQL is not installed; test skipped"; exit 77; fi
[ $status -eq 0 ] || fail "the PostgreSQL cluster did not start"
url="$(cat "$work/pg/url")"
export XDG_DATA_HOME="$work/xdg"
cd "$src"

# A KB edit for kb impact: the shipped KB without 火锅 among the commercial words, and a case
# that needed it.
cp -r kb "$work/kb-edited"
sed -i '/"火锅"/d' "$work/kb-edited/lexicons/commercial.mpk"
cat >"$work/hotpot.jsonl" <<'JSONL'
{"date": "2026-11-01", "stage": "filing.platform_review", "entity": "personal", "profile": {"entity": "personal", "name": "火锅学习笔记"}, "message": "名称含商业词汇", "causes": ["name_commercial"], "fix": null, "outcome": "rejected", "source": "test"}
JSONL

run_on() {  # run_on postgres|sqlite ARGS…: the command on one backend (MPADVISOR_DB, or --db FILE)
  local backend="$1"; shift
  if [ "$backend" = postgres ]; then MPADVISOR_DB="$url" "$mpadvisor" "$@"; else "$mpadvisor" --db "$work/cases.db" "$@"; fi
}
for backend in postgres sqlite; do
  run_on $backend cases import kb/cases/seed_cases.jsonl >"$work/import.$backend" || fail "import on $backend"
  run_on $backend cases import "$work/hotpot.jsonl" >>"$work/import.$backend" || fail "import on $backend"
  run_on $backend --format json cases stats >"$work/stats.$backend"
  run_on $backend --format json cases list >"$work/list.$backend"
  for query in 名称含有商业词汇 审核 名称商业 "test account" 个人主体不支持; do
    run_on $backend --format json cases similar "$query" --limit 10
  done >"$work/similar.$backend"
  set +e
  run_on $backend --format json --lang en diagnose kb/examples/yoga_name_rejected.json \
    --rejection "小程序名称含有商业性质词汇，请修改" >"$work/rejection.$backend"
  run_on $backend --format json cases replay --record >"$work/replay.$backend"
  run_on $backend --format json kb impact --base kb --kb "$work/kb-edited" >"$work/impact.$backend"
  set -e
  run_on $backend --format json cases show 1 >"$work/show.$backend"  # the recorded diagnosis
done
for what in stats list similar rejection replay impact show; do
  cmp -s "$work/$what.postgres" "$work/$what.sqlite" || { diff "$work/$what.postgres" "$work/$what.sqlite" | head -20 >&2; fail "$what differs"; }
done
total=$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["total"])' "$work/stats.postgres")
[ "$total" -gt 0 ] || fail "no cases on PostgreSQL"
grep -q '"changed": \[\]' "$work/impact.postgres" && fail "kb impact found no change on PostgreSQL"
grep -q '"diagnosis"' "$work/show.postgres" || fail "cases replay --record stored no diagnosis on PostgreSQL"
echo "same answers on both backends ($total cases)"

set +e
out=$("$mpadvisor" --db "postgresql://postgres:s3cret-pw@127.0.0.1:1/none?connect_timeout=2" cases stats 2>&1)
status=$?
set -e
[ $status -eq 3 ] || fail "an unreachable server gave exit $status, not 3: $out"
case "$out" in *s3cret-pw*) fail "the password was printed: $out" ;; esac
case "$out" in *"postgres:***@127.0.0.1:1"*) ;; *) fail "the URL is not shown without its password: $out" ;; esac
[ "$(printf '%s\n' "$out" | wc -l)" -eq 1 ] || fail "not a one-line message: $out"
echo "postgres_cli: passed"
