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
- every waiting family of out/assignments.csv is listed by id, once, and no other; on a large
  district's page, ids listed, the groups' "and N more" and the smaller groups' table add up to them;
- charts that fold their smallest rows into one ("16 other schools") count exactly the rows left;
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
        self.waiting_more = 0    # families a listed group counts beyond the ids it lists ("and 440 more")
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
            more = re.search(r"\s(?:and|y)\s([\d.,\u00a0\u202f ]+)\s(?:more|más)", listed)
            self.waiting_more += int(re.sub(r"\D", "", more.group(1))) if more else 0

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


OTHER_ROW = re.compile(r"^(?:(\d+) other (?:schools|languages)|Otr[ao]s (\d+) (?:escuelas|idiomas))$")


def unfolded(page_rows, expected, by_label=True):
    """Problems between a chart's rows and the files' counts, where the page may fold its smallest
    rows into one ("16 other schools", docs/REPORT.md): every named row equals its count, and the
    folded row counts exactly the rows left and adds them up. With by_label=False rows are compared
    as counts only (the page names languages, the files give codes)."""
    other = [(label, values) for label, values in page_rows.items() if OTHER_ROW.match(label)]
    named = {label: values for label, values in page_rows.items() if not OTHER_ROW.match(label)}
    if by_label:
        wrong = {label: (values, expected.get(label)) for label, values in named.items() if expected.get(label) != values}
        rest = [values for label, values in expected.items() if label not in named]
        problems = [f"rows differ from the files (page, files): {wrong}"] if wrong else []
    else:
        left = Counter(tuple(values) for values in expected.values())
        left.subtract(Counter(tuple(values) for values in named.values()))
        extra = [counts for counts, n in left.items() if n < 0]
        rest = [list(counts) for counts, n in left.items() for _ in range(max(n, 0))]
        problems = [f"rows not in the files: {extra}"] if extra else []
    if not other:
        return problems + ([f"{len(rest)} rows of the files are not on the page"] if rest else [])
    label, values = other[0]
    count = int(next(group for group in OTHER_ROW.match(label).groups() if group))
    sums = [sum(column) for column in zip(*rest)] if rest else []
    if count != len(rest) or values != sums:
        problems.append(f"folded row {label!r} {values}: the files leave {len(rest)} rows adding up to {sums}")
    return problems


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
        expected_schools = {name: [by_site[(name, "matched")], by_site[(name, "waiting")]] for name, _ in by_site}
        problems += [f"families by school: {p}" for p in unfolded(rows(coverage[1]["desc"]), expected_schools)]
        expected_languages = {code: [by_language[(code, "matched")], by_language[(code, "waiting")]]
                              for code, _ in by_language}
        problems += [f"families by language: {p}"
                     for p in unfolded(rows(coverage[0]["desc"]), expected_languages, by_label=False)]

    # Every waiting family is listed once by id, or counted: a listed group may end "and N more",
    # and groups past the 40 largest are counted in a table (docs/REPORT.md); ids, "more" and the
    # table add up to the waiting families of the files.
    listed, waiting_set = page.waiting_ids, set(waiting)
    tabled = sum(number(row[-1]) for row in page.tables.get("waiting", [])[1:])
    if len(set(listed)) != len(listed) or not set(listed) <= waiting_set \
            or len(listed) + page.waiting_more + tabled != len(waiting):
        problems.append(f"waiting families listed {len(listed)} ({len(set(listed))} distinct), counted "
                        f"{page.waiting_more} more and {tabled} in the table, files {len(waiting)}; "
                        f"missing {sorted(waiting_set - set(listed))[:5]}, extra {sorted(set(listed) - waiting_set)[:5]}")

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
