"""Hand-written feeds of the hand program, for the check_feeds.py tests.

Run 1 (before the term, test_check_schedule.SCHEDULE) and run 2 (2026-10-15 noon,
test_term_in_progress.midterm(): p6 moves from g3, WE 18:00, to g4, WE 19:00). Every event is
listed here by hand: group sessions (America/Los_Angeles), the three open houses of site A (Sep 10,
Nov 26 and Dec 3, 18:00-19:00; Nov 26 is a blackout day, but the open house is still the
district's event), p4's waiting-list event. Texts: Spanish for p1 and p5, English for p2 and for
p4 (no Chinese translation: LANGUAGE=en), Vietnamese for p3 and p6.
"""
from __future__ import annotations

import base64
import copy
import hashlib
import os

import hand
from test_term_in_progress import midterm

HOST = "feeds.hand.example"
BASE = f"https://{HOST}/district/"
COORD = "Rosa Díaz, (714) 555-0199, rosa.diaz@district.example"
TOML = hand.base.ENLACE_TOML + f"""feed_base_url = "{BASE}"
coordinator_name = "Rosa Díaz"
coordinator_phone = "(714) 555-0199"
coordinator_email = "rosa.diaz@district.example"
"""
PARENTS = """\
name,id,languages,site,modes,availability,open_house,topics,email,phone
Pilar Gómez,p1,es-MX;en,A,in_person,TU 18:00-19:00,no,biliteracy;funding;college;iep,pilar.gomez@example.net,(562) 555-0101
Paul Smith,p2,en;es,A,in_person;virtual,TU 17:30-19:30,,funding,paul@example.net,562-555-0102
Phuong Nguyen,p3,vi,B,virtual,WE 18:00-19:00,no,,,562.555.0103
Ping Li,p4,zh,B,virtual,WE 18:00-19:00,no,,ping@example.net,
Paz Herrera,p5,es,A,in_person,MO 10:00-11:00,yes,,,
Quang Tran,p6,vi,B,virtual,WE 18:00-20:00,no,,,
"""
RECORDINGS = "group,site,date,url\ng1,,2026-09-08,https://rec.example/g1-0908\n"

G1 = ["20260908T180000", "20261006T180000", "20261103T180000", "20261201T180000"]
G2 = ["20260910T190000", "20261203T190000"]
G3 = ["20260902T180000", "20261007T180000", "20261104T180000", "20261202T180000"]
G4 = ["20261104T190000", "20261202T190000"]
OPEN_HOUSES_A = ["20260910T180000", "20261126T180000", "20261203T180000"]

TEXT = {
    "es": ("Reunión de padres mentores con Ana", "La reunión es en español.\nCoordinadora: " + COORD),
    "en": ("Parent mentor meeting with Ana", "The meeting is in English.\nCoordinator: " + COORD),
    "vi": ("Họp phụ huynh với Bao", "Cuộc họp bằng tiếng Việt.\nĐiều phối viên: " + COORD),
    "mentor": ("Parent mentor group", "Your group meets here."),
}
OPEN_HOUSE_TEXT = {"es": ("Casa abierta – Adams Elementary", "Todas las familias son bienvenidas."),
                   "en": ("Open house – Adams Elementary", "All families are welcome.")}


def token(kind: str, ident: str) -> str:
    digest = hashlib.sha256(f"{kind}:{ident}".encode()).digest()
    return base64.b32encode(digest).decode().lower()[:32]


def end_of(start: str, minutes: int = 60) -> str:
    h = int(start[9:11]) + minutes // 60
    return f"{start[:9]}{h:02d}{start[11:]}"


def event(uid: str, start: str, summary: str, description: str, *, end: str | None = None, lang: str = "",
          status: str = "CONFIRMED", seq: int = 0, transp: str = "OPAQUE") -> dict:
    return {"uid": f"{uid}@{HOST}", "start": start, "end": end or (end_of(start) if "T" in start else None),
            "summary": summary, "description": description, "lang": lang, "status": status, "seq": seq,
            "transp": transp}


def session_events(gid: str, starts: list[str], lang: str) -> list[dict]:
    summary, description = TEXT[lang]
    return [event(f"{gid}-{s[:8]}", s, summary, description, lang=lang if lang != "mentor" else "en")
            for s in starts]


def open_house_events(lang: str) -> list[dict]:
    summary, description = OPEN_HOUSE_TEXT[lang]
    return [event(f"oh-A-{s[:8]}", s, summary, description, lang=lang) for s in OPEN_HOUSES_A]


WAITING = event("waiting-p4", "20260801", "On the waiting list for a parent mentor",
                "You are on the waiting list. Call Rosa Díaz at (714) 555-0199 or write to rosa.diaz@district.example.",
                end="20260802", lang="en", transp="TRANSPARENT")
WAITING_CALENDAR = "You are on the waiting list for a parent mentor. Call " + COORD + "."


def escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> list[str]:
    """RFC 5545 folding at 75 octets, never inside a UTF-8 character."""
    out, current, size = [], "", 0
    for ch in line:
        n = len(ch.encode())
        if size + n > 75:
            out.append(current)
            current, size = " ", 1
        current += ch
        size += n
    out.append(current)
    return out


