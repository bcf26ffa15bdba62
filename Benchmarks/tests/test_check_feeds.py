"""check_feeds.py on hand-written feeds (tests/feedfix.py): a clean run before the term, a clean
re-run on 2026-10-15 against the first run's feeds, and one injected violation per rule."""
from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
import unicodedata

import pytest

import feedfix
import hand
from feedfix import event

import check_feeds  # noqa: E402
import check_schedule  # noqa: E402

NOW = "2026-10-15T12:00:00-07:00"
SCRIPT = os.path.join(hand.HERE, "..", "check_feeds.py")


def rules(rep) -> set[str]:
    return {v["rule"] for v in rep.violations}


def messages(rep) -> str:
    return "\n".join(v["message"] for v in rep.violations)


def run(root, *, now=None, previous=None, parser="own", cross=False):
    with open(os.path.join(root, "out", "schedule.json"), encoding="utf-8") as fh:
        sched = json.load(fh)
    return check_feeds.check(root, sched, now=check_schedule.parse_instant(now) if now else None,
                             previous_dir=previous, parser=parser, cross_parsers=cross)


def rewrite(root, key, change=None, *, feeds=None, run_no=1, **spec):
    """Rewrites one feed of the program (run 1's or run 2's feeds), changed by `change(events)`."""
    feeds = feeds or (feedfix.run1_feeds() if run_no == 1 else feedfix.run2_feeds())
    if change:
        change(feeds[key]["events"])
    feeds[key].update(spec)
    feedfix.write_feeds(root, feeds)


@pytest.fixture
def run1(tmp_path):
    return feedfix.program(tmp_path / "prog")


@pytest.fixture
def run2(tmp_path):
    """Run 2's program folder and a copy of run 1's feeds (the --previous-feeds folder)."""
    root = feedfix.program(tmp_path / "prog", run=2)
    previous = str(tmp_path / "previous-feeds")
    feedfix.write_feeds(str(tmp_path / "scratch"), feedfix.run1_feeds(), folder=previous)
    return root, previous


# --------------------------------------------------------------------------- clean runs


def test_run1_is_clean(run1):
    rep = run(run1)
    assert rep.violations == [], messages(rep)


def test_run1_is_clean_read_by_icalendar(run1):
    rep = run(run1, parser="icalendar")
    assert rep.violations == [], messages(rep)


def test_run2_is_clean_against_run1(run2):
    root, previous = run2
    rep = run(root, now=NOW, previous=previous)
    assert rep.violations == [], messages(rep)
    rep = run(root, previous=previous)  # now from the held flags
    assert rep.violations == [], messages(rep)
    rep = run(root, now=NOW)  # without the previous feeds, past events are checked against held sessions
    assert rep.violations == [], messages(rep)


def test_cli(run1, run2):
    ok = subprocess.run([sys.executable, SCRIPT, run1, "--json"], capture_output=True, text=True)
    assert ok.returncode == 0, ok.stdout
    assert json.loads(ok.stdout)["ok"] is True
    root, previous = run2
    ok = subprocess.run([sys.executable, SCRIPT, root, "--previous-feeds", previous, "--now", NOW],
                        capture_output=True, text=True)
    assert ok.returncode == 0, ok.stdout
    rewrite(root, ("parent", "p6"), lambda evs: evs.pop(0), run_no=2)
    bad = subprocess.run([sys.executable, SCRIPT, root, "--previous-feeds", previous, "--now", NOW],
                         capture_output=True, text=True)
    assert bad.returncode == 1 and "[feed_event_removed] 1" in bad.stdout
    assert "feed parent p6: held event g3-20260902@feeds.hand.example" in bad.stdout
    assert subprocess.run([sys.executable, SCRIPT, root, "--now", "noon"], capture_output=True).returncode == 2


# --------------------------------------------------------------------------- out/feeds.csv


