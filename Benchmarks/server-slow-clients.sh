#!/usr/bin/env bash
# enlace serve against misbehaving clients beside normal ones, on loopback:
#   1. baseline: wrk for DURATION s (30) at CONNECTIONS (256) connections, gzip, random paths
#      (every published token plus one unknown per four), after a 3 s warm-up;
#   2. the same wrk run while server-load/slow_clients.py holds SLOW (2,000) slow-header
#      connections (one byte a second, never finishing: slowloris), SILENT (1,100) connections
#      that send nothing and IDLE (500) that send one request and then stay silent, each
#      reconnecting as soon as the server closes it;
#   3. enlace serve still answers, stops with exit status 0 on SIGTERM, and logs no token.
# Passes when the normal requests under attack have no error at all (no timeout, no refused or
# reset connection, no status other than 200/404), and the server closed the slow and silent
# connections after its header timeout and the idle ones after its idle timeout (the median life,
# with 5 s of slack: a life counts from the client's connect, and on a loaded machine a connection
# waits in the kernel's accept queue before the server's clock starts). SERVE_OPTIONS passes options to enlace serve (e.g. "--header-timeout 5").
# The defaults reproduce the attack of issue 27 (1,100 silent or 2,000 slow-header connections
# made nearly every normal request time out) at once, within the default connection cap (4,096).
#
# Usage: Benchmarks/server-slow-clients.sh PROGRAM_DIR [ENLACE_BINARY]   (default .build/release/enlace)
#   PROGRAM_DIR must be published (`enlace feeds`). Needs: apt-get install wrk curl; python3.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
program="$(realpath "$1")"
enlace="$(realpath "${2:-$here/../.build/release/enlace}")"
duration="${DURATION:-30}"
connections="${CONNECTIONS:-256}"
slow="${SLOW:-2000}"
silent="${SILENT:-1100}"
idle="${IDLE:-500}"
header_timeout=10
idle_timeout=30
read -r -a serve_options <<<"${SERVE_OPTIONS:-}"
for ((i = 0; i < ${#serve_options[@]}; i++)); do
    case "${serve_options[$i]}" in
        --header-timeout) header_timeout="${serve_options[$((i + 1))]}" ;;
        --idle-timeout) idle_timeout="${serve_options[$((i + 1))]}" ;;
    esac
done
[[ -d "$program/calendars/feeds" && -f "$program/out/feeds.csv" ]] || { echo "server-slow-clients: $program is not published (run enlace feeds)" >&2; exit 2; }
ulimit -n 16384 2>/dev/null || true

work="$(mktemp -d)"
server=""
attackers=""
cleanup() {
    [[ -n "$attackers" ]] && kill "$attackers" 2>/dev/null || true
    [[ -n "$server" ]] && kill "$server" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
# shellcheck source=server-load/lib.sh
source "$here/server-load/lib.sh"
prepare_paths
find "$program/calendars/feeds" -maxdepth 1 -name '*.ics' -print0 | xargs -0 cat >/dev/null

port="$(free_port)"
"$enlace" serve --program "$program" --host 127.0.0.1 --port "$port" "${serve_options[@]}" 2>"$work/enlace.log" &
server=$!
wait_for "$port"
wait_for_line "$work/enlace.log" "feeds: .* files ready" 600
echo "== enlace serve ($enlace ${serve_options[*]}) on port $port; header timeout ${header_timeout} s, idle ${idle_timeout} s; load $(cut -d' ' -f1-3 /proc/loadavg)"

load baseline-warmup "$port" "$connections" 3 gzip >/dev/null
echo "-- baseline"
load baseline "$port" "$connections" "$duration" gzip

echo "-- under attack: $slow slow-header, $silent silent, $idle idle connections"
python3 "$here/server-load/slow_clients.py" 127.0.0.1 "$port" $((duration + 25)) \
    --slow "$slow" --silent "$silent" --idle "$idle" --path "/feeds/$valid.ics" >"$work/attack" &
attackers=$!
sleep 10  # every attacking connection open (and the first silent ones already closed once)
load under-attack "$port" "$connections" "$duration" gzip
wait "$attackers"
attackers=""
cat "$work/attack"
still_answers "$port"

kill -TERM "$server"
status=0; wait "$server" || status=$?
server=""
[[ "$status" == 0 ]] || { echo "server-slow-clients: enlace serve exited with $status after SIGTERM" >&2; exit 1; }
echo "  SIGTERM: stopped gracefully (exit status 0)"
no_token_in "$work/enlace.log"

echo "== summary"
summary
python3 - "$work/results" "$work/attack" "$header_timeout" "$idle_timeout" <<'PY'
import sys
results = {}
for line in open(sys.argv[1]):
    name, *fields = line.split()
    results[name] = {k: float(v) for k, v in (f.split("=") for f in fields)}
attack = {}
for line in open(sys.argv[2]):
    fields = dict(f.split("=") for f in line.split()[1:])
    kind = fields.pop("kind")
    attack[kind] = {k: float(v) for k, v in fields.items()}
header, idle = float(sys.argv[3]), float(sys.argv[4])
under = results["under-attack"]
errors = sum(under[k] for k in ("connect_errors", "read_errors", "write_errors", "timeouts", "status_other"))
failures = []
if errors:
    failures.append(f"{errors:.0f} normal requests failed under attack")
limits = {"slow": header, "silent": header, "idle": idle}
for kind, values in attack.items():
    if values["median_life_s"] > limits[kind] + 5:
        failures.append(f"{kind} connections lived {values['median_life_s']} s (median; limit {limits[kind]} s)")
    if values["closed_by_server"] == 0:
        failures.append(f"no {kind} connection was closed by the server")
base = results["baseline"]
print(f"under attack: {under['rps']:.0f} requests/s ({under['rps'] / base['rps']:.0%} of the baseline's {base['rps']:.0f}), "
      f"p99 {under['p99_ms']} ms (baseline {base['p99_ms']} ms), {errors:.0f} errors")
if failures:
    print("FAILED: " + "; ".join(failures))
    sys.exit(1)
print("passed: every normal request answered; slow and silent clients closed after the header timeout, idle ones after the idle timeout")
PY
