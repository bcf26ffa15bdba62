# Shared by Benchmarks/server-load.sh and Benchmarks/server-slow-clients.sh (sourced, not run).
# Expects: $here (Benchmarks/), $work (a scratch folder), $program (a published program folder).

# The request paths (every published feed token plus one unknown, well-formed token per four,
# shuffled with a fixed seed) in $work/paths, every token in $work/tokens (for the log check), and
# one valid token in $valid.
prepare_paths() {
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
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

wait_for() { # PORT
    for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$1/" && return 0; sleep 0.1; done
    echo "nothing answers on port $1" >&2; exit 1
}

# wait_for_line FILE TEXT SECONDS: waits until FILE holds TEXT.
wait_for_line() {
    for _ in $(seq $(( $3 * 10 ))); do grep -q -- "$2" "$1" 2>/dev/null && return 0; sleep 0.1; done
    echo "\"$2\" did not appear in $1 within $3 s" >&2; exit 1
}

# cpu_ticks PID...: CPU time (user + system, in clock ticks) of the processes and their children
# threads, e.g. nginx's master and workers.
cpu_ticks() {
    local total=0 pid
    for pid in "$@" $(for p in "$@"; do pgrep -P "$p"; done); do
        [[ -r /proc/$pid/stat ]] || continue
        total=$(( total + $(awk '{print $14 + $15}' "/proc/$pid/stat") ))
    done
    echo "$total"
}

# load NAME PORT CONNECTIONS SECONDS ENCODING [SERVER_PID]: one wrk run (2 threads, GETs of random
# paths, Accept-Encoding: gzip when ENCODING is gzip); prints and keeps its RESULT line in
# $work/results, with the server's CPU time per request (cpu_us) when SERVER_PID is given: a
# figure that depends much less than requests per second on what else the machine is doing.
load() {
    local header=() before=0
    [[ "$5" == gzip ]] && header=(-H "Accept-Encoding: gzip")
    [[ -n "${6:-}" ]] && before=$(cpu_ticks "$6")
    wrk -t2 -c"$3" -d"$4"s --timeout 5s "${header[@]}" -s "$here/server-load/feeds.lua" "http://127.0.0.1:$2" -- "$work/paths" 7 >"$work/$1.wrk"
    local cpu=""
    if [[ -n "${6:-}" ]]; then
        local ticks=$(( $(cpu_ticks "$6") - before )) requests
        requests=$(grep -o 'requests=[0-9]*' "$work/$1.wrk" | head -1 | cut -d= -f2)
        cpu=" cpu_us=$(( ticks * 1000000 / $(getconf CLK_TCK) / (requests > 0 ? requests : 1) ))"
    fi
    grep RESULT "$work/$1.wrk" | sed "s/^RESULT/$1/; s/\$/$cpu/" | tee -a "$work/results"
}

# still_answers PORT: a valid token gives the file's bytes (plain and gzip), an unknown one 404.
still_answers() {
    curl -s -o "$work/body" -w '%{http_code}' "http://127.0.0.1:$1/feeds/$valid.ics" | grep -qx 200
    cmp -s "$work/body" "$program/calendars/feeds/$valid.ics"
    curl -s --compressed -o "$work/body" -w '%{http_code}' "http://127.0.0.1:$1/feeds/$valid.ics" | grep -qx 200
    cmp -s "$work/body" "$program/calendars/feeds/$valid.ics"
    curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$1/feeds/$(echo "$valid" | rev).ics" | grep -qx 404
    echo "  port $1 still answers: 200 with the file's bytes (plain and gzip), 404 for an unknown token"
}

# no_token_in LOG: fails when any token (or unknown token requested) is in LOG.
no_token_in() {
    if grep -F -f "$work/tokens" "$1" >/dev/null; then echo "a token is in $1" >&2; exit 1; fi
    echo "  log: $(wc -l <"$1") lines, no token among them"
}

# summary: one row per RESULT line (errors = connect + read + write + timeouts + statuses other
# than 200/404).
summary() {
    printf 'run\trequests/s\tp50 ms\tp99 ms\terrors\tgzip 200s\tCPU µs/request\n'
    while read -r name fields; do
        declare -A f=()
        for pair in $fields; do f[${pair%%=*}]=${pair#*=}; done
        errors=$(( f[connect_errors] + f[read_errors] + f[write_errors] + f[timeouts] + f[status_other] ))
        printf '%s\t%s\t%s\t%s\t%s\t%s/%s\t%s\n' "$name" "${f[rps]}" "${f[p50_ms]}" "${f[p99_ms]}" "$errors" "${f[gzip_200]}" "${f[status_200]}" "${f[cpu_us]:-}"
    done < <(grep -v -- "-warmup " "$work/results")
}
