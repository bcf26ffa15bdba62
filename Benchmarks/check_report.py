#!/usr/bin/env python3
"""Independent checker of an Enlace `out/report.html` (spec section 13) against its program folder.

    python3 Benchmarks/check_report.py PROGRAM_DIR [--report PATH]

Written from /work/shared/spec/PROGRAM.md and docs/REPORT.md only. It reads the page with
Python's HTML parser and checks, in either report language:
- the page is self-contained: no script, no external resource, no URL but the SVG namespace;
- the headline figures equal out/assignments.csv (families, with a group, waiting) and
  out/schedule.json (groups with members);
- the families-by-school chart equals out/assignments.csv with each family's school from
  data/parents.csv, by the school's name in data/sites.csv; the families-by-language chart has the
  same rows as counts by preferred language (compared as counts, since the page names languages);
- every waiting family of out/assignments.csv is listed by id, once, and no other;
- the curriculum table equals out/topic-demand.csv row for row (none without data/topics.csv);
- the sessions per week add up to the sessions of out/schedule.json;
- no name, email address or phone number of data/parents.csv or data/mentors.csv is on the page.
Exit 0 when clean, 1 on any violation, 2 on a usage error or unreadable input.
"""
from __future__ import annotations

import argparse
import csv
import html.parser
import json
import os
import re
import sys
from collections import Counter


class Page(html.parser.HTMLParser):
    """The parts of the report the checks read: sections, the cards, charts' descriptions, ids."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.section = None
        self.stack = []
        self.cards = []          # (name, figure) in order
        self.charts = []         # (section id, title, desc)
        self.waiting_ids = []
        self.tags = Counter()
        self.urls = []
        self.lang = None
        self.tables = {}         # section id -> rows of cell texts (header row included)
        self._text = None
        self._chart = None
        self._row = None
        self._cell = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags[tag] += 1
        for name, value in attrs.items():
            if value and re.search(r"(https?:|file:|//)", value) and value != "http://www.w3.org/2000/svg":
                self.urls.append(f"{tag} {name}={value}")
        if tag == "html":
            self.lang = attrs.get("lang")
        if tag == "section":
            self.section = attrs.get("id")
        if tag == "tr":
            self._row = []
        if tag in ("td", "th"):
            self._cell = ""
        if tag == "svg":
            self._chart = {"section": self.section, "title": "", "desc": ""}
        self.stack.append((tag, attrs.get("class", "")))
        if tag in ("dt", "title", "desc") or (tag == "span" and attrs.get("class") == "figure") \
                or (tag == "p" and attrs.get("class") == "ids"):
            self._text = ""

    def handle_endtag(self, tag):
        if not self.stack:
            return
        open_tag, css = self.stack.pop()
        if tag in ("td", "th") and self._row is not None and self._cell is not None:
            self._row.append(self._cell.strip())
            self._cell = None
        if tag == "tr" and self._row is not None:
            self.tables.setdefault(self.section, []).append(self._row)
            self._row = None
        if tag == "svg" and self._chart is not None:
            self.charts.append(self._chart)
            self._chart = None
        text, self._text = self._text, None
        if text is None:
            return
        if open_tag == "dt":
            self.cards.append([text.strip(), None])
        elif open_tag == "span" and css == "figure" and self.cards:
            self.cards[-1][1] = text.strip()
        elif open_tag in ("title", "desc") and self._chart is not None:
            self._chart[open_tag] = text
        elif open_tag == "p" and css == "ids":
            listed = text.split(":", 1)[1]
            self.waiting_ids += [part.strip() for part in re.sub(r"\s(and|y)\s.*$", "", listed).split(",") if part.strip()]

    def handle_data(self, data):
        if self._text is not None:
            self._text += data
        if self._cell is not None:
            self._cell += data
        if re.search(r"https?://(?!www\.w3\.org/2000/svg)", data):
            self.urls.append(f"text: {data.strip()[:80]}")


def number(text):
    return int(text.replace(",", "").strip())


def rows(desc):
    """The rows of a stacked chart's description: "Label — A: 1, B: 2, Total: 3; …." → {label: [1, 2]}."""
    result = {}
    for row in desc.rstrip(".").split("; "):
        label, values = row.rsplit(" — ", 1)
        result[label] = [number(part.rsplit(": ", 1)[1]) for part in values.split(", ")][:-1]
    return result


def read_csv(path):
    with open(path, newline="", encoding="utf-8-sig") as file:
        return list(csv.DictReader(file))