def test_feeds_csv(run1):
    path = os.path.join(run1, "out", "feeds.csv")
    with open(path, encoding="utf-8") as fh:
        lines = fh.read().splitlines()
    lines = [line for line in lines if not line.startswith("mentor,m2,")]
    lines[1] = lines[1].replace(feedfix.BASE, "https://elsewhere.example/")
    kind, ident, tok, rel, url = lines[2].split(",")
    short = tok[:20]  # 20 base32 characters: 100 bits
    os.rename(os.path.join(run1, rel), os.path.join(run1, "calendars", "feeds", short + ".ics"))
    lines[2] = ",".join([kind, ident, short, f"calendars/feeds/{short}.ics", feedfix.BASE + short + ".ics"])
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")
    rep = run(run1)
    assert rules(rep) == {"feeds_csv"}
    text = messages(rep)
    assert "no mentor feed for m2" in text and "carries about 100 bits (< 128)" in text
    assert "is not feed_base_url + TOKEN.ics" in text


# --------------------------------------------------------------------------- format


def test_long_line(run1):
    raw = feedfix.ics(feedfix.run1_feeds()[("site", "B")]["events"]) \
        .replace("PRODID:-//Hand//Checker tests//EN", "PRODID:-//Hand//" + "x" * 70 + "//EN")
    rewrite(run1, ("site", "B"), raw=raw)
    rep = run(run1)
    assert rules(rep) == {"feed_line_length"}
    assert "feed site B line 3: 90 octets > 75" in messages(rep)


def test_bare_line_feeds(run1):
    raw = feedfix.ics(feedfix.run1_feeds()[("site", "A")]["events"]).replace("\r\n", "\n")
    rewrite(run1, ("site", "A"), raw=raw)
    rep = run(run1)
    assert {"feed_line_endings", "feed_unreadable"} <= rules(rep)
    assert "feed site A line 1: a bare LF or CR" in messages(rep)


@pytest.mark.parametrize("char", ["ó", "\u17b6", "\u0a3f", "\u0650", "😀"])  # Latin, Khmer, Gurmukhi and Arabic marks, emoji
def test_fold_inside_a_character(run1, char):
    text = feedfix.ics(feedfix.run1_feeds()[("parent", "p1")]["events"])
    for cut in range(1, len(char.encode())):  # every octet inside the character
        raw_line = ("X-NOTE:" + "a" * 68).encode()[:75 - cut] + char.encode() + b"b"
        folded = raw_line[:75] + b"\r\n " + raw_line[75:]
        data = text.encode().replace(b"CALSCALE:GREGORIAN\r\n", b"CALSCALE:GREGORIAN\r\n" + folded + b"\r\n")
        tok = feedfix.token("parent", "p1")
        with open(os.path.join(run1, "calendars", "feeds", tok + ".ics"), "wb") as fh:
            fh.write(data)
        rep = run(run1)
        assert "feed_line_fold" in rules(rep), (char, cut)
        assert "feed parent p1 line 5: folded inside a UTF-8 character" in messages(rep)


def test_missing_vtimezone(run1):
    rewrite(run1, ("mentor", "m2"), options={"vtimezone": False})
    rep = run(run1)
    assert rules(rep) == {"feed_tzid"}
    assert "feed mentor m2: TZID America/Los_Angeles is used without its VTIMEZONE" in messages(rep)


def test_uid_host_and_duplicates(run1):
    def change(evs):
        evs[0]["uid"] = "g1-20260908@enlace"
        evs[1]["uid"] = evs[2]["uid"]
    rewrite(run1, ("parent", "p2"), change)
    rep = run(run1)
    assert rules(rep) == {"feed_uid_host", "feed_uid_duplicate"}
    assert "UID g1-20260908@enlace does not end in @feeds.hand.example" in messages(rep)


def test_organizer_is_the_coordinator(run1):
    rewrite(run1, ("site", "A"), options={"organizer": "mailto:no-reply@feeds.hand.example"})
    rep = run(run1)
    assert rules(rep) == {"feed_organizer"}
    assert len(rep.violations) == 3


def test_unreadable_feed(run1):
    rewrite(run1, ("parent", "p3"), raw="BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\n")
    rep = run(run1)
    assert rules(rep) == {"feed_unreadable"} and rep.violations[0]["parent"] == "p3"


# --------------------------------------------------------------------------- privacy


def test_another_familys_name(run1):
    def change(evs):
        evs[0]["description"] += "\nTambién viene Paul Smith."
    rewrite(run1, ("parent", "p1"), change)
    rep = run(run1)
    assert rules(rep) == {"feed_privacy"}
    assert "feed parent p1: carries the name of parent p2" in messages(rep)


