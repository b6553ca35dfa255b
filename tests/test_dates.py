"""Tests for extractor.dates: publication dates, war-day counters and event dates."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from spacy.language import Language

from extractor.config import Settings
from extractor.dates import (
    DateResolver,
    find_publication_date,
    find_war_counters,
    infer_year,
    load_date_patterns,
    publication_warnings,
    resolve_publication_date,
)
from extractor.errors import PatternFileError

SEED = Path("/work/shared/seeds/000_03c76033de746ed9.txt")

WED = date(2025, 7, 2)  # a Wednesday
MON = date(2024, 11, 18)  # a Monday
SUN = date(2025, 3, 9)  # a Sunday
JAN = date(2025, 1, 3)  # a Friday, early January (year boundaries)


@pytest.fixture(scope="module")
def resolver(nlp: Language) -> DateResolver:
    return DateResolver.from_settings(nlp, Settings())


# (sentence, publication date, expected value or None, precision, expected date words)
EVENT_DATES = [
    # weekdays: the most recent such day, the publication day itself if it matches
    ("Russian forces shelled Kherson on Tuesday, killing two people.", WED, "2025-07-01", "day", "Tuesday"),
    ("Russia launched a missile attack on Kyiv on Wednesday.", WED, "2025-07-02", "day", "Wednesday"),
    ("The strike hit a school in Gaza City on Monday night.", WED, "2025-06-30", "day", "Monday night"),
    ("Clashes erupted in El Fasher last Friday.", WED, "2025-06-27", "day", "last Friday"),
    ("On Thursday, gunmen attacked a village in Zamfara state.", WED, "2025-06-26", "day", "Thursday"),
    ("The army said it repelled an assault late Sunday.", WED, "2025-06-29", "day", "late Sunday"),
    ("Houthi rebels fired a missile at Israel on Saturday morning.", WED, "2025-06-28", "day", "Saturday morning"),
    ("Israeli strikes killed 20 people on Sunday, Gaza's civil defence agency said.", SUN, "2025-03-09", "day", "Sunday"),
    ("A drone hit a bus in Kherson on Saturday.", SUN, "2025-03-08", "day", "Saturday"),
    ("Police detained 15 protesters in Tbilisi on Friday evening.", MON, "2024-11-15", "day", "Friday evening"),
    ("Last Monday, the RSF shelled a market in Omdurman.", MON, "2024-11-11", "day", "Last Monday"),
    ("Ukraine said on Monday it had struck an oil depot in Bryansk.", MON, None, None, None),  # report date
    ("Ukraine said its forces struck an oil depot in Bryansk on Monday.", MON, "2024-11-18", "day", "Monday"),
    ("Fighting resumed in Goma on Thursday.", JAN, "2025-01-02", "day", "Thursday"),
    ("Myanmar's military bombed a monastery in Sagaing on Tuesday.", JAN, "2024-12-31", "day", "Tuesday"),
    # future and hypothetical events have no event date yet (see test_future_dates_resolve)
    ("Zelenskyy will meet Trump on Friday in Washington.", WED, None, None, None),
    ("Ruto said he would host a summit of the two leaders on Wednesday.", WED, None, None, None),
    ("Trump warned of consequences if Putin does not agree to a ceasefire on Friday.", WED, None, None, None),
    # relative words
    ("Yesterday, gunmen killed five villagers in Plateau state.", WED, "2025-07-01", "day", "Yesterday"),
    ("Sixty drones were downed overnight over several regions.", WED, "2025-07-01", "day", "overnight"),
    ("Russia attacked Odesa with drones last night, the governor said.", WED, "2025-07-01", "day", "last night"),
    ("Explosions were heard in Kyiv early this morning.", WED, "2025-07-02", "day", "early this morning"),
    ("The ministry said today that 12 soldiers were killed.", WED, "2025-07-02", "day", "today"),
    ("A car bomb exploded in Mogadishu the day before yesterday.", WED, "2025-06-30", "day", "the day before yesterday"),
    ("Sirens sounded across central Israel overnight.", JAN, "2025-01-02", "day", "overnight"),
    ("Israeli troops raided Jenin overnight, the Palestinian health ministry said.", date(2025, 3, 1), "2025-02-28", "day", "overnight"),
    ("Overnight, Russia launched 52 drones at Ukraine.", WED, "2025-07-01", "day", "Overnight"),
    ("Israeli jets struck southern Lebanon during the night.", WED, "2025-07-01", "day", "during the night"),
    ("Shelling killed three civilians in the early hours, officials said.", WED, "2025-07-02", "day", "the early hours"),
    # month-day, day-month, with and without year
    ("The attack took place on June 28.", WED, "2025-06-28", "day", "June 28"),
    ("On 1 July 2025 the army retook the town.", WED, "2025-07-01", "day", "1 July 2025"),
    ("The hospital was struck on 28 June.", WED, "2025-06-28", "day", "28 June"),
    ("The ceasefire took effect on July 3.", WED, "2025-07-03", "day", "July 3"),
    ("The convoy was ambushed on Dec. 30.", JAN, "2024-12-30", "day", "Dec. 30"),
    ("Protesters gathered in Nairobi on January 2.", JAN, "2025-01-02", "day", "January 2"),
    ("Rebels seized the town on November 29, 2024, the UN said.", JAN, "2024-11-29", "day", "November 29, 2024"),
    ("The massacre happened on 15th March 2023 in Kordofan.", JAN, "2023-03-15", "day", "15th March 2023"),
    ("The bridge was destroyed on Sept. 12.", WED, "2024-09-12", "day", "Sept. 12"),
    ("The ship was hit on 4 July.", WED, "2025-07-04", "day", "4 July"),
    ("He was killed on Tuesday, July 1, in a drone strike.", WED, "2025-07-01", "day", "Tuesday, July 1"),
    ("The UN said on Tuesday it was appalled by the attack.", WED, "2025-07-01", "day", "Tuesday"),
    ("Troops entered the city on October 7, 2023.", WED, "2023-10-07", "day", "October 7, 2023"),
    ("The strike on 2025-06-30 killed four.", WED, "2025-06-30", "day", "2025-06-30"),
    # ranges
    ("Fighting on June 28-30 killed dozens.", WED, "2025-06-28", "day", "June 28-30"),
    ("Between June 28 and July 1, at least 40 people died.", WED, "2025-06-28", "day", "June 28 and July 1"),
    ("Heavy clashes were reported from 1 to 3 July in Sumy.", WED, "2025-07-01", "day", "1 to 3 July"),
    ("Strikes from December 30 to January 2 killed 60.", JAN, "2024-12-30", "day", "December 30 to January 2"),
    # vague periods keep their precision
    ("A drone attack last week damaged several vehicles.", WED, "2025-06-23", "week", "last week"),
    ("He was detained earlier this month in Moscow.", WED, "2025-07-01", "month", "earlier this month"),
    ("The town fell last month after weeks of fighting.", WED, "2025-06-01", "month", "last month"),
    ("Hundreds fled their homes earlier this week.", WED, "2025-06-30", "week", "earlier this week"),
    ("Gunmen struck a church over the weekend.", WED, "2025-06-28", "week", "over the weekend"),
    ("The group was banned earlier this year.", WED, "2025-01-01", "year", "earlier this year"),
    ("Aid deliveries were suspended last year.", WED, "2024-01-01", "year", "last year"),
    ("At least 30 people have been killed in recent days.", WED, "2025-06-25", "week", "recent days"),
    ("About 1,000 residents have been evacuated over the past week.", WED, "2025-06-25", "week", "the past week"),
    ("The army said it struck 120 targets over the past day.", WED, "2025-07-01", "day", "the past day"),
    # 'since' on a verb starts the period in which the event happened
    ("Residents have fled the city since Sunday.", WED, "2025-06-29", "day", "Sunday"),
    ("Some 500,000 people have been displaced since the start of the year.", WED, "2025-01-01", "year", "the start of the year"),
    ("More than 2,000 families have fled since the start of August.", date(2025, 8, 12), "2025-08-01", "month", "start of August"),
    # overnight tied to a weekday: the night began that day
    ("Israel struck the ports overnight on Monday.", WED, "2025-06-30", "day", "overnight on Monday"),
    ("Strikes killed 43 people overnight into Tuesday.", WED, "2025-06-30", "day", "overnight into Tuesday"),
    ("Between 23:00 on 19 July and 07:00 on 20 July, air defences destroyed 93 drones.", date(2025, 7, 20), "2025-07-19", "day", "19 July and 07:00 on 20 July"),
    ("Kyiv was attacked in late last month's barrage.", WED, "2025-06-01", "month", "late last month"),
    ("The offensive began last week.", JAN, "2024-12-23", "week", "last week"),
    ("Talks are expected next week.", WED, None, None, None),
    ("The town was captured in June.", WED, "2025-06-01", "month", "June"),
    ("The army recaptured the town in March 2024.", WED, "2024-03-01", "month", "March 2024"),
    ("The plant was occupied in early March 2022.", WED, "2022-03-01", "month", "early March 2022"),
    ("Gunmen killed 12 people in the village in July last year.", WED, "2024-07-01", "month", "July last year"),
    ("The town was captured in March this year.", WED, "2025-03-01", "month", "March this year"),
    ("Protests broke out in December.", WED, "2024-12-01", "month", "December"),
    ("The militia was founded in 2013.", WED, "2013-01-01", "year", "2013"),
    ("Residents said the bombing happened three days ago.", WED, "2025-06-29", "day", "three days ago"),
    ("The village was razed two weeks ago.", WED, "2025-06-18", "week", "two weeks ago"),
    ("A year ago, the town was still under Ukrainian control.", WED, "2024-07-02", "year", "A year ago"),
    # a dateline is the report's date, not the event's
    ("BAMAKO, June 3 - Fighters attacked a camp on Sunday, killing 30.", date(2025, 6, 3), "2025-06-01", "day", "Sunday"),
    ("May 13 (AP) \u2014 An airstrike hit a school on Monday.", date(2025, 5, 13), "2025-05-12", "day", "Monday"),
    ("KYIV, July 2 (Reuters) - Russia attacked Kyiv with drones.", WED, None, None, None),
    ("MOGADISHU, 2 September 2025 \u2014 Militants attacked a base early on Monday.", date(2025, 9, 2), "2025-09-01", "day", "Monday"),
    # not event dates
    ("Macron called for a ceasefire in his first call with Putin since 2022.", WED, None, None, None),
    ("Fighting has raged since early 2023.", WED, "2023-01-01", "year", "early 2023"),
    ("It was the deadliest attack since 2023.", WED, None, None, None),
    ("The ceasefire runs until June 30.", WED, None, None, None),
    ("Kyiv wants the weapons by Friday.", WED, None, None, None),
    ("The 38-year-old man was killed in the attack.", WED, None, None, None),
    ("The war has lasted more than three years.", WED, None, None, None),
    ("Seventeen drones were shot down over Crimea.", WED, None, None, None),
    ("They may attack again, the four officials warned.", WED, None, None, None),
    ("Ukraine has been fighting Russia for 1,224 days.", WED, None, None, None),
    ("Troops were deployed to the border before Christmas.", WED, None, None, None),
    ("The group has carried out daily attacks.", WED, None, None, None),
    ("The agreement signed in 2015 was never implemented.", WED, "2015-01-01", "year", "2015"),
    # without a publication date, relative dates stay unresolved but are found
    ("Russia attacked Kharkiv on Tuesday.", None, None, "day", "Tuesday"),
    ("The strike hit the port overnight.", None, None, "day", "overnight"),
    ("The town fell on 3 March 2024.", None, "2024-03-03", "day", "3 March 2024"),
    # a night named by its dates starts on the first one; a relative word before a date only
    # modifies it
    ("Militants attacked the church overnight from 26 to 27 June, killing 43 people.", WED,
     "2025-06-26", "day", "overnight from 26 to 27 June"),
    ("Gunmen raided the camp overnight from Saturday to Sunday.", WED, "2025-06-28", "day",
     "overnight from Saturday to Sunday"),
    ("Earlier on Monday, a drone strike on a car killed one person.", WED, "2025-06-30", "day", "Monday"),
    ("Late on Tuesday, shelling hit the market.", WED, "2025-07-01", "day", "Tuesday"),
    ("At least 35 people have been killed across the Gaza Strip since dawn.", WED, "2025-07-02", "day",
     "since dawn"),
    # a month with a number that is no day: found, not resolved (and not sent to dateparser)
    ("A convoy was hit on 45 June 2025 near the border.", WED, None, None, "45 June 2025"),
    ("Shelling was reported on September 90, 2025.", WED, None, None, "September 90, 2025"),
    ("The town was retaken on 114 July.", WED, None, None, "114 July"),
]


@pytest.mark.parametrize(("text", "published", "value", "precision", "words"), EVENT_DATES)
def test_event_date(
    nlp: Language, resolver: DateResolver, text: str, published: date | None,
    value: str | None, precision: str | None, words: str | None,
) -> None:
    doc = nlp(text)
    result = resolver.extract(doc[:], published)
    if words is None:
        assert result is None
        return
    assert result is not None
    assert result.text == words
    assert result.value == value
    assert result.precision == precision
    assert result.span is not None
    assert doc.text[result.span[0] : result.span[1]] == result.text
    assert result.rule


def test_event_date_picks_the_event_not_the_statement(nlp: Language, resolver: DateResolver) -> None:
    doc = nlp("The IAEA said on Tuesday that it has been informed of a drone attack last week "
              "near the Zaporizhzhia plant.")
    result = resolver.extract(doc[:], WED)
    assert result is not None and result.text == "last week" and result.precision == "week"
    assert (result.value, result.end) == ("2025-06-23", "2025-06-29")


def test_spans_are_document_offsets(nlp: Language, resolver: DateResolver) -> None:
    doc = nlp("Intro sentence here. Russian drones hit Sumy on Monday night.")
    unit = list(doc.sents)[1]
    result = resolver.extract(unit, WED)
    assert result is not None and result.span is not None
    assert doc.text[result.span[0] : result.span[1]] == "Monday night"


def test_extract_all_lists_every_date(nlp: Language, resolver: DateResolver) -> None:
    doc = nlp("The agency said on Tuesday that the attack last week killed two in the worst such incident since 2022.")
    texts = [d.text for d in resolver.extract_all(doc[:], WED)]
    assert texts == ["Tuesday", "last week"]


@pytest.mark.parametrize(
    ("text", "value", "words"),
    [
        ("Zelenskyy will meet Trump on Friday in Washington.", "2025-07-04", "Friday"),
        ("Talks are due to resume next Monday in Istanbul.", "2025-07-07", "next Monday"),
        ("The summit will take place on August 15.", "2025-08-15", "August 15"),
        ("Talks are expected next week.", "2025-07-07", "next week"),
    ],
)
def test_future_dates_resolve(
    nlp: Language, resolver: DateResolver, text: str, value: str, words: str
) -> None:
    found = resolver.extract_all(nlp(text)[:], WED)
    assert [(d.text, d.value) for d in found] == [(words, value)]


# --- publication date ----------------------------------------------------------------------

PUBLICATION = [
    # (text, record, fallback, expected date, rule)
    ("Here is how things stand on Wednesday, July 2:\n- x", None, None, "2025-07-02", "header"),
    ("Here is how things stand on Wednesday, July 2:\n- x", None, "2025-07-01", "2025-07-02", "header"),
    ("Here is how things stand on Friday, 28 February:\n- x", None, "2025-03-10", "2025-02-28", "header"),
    ("Here is how things stand on Monday, November 18, 2024:", None, None, "2024-11-18", "header"),
    ("Here is how things stand on Wednesday, July 2:\n- x", "2025-07-02T08:00:00Z", None, "2025-07-02", "record"),
    ("KYIV, July 2 (Reuters) - Russia launched drones.", None, "2025-07-05", "2025-07-02", "dateline"),
    ("KHARTOUM, Sudan, March 9 (AP) - Clashes.", None, "2025-03-20", "2025-03-09", "dateline"),
    ("Published On 2 Jul 2025\nRussia launched drones.", None, None, "2025-07-02", "header"),
    ("Updated: July 2, 2025 10:32 GMT\nText.", None, None, "2025-07-02", "header"),
    ("Wednesday 2 July 2025\nRussia launched drones.", None, None, "2025-07-02", "header"),
    ("Russia launched drones at Kyiv.", None, "2025-07-02", "2025-07-02", "fallback"),
    ("Russia-Ukraine war: List of key events, day 1,267\nHere is the situation on Thursday, August 14, 2025.", None, None, "2025-08-14", "header"),
    ("Key developments in eastern Congo, Tuesday, January 28\n- M23 rebels entered Goma.", None, "2025-02-01", "2025-01-28", "header"),
    ("Headline\n\nBAMAKO, June 3 - Fighters attacked a camp.", None, "2025-06-10", "2025-06-03", "dateline"),
    ("Headline\n\nPORT SUDAN, Aug 12 - The RSF attacked a camp.", None, "2025-08-20", "2025-08-12", "dateline"),
    ("Headline\n\nMay 13 (AP) — An airstrike hit a school.", None, "2025-05-20", "2025-05-13", "dateline"),
    ("Russia launches record air attack\n4 July 2025, 09:12 BST\n\nRussia fired 539 drones.", None, None, "2025-07-04", "header"),
    # a date line with a time in twelve-hour form and a zone
    ("Strikes on Kharkiv\nAugust 14, 2025 10:32 AM GMT\nDrones hit the city.", None, None, "2025-08-14", "header"),
    ("Strikes on Kharkiv\n14 August 2025, 09:12 (UTC+3)\nDrones hit the city.", None, None, "2025-08-14", "header"),
    # a title line of the first few that ends with a full date
    ("Statement of the Ministry of Defence of Ukraine, 5 October 2025\n\nOver the past day ...", None, None, "2025-10-05", "header"),
    ("Sudan war: key developments on Thursday, 21 August 2025\n\n- Drones hit Port Sudan.", None, None, "2025-08-21", "header"),
    ("Situation report - Sept. 3, 2025\nFighting continued.", None, None, "2025-09-03", "header"),
    ("Haiti: Flash Update No. 4 - Displacement in Centre department (18 June 2025)\n\nGangs attacked.", None, None, "2025-06-18", "header"),
    # ... but a headline about a day in the past is no date line
    ("What we know about the attack on 7 October 2023\n\nText.", None, "2025-07-02", "2025-07-02", "fallback"),
    ("Here are the key events on day 1,000 of Russia's war on Ukraine.", None, "2020-01-01", "2024-11-19", "counter"),
    ("Russia launched drones at Kyiv.", None, None, None, None),
    ("Russia launched drones at Kyiv.", "not a date", "2025-07-02", "2025-07-02", "fallback"),
]


@pytest.mark.parametrize(("text", "record", "fallback", "expected", "rule"), PUBLICATION)
def test_publication_date(
    text: str, record: str | None, fallback: str | None, expected: str | None, rule: str | None
) -> None:
    value, used = find_publication_date(text, record, fallback)
    assert (value.isoformat() if value else None, used) == (expected, rule)


def test_seed_publication_date() -> None:
    result = resolve_publication_date(SEED.read_text(encoding="utf-8"), None, None)
    assert result.value == date(2025, 7, 2)
    assert result.rule == "header"
    assert result.warnings == []  # day 1,224 is 2025-07-01: within the counter's tolerance


def test_weekday_header_year_inferred_against_today() -> None:
    # with today = 2026-11-29, the most recent year where July 2 is a Wednesday is 2025
    result = resolve_publication_date("How things stand on Wednesday, July 2", None, None,
                                      today=date(2026, 11, 29))
    assert result.value == date(2025, 7, 2)


def test_a_dateline_without_year_or_weekday_warns_that_the_year_is_a_guess() -> None:
    text = "KHARTOUM, Oct 3 (Reuters) - Drones struck the city overnight."
    guessed = resolve_publication_date(text, None, None, today=date(2026, 11, 29))
    assert guessed.value == date(2026, 10, 3)
    assert len(guessed.warnings) == 1 and "has no year: took 2026" in guessed.warnings[0]
    given = resolve_publication_date(text, None, "2025-10-04", today=date(2026, 11, 29))
    assert given.value == date(2025, 10, 3) and given.warnings == []


@pytest.mark.parametrize(
    ("month", "day", "weekday", "reference", "expected"),
    [
        (7, 2, 2, date(2026, 11, 29), date(2025, 7, 2)),
        (7, 2, 2, date(2025, 6, 25), date(2025, 7, 2)),  # within the future window
        (7, 2, None, date(2025, 5, 1), date(2024, 7, 2)),
        (2, 29, 3, date(2025, 1, 1), date(2024, 2, 29)),
        (11, 18, 0, date(2025, 7, 2), date(2024, 11, 18)),
    ],
)
def test_infer_year(month: int, day: int, weekday: int | None, reference: date, expected: date) -> None:
    assert infer_year(month, day, weekday, reference) == expected


def test_war_counters() -> None:
    counters = find_war_counters("Key events on day 1,224 of Russia's war on Ukraine; "
                                 "the 500th day of the war in Gaza; day 3 of the summit.")
    assert [(c.war_id, c.day_number, c.implied.isoformat()) for c in counters] == [
        ("russia_ukraine", 1224, "2025-07-01"),
        ("israel_gaza", 500, "2025-02-17"),
    ]


def test_contradictions_are_flagged() -> None:
    text = "Here are the key events on day 1,224 of Russia's war on Ukraine.\n" \
           "Here is how things stand on Wednesday, July 2:"
    assert publication_warnings(text, "2025-07-02") == []
    warnings = publication_warnings(text, "2025-08-15")
    assert len(warnings) == 2 and "day 1,224" in warnings[0]
    result = resolve_publication_date(text, "2025-05-01", None)
    assert result.rule == "record" and any("contradicts" in w for w in result.warnings)
    wrong_weekday = resolve_publication_date("How things stand on Tuesday, July 2, 2025", None, None)
    assert any("not a Tuesday" in w for w in wrong_weekday.warnings)


def test_seed_bullets(nlp: Language, resolver: DateResolver) -> None:
    text = SEED.read_text(encoding="utf-8")
    doc = nlp(text)
    expected = {
        "A Russian-British dual national": ("2025-07-01", "day"),
        "Ukraine’s Air Force said on Tuesday": ("2025-07-01", "day"),
        "The Ministry of Defence in Moscow": ("2025-07-01", "day"),
        "The United Nations nuclear watchdog": ("2025-06-23", "week"),
        "French President Emmanuel Macron": None,
    }
    offset = 0
    for line in text.split("\n"):
        unit = doc.char_span(offset, offset + len(line), alignment_mode="expand")
        offset += len(line) + 1
        for prefix, want in expected.items():
            if line.startswith("- " + prefix):
                assert unit is not None
                got = resolver.extract(unit, WED)
                assert (got.value, got.precision) == want if want else got is None, line


def test_pattern_files_load() -> None:
    patterns = load_date_patterns(None)
    assert patterns.vocab.weekdays["wednesday"] == 2
    assert patterns.counters.wars[0].day_one == date(2022, 2, 24)


def test_broken_pattern_file_is_reported(tmp_path: Path) -> None:
    folder = tmp_path / "dates"
    folder.mkdir()
    for name in ("candidates.jsonl", "war_counters.json", "publication.json"):
        (folder / name).write_text((Path("patterns/dates") / name).read_text())
    (folder / "vocabulary.json").write_text('{"future_window_days": -1}')
    with pytest.raises(PatternFileError, match="vocabulary.json"):
        load_date_patterns(tmp_path)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a date inside the reason given for a sentence or an arrest dates the earlier act
        ("A court in Rostov sentenced a man to 12 years for setting fire to a recruitment office in 2023.", None),
        ("Police arrested two men over the killing of a journalist in May.", None),
        ("A court on Tuesday sentenced two men for the bombing of a bus in 2022.", "2025-06-24"),
        # a span of time after "for" is no reason
        ("Fighting raged for a week in June near Pokrovsk.", "2025-06-01"),
    ],
)
def test_a_date_in_the_reason_is_not_the_event_date(
    nlp: Language, resolver: DateResolver, text: str, expected: str | None
) -> None:
    found = resolver.extract(nlp(text)[:], date(2025, 6, 27))
    assert (found.value if found else None) == expected
