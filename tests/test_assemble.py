"""Assembling events: background sentences, elaborating sentences, bullets with more than
one happening, confidence."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from extractor import Document, Extractor
from extractor.assemble import (
    Unit,
    _sentences_within,
    bullet_segments,
    continues,
    event_confidence,
    is_background,
    merge,
    new_date,
    new_places,
    only_quoted,
    quoted_ranges,
)
from extractor.context import ArticleContext
from extractor.models import Actor, Attribution, Count, Event, EventDate, Location, Source
from extractor.resources import default_patterns_dir
from extractor.structure import HappeningCues
from tests.helpers import assert_spans_read_back

TEXT = "JNIM attacked a camp in Boulkessi. JNIM claimed to have seized the camp."


def _event(start: int, end: int, type_: str = "armed_clash", **fields: object) -> Event:
    return Event(id="", type=type_, text=TEXT[start:end], span=(start, end), confidence=0.5,
                 **fields)  # type: ignore[arg-type]


def _actor(name: str) -> Actor:
    return Actor(text=name, span=(0, 4), name=name, kind="group", role="initiator")


def _date(value: str, end: str | None = None) -> EventDate:
    return EventDate(value=value, text="x", end=end, precision="month" if end else "day")


@pytest.mark.parametrize(
    ("when", "background"),
    [
        (None, False),
        (_date("2025-07-01"), False),
        (_date("2025-06-05"), False),
        (_date("2025-05-01"), True),
        (_date("2023-04-01", end="2023-04-30"), True),
        (_date("2025-06-01", end="2025-06-30"), False),
        (EventDate(value=None, text="on Tuesday"), False),
    ],
)
def test_background_is_dated_well_before_publication(when: EventDate | None, background: bool) -> None:
    event = _event(0, 34, date=when)
    assert is_background(event, date(2025, 7, 2), 31) is background
    assert is_background(event, None, 31) is False


def test_elaboration_without_place_or_date_continues_the_event() -> None:
    first = _event(0, 34, locations=[Location(text="Boulkessi", span=(24, 33), name="Boulkessi",
                                              kind="city")])
    second = _event(35, len(TEXT), actors=[_actor("JNIM")])
    assert continues(first, second)
    merged = merge(first, second, TEXT)
    assert merged.text == TEXT and merged.span == (0, len(TEXT))
    assert [a.name for a in merged.actors] == ["JNIM"]
    assert merged.locations == first.locations


@pytest.mark.parametrize(
    ("second", "expected"),
    [
        (_event(35, 70, "other"), True),
        (_event(35, 70, "attack"), True),  # no actor of its own: "Fatalities unknown."
        (_event(35, 70, "interception", actors=[_actor("Air Force")]), False),
        (_event(35, 70, "armed_clash", date=_date("2025-07-01")), False),
        (_event(35, 70, "armed_clash", locations=[
            Location(text="Gao", span=(35, 38), name="Gao", kind="city")]), False),
    ],
)
def test_new_happenings_do_not_continue(second: Event, expected: bool) -> None:
    assert continues(_event(0, 34), second) is expected


def test_merge_keeps_counts_and_attributions_of_both() -> None:
    count = Count(text="5", span=(0, 1), value=5, category="killed")
    att = Attribution(text="police said", span=(40, 51), source=Source(name="police", kind="government"),
                      verb="said")
    merged = merge(_event(0, 34, counts=[count]), _event(35, 70, attributions=[att]), TEXT)
    assert merged.counts == [count] and merged.attributions == [att]


def test_confidence_grows_with_elements_and_stays_in_range() -> None:
    assert event_confidence("other", [False] * 5) == 0.2
    assert event_confidence("attack", [True, False, False, False, False]) == 0.52
    assert event_confidence("attack", [True] * 5) == 1.0


# --- Bullets with more than one happening (samples/README.md, "Bullets with more than one
# happening"). Each bullet is read under a heading; the expected events are its pieces.

SPLIT = [
    ("Russian drones struck Odesa overnight, injuring two people. In Kharkiv, a missile hit a "
     "residential block, killing one woman.",
     ["Russian drones struck Odesa overnight, injuring two people.",
      "In Kharkiv, a missile hit a residential block, killing one woman."]),
    ("Russian shelling killed two civilians in Kherson; Ukrainian drones struck an oil depot in "
     "Russia's Belgorod region.",
     ["Russian shelling killed two civilians in Kherson",
      "Ukrainian drones struck an oil depot in Russia's Belgorod region."]),
    ("Israeli air strikes killed 14 people in Gaza City on Tuesday. Separately, the army said two "
     "soldiers were killed in a gun battle in Rafah.",
     ["Israeli air strikes killed 14 people in Gaza City on Tuesday.",
      "Separately, the army said two soldiers were killed in a gun battle in Rafah."]),
    ("Hamas said it had accepted the Egyptian truce proposal. Meanwhile, Israeli tanks pushed "
     "deeper into Khan Younis.",
     ["Hamas said it had accepted the Egyptian truce proposal.",
      "Meanwhile, Israeli tanks pushed deeper into Khan Younis."]),
    ("The RSF shelled El Fasher, killing five civilians, while army drones struck RSF positions "
     "in Nyala.",
     ["The RSF shelled El Fasher, killing five civilians",
      "army drones struck RSF positions in Nyala."]),
    ("Police arrested 12 protesters in Nairobi on Monday. On Tuesday, gunmen abducted three aid "
     "workers near Marsabit.",
     ["Police arrested 12 protesters in Nairobi on Monday.",
      "On Tuesday, gunmen abducted three aid workers near Marsabit."]),
    ("Zelenskyy met Polish President Karol Nawrocki in Warsaw. Russian forces captured the "
     "village of Novoselivka in the Donetsk region, the defence ministry in Moscow said.",
     ["Zelenskyy met Polish President Karol Nawrocki in Warsaw.",
      "Russian forces captured the village of Novoselivka in the Donetsk region, the defence "
      "ministry in Moscow said."]),
    ("A Houthi missile was intercepted over central Israel; Israeli jets later struck the port "
     "of Hodeidah in Yemen.",
     ["A Houthi missile was intercepted over central Israel",
      "Israeli jets later struck the port of Hodeidah in Yemen."]),
    ("Gunmen killed nine villagers in Zamfara state. Elsewhere, troops freed 20 hostages in "
     "Kaduna.",
     ["Gunmen killed nine villagers in Zamfara state.",
      "Elsewhere, troops freed 20 hostages in Kaduna."]),
    ("Russian drones hit Sumy, injuring four people. Russian drones also struck Chernihiv, "
     "damaging a school.",
     ["Russian drones hit Sumy, injuring four people.",
      "Russian drones also struck Chernihiv, damaging a school."]),
    ("On 3 July 2025, al-Shabaab militants attacked an army base in Moqokori (Hiraan, Somalia). "
     "On 4 July 2025, Somali forces killed eight al-Shabaab fighters near Jowhar.",
     ["On 3 July 2025, al-Shabaab militants attacked an army base in Moqokori (Hiraan, Somalia).",
      "On 4 July 2025, Somali forces killed eight al-Shabaab fighters near Jowhar."]),
    ("Hezbollah fired rockets at northern Israel, and Israeli jets struck targets in southern "
     "Lebanon.",
     ["Hezbollah fired rockets at northern Israel",
      "Israeli jets struck targets in southern Lebanon."]),
    ("Netanyahu said Israel would press on with the Gaza City offensive. Egypt and Qatar urged "
     "both sides to accept the truce proposal.",
     ["Netanyahu said Israel would press on with the Gaza City offensive.",
      "Egypt and Qatar urged both sides to accept the truce proposal."]),
    ("Russian forces shelled Nikopol, damaging 12 houses. Separately, a drone attack on "
     "Marhanets injured a woman.",
     ["Russian forces shelled Nikopol, damaging 12 houses.",
      "Separately, a drone attack on Marhanets injured a woman."]),
    ("Russian forces attacked Kharkiv with guided bombs, injuring seven people, regional "
     "governor Oleh Syniehubov said. A separate drone strike on a village nearby killed a "
     "70-year-old woman.",
     ["Russian forces attacked Kharkiv with guided bombs, injuring seven people, regional "
      "governor Oleh Syniehubov said.",
      "A separate drone strike on a village nearby killed a 70-year-old woman."]),
    ("At least 12 people were killed when an air strike hit a market in Tarbaha, local "
     "activists said; the RSF blamed the army.",
     ["At least 12 people were killed when an air strike hit a market in Tarbaha, local "
      "activists said",
      "the RSF blamed the army."]),
    ("Gunmen killed 15 worshippers at a mosque in Tillaberi region, Niger's interior ministry "
     "said. Separately, an IED killed four soldiers near Tahoua.",
     ["Gunmen killed 15 worshippers at a mosque in Tillaberi region, Niger's interior ministry "
      "said.",
      "Separately, an IED killed four soldiers near Tahoua."]),
    ("Clashes between Druze fighters and Bedouin tribes in As-Suwayda killed at least 30 "
     "people. Israel struck Syrian tanks moving towards the city.",
     ["Clashes between Druze fighters and Bedouin tribes in As-Suwayda killed at least 30 "
      "people.",
      "Israel struck Syrian tanks moving towards the city."]),
]

ONE = [
    "A Russian attack on a vehicle evacuating civilians from Kupiansk killed one person and "
    "injured a policeman, police said.",
    "Russian missiles hit Dnipro, killing three people and injuring 35. The strike also damaged "
    "a hospital in the city centre, Governor Serhiy Lysak said.",
    "Russia fired 40 drones and two missiles at Ukraine overnight, the air force said. Of these, "
    "35 drones were shot down.",
    "The Houthis fired a ballistic missile at Israel; the military said it was intercepted.",
    "Zelenskyy urged allies to speed up air defence deliveries. \u201cEvery day of delay costs "
    "lives,\u201d he said.",
    "Ukrainian drones hit a refinery in Russia's Samara region, sparking a fire, the governor "
    "said. No casualties were reported.",
    "M23 rebels seized the town of Walikale, the group said. Congo's army did not respond to a "
    "request for comment.",
    "Israeli troops killed two Palestinians in Jenin; one of them was a 16-year-old boy, the "
    "health ministry said.",
    "Russian forces shelled Kherson on Sunday, killing a 60-year-old man, and wounded two women "
    "in the nearby village of Bilozerka.",
    "Two people were killed and 15 injured when Russian glide bombs hit Zaporizhzhia, regional "
    "governor Ivan Fedorov said.",
    "Thousands of people protested in Kathmandu against the social media ban; police fired tear "
    "gas and arrested dozens.",
    "Kremlin spokesman Dmitry Peskov said Moscow remained open to talks, while accusing Kyiv of "
    "sabotaging them.",
    "JNIM fighters ambushed a Malian army convoy near Gao, killing 12 soldiers. The group "
    "claimed the attack in a statement.",
    "Ukraine and Russia exchanged 84 prisoners of war each, the UAE said. Ukraine also returned "
    "20 civilians.",
    "Russian forces shelled Nikopol, damaging 12 houses and a gas pipeline; no one was hurt, the "
    "governor said.",
    "The army said its troops had retaken two villages near Pokrovsk. The claim could not be "
    "independently verified.",
    "Peskov added: \u201cWe want peace. Therefore, we are not delaying anything.\u201d",
    "Israeli strikes killed at least 25 people across Gaza on Sunday, the civil defence agency "
    "said. Among the dead were four children.",
    "The Houthis claimed a drone attack on the port of Eilat. The Israeli military said the "
    "drone fell in an open area.",
    "Sudan's army said it had repelled an RSF assault on El Fasher, killing dozens of fighters. "
    "The RSF said it had seized the army's 6th Division headquarters.",
    "North Korea test-fired several short-range ballistic missiles into the sea, South Korea's "
    "military said. Japan said none landed in its exclusive economic zone.",
    "A car bomb exploded outside a police station in Quetta, killing six officers; no group has "
    "claimed responsibility.",
    "Polish and NATO jets were scrambled as Russia attacked western Ukraine overnight. Poland's "
    "operational command said its airspace was not violated.",
    "Germany pledged a further 500 million euros in military aid to Ukraine; the package "
    "includes IRIS-T air defence systems.",
    "Hamas released the bodies of two hostages, and Israel handed over the remains of 30 "
    "Palestinians.",
]


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def _bulletin(extractor: Extractor, bullet: str, marker: str = "- ") -> tuple[str, Document]:
    text = f"Here are the key events:\nFighting\n{marker}{bullet}\n- Macron called for a ceasefire.\n"
    return text, extractor.extract(text, doc_id="b", published="2025-07-02")


@pytest.mark.parametrize(("bullet", "expected"), SPLIT)
def test_a_bullet_with_separate_happenings_gives_one_event_each(
    extractor: Extractor, bullet: str, expected: list[str],
) -> None:
    text, doc = _bulletin(extractor, bullet)
    assert [event.text for event in doc.events[:-1]] == expected
    assert [event.id for event in doc.events] == [f"b#{n}" for n in range(1, len(expected) + 2)]
    assert all(event.section == "Fighting" for event in doc.events)
    assert_spans_read_back(doc.model_dump(mode="json"), text)


@pytest.mark.parametrize("bullet", ONE)
def test_a_bullet_reporting_one_happening_stays_one_event(extractor: Extractor, bullet: str) -> None:
    text, doc = _bulletin(extractor, bullet, marker="\u2022 ")
    assert [event.text for event in doc.events] == [bullet, "Macron called for a ceasefire."]
    assert_spans_read_back(doc.model_dump(mode="json"), text)


def test_coordinated_verbs_keep_one_event_with_both_counts(extractor: Extractor) -> None:
    _, doc = _bulletin(extractor, ONE[0], marker="3) ")
    counts = {(count.category, count.value) for count in doc.events[0].counts}
    assert {("killed", 1), ("injured", 1)} <= counts


def test_split_events_keep_their_own_elements(extractor: Extractor) -> None:
    _, doc = _bulletin(extractor, SPLIT[0][0])
    odesa, kharkiv = doc.events[:2]
    assert [loc.name for loc in odesa.locations] == ["Odesa"]
    assert [loc.name for loc in kharkiv.locations] == ["Kharkiv"]
    assert {(c.category, c.value) for c in odesa.counts} == {("injured", 2)}
    assert {(c.category, c.value) for c in kharkiv.counts} == {("killed", 1)}


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("He said \u201cno\u201d twice.", [(8, 12)]),
        ('He said "no" and "yes".', [(8, 12), (17, 22)]),
        ("\u201cWe want peace. Therefore", [(0, 25)]),  # left open: runs to the end
        ("No quotes here.", []),
    ],
)
def test_quoted_ranges(text: str, quoted: list[tuple[int, int]]) -> None:
    assert quoted_ranges(text, 0, len(text)) == quoted


def test_a_quote_with_its_reporting_clause_only_is_no_happening() -> None:
    text = "\u201cWe will rebuild,\u201d he said. Police blamed the army."
    said, cut, police = text.index("he said"), text.index("Police"), text.index("the army")
    att = Attribution(text="he said", span=(said, said + 7), verb="said",
                      source=Source(name=None, kind="person"))
    blamed = Attribution(text="Police blamed the army", span=(cut, police + 8), verb="blamed",
                         source=Source(name="police", kind="government"))
    quote = Event(id="", type="diplomacy", text=text[:cut - 1], span=(0, cut - 1), confidence=0.5,
                  attributions=[att])
    accusation = Event(id="", type="accusation", text=text[cut:], span=(cut, len(text)),
                       confidence=0.5, attributions=[blamed])
    quoted = quoted_ranges(text, 0, len(text))
    assert only_quoted(quote, quoted, text)
    assert not only_quoted(accusation, quoted, text)  # no quote: a statement of its own


@pytest.fixture(scope="module")
def cues() -> HappeningCues:
    return HappeningCues.from_dir(default_patterns_dir())


@pytest.mark.parametrize(
    ("piece", "separate", "back", "nothing"),
    [
        ("Separately, gunmen killed two farmers.", True, False, False),
        ("Meanwhile, talks resumed in Doha.", True, False, False),
        ("In another attack, a drone hit a bus.", True, False, False),
        ("A separate strike on Chuhuiv killed a woman.", True, False, False),
        ("The strike also damaged a school.", False, True, False),
        ("The Israeli air strikes destroyed two houses.", False, True, False),
        ("Of these, 30 were shot down.", False, True, False),
        ("Two of the wounded are in critical condition.", False, True, False),
        ("None landed in Japanese waters.", False, True, False),
        ("It was intercepted over the sea.", False, True, False),
        ("Its airspace was not violated.", False, False, True),
        ("The ministry did not immediately respond to a request for comment.", False, False, True),
        ("The claim could not be independently verified.", False, False, True),
        ("The army declined to comment.", False, False, True),
        ("Ukrainian drones hit a refinery.", False, False, False),
    ],
)
def test_happening_cues(cues: HappeningCues, piece: str, separate: bool, back: bool,
                        nothing: bool) -> None:
    assert cues.opens_separate(piece) is separate
    assert cues.refers_back(piece) is back
    assert cues.reports_nothing(piece) is nothing


def test_outcomes_and_new_places(cues: HappeningCues) -> None:
    strike = _event(0, 34, "air_drone_strike", locations=[
        Location(text="Izhevsk", span=(0, 7), name="Izhevsk", kind="city", country="RU",
                 admin1="Udmurtia")])
    shot_down = _event(35, 70, "interception", actors=[_actor("Air Force")])
    assert cues.is_outcome("interception", "air_drone_strike")
    assert continues(strike, shot_down, cues) and not continues(strike, shot_down)
    region = Location(text="Udmurtia", span=(40, 48), name="Udmurtia", kind="admin1",
                      country="RU")
    elsewhere = Location(text="Gao", span=(40, 43), name="Gao", kind="city", country="ML")
    assert new_places(strike, _event(35, 70, locations=[region])) == []
    assert new_places(strike, _event(35, 70, locations=[elsewhere])) == [elsewhere]
    base = Location(text="army base", span=(40, 49), name="army base", kind="facility")
    plant = Location(text="Kupol plant", span=(40, 51), name="Kupol plant", kind="facility",
                     country="RU", admin1="Udmurtia")
    refinery = Location(text="Kirishi refinery", span=(40, 56), name="Kirishi refinery",
                        kind="facility", country="RU", admin1="Leningrad")
    assert new_places(strike, _event(35, 70, locations=[base, plant])) == []
    assert new_places(strike, _event(35, 70, locations=[refinery])) == [refinery]


def test_a_date_repeated_is_not_new() -> None:
    first = _event(0, 34, date=_date("2025-07-01"))
    assert not new_date(first, _event(35, 70, date=_date("2025-07-01")))
    assert new_date(first, _event(35, 70, date=_date("2025-06-30")))
    assert not new_date(first, _event(35, 70))


def test_reading_pieces_leaves_the_article_context_as_it_was(extractor: Extractor) -> None:
    text = "Russian shelling killed two civilians in Kherson; Ukrainian drones struck Belgorod."
    doc = extractor.nlp(text)
    stages = extractor.nlp.get_pipe("extractor_events").stages
    context = ArticleContext(doc_id="c", published=date(2025, 7, 2))
    segments = bullet_segments(stages, Unit(doc[:], "bullet", None), context)
    assert [segment.text for segment in segments] == [
        "Russian shelling killed two civilians in Kherson", "Ukrainian drones struck Belgorod."]
    assert context.locations == [] and context.actors == [] and context.speakers == []


@pytest.mark.parametrize(
    ("words", "starts", "expected"),
    [
        # a break before words going on in lower case, after words ending no sentence
        (["Ukraine", "and", "Russia", "swapped", "prisoners", "."], [0, 1],
         ["Ukraine and Russia swapped prisoners."]),
        (["Strikes", "hit", "Gaza", "on", "Sunday", ",", "medics", "said", "."], [0, 5],
         ["Strikes hit Gaza on Sunday, medics said."]),
        # real sentence ends, and a capital after a dateline, are kept
        (["Strikes", "hit", "Gaza", ".", "Medics", "said", "so", "."], [0, 4],
         ["Strikes hit Gaza.", "Medics said so."]),
        (["\u201c", "We", "will", "rebuild", ".", "\u201d", "he", "said", "."], [0, 6],
         ["\u201cWe will rebuild.\u201d", "he said."]),
        (["JUBA", ",", "March", "8", "-", "A", "helicopter", "was", "hit", "."], [0, 2],
         ["JUBA,", "March 8 - A helicopter was hit."]),
    ],
)
def test_parser_breaks_inside_a_sentence_are_ignored(
    nlp: Language, words: list[str], starts: list[int], expected: list[str],
) -> None:
    spaces = [i + 1 < len(words) and words[i + 1] not in (".", ",", "\u201d") and words[i] != "\u201c"
              for i in range(len(words))]
    doc = Doc(nlp.vocab, words=words, spaces=spaces,
              sent_starts=[i in starts for i in range(len(words))])
    assert [s.text for s in _sentences_within(doc, 0, len(doc.text))] == expected


def test_where_an_armed_actor_is_is_the_events_place(extractor: Extractor) -> None:
    text = "On 8 July 2025, security forces clashed with TTP militants in Bannu (Khyber Pakhtunkhwa, Pakistan)."
    event = extractor.extract(text, published="2025-07-10").events[0]
    assert any("TTP militants" in actor.text for actor in event.actors)
    assert {"Bannu", "Khyber Pakhtunkhwa", "Pakistan"} <= {loc.text for loc in event.locations}


def test_where_a_person_is_is_the_events_place(extractor: Extractor) -> None:
    text = "Sudan's army chief met Egyptian President Abdel Fattah el-Sisi in Cairo on Sunday to discuss the war."
    event = extractor.extract(text, published="2025-08-25").events[0]
    assert "Cairo" in {loc.text for loc in event.locations}


def test_an_adjective_before_a_name_is_no_second_actor(extractor: Extractor) -> None:
    # the parser may make "paramilitary" a subject of its own beside the name it modifies
    text = ("Fighting\n- The paramilitary Rapid Support Forces (RSF) killed at least 21 people in a drone "
            "attack on a mosque in el-Fasher during dawn prayers on Friday.\n")
    event = extractor.extract(text, published="2025-08-25").events[0]
    assert [actor.name for actor in event.actors] == ["Rapid Support Forces"]


@pytest.mark.parametrize(
    "state",
    [
        "Al-Shabaab has been fighting for more than 15 years to topple the central government.",
        "Ukraine does not comment on specific strikes inside Russia.",
        "Militants control large parts of the countryside and attack convoys on the main roads.",
    ],
)
def test_a_sentence_stating_how_things_are_is_no_event(extractor: Extractor, state: str) -> None:
    lead = "Gunmen killed five people at a market in Mogadishu on Monday, police said."
    events = extractor.extract(f"Headline\n\n{lead}\n\n{state}\n", published="2025-07-02").events
    assert [event.text for event in events] == [lead]


def test_a_statement_in_the_present_is_still_an_event(extractor: Extractor) -> None:
    lead = "Gunmen killed 12 worshippers at a church in Komanda on Sunday, the army said."
    statement = "MONUSCO strongly condemns this heinous attack and calls for the perpetrators to be brought to justice."
    events = extractor.extract(f"Headline\n\n{lead}\n\n{statement}\n", published="2025-07-28").events
    assert statement in [event.text for event in events]


def test_a_sentence_reporting_the_figures_stays_with_its_event(extractor: Extractor) -> None:
    text = ("On 4 September 2025, army airstrikes hit a school in Tabayin township (Sagaing region), "
            "killing 12 students. The PDF reported the figures.\n")
    events = extractor.extract(text, published="2025-09-10").events
    assert len(events) == 1 and [a.source.name for a in events[0].attributions] == ["People's Defence Force"]


def test_a_title_word_in_a_name_in_apposition_does_not_loop(extractor: Extractor) -> None:
    # "Leader" is a title word: the apposition search once found the name itself, for ever
    document = extractor.extract("The Houthis seized the cargo ship Galaxy Leader and killed two crew members.",
                                 published="2025-07-09")
    assert document.error is None and document.events


def test_an_institutions_seat_is_no_place_of_the_event(extractor: Extractor) -> None:
    text = "- The Ministry of Defence in Moscow said that 40 Ukrainian drones were downed overnight over the Bryansk region."
    event = extractor.extract(text, published="2025-07-10").events[0]
    assert "Moscow" not in {loc.text for loc in event.locations}


def test_an_unlisted_place_lies_in_the_one_region_of_the_articles_places(extractor: Extractor) -> None:
    text = (
        "ADF fighters killed 12 villagers near Komanda, in Ituri province, on Sunday, the army said.\n\n"
        "On Monday, the fighters burned 40 homes in Qwertyville territory, residents said.\n"
    )
    events = extractor.extract(text, published="2025-07-29").events
    unlisted = [loc for event in events for loc in event.locations if loc.name == "Qwertyville"]
    assert [(loc.country, loc.admin1) for loc in unlisted] == [("CD", "Ituri")]


def test_days_counted_from_the_previous_event_date_the_event(extractor: Extractor) -> None:
    text = (
        "Russian drones hit a warehouse in Odesa on Wednesday, the governor said.\n\n"
        "Two days earlier, shelling killed a woman in Kherson, officials said.\n\n"
        "Two days earlier than planned, troops shelled Nikopol, officials said.\n"  # no count from it
    )
    events = extractor.extract(text, published="2025-08-14").events
    assert [event.date.value if event.date else None for event in events] == ["2025-08-13", "2025-08-11", None]
    assert events[1].date is not None and events[1].date.text == "Two days earlier"
