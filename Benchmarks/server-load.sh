#!/usr/bin/env bash
# Server under load: `enlace serve` and nginx (serving the same feeds folder statically, as
# docs/FEEDS.md describes) on loopback, each measured the same way with wrk:
#   1. a 5 s warm-up (untimed);
#   2. DURATION s (30) at CONNECTIONS (64) connections, GETs of random paths: every published
#      token plus one unknown, well-formed token for every four (seeded);
#   3. a BURST (1,000) connection burst for BURST_SECONDS (10);
#   4. still answering: a valid token gives 200 with the file's bytes, an unknown one 404.
# For enlace serve also: SIGTERM stops it with exit status 0, and its log holds no token.
#
# Usage: Benchmarks/server-load.sh PROGRAM_DIR [ENLACE_BINARY]     (default .build/release/enlace)
#   PROGRAM_DIR must be published (`enlace feeds`). Needs: apt-get install wrk nginx-light curl
# Output: one RESULT line per run (requests/s, p50, p99, statuses, errors) and a summary table.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
program="$(realpath "$1")"
enlace="$(realpath "${2:-$here/../.build/release/enlace}")"
duration="${DURATION:-30}"
connections="${CONNECTIONS:-64}"
burst="${BURST:-1000}"
burst_seconds="${BURST_SECONDS:-10}"
feeds="$program/calendars/feeds"
[[ -d "$feeds" && -f "$program/out/feeds.csv" ]] || { echo "server-load: $program is not published (run enlace feeds)" >&2; exit 2; }
ulimit -n 16384 2>/dev/null || true

work="$(mktemp -d)"
server=""
cleanup() {
    [[ -n "$server" ]] && kill "$server" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

# The request paths and, for the log check, every token.
python3 - "$program/out/feeds.csv" "$work/paths" "$work/tokens" <<'PY'
import csv, random, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
rng = random.Random(2026)
alphabet = "abcdefghijklmnopqrstuvwxyz234567"
known = {row["token"] for row in rows}
unknown = set()
while len(unknown) < len(known) // 4 + 1:
    token = "".join(rng.choice(alphabet) for _ in range(32))
    if token not in known:
        unknown.add(token)
paths = [f"/feeds/{token}.ics" for token in sorted(known) + sorted(unknown)]
rng.shuffle(paths)
open(sys.argv[2], "w").write("\n".join(paths) + "\n")
open(sys.argv[3], "w").write("\n".join(sorted(known | unknown)) + "\n")
PY
valid="$(python3 -c 'import csv,sys; print(next(csv.DictReader(open(sys.argv[1])))["token"])' "$program/out/feeds.csv")"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

wait_for() {
    for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$1/" && return 0; sleep 0.1; done
    echo "server-load: nothing answers on port $1" >&2; exit 1
}

# load NAME PORT CONNECTIONS SECONDS: one wrk run; prints and keeps its RESULT line.
load() {
    wrk -t2 -c"$3" -d"$4"s --timeout 5s -s "$here/server-load/feeds.lua" "http://127.0.0.1:$2" -- "$work/paths" 7 >"$work/$1.wrk"
    grep RESULT "$work/$1.wrk" | sed "s/^RESULT/$1/" | tee -a "$work/results"
}

# still_answers PORT: a valid token gives the file's bytes, an unknown one 404.
still_answers() {
    curl -s -o "$work/body" -w '%{http_code}' "http://127.0.0.1:$1/feeds/$valid.ics" | grep -qx 200
    cmp -s "$work/body" "$feeds/$valid.ics"
    curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$1/feeds/$(echo "$valid" | rev).ics" | grep -qx 404
    echo "  port $1 still answers after the burst: 200 with the file's bytes, 404 for an unknown token"
}

run_all() { # NAME PORT
    load "$1-warmup" "$2" "$connections" 5 >/dev/null
    load "$1-$connections" "$2" "$connections" "$duration"
    load "$1-burst$burst" "$2" "$burst" "$burst_seconds"
    still_answers "$2"
}

# Both servers read the same files: bring them into the page cache first, so that neither pays
# for the disk (whichever ran first used to).
find "$feeds" -name '*.ics' -print0 | xargs -0 cat >/dev/null

echo "== enlace serve ($enlace)"
port="$(free_port)"
"$enlace" serve --program "$program" --host 127.0.0.1 --port "$port" 2>"$work/enlace.log" &
server=$!
wait_for "$port"
run_all enlace "$port"
kill -TERM "$server"
status=0; wait "$server" || status=$?
server=""
[[ "$status" == 0 ]] || { echo "server-load: enlace serve exited with $status after SIGTERM" >&2; exit 1; }
echo "  SIGTERM: stopped gracefully (exit status 0)"
lines=$(wc -l <"$work/enlace.log")
if grep -F -f "$work/tokens" "$work/enlace.log" >/dev/null; then
    echo "server-load: a token is in enlace serve's log" >&2; exit 1
fi
echo "  log: $lines lines, no token among them"

echo "== nginx ($(nginx -v 2>&1 | sed 's/.*: //'))"
port="$(free_port)"
mkdir -p "$work/nginx/tmp"
sed -e "s|@PREFIX@|$work/nginx|g" -e "s|@FEEDS@|$feeds|g" -e "s|@PORT@|$port|g" "$here/server-load/nginx.conf" >"$work/nginx/nginx.conf"
nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" -e "$work/nginx/error.log" &
server=$!
wait_for "$port"
run_all nginx "$port"
kill -QUIT "$server"; wait "$server" || true
server=""

echo "== summary (errors = connect + read + write + timeouts + statuses other than 200/404)"
printf 'run\trequests/s\tp50 ms\tp99 ms\terrors\n'
while read -r name fields; do
    declare -A f=()
    for pair in $fields; do f[${pair%%=*}]=${pair#*=}; done
    errors=$(( f[connect_errors] + f[read_errors] + f[write_errors] + f[timeouts] + f[status_other] ))
    printf '%s\t%s\t%s\t%s\t%s\n' "$name" "${f[rps]}" "${f[p50_ms]}" "${f[p99_ms]}" "$errors"
done < <(grep -v -- "-warmup " "$work/results")