def test_own_name_and_mentor_name_are_fine(run1):
    def change(evs):
        evs[0]["description"] += "\nHola, Pilar Gómez: su mentora es Ana."
    rewrite(run1, ("parent", "p1"), change)
    assert run(run1).violations == []


def test_emails_and_phones(run1):
    def change(evs):
        evs[1]["description"] += "\nAna: ana@example.org"
        evs[2]["summary"] += " (+1 562 555 0103)"
    rewrite(run1, ("parent", "p3"), change)
    rep = run(run1)
    assert rules(rep) == {"feed_privacy"}
    assert "carries the email of mentor m1" in messages(rep)
    assert "carries the phone number of parent p3" in messages(rep)


def test_site_feed_names_no_family(run1):
    def change(evs):
        evs[0]["description"] += "\nQuang Tran will be there."
    rewrite(run1, ("site", "A"), change)
    rep = run(run1)
    assert rules(rep) == {"feed_privacy"} and "parent p6" in messages(rep)


# --------------------------------------------------------------------------- what a family's feed holds


def test_session_missing(run1):
    rewrite(run1, ("parent", "p1"), lambda evs: evs.pop(1))
    rep = run(run1)
    assert rules(rep) == {"feed_session_missing"}
    assert "feed parent p1: group g1's session 2026-10-06T18:00:00-07:00 is not an active event" in messages(rep)


def test_session_cancelled_but_still_planned(run1):
    def change(evs):
        evs[3].update(status="CANCELLED", transp="TRANSPARENT", seq=1, description="Cancelada.")
    rewrite(run1, ("parent", "p2"), change)
    rep = run(run1)
    assert rules(rep) == {"feed_session_missing"}


def test_another_groups_session(run1):
    rewrite(run1, ("parent", "p1"), lambda evs: evs.append(feedfix.session_events("g3", ["20261104T180000"], "es")[0]))
    rep = run(run1)
    assert rules(rep) == {"feed_unexpected_event"}
    assert "active event g3-20261104@feeds.hand.example" in messages(rep)


def test_open_house_missing(run1):
    rewrite(run1, ("parent", "p2"), lambda evs: evs.pop())
    rep = run(run1)
    assert rules(rep) == {"feed_open_house_missing"}
    assert "open house 2026-12-03T18:00:00-08:00 of site A is missing" in messages(rep)


def test_duplicate_session_event(run1):
    def change(evs):
        extra = copy.deepcopy(evs[0])
        extra["uid"] = "g1-copy@" + feedfix.HOST
        evs.append(extra)
    rewrite(run1, ("parent", "p1"), change)
    rep = run(run1)
    assert rules(rep) == {"feed_duplicate_event"}


def test_session_shares_its_time_with_an_open_house(tmp_path):
    # g1's Oct 6 session and an open house of site A at the same time: two events, each expected
    oh = "BEGIN:VEVENT\nUID:oh9@hand\nDTSTAMP:20260101T000000Z\nDTSTART;TZID=America/Los_Angeles:20261006T180000\n" \
         "DTEND;TZID=America/Los_Angeles:20261006T190000\nSUMMARY:Open house\nEND:VEVENT\n"
    root = feedfix.program(tmp_path / "p", extra={"calendars/open-houses/A.ics": hand.base._ics(
        hand.base.OPEN_HOUSES_A + oh)})
    feeds = feedfix.run1_feeds()
    for lang, key in (("es", ("parent", "p1")), ("en", ("parent", "p2")), ("es", ("parent", "p5")),
                      ("en", ("site", "A"))):
        feeds[key]["events"].append(event("oh-A-20261006", "20261006T180000", *feedfix.OPEN_HOUSE_TEXT[lang],
                                          lang=lang))
    feedfix.write_feeds(root, feeds)
    assert run(root).violations == []
    feeds[("parent", "p1")]["events"].pop()
    feedfix.write_feeds(root, feeds)
    rep = run(root)
    assert rules(rep) == {"feed_session_missing"}  # one event for two planned things


