"""check_report.py (spec section 13) on a hand-made folder and page.

Two schools (A: Alder ES, B: Birch MS), three families: p1 (es, A) and p2 (vi, B) in group g1,
p3 (es, B) waiting. g1 has two sessions. The page below says exactly that; each test changes one
thing and the checker must say what.
"""
from __future__ import annotations

import json
import os
import sys

import pytest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

import check_report  # noqa: E402

SITES = "id,name,address\nA,Alder ES,\nB,Birch MS,\n"
PARENTS = ("id,name,email,phone,languages,site,modes,availability,open_house,topics\n"
           "p1,Ana Torres,ana@example.net,,es,A,in_person,TU 18:00-20:00,no,\n"
           "p2,Binh Tran,,555-0102,vi;en,B,virtual,TU 18:00-20:00,no,\n"
           "p3,Carmen Ruiz,,,es-MX,B,in_person,,no,\n")
MENTORS = ("id,name,email,phone,languages,sites,modes,capacity,availability,open_house,topics\n"
           "m1,Marta Lopez,marta@example.net,,es;vi,A,in_person;virtual,4,TU 18:00-20:00,no,\n")
ASSIGNMENTS = "parent_id,mentor_id,group_id,reason,since\np1,m1,g1,,2026-09-01\np2,m1,g1,,2026-09-01\np3,,,no mentor,\n"
SCHEDULE = {"groups": [{"id": "g1", "parents": ["p1", "p2"], "sessions": [{"start": "a"}, {"start": "b"}]}]}


def chart(title, desc):
    return f'<figure class="chart"><svg xmlns="http://www.w3.org/2000/svg"><title>{title}</title><desc>{desc}</desc></svg></figure>'


def card(name, figure):
    return f'<div class="card"><dt>{name}</dt><dd><span class="figure">{figure}</span></dd></div>'


PAGE = ('<!DOCTYPE html><html lang="en"><head><title>r</title><style>body { margin: 0 }</style></head><body><main>'
        '<section id="glance"><dl class="cards">' + card("Families", "3") + card("With a group", "2") + card("Waiting", "1")
        + card("Groups", "1") + '</dl></section>'
        '<section id="coverage">'
        + chart("Families by preferred language", "Spanish — With a group: 1, Waiting: 1, Total: 2; Vietnamese — With a group: 1, Waiting: 0, Total: 1.")
        + chart("Families by school", "Birch MS — With a group: 1, Waiting: 1, Total: 2; Alder ES — With a group: 1, Waiting: 0, Total: 1.")
        + '</section><section id="waiting"><ol><li><p class="ids">Families: p3</p></li></ol></section>'
        '<section id="calendar">'
        + chart("Group sessions per week", "Sep 7 — Held: 1, To come: 0, Total: 1; Sep 14 — Held: 0, To come: 1, Total: 1. Open houses — Sep 7: 1.")
        + '</section></main></body></html>')


@pytest.fixture
def folder(tmp_path):
    for path, text in {"data/sites.csv": SITES, "data/parents.csv": PARENTS, "data/mentors.csv": MENTORS,
                       "out/assignments.csv": ASSIGNMENTS, "out/schedule.json": json.dumps(SCHEDULE), "out/report.html": PAGE}.items():
        os.makedirs(tmp_path / os.path.dirname(path), exist_ok=True)
        (tmp_path / path).write_text(text, encoding="utf-8")
    return tmp_path


def problems(folder, page=PAGE):
    (folder / "out" / "report.html").write_text(page, encoding="utf-8")
    return check_report.check(str(folder), str(folder / "out" / "report.html"))


def test_the_hand_page_agrees(folder):
    assert problems(folder) == []