def when(name: str, value: str) -> str:
    if "T" in value:
        return f"{name};TZID=America/Los_Angeles:{value}"
    return f"{name};VALUE=DATE:{value}"


def ics(events: list[dict], *, name: str = "Parent mentor meetings", description: str = "",
        organizer: str = "mailto:rosa.diaz@district.example", vtimezone: bool = True) -> str:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Hand//Checker tests//EN", "CALSCALE:GREGORIAN",
             "METHOD:PUBLISH", f"NAME:{escape(name)}", f"X-WR-CALNAME:{escape(name)}"]
    if description:
        lines.append(f"DESCRIPTION:{escape(description)}")
    if vtimezone:
        lines += hand.make_tiny_program.VTIMEZONE.strip().split("\n")
    for ev in events:
        lang = f";LANGUAGE={ev['lang']}" if ev["lang"] else ""
        lines += ["BEGIN:VEVENT", f"UID:{ev['uid']}", "DTSTAMP:20260801T000000Z", when("DTSTART", ev["start"]),
                  when("DTEND", ev["end"]), f"SEQUENCE:{ev['seq']}", f"STATUS:{ev['status']}",
                  f"SUMMARY{lang}:{escape(ev['summary'])}", f"DESCRIPTION{lang}:{escape(ev['description'])}",
                  f"ORGANIZER;CN=Rosa Díaz:{organizer}", f"TRANSP:{ev['transp']}", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "".join(part + "\r\n" for line in lines for part in fold(line))


def run1_feeds() -> dict[tuple, dict]:
    """(kind, id) -> {"events": [...], "description": calendar DESCRIPTION} for run 1."""
    return {
        ("parent", "p1"): {"events": session_events("g1", G1, "es") + open_house_events("es")},
        ("parent", "p2"): {"events": session_events("g1", G1, "en") + open_house_events("en")},
        ("parent", "p3"): {"events": session_events("g3", G3, "vi")},
        ("parent", "p4"): {"events": [copy.deepcopy(WAITING)], "description": WAITING_CALENDAR},
        ("parent", "p5"): {"events": session_events("g2", G2, "es") + open_house_events("es")},
        ("parent", "p6"): {"events": session_events("g3", G3, "vi")},
        ("mentor", "m1"): {"events": session_events("g1", G1, "mentor") + session_events("g2", G2, "mentor")},
        ("mentor", "m2"): {"events": session_events("g3", G3, "mentor")},
        ("site", "A"): {"events": open_house_events("en")},
        ("site", "B"): {"events": []},
    }


CANCEL_VI = "Đã hủy: gia đình chuyển sang nhóm khác.\nĐiều phối viên: " + COORD


def run2_feeds() -> dict[tuple, dict]:
    """Run 2: p6's g3 sessions from now on are cancelled (SEQUENCE 1, transparent, with a reason),
    g4's are added; m2's feed gains g4; the Sep 8 recording link is added to p1, p2 and m1."""
    feeds = run1_feeds()
    p6 = session_events("g3", G3, "vi")
    for ev in p6[2:]:
        ev.update(status="CANCELLED", seq=1, transp="TRANSPARENT", description=CANCEL_VI)
    feeds[("parent", "p6")] = {"events": p6 + session_events("g4", G4, "vi")}
    feeds[("mentor", "m2")]["events"] += session_events("g4", G4, "mentor")
    for key in (("parent", "p1"), ("parent", "p2"), ("mentor", "m1")):
        first = feeds[key]["events"][0]
        first.update(description=first["description"] + "\nhttps://rec.example/g1-0908", seq=1)
    return feeds


def write_feeds(root: str, feeds: dict[tuple, dict], folder: str | None = None) -> str:
    """Writes calendars/feeds (or `folder`) and out/feeds.csv; returns the feeds folder."""
    folder = folder or os.path.join(root, "calendars", "feeds")
    os.makedirs(folder, exist_ok=True)
    rows = []
    for (kind, ident), spec in feeds.items():
        tok = token(kind, ident)
        lang_name = "Parent mentor meetings"
        with open(os.path.join(folder, tok + ".ics"), "w", encoding="utf-8", newline="") as fh:
            fh.write(spec.get("raw") or ics(spec["events"], name=lang_name, description=spec.get("description", ""),
                                            **spec.get("options", {})))
        rows.append([kind, ident, tok, f"calendars/feeds/{tok}.ics", BASE + tok + ".ics"])
    hand.write_csv(os.path.join(root, "out", "feeds.csv"), ["kind", "id", "token", "path", "url"], rows)
    return folder


def program(root, *, run: int = 1, topics: str | None = None, extra: dict | None = None) -> str:
    """The program folder with schedule.json and the feeds of run 1 or run 2."""
    files = {"data/recordings.csv": RECORDINGS, **(extra or {})}
    root = hand.write(root, toml=TOML, parents=PARENTS, mentors=hand.MENTORS_TOPICS if topics else hand.base.MENTORS,
                      topics=topics, extra=files)
    sched = hand.SCHEDULE if run == 1 else midterm()
    hand.write_json(os.path.join(root, "out", "schedule.json"), sched)
    write_feeds(root, run1_feeds() if run == 1 else run2_feeds())
    return root