def test_held_session_shares_its_time_with_an_open_house(tmp_path):
    # g1's Oct 6 session, held by 2026-10-15, at the time of an open house of site A: a held
    # session stays in the feed (spec section 9), beside the open house; neither is a duplicate
    oh = "BEGIN:VEVENT\nUID:oh9@hand\nDTSTAMP:20260101T000000Z\nDTSTART;TZID=America/Los_Angeles:20261006T180000\n" \
         "DTEND;TZID=America/Los_Angeles:20261006T190000\nSUMMARY:Open house\nEND:VEVENT\n"
    root = feedfix.program(tmp_path / "p", run=2, extra={"calendars/open-houses/A.ics": hand.base._ics(
        hand.base.OPEN_HOUSES_A + oh)})
    feeds = feedfix.run2_feeds()
    for lang, key in (("es", ("parent", "p1")), ("en", ("parent", "p2")), ("es", ("parent", "p5")),
                      ("en", ("site", "A"))):
        feeds[key]["events"].append(event("oh-A-20261006", "20261006T180000", *feedfix.OPEN_HOUSE_TEXT[lang],
                                          lang=lang))
    feedfix.write_feeds(root, feeds)
    assert run(root, now=NOW).violations == []
    extra = copy.deepcopy(feeds[("parent", "p1")]["events"][-1])
    extra["uid"] = "oh-A-20261006-copy@" + feedfix.HOST
    feeds[("parent", "p1")]["events"].append(extra)
    feedfix.write_feeds(root, feeds)
    assert rules(run(root, now=NOW)) == {"feed_duplicate_event"}  # three events for two things


# --------------------------------------------------------------------------- what families read


def test_meeting_language_stated(run1):
    def change(evs):
        for ev in evs[:4]:
            ev["description"] = ev["description"].replace("La reunión es en español.", "La reunión es aquí.")
    rewrite(run1, ("parent", "p1"), change)
    rep = run(run1)
    assert rules(rep) == {"feed_meeting_language"} and len(rep.violations) == 4
    assert "does not say the meeting is in español" in messages(rep)


def test_meeting_language_is_the_preferred_one(run1):
    # p2 prefers English and m1 speaks it: "Spanish" is the wrong language to announce
    def change(evs):
        evs[0]["description"] = evs[0]["description"].replace("in English", "in Spanish")
    rewrite(run1, ("parent", "p2"), change)
    rep = run(run1)
    assert rules(rep) == {"feed_meeting_language"}
    assert "does not say the meeting is in English" in messages(rep)


def test_coordinator_contact(run1):
    def change(evs):
        evs[2]["description"] = evs[2]["description"].replace("(714) 555-0199", "the district office")
    rewrite(run1, ("parent", "p3"), change)
    rep = run(run1)
    assert rules(rep) == {"feed_coordinator_contact"}
    assert "missing (714) 555-0199" in messages(rep)


def test_waiting_list_event_missing(run1):
    rewrite(run1, ("parent", "p4"), lambda evs: evs.clear())
    rep = run(run1)
    assert rules(rep) == {"feed_waiting_list"}
    assert "needs one active all-day waiting-list event, the feed has 0" in messages(rep)


def test_waiting_list_text_and_calendar_description(run1):
    def change(evs):
        evs[0]["summary"] = "Parent mentor program"
        evs[0]["description"] = "Call Rosa Díaz at (714) 555-0199 or write to rosa.diaz@district.example."
    rewrite(run1, ("parent", "p4"), change, description="")
    rep = run(run1)
    assert rules(rep) == {"feed_waiting_list"}
    assert "does not say 'waiting list'" in messages(rep)
    assert "gets a calendar DESCRIPTION saying so" in messages(rep)


def test_matched_family_without_waiting_list(run1):
    rewrite(run1, ("parent", "p3"), lambda evs: evs.append(copy.deepcopy(feedfix.WAITING)))
    rep = run(run1)
    assert rules(rep) == {"feed_waiting_list"}
    assert "feed parent p3: the family has a group but all-day event waiting-p4" in messages(rep)

    def cancelled(evs):  # once the family has a group, the notice stays, cancelled
        evs.append(dict(copy.deepcopy(feedfix.WAITING), status="CANCELLED", seq=1,
                        description="Ya tiene grupo: llame a Rosa Díaz si tiene preguntas."))
    rewrite(run1, ("parent", "p3"), cancelled)
    assert run(run1).violations == []