def check(folder, report):
    problems = []
    with open(report, encoding="utf-8") as file:
        text = file.read()
    page = Page()
    page.feed(text)
    for tag in ("script", "link", "img", "iframe", "object", "embed"):
        if page.tags[tag]:
            problems.append(f"the page has a <{tag}>")
    problems += [f"a URL on the page: {url}" for url in page.urls]
    if re.search(r"url\(|@import|@font-face", text):
        problems.append("the page's CSS loads something")

    assignments = read_csv(os.path.join(folder, "out", "assignments.csv"))
    parents = {row["id"]: row for row in read_csv(os.path.join(folder, "data", "parents.csv"))}
    sites = {row["id"]: row["name"] for row in read_csv(os.path.join(folder, "data", "sites.csv"))}
    with open(os.path.join(folder, "out", "schedule.json"), encoding="utf-8") as file:
        schedule = json.load(file)
    matched = [row for row in assignments if row["mentor_id"]]
    waiting = [row["parent_id"] for row in assignments if not row["mentor_id"]]
    groups = sum(1 for group in schedule["groups"] if group["parents"])
    sessions = sum(len(group["sessions"]) for group in schedule["groups"])

    figures = [figure for _, figure in page.cards]
    expected = [f"{len(assignments):,}", f"{len(matched):,}", f"{len(waiting):,}", f"{groups:,}"]
    if figures[:4] != expected:
        problems.append(f"headline families, with a group, waiting, groups: page {figures[:4]}, files {expected}")

    by_site, by_language = Counter(), Counter()
    for row in assignments:
        parent = parents.get(row["parent_id"])
        key = "matched" if row["mentor_id"] else "waiting"
        if parent is None:
            continue
        by_site[(sites[parent["site"]], key)] += 1
        language = parent["languages"].split(";")[0].split("-")[0].lower()
        by_language[(language, key)] += 1
    coverage = [chart for chart in page.charts if chart["section"] == "coverage"]
    if len(coverage) != 2:
        problems.append(f"the coverage section has {len(coverage)} charts, not 2")
    else:
        school_rows = rows(coverage[1]["desc"])
        expected_schools = {name: [by_site[(name, "matched")], by_site[(name, "waiting")]] for name, _ in by_site}
        if school_rows != expected_schools:
            problems.append(f"families by school: page {school_rows}, files {expected_schools}")
        language_counts = sorted(tuple(values) for values in rows(coverage[0]["desc"]).values())
        expected_languages = sorted((by_language[(code, "matched")], by_language[(code, "waiting")])
                                    for code in {code for code, _ in by_language})
        if language_counts != expected_languages:
            problems.append(f"families by language: page {language_counts}, files {expected_languages}")

    if sorted(page.waiting_ids) != sorted(waiting):
        problems.append(f"waiting families listed {len(page.waiting_ids)} ({len(set(page.waiting_ids))} distinct), "
                        f"files {len(waiting)}; missing {sorted(set(waiting) - set(page.waiting_ids))[:5]}, "
                        f"extra {sorted(set(page.waiting_ids) - set(waiting))[:5]}")

    calendar = [chart for chart in page.charts if chart["section"] == "calendar"]
    if not calendar:
        problems.append("the calendar section has no chart")
    else:
        weeks = rows(calendar[0]["desc"].split(". ")[0])
        if sum(sum(values) for values in weeks.values()) != sessions:
            problems.append(f"sessions per week add up to {sum(sum(v) for v in weeks.values())}, schedule.json has {sessions}")

    problems += check_curriculum(folder, page)

    for name in ("parents", "mentors"):
        for row in read_csv(os.path.join(folder, "data", f"{name}.csv")):
            for column in ("name", "email", "phone"):
                value = (row.get(column) or "").strip()
                if len(value) >= 5 and (value in text or value.replace("&", "&amp;") in text):
                    problems.append(f"data/{name}.csv {column} of {row['id']} is on the page")
    return problems


def check_curriculum(folder, page):
    """The curriculum table equals out/topic-demand.csv row for row, topics named by their title in
    the page's language (`title@LANG` of data/topics.csv, else `title`; the id for a topic
    topics.csv does not define). Without data/topics.csv the page has no curriculum table."""
    topics_path = os.path.join(folder, "data", "topics.csv")
    table = page.tables.get("curriculum", [])
    if not os.path.exists(topics_path):
        return ["the curriculum section has a table but data/topics.csv does not exist"] if table else []
    titles = {}
    for row in read_csv(topics_path):
        translated = next((value for key, value in row.items()
                           if key and key.lower().startswith("title@") and key[6:].split("-")[0].lower() == page.lang and value), "")
        titles[row["id"]] = translated or row["title"]
    expected = [[titles.get(row["topic_id"], row["topic_id"]), row["asked"], row["asked_first"], row["members_covered"], row["groups_teaching"]]
                for row in read_csv(os.path.join(folder, "out", "topic-demand.csv"))]
    shown = [[cells[0]] + [str(number(cell)) for cell in cells[2:6]] for cells in table[1:]]
    if shown != expected:
        return [f"curriculum table {shown[:3]}… differs from out/topic-demand.csv {expected[:3]}…"]
    return []


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("program")
    parser.add_argument("--report", help="the page (default PROGRAM/out/report.html)")
    arguments = parser.parse_args()
    report = arguments.report or os.path.join(arguments.program, "out", "report.html")
    try:
        problems = check(arguments.program, report)
    except (OSError, KeyError, ValueError, IndexError) as error:
        print(f"check_report: cannot read {report} or the program's files: {error!r}", file=sys.stderr)
        sys.exit(2)
    for problem in problems:
        print(f"check_report: {problem}", file=sys.stderr)
    if not problems:
        print(f"check_report: {report} agrees with out/assignments.csv, out/schedule.json and data/*.csv")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
