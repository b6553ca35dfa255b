"""An HTML view of articles and the events extracted from them.

:func:`render_report` turns ``(article text, Document)`` pairs into ONE self-contained HTML page:
inline CSS and JavaScript (from ``extractor/templates/``), inline SVG charts, nothing fetched
from the network (a Content-Security-Policy in the page forbids it, and only the page's own
script, pinned by its hash, may run). Each article shows its text with every extracted span
underlined by kind, in stacked layers like displaCy's "span" style so that overlapping spans
(a count inside an attribution, a place inside an actor) stay readable, and beside it a table
of its events. Hovering or clicking a span shows what it resolved to and which rule fired.

Article text and every field are untrusted: everything is escaped with :func:`html.escape`.
"""

from __future__ import annotations

import base64
import bisect
import hashlib
import html
import os
import tempfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from string import Template

from . import __version__
from .models import Actor, Attribution, Count, Document, Event, Location

KINDS: tuple[str, ...] = ("actor", "location", "count", "attribution", "date")
LABELS: dict[str, str] = {
    "actor": "ACTOR", "location": "LOC", "count": "COUNT", "attribution": "ATTR", "date": "DATE",
}
# A mark's label is drawn at its start; reserve this many characters of text for it when
# choosing layers, so that two labels on one layer do not print over each other.
LABEL_RESERVE = 6
QUOTE_MAX = 160
CHART_ROWS = 12

Detail = tuple[str, str]
Pair = tuple[str | None, Document]  # article text (None when it could not be read), document


@dataclass
class Mark:
    """One highlighted span: where it is, its kind, and what it resolved to."""

    start: int
    end: int
    kind: str
    head: str
    details: tuple[Detail, ...]
    events: list[str] = field(default_factory=list)
    level: int = 0
    mid: str = ""


# --------------------------------------------------------------------------- helpers


def esc(value: object) -> str:
    """HTML-escape any value (quotes too, so it is safe inside attributes)."""
    return html.escape("" if value is None else str(value), quote=True)


def _fmt(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.2f}"
    if isinstance(value, tuple):
        return "–".join(str(v) for v in value)
    return str(value)


def _pairs(**fields: object) -> tuple[Detail, ...]:
    """Non-empty fields as (name, text) pairs, in the order given."""
    return tuple((name, _fmt(v)) for name, v in fields.items() if v is not None and v != "")


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@cache
def _template(name: str) -> str:
    return resources.files("extractor").joinpath("templates", name).read_text(encoding="utf-8")


def _csp(script: str) -> str:
    """A policy that forbids every network request and every script but ours."""
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    return (
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
        f"script-src 'sha256-{digest}'; base-uri 'none'; form-action 'none'"
    )


# --------------------------------------------------------------------------- marks


def _actor_mark(a: Actor) -> Mark:
    details = _pairs(name=a.name, kind=a.kind, role=a.role, country=a.country, id=a.id,
                     title=a.title, affiliation=a.affiliation)
    return Mark(a.span[0], a.span[1], "actor", a.name, details + _provenance(a.rule, a.score))


def _location_mark(loc: Location) -> Mark:
    coords = f"{loc.lat:.4f}, {loc.lon:.4f}" if loc.lat is not None and loc.lon is not None else None
    details = _pairs(name=loc.name, kind=loc.kind, country=loc.country, admin1=loc.admin1,
                     geonames_id=loc.geonames_id, coordinates=coords, descriptor=loc.descriptor,
                     control=loc.control, controlled_by=loc.controlled_by)
    return Mark(loc.span[0], loc.span[1], "location", loc.name,
                details + _provenance(loc.rule, loc.score))


def _count_mark(c: Count) -> Mark:
    details = _pairs(value=c.value, range=_range(c.min, c.max), approximate=c.approximate or None,
                     category=c.category, item=c.item, location=c.location,
                     cumulative=c.cumulative or None, part_of=c.part_of)
    return Mark(c.span[0], c.span[1], "count", f"{c.value} {c.category}",
                details + _provenance(c.rule, c.score))