def test_waiting_list_dated_after_now(run2):
    root, _ = run2

    def change(evs):
        evs[0].update(start="20261020", end="20261021")
    rewrite(root, ("parent", "p4"), change, run_no=2)
    assert run(root).violations == []  # now from the held flags: Nov 3, the first session still to come
    rep = run(root, now=NOW)
    assert rules(rep) == {"feed_waiting_list"} and "after today" in messages(rep)


def test_cancelled_event_reason_and_transparency(run2):
    root, previous = run2

    def change(evs):
        evs[2].update(transp="OPAQUE")
        evs[3].update(description=feedfix.TEXT["vi"][1])  # unchanged text: no reason given
    rewrite(root, ("parent", "p6"), change, run_no=2)
    rep = run(root, now=NOW, previous=previous)
    assert rules(rep) == {"feed_cancelled_transp", "feed_cancelled_reason"}
    assert "cancelled event g3-20261104@feeds.hand.example" in messages(rep)
    assert "event g3-20261202@feeds.hand.example (2026-12-03T02:00:00+00:00) was cancelled without saying why" \
        in messages(rep)


def test_topics_in_summary_and_description(tmp_path):
    root = feedfix.program(tmp_path / "p", topics=hand.TOPICS)
    sched = json.load(open(os.path.join(root, "out", "schedule.json")))
    for sess, topic in zip(sched["groups"][0]["sessions"], ["iep", "college", "funding", "biliteracy"]):
        sess["topic"] = topic
    hand.write_json(os.path.join(root, "out", "schedule.json"), sched)
    feeds = feedfix.run1_feeds()
    # Spanish feed: biliteracy and funding have title@es (description@es-MX matches es too); the others fall back
    titles_es = ["IEP basics", "College and financial aid", "Fondos estatales", "Sello de Lectoescritura Bilingüe"]
    descs_es = ["Your rights in an IEP meeting", "Applying and paying", "Cómo los usa el distrito",
                "Cómo se obtiene el Sello"]
    titles_en = ["IEP basics", "College and financial aid", "State funding for English learners",
                 "Seal of Biliteracy"]
    descs_en = ["Your rights in an IEP meeting", "Applying and paying", "How the district spends it",
                "How a student earns the Seal"]
    for key, titles, descs in ((("parent", "p1"), titles_es, descs_es), (("parent", "p2"), titles_en, descs_en)):
        for ev, title, desc in zip(feeds[key]["events"], titles, descs):
            ev["summary"] = f"{title}: {ev['summary']}"
            ev["description"] = f"{desc}\n{ev['description']}"
    feedfix.write_feeds(root, feeds)
    assert run(root).violations == []
    feeds[("parent", "p1")]["events"][3]["summary"] = "Seal of Biliteracy: Reunión"  # English title, Spanish feed
    feeds[("parent", "p2")]["events"][2]["description"] = feedfix.TEXT["en"][1]
    feedfix.write_feeds(root, feeds)
    rep = run(root)
    assert rules(rep) == {"feed_topic"}
    assert "does not start with the topic's title 'Sello de Lectoescritura Bilingüe'" in messages(rep)
    assert "feed parent p2: event g1-20261103@feeds.hand.example" in messages(rep)
    # The description as topics.csv writes it, scalar for scalar: "Cómo" with ó decomposed is another text.
    feeds[("parent", "p1")]["events"][3]["summary"] = "Sello de Lectoescritura Bilingüe: Reunión"
    feeds[("parent", "p2")]["events"][2]["description"] = f"{descs_en[2]}\n{feedfix.TEXT['en'][1]}"
    first = feeds[("parent", "p1")]["events"][2]
    first["description"] = unicodedata.normalize("NFD", first["description"])
    feedfix.write_feeds(root, feeds)
    rep = run(root)
    assert rules(rep) == {"feed_topic"}
    assert "feed parent p1: event g1-20261103@feeds.hand.example (2026-11-04T02:00:00+00:00) DESCRIPTION lacks " \
        "the topic's description as topics.csv writes it" in messages(rep)


