#!/usr/bin/env bash
# Server under load: `enlace serve` and nginx (serving the same feeds folder statically, as
# docs/FEEDS.md describes, with gzip_static and a .gz beside each feed) on loopback, measured the
# same way with wrk, back to back:
#   for each of ROUNDS (3) rounds, for each encoding of ENCODINGS ("gzip identity"), both servers
#   one after the other (the order alternates from round to round, so a machine getting busier or
#   quieter does not favour one): a 3 s warm-up (untimed), then DURATION s (20) at CONNECTIONS
#   (256) connections, GETs of random paths: every published token plus one unknown, well-formed
#   token for every four (seeded), with `Accept-Encoding: gzip` for the gzip runs;
#   then once per server a BURST (1,000) connection burst for BURST_SECONDS (10) (BURST=0 skips
#   it), and a check that a valid token still gives the file's bytes and an unknown one 404.
# For enlace serve also: SIGTERM stops it with exit status 0, and its log holds no token.
# Both servers run throughout (the idle one costs nothing); enlace serve is loaded only once it
# logs that it has read and compressed every feed.
#
# Usage: Benchmarks/server-load.sh PROGRAM_DIR [ENLACE_BINARY]     (default .build/release/enlace)
#   PROGRAM_DIR must be published (`enlace feeds`). Needs: apt-get install wrk nginx-light curl
# Output: one RESULT line per run (requests/s, p50, p99, statuses, errors), a table, and for each
# encoding enlace serve's requests per second as a share of nginx's in each round and overall.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
program="$(realpath "$1")"
enlace="$(realpath "${2:-$here/../.build/release/enlace}")"
duration="${DURATION:-20}"
connections="${CONNECTIONS:-256}"
rounds="${ROUNDS:-3}"
encodings="${ENCODINGS:-gzip identity}"
burst="${BURST:-1000}"
burst_seconds="${BURST_SECONDS:-10}"
feeds="$program/calendars/feeds"
[[ -d "$feeds" && -f "$program/out/feeds.csv" ]] || { echo "server-load: $program is not published (run enlace feeds)" >&2; exit 2; }
ulimit -n 16384 2>/dev/null || true

work="$(mktemp -d)"
enlace_pid=""
nginx_pid=""
cleanup() {
    [[ -n "$enlace_pid" ]] && kill "$enlace_pid" 2>/dev/null || true
    [[ -n "$nginx_pid" ]] && kill -QUIT "$nginx_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
# shellcheck source=server-load/lib.sh
source "$here/server-load/lib.sh"
prepare_paths

# nginx's folder: the same files (hard links) with TOKEN.ics.gz beside each, compressed once at
# level 9 as enlace serve compresses; then every file read once, so that neither server pays for
# the disk (whichever ran first used to).
# nginx's workers run as another user: they must reach the folder (not list $work).
chmod 711 "$work"
mkdir -m 755 "$work/static"
find "$feeds" -maxdepth 1 -name '*.ics' -exec ln -t "$work/static" {} +
python3 - "$work/static" <<'PY'
import gzip, os, sys
folder = sys.argv[1]
for name in os.listdir(folder):
    data = open(os.path.join(folder, name), "rb").read()
    with open(os.path.join(folder, name + ".gz"), "wb") as out:
        out.write(gzip.compress(data, compresslevel=9, mtime=0))
PY
find "$work/static" -type f -print0 | xargs -0 cat >/dev/null
echo "feeds: $(find "$feeds" -maxdepth 1 -name '*.ics' | wc -l) files, $(du -sh --apparent-size "$feeds" | cut -f1) plain, $(find "$work/static" -name '*.gz' -print0 | du -ch --apparent-size --files0-from=- | tail -1 | cut -f1) gzip"

enlace_port="$(free_port)"
"$enlace" serve --program "$program" --host 127.0.0.1 --port "$enlace_port" 2>"$work/enlace.log" &
enlace_pid=$!
wait_for "$enlace_port"
wait_for_line "$work/enlace.log" "feeds: .* files ready" 600
grep "files ready" "$work/enlace.log" | sed 's/^.*feeds:/  enlace serve: feeds:/'

nginx_port="$(free_port)"
mkdir -p "$work/nginx/tmp"
sed -e "s|@PREFIX@|$work/nginx|g" -e "s|@FEEDS@|$work/static|g" -e "s|@PORT@|$nginx_port|g" "$here/server-load/nginx.conf" >"$work/nginx/nginx.conf"
nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" -e "$work/nginx/error.log" &
nginx_pid=$!
wait_for "$nginx_port"
echo "== enlace serve ($enlace) on port $enlace_port, nginx $(nginx -v 2>&1 | sed 's/.*: //') on port $nginx_port; load $(cut -d' ' -f1-3 /proc/loadavg)"

measure() { # SERVER PORT ROUND ENCODING PID
    load "$1-$4-warmup" "$2" "$connections" 3 "$4" >/dev/null
    load "$1-$4-c$connections-r$3" "$2" "$connections" "$duration" "$4" "$5"
}
for round in $(seq "$rounds"); do
    for encoding in $encodings; do
        if (( round % 2 == 1 )); then
            measure enlace "$enlace_port" "$round" "$encoding" "$enlace_pid"; measure nginx "$nginx_port" "$round" "$encoding" "$nginx_pid"
        else
            measure nginx "$nginx_port" "$round" "$encoding" "$nginx_pid"; measure enlace "$enlace_port" "$round" "$encoding" "$enlace_pid"
        fi
    done
done
if (( burst > 0 )); then
    load "enlace-gzip-burst$burst" "$enlace_port" "$burst" "$burst_seconds" gzip
    load "nginx-gzip-burst$burst" "$nginx_port" "$burst" "$burst_seconds" gzip
fi
still_answers "$enlace_port"
still_answers "$nginx_port"

kill -TERM "$enlace_pid"
status=0; wait "$enlace_pid" || status=$?
enlace_pid=""
[[ "$status" == 0 ]] || { echo "server-load: enlace serve exited with $status after SIGTERM" >&2; exit 1; }
echo "  SIGTERM: enlace serve stopped gracefully (exit status 0)"
no_token_in "$work/enlace.log"
kill -QUIT "$nginx_pid"; wait "$nginx_pid" || true
nginx_pid=""

echo "== summary (errors = connect + read + write + timeouts + statuses other than 200/404)"
summary
echo "== enlace serve against nginx (same round, same encoding): requests per second, and CPU per request (higher is better for enlace)"
python3 - "$work/results" "$rounds" "$encodings" <<'PY'
import statistics, sys
rps, cpu = {}, {}
for line in open(sys.argv[1]):
    name, *fields = line.split()
    if "-warmup" in name or "burst" in name:
        continue
    values = dict(field.split("=") for field in fields)
    server, encoding, _, round_ = name.split("-")
    rps[(server, encoding, round_)] = float(values["rps"])
    cpu[(server, encoding, round_)] = float(values["cpu_us"])
rounds = [f"r{r}" for r in range(1, int(sys.argv[2]) + 1)]
for encoding in sys.argv[3].split():
    shares = [rps[("enlace", encoding, r)] / rps[("nginx", encoding, r)] for r in rounds]
    costs = [cpu[("nginx", encoding, r)] / cpu[("enlace", encoding, r)] for r in rounds]
    print(f"{encoding}: requests/s {', '.join(f'{share:.0%}' for share in shares)} (median {statistics.median(shares):.0%}); "
          f"nginx's CPU per request / enlace's {', '.join(f'{cost:.0%}' for cost in costs)} (median {statistics.median(costs):.0%})")
PY