def _attribution_mark(at: Attribution) -> Mark:
    src = at.source
    details = _pairs(source=src.name or "(unnamed)", source_kind=src.kind, title=src.title,
                     affiliation=src.affiliation, verb=at.verb, channel=at.channel, via=at.via,
                     quote=_clip(at.quote, QUOTE_MAX) if at.quote else None)
    return Mark(at.span[0], at.span[1], "attribution", src.name or f"({src.kind})",
                details + _provenance(at.rule, at.score))


def _provenance(rule: str | None, score: float | None) -> tuple[Detail, ...]:
    return (("rule", rule or "—"), ("score", _fmt(score) if score is not None else "—"))


def _event_marks(ev: Event) -> list[Mark]:
    marks = [_actor_mark(a) for a in ev.actors]
    marks += [_location_mark(loc) for loc in ev.locations]
    marks += [_count_mark(c) for c in ev.counts]
    marks += [_attribution_mark(at) for at in ev.attributions]
    d = ev.date
    if d is not None and d.span is not None:
        details = _pairs(value=d.value or "(unresolved)", text=d.text, precision=d.precision,
                         end=d.end) + (("rule", d.rule or "—"),)
        marks.append(Mark(d.span[0], d.span[1], "date", d.value or d.text, details))
    return marks


def collect_marks(doc: Document, text: str, prefix: str = "a0") -> tuple[list[Mark], int]:
    """Every span of every event, merged when several events share one.

    Args:
        doc: The document.
        text: The article text its offsets point into.
        prefix: Page-unique prefix for the ids of this article's marks and event rows.

    Returns:
        The marks in text order, each with its ``level`` (underline layer) and ``mid`` set,
        and how many spans were skipped because their offsets fall outside the text.
    """
    merged: dict[tuple[int, int, str, str], Mark] = {}
    skipped = 0
    for n, ev in enumerate(doc.events):
        for m in _event_marks(ev):
            if not 0 <= m.start < m.end <= len(text):
                skipped += 1
                continue
            kept = merged.setdefault((m.start, m.end, m.kind, m.head), m)
            kept.events.append(row_id(prefix, n))
    marks = sorted(merged.values(), key=lambda m: (m.start, -m.end, KINDS.index(m.kind)))
    for i, m in enumerate(marks):
        m.mid = f"{prefix}-{i}"
    assign_levels(marks)
    return marks, skipped


def assign_levels(marks: Sequence[Mark]) -> None:
    """Give each mark the lowest underline layer no overlapping mark uses.

    Shorter marks are placed first, so an inner span (a count) sits nearest the text and the
    span around it (the attribution) one layer below, as in displaCy's span renderer.
    """
    if not marks:
        return
    longest = max(_reach(m) - m.start for m in marks)
    starts: list[int] = []  # placed marks, kept sorted by start, so only neighbours are checked
    placed: list[Mark] = []
    for m in sorted(marks, key=lambda m: (m.end - m.start, m.start)):
        lo = bisect.bisect_left(starts, m.start - longest)
        hi = bisect.bisect_left(starts, _reach(m))
        taken = {p.level for p in placed[lo:hi] if m.start < _reach(p)}
        m.level = next(lv for lv in range(len(taken) + 1) if lv not in taken)
        at = bisect.bisect_left(starts, m.start)
        starts.insert(at, m.start)
        placed.insert(at, m)


def _reach(m: Mark) -> int:
    """Where a mark ends for layering: its text, or its label if that is longer."""
    return max(m.end, m.start + LABEL_RESERVE)


# --------------------------------------------------------------------------- article text