# --------------------------------------------------------------------------- history (sections 7 and 9)


def test_held_event_changed(run2):
    root, previous = run2

    def change(evs):
        evs[1]["summary"] = "Họp (đã dời)"  # Oct 7 happened: its text is history
    rewrite(root, ("parent", "p6"), change, run_no=2)
    rep = run(root, now=NOW, previous=previous)
    assert rules(rep) == {"feed_held_changed"}
    assert "held event g3-20261007@feeds.hand.example (2026-10-08T01:00:00+00:00) changed its summary" \
        in messages(rep)


def test_held_event_cancelled(run2):
    root, previous = run2

    def change(evs):
        evs[0].update(status="CANCELLED", seq=1, transp="TRANSPARENT", description=feedfix.CANCEL_VI)
    rewrite(root, ("parent", "p3"), change, run_no=2)
    rep = run(root, now=NOW, previous=previous)
    assert rules(rep) == {"feed_held_changed"}
    assert "changed its description, status" in messages(rep)


def test_held_event_removed(run2):
    root, previous = run2
    rewrite(root, ("mentor", "m2"), lambda evs: evs.pop(1), run_no=2)
    rep = run(root, now=NOW, previous=previous)
    assert rules(rep) == {"feed_event_removed"}
    assert "feed mentor m2: held event g3-20261007" in messages(rep)


def test_held_event_added(run2):
    root, previous = run2
    # p6's new group g4 gets an October session that never happened for p6
    rewrite(root, ("parent", "p6"), lambda evs: evs.append(
        feedfix.session_events("g4", ["20261007T190000"], "vi")[0]), run_no=2)
    rep = run(root, now=NOW, previous=previous)
    assert rules(rep) == {"feed_held_added"}
    assert "event g4-20261007@feeds.hand.example (2026-10-08T02:00:00+00:00) dated before now" in messages(rep)
    rep = run(root, now=NOW)  # the same, told by the held sessions alone
    assert rules(rep) == {"feed_held_added"} and "is not a session held for this family" in messages(rep)


def test_new_family_feed_gets_no_past_sessions(run2):
    root, previous = run2
    os.remove(os.path.join(previous, feedfix.token("parent", "p3") + ".ics"))  # as if p3 were new
    rep = run(root, now=NOW, previous=previous)
    assert rules(rep) == {"feed_held_added"}
    assert {v["parent"] for v in rep.violations} == {"p3"} and len(rep.violations) == 2


def test_future_event_removed_not_cancelled(run2):
    root, previous = run2
    rewrite(root, ("parent", "p6"), lambda evs: evs.pop(3), run_no=2)
    rep = run(root, now=NOW, previous=previous)
    assert rules(rep) == {"feed_event_removed"}
    assert "feed parent p6: published event g3-20261202" in messages(rep)


def test_changed_future_event_needs_a_higher_sequence(run2):
    root, previous = run2

    def change(evs):
        evs[3]["description"] += "\nTraiga sus preguntas."
    rewrite(root, ("parent", "p5"), change, run_no=2)
    rep = run(root, now=NOW, previous=previous)
    assert rules(rep) == {"feed_sequence"}
    assert "changed its description but SEQUENCE stayed 0 -> 0" in messages(rep)


def test_future_event_still_active_after_leaving_the_plan(run2):
    root, previous = run2

    def change(evs):
        for ev in evs[2:4]:
            ev.update(status="CONFIRMED", transp="OPAQUE", description=feedfix.TEXT["vi"][1], seq=0)
    rewrite(root, ("parent", "p6"), change, run_no=2)
    rep = run(root, now=NOW, previous=previous)
    assert rules(rep) == {"feed_unexpected_event"}
    assert len(rep.violations) == 2


