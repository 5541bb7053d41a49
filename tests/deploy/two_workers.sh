#!/usr/bin/env bash
# Two `mpadvisor serve` workers on one PostgreSQL case base, behind HAProxy with the shipped
# configuration (docs/deploy/haproxy.cfg), on loopback only. While a load client sends
# POST /v1/rejection through the balancer, `cases import` adds cases. It must show:
#   - no request fails (the load client exits 1 on any non-200 or dropped connection);
#   - both workers answered requests, and report the same kb_version;
#   - after the import commits, both workers give the same similar cases for a message that
#     only the imported cases hold, and those cases are among them.
# Prints the throughput and latency through the balancer. Exit 77 (skipped) when HAProxy or
# PostgreSQL's server is not installed.
#
#   two_workers.sh MPADVISOR SERVE_LOAD SOURCE_DIR [REQUESTS]
set -euo pipefail
mpadvisor="$1"; serve_load="$2"; src="$3"; requests="${4:-20000}"

if ! command -v haproxy >/dev/null; then
  echo "two_workers: HAProxy is not installed (scripts/bootstrap installs it); test skipped"
  exit 77
fi
work="$(mktemp -d)"

pids=()
worker=("$mpadvisor" serve --listen 127.0.0.1:0 --quiet --threads 1)
cleanup() {
  local status=$? pid
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  "$src/scripts/pg-cluster" stop "$work/pg" >/dev/null 2>&1 || true
  rm -rf "$work"
  # A worker left running would hold its port and memory long after the test: look for any
  # by its command line, which also finds one whose pid this shell never learnt.
  if pgrep -f -x "${worker[*]}" >/dev/null; then
    echo "two_workers: FAILED: a worker outlived the test" >&2
    pkill -f -x "${worker[*]}" || true
    status=1
  fi
  exit "$status"
}
trap cleanup EXIT
fail() { echo "two_workers: FAILED: $*" >&2; exit 1; }

set +e
"$src/scripts/pg-cluster" start "$work/pg" >/dev/null
status=$?
set -e
if [ $status -eq 77 ]; then echo "two_workers: PostgreSQL is not installed; test skipped"; exit 77; fi
[ $status -eq 0 ] || fail "the PostgreSQL cluster did not start"
export MPADVISOR_DB="$(cat "$work/pg/url")"
export XDG_DATA_HOME="$work/xdg"

# The case base: created and seeded with the shipped cases by the first command that opens it.
"$mpadvisor" cases stats >/dev/null

# Started in this shell, not in a $(…) subshell, so that cleanup knows the worker's pid.
start_worker() {
  "${worker[@]}" >"$work/$1.out" 2>"$work/$1.err" &
  pids+=($!)
}
port_of() {  # the port worker $1 reports, once it listens
  for _ in $(seq 100); do
    if grep -q '^listening on http://127.0.0.1:' "$work/$1.out"; then
      sed -n 's|^listening on http://127.0.0.1:\([0-9]*\).*|\1|p' "$work/$1.out"
      return
    fi
    sleep 0.1
  done
  cat "$work/$1.err" >&2
}
start_worker worker1
start_worker worker2
port1=$(port_of worker1)
port2=$(port_of worker2)
[ -n "$port1" ] && [ -n "$port2" ] || fail "a worker did not start"
front=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

MPADVISOR_FRONT="127.0.0.1:$front" MPADVISOR_WORKER1="127.0.0.1:$port1" MPADVISOR_WORKER2="127.0.0.1:$port2" \
  haproxy -f "$src/docs/deploy/haproxy.cfg" -db >"$work/haproxy.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do
  curl -sf "http://127.0.0.1:$front/healthz" >/dev/null && break
  sleep 0.1
done
curl -sf "http://127.0.0.1:$front/healthz" >/dev/null || { cat "$work/haproxy.log" >&2; fail "HAProxy does not answer"; }

version1=$(curl -sf "http://127.0.0.1:$port1/healthz" | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["kb_version"])')
version2=$(curl -sf "http://127.0.0.1:$port2/healthz" | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["kb_version"])')
[ -n "$version1" ] && [ "$version1" = "$version2" ] || fail "the workers serve different knowledge: $version1 $version2"

# Cases only this import holds: their messages share the marker 部署演练.
/usr/bin/python3 - "$work/batch.jsonl" <<'PY'
import json, sys
with open(sys.argv[1], "w", encoding="utf-8") as out:
    for k in range(2000):
        out.write(json.dumps({
            "date": "2026-11-%02d" % (1 + k % 28), "stage": "filing.platform_review", "entity": "personal",
            "profile": {"entity": "personal", "name": "部署演练%d号" % k},
            "message": "部署演练第%d号：小程序名称含有部署演练字样，请修改" % k,
            "causes": ["name_commercial"], "fix": None, "outcome": "rejected", "source": "deployment test"},
            ensure_ascii=False) + "\n")
PY
before=$("$mpadvisor" --format json cases stats | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')

"$serve_load" --port "$front" --endpoint rejection --requests "$requests" --connections 16 >"$work/load.out" 2>&1 &
load=$!
sleep 0.3
import_start=$(date +%s.%N)
"$mpadvisor" cases import "$work/batch.jsonl" >"$work/import.out" || fail "the import failed: $(cat "$work/import.out")"
import_end=$(date +%s.%N)
wait "$load" || { cat "$work/load.out" >&2; fail "requests through the balancer failed during the import"; }
cat "$work/load.out"
echo "import        2000 cases in $(/usr/bin/python3 -c "print(round($import_end - $import_start, 2))") s, while the load ran"

after=$("$mpadvisor" --format json cases stats | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')
[ "$after" -eq $((before + 2000)) ] || fail "the case base holds $after cases, expected $((before + 2000))"

ask() {  # the similar cases worker $1 gives for the marker message: id and message per line
  curl -sf -X POST -H 'Content-Type: application/json' \
    -d '{"profile": {"entity": "personal"}, "message": "部署演练第1234号：名称含有部署演练字样", "limit": 5}' \
    "http://127.0.0.1:$1/v1/rejection" |
    /usr/bin/python3 -c 'import json,sys
for c in json.load(sys.stdin)["rejection"]["similar_cases"]: print(c["id"], c["score"], c["message"])'
}
ask "$port1" >"$work/similar1"
ask "$port2" >"$work/similar2"
cmp -s "$work/similar1" "$work/similar2" || { diff "$work/similar1" "$work/similar2" >&2; fail "the workers disagree"; }
grep -q '部署演练第1234号' "$work/similar1" || { cat "$work/similar1" >&2; fail "the imported case is not found"; }

served() {  # requests worker $1 answered, from its Prometheus counters
  curl -sf "http://127.0.0.1:$1/metrics" | awk '/^mpadvisor_requests_total/ {n += $2} END {print n + 0}'
}
served1=$(served "$port1"); served2=$(served "$port2")
echo "workers       answered $served1 and $served2 requests"
[ "$served1" -gt $((requests / 4)) ] && [ "$served2" -gt $((requests / 4)) ] || fail "the balancer did not spread the load"
echo "two_workers: passed"