def row_id(prefix: str, n: int) -> str:
    """HTML id of the table row of event ``n`` of the article with this prefix."""
    return f"e-{prefix}-{n}"


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line of the text, newlines excluded."""
    out, start = [], 0
    for i, ch in enumerate(text):
        if ch == "\n":
            out.append((start, i))
            start = i + 1
    out.append((start, len(text)))
    return out


def _segment(text: str, start: int, end: int, covering: list[Mark], first_of: set[str]) -> str:
    """One run of text covered by the same marks: nested underlines, innermost layer first."""
    piece = esc(text[start:end])
    if not covering:
        return piece
    layers = sorted(covering, key=lambda m: m.level)
    labels = "".join(
        f'<span class="anchor k-{m.kind}" style="--lv:{m.level}">'
        f'<span class="lbl">{LABELS[m.kind]}</span></span>'
        for m in layers if m.mid in first_of
    )
    inner = labels + piece
    for m in layers:
        inner = f'<span class="u k-{m.kind}" style="--lv:{m.level}">{inner}</span>'
    mids = " ".join(m.mid for m in layers)
    focus = ' tabindex="0"' if first_of else ""
    return f'<span class="seg" data-m="{mids}"{focus}>{inner}</span>'


def _marks_by_line(lines: Sequence[tuple[int, int]], marks: Sequence[Mark]) -> list[list[Mark]]:
    """For each line, the marks that touch it (a mark may run over several lines)."""
    starts = [start for start, _ in lines]
    buckets: list[list[Mark]] = [[] for _ in lines]
    for m in marks:
        first = bisect.bisect_right(starts, m.start) - 1
        last = bisect.bisect_left(starts, m.end) - 1
        for n in range(max(first, 0), last + 1):
            if m.start < lines[n][1] or m.start == lines[n][0]:
                buckets[n].append(m)
    return buckets


def render_text(text: str, marks: Sequence[Mark]) -> str:
    """The article text, one ``div.line`` per line, with every mark underlined in its layer."""
    out = []
    lines = _lines(text)
    for (lstart, lend), touching in zip(lines, _marks_by_line(lines, marks), strict=True):
        inside = [m for m in touching if m.start < lend and m.end > lstart]
        cuts = sorted({lstart, lend} | {max(lstart, min(lend, p)) for m in inside for p in (m.start, m.end)})
        depth = max((m.level + 1 for m in inside), default=0)
        parts = []
        for a, b in zip(cuts, cuts[1:], strict=False):
            covering = [m for m in inside if m.start <= a and m.end >= b]
            first_of = {m.mid for m in covering if m.start == a or a == lstart}
            parts.append(_segment(text, a, b, covering, first_of))
        out.append(f'<div class="line" style="--depth:{depth}">{"".join(parts)}</div>')
    return "\n".join(out)


def render_tip_cards(marks: Sequence[Mark]) -> str:
    """Hidden detail cards; the page script copies them into the tooltip."""
    cards = []
    for m in marks:
        rows = "".join(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in m.details)
        cards.append(
            f'<div class="tipcard k-{m.kind}" id="t-{m.mid}" data-e="{" ".join(m.events)}">'
            f'<div class="head">{LABELS[m.kind]} · {esc(m.head)}</div><dl>{rows}</dl></div>'
        )
    return f'<div class="tipsrc" hidden>{"".join(cards)}</div>'


# --------------------------------------------------------------------------- events table


def _item(kind: str, main: str, sub: str = "") -> str:
    tail = f' <span class="sub">{sub}</span>' if sub else ""
    return f'<li class="k-{kind}">{main}{tail}</li>'


def _list(items: Sequence[str]) -> str:
    return f"<ul>{''.join(items)}</ul>" if items else ""


def _join(*parts: object) -> str:
    return " · ".join(esc(p) for p in parts if p not in (None, ""))


def _actor_item(a: Actor) -> str:
    return _item("actor", f"{esc(a.name)} <b>{esc(a.role)}</b>", _join(a.kind, a.country))


def _location_item(loc: Location) -> str:
    gn = f"geonames {loc.geonames_id}" if loc.geonames_id is not None else "no geonames id"
    admin1 = f"admin1 {loc.admin1}" if loc.admin1 else None
    return _item("location", esc(loc.name), _join(loc.kind, loc.country, admin1, gn))


def _range(lo: int | None, hi: int | None) -> str | None:
    """'3–5', '≥40', '≤10', or None when neither bound is known."""
    if lo is not None and hi is not None:
        return f"{lo}–{hi}"
    if lo is not None:
        return f"≥{lo}"
    return f"≤{hi}" if hi is not None else None


def count_figure(c: Count) -> str:
    """The figure as a reader says it: '3', '~50', '≥40' (at least), '≤10', '12 (10–15)'."""
    lo, hi = c.min, c.max
    if lo == c.value and hi is None:
        return f"≥{c.value:,}"
    if hi == c.value and lo is None:
        return f"≤{c.value:,}"
    figure = ("~" if c.approximate else "") + f"{c.value:,}"
    rng = _range(lo, hi)
    return f"{figure} ({rng})" if rng and (lo, hi) != (c.value, c.value) else figure


def _count_item(c: Count) -> str:
    where = f"@ {c.location}" if c.location else None
    return _item("count", f"<b>{esc(count_figure(c))}</b> {esc(c.category)}", _join(c.item, where))


def _attribution_item(at: Attribution) -> str:
    src = at.source
    channel = f"on {at.channel}" if at.channel else None
    via = f"via {at.via}" if at.via else None
    sub = _join(src.kind, src.title, src.affiliation, at.verb, channel, via)
    if at.quote:
        sub += f'<br><span class="quote">“{esc(_clip(at.quote, QUOTE_MAX))}”</span>'
    return _item("attribution", esc(src.name or "(unnamed)"), sub)


def _event_cell(ev: Event, doc_id: str) -> str:
    """Type, id, confidence, date and section of an event, stacked in one cell.

    An id ``<doc_id>#<n>`` is shown as ``#<n>`` (the article header names the document).
    """
    short = ev.id[len(doc_id):] if ev.id.startswith(doc_id + "#") else ev.id
    lines = [f'<span class="type">{esc(ev.type)}</span>',
             f'<span class="id" title="{esc(ev.id)}">{esc(short)}</span>',
             f'<span class="sub">confidence {ev.confidence:.2f}</span>']
    if ev.date is not None:
        lines.append(f'<span class="date">{esc(ev.date.value or "date unresolved")}</span> '
                     f'<br><span class="sub">“{esc(_clip(ev.date.text, 28))}”</span>')
    if ev.section:
        lines.append(f'<span class="sub">§ {esc(ev.section)}</span>')
    return "<br>".join(lines)


def _event_row(ev: Event, doc_id: str, row_id: str, mids: str) -> str:
    cells = [
        _event_cell(ev, doc_id),
        _list([_actor_item(a) for a in ev.actors]),
        _list([_location_item(loc) for loc in ev.locations]),
        _list([_count_item(c) for c in ev.counts]),
        _list([_attribution_item(a) for a in ev.attributions]),
    ]
    tds = "".join(f"<td>{c}</td>" for c in cells)
    return f'<tr id="{row_id}" data-m="{mids}">{tds}</tr>'


def render_events_table(doc: Document, marks: Sequence[Mark], prefix: str = "a0") -> str:
    """A table of the document's events: type/id/date, actors, places, counts, sources."""
    if not doc.events:
        return '<p class="note">No events extracted.</p>'
    head = "".join(f"<th>{h}</th>" for h in ("event", "actors", "locations", "counts", "attributions"))
    mids: dict[str, list[str]] = {}
    for m in marks:
        for rid in m.events:
            mids.setdefault(rid, []).append(m.mid)
    rows = []
    for n, ev in enumerate(doc.events):
        rid = row_id(prefix, n)
        rows.append(_event_row(ev, doc.doc_id, rid, " ".join(mids.get(rid, []))))
    return f'<table class="ev"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