@pytest.mark.parametrize("change, expected", [
    (("<dt>With a group</dt><dd><span class=\"figure\">2", "<dt>With a group</dt><dd><span class=\"figure\">3"), "headline"),
    (("Birch MS — With a group: 1, Waiting: 1", "Birch MS — With a group: 2, Waiting: 0"), "families by school"),
    (("Vietnamese — With a group: 1, Waiting: 0, Total: 1", "Vietnamese — With a group: 0, Waiting: 1, Total: 1"), "families by language"),
    (("Families: p3", "Families: p3, p2"), "waiting families listed 2"),
    (("Families: p3", "Families: "), "missing ['p3']"),
    (("Held: 0, To come: 1, Total: 1.", "Held: 0, To come: 2, Total: 2."), "sessions per week add up to 3"),
    (("</main>", "<p>ana@example.net</p></main>"), "email of p1"),
    (("</main>", "<p>Binh Tran</p></main>"), "name of p2"),
    (("</main>", "<p>555-0102</p></main>"), "phone of p2"),
    (("</main>", "<script>1</script></main>"), "<script>"),
    (("</main>", '<img alt="" src="https://example.org/a.png"></main>'), "a URL on the page"),
    (("body { margin: 0 }", "body { background: url(x.png) }"), "CSS loads"),
])
def test_each_disagreement_is_caught(folder, change, expected):
    before, after = change
    assert before in PAGE
    found = problems(folder, PAGE.replace(before, after, 1))
    assert any(expected in problem for problem in found), found


CURRICULUM = ('<section id="curriculum"><table><thead><tr><th>Topic</th><th>Required</th><th>Asked</th><th>Asked first</th>'
              '<th>Taught</th><th>Groups</th></tr></thead><tbody>'
              '<tr><td>Seal of Biliteracy</td><td>yes</td><td class="n">2</td><td class="n">1</td><td class="n">1</td><td class="n">1</td></tr>'
              '<tr><td>funding</td><td>no</td><td class="n">1,000</td><td class="n">0</td><td class="n">0</td><td class="n">0</td></tr>'
              '</tbody></table></section>')


def test_curriculum_table_is_topic_demand(folder):
    (folder / "data" / "topics.csv").write_text("id,title,title@es\nbiliteracy,Seal of Biliteracy,Sello de Bilingüismo\n", encoding="utf-8")
    (folder / "out" / "topic-demand.csv").write_text(
        "topic_id,asked,asked_first,members_covered,groups_teaching\nbiliteracy,2,1,1,1\nfunding,1000,0,0,0\n", encoding="utf-8")
    page = PAGE.replace("</main>", CURRICULUM + "</main>")
    assert problems(folder, page) == []
    assert problems(folder, page.replace('lang="en"', 'lang="es"').replace("<td>Seal of Biliteracy", "<td>Sello de Bilingüismo")) == []
    found = problems(folder, page.replace('<td class="n">2</td><td class="n">1</td><td class="n">1</td>',
                                          '<td class="n">2</td><td class="n">1</td><td class="n">2</td>'))
    assert any("differs from out/topic-demand.csv" in problem for problem in found), found
    assert any("differs" in problem for problem in problems(folder, page.replace('lang="en"', 'lang="es"'))), "a title in the wrong language"


def test_no_curriculum_table_without_topics(folder):
    found = problems(folder, PAGE.replace("</main>", CURRICULUM + "</main>"))
    assert any("data/topics.csv does not exist" in problem for problem in found), found


def test_folded_rows_count_exactly_the_rows_left():
    files = {"Alder ES": [1, 0], "Birch MS": [2, 1], "Cedar HS": [3, 3]}
    assert check_report.unfolded({"Alder ES": [1, 0], "2 other schools": [5, 4]}, files) == []
    assert check_report.unfolded({"Alder ES": [1, 0], "Otras 2 escuelas": [5, 4]}, files) == []
    assert check_report.unfolded({"Alder ES": [1, 0], "2 other schools": [5, 3]}, files)
    assert check_report.unfolded({"Alder ES": [1, 0], "1 other schools": [5, 4]}, files)
    assert check_report.unfolded({"Alder ES": [1, 1], "2 other schools": [5, 4]}, files)
    assert check_report.unfolded({"Alder ES": [1, 0], "Birch MS": [2, 1]}, files)  # Cedar HS missing, nothing folded
    # languages compare as counts: the page names them, the files give codes
    assert check_report.unfolded({"Spanish": [3, 3], "2 other languages": [3, 1]}, files, by_label=False) == []
    assert check_report.unfolded({"Spanish": [3, 2], "2 other languages": [3, 1]}, files, by_label=False)


def test_families_counted_beyond_the_listed_ids_must_add_up(folder):
    # "and 1 more" claims a waiting family the files do not have
    found = problems(folder, PAGE.replace("Families: p3", "Families: p3 and 1 more (every one is in out/assignments.csv)"))
    assert any("counted 1 more" in problem for problem in found), found