def test_recording_link_rules(run2):
    root, previous = run2

    def same_sequence(evs):
        evs[0]["seq"] = 0
    rewrite(root, ("parent", "p1"), same_sequence, run_no=2)
    rep = run(root, now=NOW, previous=previous)
    assert rules(rep) == {"feed_held_changed"}
    assert "only a recording link of data/recordings.csv may be added" in messages(rep)

    def other_link(evs):
        evs[0]["description"] = evs[0]["description"].replace("g1-0908", "g1-0909")
    rewrite(root, ("parent", "p1"), other_link, run_no=2)
    rep = run(root, now=NOW, previous=previous)
    assert rules(rep) == {"feed_held_changed", "feed_recording_missing"}

    def rewritten(evs):
        evs[0]["description"] = "https://rec.example/g1-0908"
    rewrite(root, ("parent", "p1"), rewritten, run_no=2)
    rep = run(root, now=NOW, previous=previous)
    assert rules(rep) == {"feed_held_changed"}


def test_waiting_list_keeps_its_date(run2):
    root, previous = run2

    def change(evs):
        evs[0].update(start="20261015", end="20261016")
    rewrite(root, ("parent", "p4"), change, run_no=2)
    rep = run(root, now=NOW, previous=previous)
    assert "feed_waiting_list" in rules(rep)
    assert "dated the day the family was first published without a group" in messages(rep)


# --------------------------------------------------------------------------- parsers


def test_recurring_events_are_expanded():
    raw = feedfix.ics([]).replace("END:VCALENDAR", "BEGIN:VEVENT\r\nUID:r@x\r\nDTSTAMP:20260101T000000Z\r\n"
                                  "DTSTART;TZID=America/Los_Angeles:20261104T180000\r\n"
                                  "DTEND;TZID=America/Los_Angeles:20261104T190000\r\nRRULE:FREQ=WEEKLY;COUNT=3\r\n"
                                  "EXDATE;TZID=America/Los_Angeles:20261111T180000\r\nSUMMARY:x\r\nEND:VEVENT\r\n"
                                  "END:VCALENDAR").encode()
    feed = check_feeds.read_feed(raw)
    assert sorted(ev.start.isoformat() for ev in feed.events) == ["2026-11-04T18:00:00-08:00",
                                                                   "2026-11-18T18:00:00-08:00"]


def test_own_reader_and_icalendar_agree_on_the_fixture(run2):
    root, _ = run2
    for name in os.listdir(os.path.join(root, "calendars", "feeds")):
        with open(os.path.join(root, "calendars", "feeds", name), "rb") as fh:
            raw = fh.read()
        own = check_feeds.read_feed(raw).events
        ref = check_feeds.read_feed(raw, parser="icalendar").events
        key = lambda e: e.key  # noqa: E731
        assert sorted(own, key=key) == sorted(ref, key=key), name


def test_cross_parsers_agree(run2):
    pytest.importorskip("ical")
    pytest.importorskip("vobject")
    root, previous = run2
    rep = run(root, now=NOW, previous=previous, cross=True)
    assert rep.violations == [], messages(rep)


def test_cross_parsers_find_a_zone_that_lies(run1):
    # The VTIMEZONE says Los Angeles is at -05:00 all year: a parser that trusts the file and one
    # that trusts the zone's name place the same meeting at different instants.
    pytest.importorskip("ical")
    pytest.importorskip("vobject")
    lying = hand.make_tiny_program.VTIMEZONE.replace("TZOFFSETTO:-0700", "TZOFFSETTO:-0500") \
        .replace("TZOFFSETTO:-0800", "TZOFFSETTO:-0500")
    raw = feedfix.ics(feedfix.run1_feeds()[("site", "A")]["events"], vtimezone=False) \
        .replace("NAME:", "\r\n".join(lying.strip().split("\n")) + "\r\nNAME:", 1)
    rewrite(run1, ("site", "A"), raw=raw)
    rep = run(run1, cross=True)
    assert rules(rep) == {"feed_cross_parsers"}
    assert "vobject sees occurrence ('oh-A-20260910@feeds.hand.example', '2026-09-10T23:00:00+00:00'" \
        in messages(rep)