# --------------------------------------------------------------------------- article card


def _meta(doc: Document) -> str:
    parts = [
        f"source {esc(doc.source)}",
        f"published {esc(doc.published or 'unknown')}",
        _plural(len(doc.events), "event"),
        f"extractor {esc(doc.extractor.version)} / {esc(doc.extractor.model)}",
    ]
    if doc.encoding:
        parts.append(f"decoded as {esc(doc.encoding)}")
    if doc.url:
        parts.append(f"url {esc(doc.url)}")
    return '<p class="meta">' + "".join(f"<span>{p}</span>" for p in parts) + "</p>"


def _error_card(doc: Document) -> str:
    if doc.error is None:
        return ""
    return (f'<div class="errcard" role="alert"><strong>Error: {esc(doc.error.type)}</strong>'
            f"<pre>{esc(doc.error.message)}</pre></div>")


def render_article(index: int, text: str | None, doc: Document) -> str:
    """One article card: header, error card if any, highlighted text beside its events."""
    prefix = f"a{index}"
    body = text or ""
    marks, skipped = collect_marks(doc, body, prefix)
    note = (f'<p class="note">{skipped} span(s) lie outside the text and are not drawn.</p>'
            if skipped else "")
    cols = ""
    if body or doc.events:
        cols = (f'<div class="cols"><div class="text">{render_text(body, marks)}{note}</div>'
                f'<div class="events">{render_events_table(doc, marks, prefix)}</div></div>')
    cls = "doc error" if doc.error else "doc"
    return (f'<article class="{cls}" id="{prefix}" data-doc-id="{esc(doc.doc_id)}">'
            f"<header><h2>{esc(doc.title or doc.doc_id)}</h2>{_meta(doc)}</header>"
            f"{_error_card(doc)}{cols}{render_tip_cards(marks)}</article>")


