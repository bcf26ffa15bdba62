#!/usr/bin/env bash
# How the matcher and the feed writer scale with cores (release builds).
#
# Generates a district in WORKDIR once, then for each core count K runs, pinned to the first K
# cores with `taskset` (every thread of the process shares those cores, so the figure is what K
# cores give, whatever the thread pools' sizes):
#   - `enlace-bench solve`: reading the folder, building the model and each solver stage;
#   - `enlace match` from a fresh database (the whole command);
#   - `enlace feeds`, a first publication of that run, with each phase (ENLACE_FEEDS_TIMINGS=1).
# Prints one Markdown table: every stage and phase with its seconds at each core count and the
# speedup of the largest count over one core (1.0: the stage runs on one core). The machine may be
# shared: the load average is printed before each core count, and only runs taken back to back
# compare.
#
# Usage: Benchmarks/thread-scaling.sh WORKDIR [K ...]        default K: 1 and every count up to nproc
#   Env: SITES (120) MENTORS (3000) PARENTS (60000); ENLACE and ENLACE_BENCH (the release binaries)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(realpath -m "$1")"; shift
enlace="$(realpath "${ENLACE:-$here/../.build/release/enlace}")"
bench="$(realpath "${ENLACE_BENCH:-$here/../.build/release/enlace-bench}")"
counts=("$@")
[[ ${#counts[@]} -gt 0 ]] || mapfile -t counts < <(seq 1 "$(nproc)")
district="$work/district"
now=2026-08-01T12:00:00Z

mkdir -p "$work"
if [[ ! -f "$work/generated" ]]; then
    rm -rf "$district"
    "$enlace" generate "$district" --sites "${SITES:-120}" --mentors "${MENTORS:-3000}" --parents "${PARENTS:-60000}" >/dev/null
    touch "$work/generated"
fi

for k in "${counts[@]}"; do
    cpus="0-$((k - 1))"
    echo "$k cores: load average before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
    taskset -c "$cpus" "$bench" solve --program "$district" >"$work/solve-$k.json" 2>"$work/solve-$k.txt"
    rm -rf "$district/enlace.sqlite" "$district/enlace.sqlite-wal" "$district/enlace.sqlite-shm" "$district/out" "$district/calendars/feeds"
    /usr/bin/time -f '%e %U %S' -o "$work/match-$k.time" taskset -c "$cpus" "$enlace" match --program "$district" --now "$now" >/dev/null 2>&1
    ENLACE_FEEDS_TIMINGS=1 /usr/bin/time -f '%e %U %S' -o "$work/feeds-$k.time" \
        taskset -c "$cpus" "$enlace" feeds --program "$district" --now "$now" >/dev/null 2>"$work/feeds-$k.txt"
done

python3 - "$work" "${counts[@]}" <<'PY'
import json, re, sys
work, counts = sys.argv[1], sys.argv[2:]

def stages(k):
    """(name, seconds) of every matcher stage and feeds phase, in order, for K cores."""
    rows = []
    solved = json.load(open(f"{work}/solve-{k}.json"))
    rows += [("solve: reading the folder", solved["read_seconds"]), ("solve: building the model", solved["model_seconds"])]
    for line in open(f"{work}/solve-{k}.txt"):
        m = re.match(r"\s*(\d+) ms  (.+?)(?:  score -?\d+)?$", line.rstrip())
        if m:
            label = re.sub(r"\b\d+\b", "N", re.split(r"[(:]", m.group(2))[0]).strip()
            rows.append(("solve: " + re.sub(r" N$", "", label), int(m.group(1)) / 1000))
    for line in open(f"{work}/feeds-{k}.txt"):
        m = re.match(r"timing (.+?): ([\d.]+) s$", line.rstrip())
        if m and not m.group(1).startswith("publish (the phases"):
            rows.append(("feeds: " + re.sub(r" \(\d+ pieces\)", "", m.group(1)), float(m.group(2))))
    for command in ("match", "feeds"):
        wall, user, system = map(float, open(f"{work}/{command}-{k}.time").read().split())
        rows.append((f"whole `enlace {command}` (CPU {user + system:.1f} s)", wall))
    return rows

table = {k: stages(k) for k in counts}
first, last = counts[0], counts[-1]
print("| stage | " + " | ".join(f"{k} core{'s' if k != '1' else ''}" for k in counts) + f" | speedup {last}/{first} |")
print("|---|" + "---|" * (len(counts) + 1))
for index, (name, _) in enumerate(table[first]):
    times = [table[k][index][1] if index < len(table[k]) else float("nan") for k in counts]
    label = re.sub(r" \(CPU [\d.]+ s\)", "", name)
    speedup = times[0] / times[-1] if times[-1] > 0 else float("nan")
    cells = []
    for k, t in zip(counts, times):
        cpu = re.search(r"\(CPU ([\d.]+) s\)", table[k][index][0]) if index < len(table[k]) else None
        cells.append(f"{t:.2f} s" + (f" (CPU {cpu.group(1)} s)" if cpu else ""))
    print(f"| {label} | " + " | ".join(cells) + f" | {speedup:.2f} |")
PY