# Texts longer than a line in scripts with combining marks and joiners, and emoji: folded by
# feedfix.fold between characters, anywhere in a word.
LONG_TEXTS = ["សូមស្វាគមន៍គ្រប់គ្រួសារមកកាន់កម្មវិធីឪពុកម្តាយអ្នកណែនាំ" * 3,
              "ਮਾਪਿਆਂ-ਮੈਂਟਰਾਂ-ਦੀਆਂ-ਮੀਟਿੰਗਾਂ-ਵਿੱਚ-ਤੁਹਾਡਾ-ਸੁਆਗਤ-ਹੈ" * 3,
              "والدین\u200cکی\u200cرہنمائی\u200cکا\u200cپروگرام" * 4, "👩‍👩‍👧‍👦🇲🇽👍🏽1️⃣" * 8]


def test_cross_parsers_read_every_text_as_written(run1):
    pytest.importorskip("ical")
    pytest.importorskip("vobject")

    def change(evs):
        for ev, extra in zip(evs, LONG_TEXTS):
            ev["description"] += "\n" + extra
    rewrite(run1, ("parent", "p1"), change)
    raw = open(os.path.join(run1, "calendars", "feeds", feedfix.token("parent", "p1") + ".ics"), "rb").read()
    assert raw.count(b"\r\n ") > 20
    assert run(run1, cross=True).violations == []


def test_cross_parsers_find_a_text_read_otherwise(run1):
    # A comma not escaped in a TEXT value: vobject takes it for a list and reads the text before it.
    pytest.importorskip("ical")
    pytest.importorskip("vobject")
    raw = feedfix.ics(feedfix.run1_feeds()[("parent", "p1")]["events"]) \
        .replace("SUMMARY;LANGUAGE=es:Reunión de padres mentores con Ana", "SUMMARY;LANGUAGE=es:Reunión de padres "
                 "mentores, con Ana", 1)
    rewrite(run1, ("parent", "p1"), raw=raw)
    rep = run(run1, cross=True)
    assert rules(rep) == {"feed_cross_parser_text"}
    assert "feed parent p1: vobject reads the SUMMARY of event g1-20260908@feeds.hand.example " \
        "(2026-09-09T01:00:00+00:00) differently from the file, at scalar 26: the end of the text where the " \
        "file has U+002C" in messages(rep)


def test_first_difference_names_the_scalars():
    assert check_feeds.first_difference("ਕਿਤਾਬ", "ਕਤਾਬ").startswith("at scalar 1: U+0A24 where the file has U+0A3F")
    assert check_feeds.first_difference("ab", "abc").startswith("at scalar 2: U+0063 where the file has the end")


def test_recording_link_reaches_every_feed_showing_the_session(run2):
    root, previous = run2

    def no_link(evs):
        evs[0].update(description=feedfix.TEXT["mentor"][1], seq=0)
    rewrite(root, ("mentor", "m1"), no_link, run_no=2)
    rep = run(root, now=NOW, previous=previous)
    assert rules(rep) == {"feed_recording_missing"}
    assert "feed mentor m1: held event g1-20260908@feeds.hand.example" in messages(rep)
    assert "lacks the recording link https://rec.example/g1-0908" in messages(rep)


def with_organizer(raw: str, index: int, organizer: str) -> str:
    """The feed with event number `index` (0-based) organised by `organizer`."""
    head, *events = raw.split("BEGIN:VEVENT")
    events[index] = events[index].replace("mailto:rosa.diaz@district.example", organizer)
    return "BEGIN:VEVENT".join([head, *events])


def test_organizer_of_held_events_is_history(run2):
    # Sep 2 was published with the district's no-reply organizer; once held it stays as it was.
    root, previous = run2
    events = feedfix.run1_feeds()[("parent", "p3")]["events"]
    raw = with_organizer(feedfix.ics(events), 0, "mailto:no-reply@feeds.hand.example")
    with open(os.path.join(previous, feedfix.token("parent", "p3") + ".ics"), "w", encoding="utf-8",
              newline="") as fh:
        fh.write(raw)
    rewrite(root, ("parent", "p3"), run_no=2, raw=raw)
    assert run(root, now=NOW, previous=previous).violations == []
    rewrite(root, ("parent", "p3"), run_no=2, raw=with_organizer(raw, 3, "mailto:no-reply@feeds.hand.example"))
    rep = run(root, now=NOW, previous=previous)  # Dec 2 is still to come: it names the coordinator
    assert rules(rep) == {"feed_organizer"}
    assert "event g3-20261202@feeds.hand.example" in messages(rep)