# --------------------------------------------------------------------------- corpus view


def corpus_stats(docs: Sequence[Document]) -> dict[str, list[tuple[str, int]]]:
    """Events per type, per day and per place; counts summed by category."""
    types: Counter[str] = Counter()
    days: Counter[str] = Counter()
    places: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    for doc in docs:
        for ev in doc.events:
            types[ev.type] += 1
            days[(ev.date.value if ev.date and ev.date.value else "no date")] += 1
            for name in {loc.name for loc in ev.locations}:
                places[name] += 1
            for c in ev.counts:
                if c.part_of is None:
                    totals[c.category] += c.value
    by_day = sorted(days.items(), key=lambda kv: (kv[0] == "no date", kv[0]))
    return {
        "Events per type": types.most_common(),
        "Events per day": by_day,
        "Events per place": places.most_common(),
        "Counts by category (sum)": totals.most_common(),
    }


def bar_chart(title: str, rows: Sequence[tuple[str, int]], *, kind: str = "", limit: int = CHART_ROWS) -> str:
    """A small horizontal bar chart as inline SVG (labels left, bars, values right)."""
    if not rows:
        return f'<figure class="chart"><h3>{esc(title)}</h3><p class="empty">nothing yet</p></figure>'
    shown = list(rows[:limit])
    rest = len(rows) - len(shown)
    top = max((v for _, v in shown), default=0) or 1
    width, label_w, row_h = 300, 112, 18
    value_w = 10 + 7 * len(f"{top:,}")  # room for the longest figure after its bar
    bar_w = width - label_w - value_w
    bars = []
    for i, (label, value) in enumerate(shown):
        y = i * row_h
        w = max(1.0, bar_w * value / top) if value > 0 else 0.0
        bars.append(
            f'<g transform="translate(0,{y})"><title>{esc(label)}: {value}</title>'
            f'<text x="{label_w - 6}" y="13" text-anchor="end">{esc(_clip(label, 18))}</text>'
            f'<rect x="{label_w}" y="3" width="{w:.1f}" height="12" rx="2" fill="var(--c, #4b5563)"/>'
            f'<text class="val" x="{label_w + w + 4:.1f}" y="13">{value:,}</text></g>'
        )
    height = len(shown) * row_h + 4
    more = f'<p class="empty">and {rest} more</p>' if rest > 0 else ""
    return (f'<figure class="chart k-{kind}"><h3>{esc(title)}</h3>'
            f'<svg viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
            f'aria-label="{esc(title)}">{"".join(bars)}</svg>{more}</figure>')


