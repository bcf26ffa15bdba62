#!/usr/bin/env python3
"""A stored run for a district too large to match in one go, for the feed benchmark
(Benchmarks/feeds-benchmark.sh).

split PROGRAM CHUNKS [--max-parents N]
    Writes CHUNKS/NNN/, complete programs of consecutive sites (sites.csv order) with at most N
    parents (1,200; a larger site is cut into pieces, its parents and mentors dealt round-robin):
    those sites, the mentors whose first site
    is among them (their other sites outside the chunk dropped; virtual-only mentors dealt
    round-robin), the parents of those sites, the same enlace.toml, blackouts and the sites'
    open-house calendars.
merge PROGRAM CHUNKS
    After `enlace match` in every chunk and `enlace import` of PROGRAM: merges the chunks'
    out/schedule.json into one schedule and stores it as a run (with every parent's assignment)
    in PROGRAM/enlace.sqlite, as `enlace match` would.
"""
import argparse
import csv
import datetime
import json
import os
import shutil
import sqlite3


def read_rows(path):
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        return header, list(reader)


def write_rows(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def split(program, chunks, max_parents):
    site_header, sites = read_rows(os.path.join(program, "data", "sites.csv"))
    mentor_header, mentors = read_rows(os.path.join(program, "data", "mentors.csv"))
    parent_header, parents = read_rows(os.path.join(program, "data", "parents.csv"))
    mentor_sites = mentor_header.index("sites")
    parent_site = parent_header.index("site")
    per_site = {}
    for row in parents:
        per_site[row[parent_site]] = per_site.get(row[parent_site], 0) + 1
    # Sites in sites.csv order, packed into chunks of at most max_parents parents; a larger site
    # is cut into pieces (its parents and its mentors dealt round-robin), each piece a chunk.
    groups, current, count = [], [], 0
    for row in sites:
        size = per_site.get(row[0], 0)
        if size > max_parents:
            pieces = -(-size // max_parents)
            groups += [[(row, piece, pieces)] for piece in range(pieces)]
            continue
        if current and count + size > max_parents:
            groups.append(current)
            current, count = [], 0
        current.append((row, 0, 1))
        count += size
    if current:
        groups.append(current)
    first_site = {}
    for index, row in enumerate(mentors):
        listed = [site for site in row[mentor_sites].split(";") if site]
        first_site[index] = listed[0] if listed else None
    mentor_rank, parent_rank = {}, {}
    seen = {}
    for index in range(len(mentors)):
        site = first_site[index]
        mentor_rank[index] = seen.get(site, 0)
        seen[site] = mentor_rank[index] + 1
    seen = {}
    for index, row in enumerate(parents):
        parent_rank[index] = seen.get(row[parent_site], 0)
        seen[row[parent_site]] = parent_rank[index] + 1
    siteless = 0
    for number, group in enumerate(groups):
        ids = [row[0] for row, _, _ in group]
        piece_of = {row[0]: (piece, pieces) for row, piece, pieces in group}
        folder = os.path.join(chunks, f"{number:03d}")
        os.makedirs(os.path.join(folder, "data"))
        os.makedirs(os.path.join(folder, "calendars", "open-houses"))
        shutil.copy(os.path.join(program, "enlace.toml"), folder)
        shutil.copy(os.path.join(program, "calendars", "blackouts.ics"), os.path.join(folder, "calendars"))
        for site in ids:
            source = os.path.join(program, "calendars", "open-houses", site + ".ics")
            if os.path.exists(source):
                shutil.copy(source, os.path.join(folder, "calendars", "open-houses"))
        write_rows(os.path.join(folder, "data", "sites.csv"), site_header, [row for row, _, _ in group])

        def in_piece(site, rank):
            piece, pieces = piece_of[site]
            return rank % pieces == piece

        chunk_mentors = []
        for index, row in enumerate(mentors):
            listed = [site for site in row[mentor_sites].split(";") if site]
            # Mentors without a site (virtual only) are dealt round-robin.
            if (listed and listed[0] in ids and in_piece(listed[0], mentor_rank[index])) or (not listed and index % len(groups) == number):
                row = list(row)
                row[mentor_sites] = ";".join(site for site in listed if site in ids)
                chunk_mentors.append(row)
                siteless += not listed
        write_rows(os.path.join(folder, "data", "mentors.csv"), mentor_header, chunk_mentors)
        write_rows(os.path.join(folder, "data", "parents.csv"), parent_header,
                   [row for index, row in enumerate(parents) if row[parent_site] in ids and in_piece(row[parent_site], parent_rank[index])])
    print(f"split into {len(groups)} chunks of at most {max_parents} parents (or one large site); "
          f"{siteless} virtual-only mentors dealt round-robin")


def merge(program, chunks):
    schedules = []
    for name in sorted(os.listdir(chunks)):
        with open(os.path.join(chunks, name, "out", "schedule.json"), encoding="utf-8") as handle:
            schedules.append(json.load(handle))
    merged = dict(schedules[0])
    total = sum(s["score"]["total"] for s in schedules)
    bound = sum(s["score"]["bound"] for s in schedules)
    terms = {}
    for schedule in schedules:
        for name, value in schedule["score"]["terms"].items():
            terms[name] = terms.get(name, 0) + value
    merged["score"] = {"total": total, "bound": bound, "gap": round((bound - total) / bound, 6) if bound else 0, "terms": terms}
    merged["groups"] = sorted((g for s in schedules for g in s["groups"]), key=lambda g: g["id"])
    merged["unmatched"] = [u for s in schedules for u in s.get("unmatched", [])]
    text = json.dumps(merged, ensure_ascii=False, separators=(",", ":"))
    group_of = {p: g for g in merged["groups"] if g["kind"] == "weekly" for p in g["parents"]}
    _, parents = read_rows(os.path.join(program, "data", "parents.csv"))
    db = sqlite3.connect(os.path.join(program, "enlace.sqlite"))
    fingerprint, = db.execute("SELECT fingerprint FROM imports ORDER BY id DESC LIMIT 1").fetchone()
    with open(os.path.join(program, "enlace.toml"), encoding="utf-8") as handle:
        settings = handle.read()
    matched = sum(1 for row in parents if row[0] in group_of)
    weekly = sum(1 for g in merged["groups"] if g["kind"] == "weekly")
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    cursor = db.execute("INSERT INTO runs (created_at, fingerprint, settings_toml, score, bound, parents, matched, groups, schedule_json)"
                        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (now, fingerprint, settings, total, bound, len(parents), matched, weekly, text))
    run = cursor.lastrowid
    db.executemany("INSERT INTO run_assignments (run_id, parent_id, mentor_id, group_id) VALUES (?, ?, ?, ?)",
                   [(run, row[0], group_of[row[0]]["mentor"] if row[0] in group_of else None,
                     group_of[row[0]]["id"] if row[0] in group_of else None) for row in parents])
    db.commit()
    print(f"stored run {run}: {len(parents)} parents, {matched} matched, {weekly} weekly groups, "
          f"{len(merged['groups']) - weekly} open-house groups")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    s = sub.add_parser("split")
    s.add_argument("program")
    s.add_argument("chunks")
    s.add_argument("--max-parents", type=int, default=1200)
    m = sub.add_parser("merge")
    m.add_argument("program")
    m.add_argument("chunks")
    args = parser.parse_args()
    if args.command == "split":
        split(args.program, args.chunks, args.max_parents)
    else:
        merge(args.program, args.chunks)


if __name__ == "__main__":
    main()