# chart title -> (span kind whose colour it takes, rows shown)
_CHARTS: dict[str, tuple[str, int]] = {
    "Events per type": ("", CHART_ROWS),
    "Events per day": ("date", 31),  # a month of days, in date order
    "Events per place": ("location", CHART_ROWS),
    "Counts by category (sum)": ("count", CHART_ROWS),
}


def render_corpus(docs: Sequence[Document]) -> str:
    """The corpus view: four small charts over all documents."""
    charts = "".join(bar_chart(t, rows, kind=_CHARTS[t][0], limit=_CHARTS[t][1])
                     for t, rows in corpus_stats(docs).items())
    return f'<section class="corpus"><h2>Corpus</h2><div class="charts">{charts}</div></section>'


def render_toc(docs: Sequence[Document]) -> str:
    """Links to each article, with its number of events or its error."""
    items = []
    for i, doc in enumerate(docs):
        status = (f'<span class="err">error: {esc(doc.error.type)}</span>' if doc.error
                  else _plural(len(doc.events), "event"))
        items.append(f'<li><a href="#a{i}">{esc(doc.title or doc.doc_id)}</a> — {status}</li>')
    return f'<nav class="toc"><h2>Articles</h2><ol>{"".join(items)}</ol></nav>'


# --------------------------------------------------------------------------- page


def _legend() -> str:
    items = "".join(f'<li class="k-{k}">{k}</li>' for k in KINDS)
    return f'<ul class="legend" aria-label="span kinds">{items}</ul>'


def _summary(docs: Sequence[Document]) -> str:
    events = sum(len(d.events) for d in docs)
    errors = sum(1 for d in docs if d.error)
    text = f"{_plural(len(docs), 'article')}, {_plural(events, 'event')}"
    if errors:
        text += f", {errors} with errors"
    return text + ". Hover or click an underlined span to see what it resolved to."


def render_report(articles: Sequence[Pair], *, title: str = "extractor report") -> str:
    """Render articles and their extracted events as one self-contained HTML page.

    Args:
        articles: ``(article text, Document)`` pairs; the text is the one the Document's
            offsets point into (``None`` or ``""`` when the article could not be read).
        title: Page title.

    Returns:
        The HTML page. It makes no network request: CSS, script and charts are inline, and its
        Content-Security-Policy blocks any other resource and any script but its own.
    """
    pairs = list(articles)
    docs = [doc for _, doc in pairs]
    script = _template("report.js")
    several = len(pairs) > 1
    page = Template(_template("report.html")).substitute(
        csp=_csp(script),
        version=esc(__version__),
        title=esc(title),
        summary=esc(_summary(docs)),
        legend=_legend(),
        corpus=render_corpus(docs) if several else "",
        toc=render_toc(docs) if several else "",
        articles="\n".join(render_article(i, text, doc) for i, (text, doc) in enumerate(pairs)),
        css=_template("report.css"),
        js=script,
    )
    return page


def write_report(path: str | os.PathLike[str], articles: Sequence[Pair], *,
                 title: str = "extractor report") -> Path:
    """Render the report and write it atomically (temporary file, then :func:`os.replace`).

    Returns:
        The path written.
    """
    target = Path(path)
    page = render_report(articles, title=title)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(page)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target
