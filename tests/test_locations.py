"""LocationFinder: mention finding in sentences, qualifiers, descriptors, control, exclusions."""

from __future__ import annotations

import pytest
from spacy.language import Language

from extractor.config import Settings
from extractor.context import ArticleContext
from extractor.locations import LocationFinder
from extractor.models import Location


@pytest.fixture(scope="module")
def finder(nlp: Language) -> LocationFinder:
    return LocationFinder.from_settings(nlp, Settings())


def run(nlp: Language, finder: LocationFinder, text: str, context: ArticleContext | None = None,
        exclude: list[tuple[int, int]] | None = None) -> list[Location]:
    doc = nlp(text)
    found = finder.extract(doc[:], context or ArticleContext(), exclude=exclude)
    for loc in found:
        assert doc.text[loc.span[0]:loc.span[1]] == loc.text
    return found


def by_text(found: list[Location]) -> dict[str, Location]:
    return {loc.text: loc for loc in found}


SEED = (
    "A Ukrainian drone attack on an industrial plant in Izhevsk, in central Russia, killed "
    "three people and injured 35 others, regional Governor Alexander Brechalov said."
)


def test_seed_izhevsk_in_central_russia(nlp, finder):
    found = by_text(run(nlp, finder, SEED))
    izhevsk = found["Izhevsk"]
    assert (izhevsk.country, izhevsk.admin1, izhevsk.geonames_id) == ("RU", "Udmurtia", 554840)
    assert izhevsk.descriptor == "central"
    assert "Ukrainian" not in found  # a demonym
    assert found["Russia"].kind == "country"  # the qualifying country is a location too


def test_seed_pokrovsk_in_donetsk_region(nlp, finder):
    text = ("A Russian attack on a vehicle evacuating civilians from Pokrovsk, in Ukraine’s "
            "Donetsk region, killed one person and injured a policeman, police said.")
    found = by_text(run(nlp, finder, text))
    assert found["Pokrovsk"].geonames_id == 704422
    region = found["Donetsk region"]
    assert (region.kind, region.country, region.name) == ("admin1", "UA", "Donetsk")


def test_seed_drones_over_regions(nlp, finder):
    text = ("The Ministry of Defence in Moscow said that 60 Ukrainian drones were downed "
            "overnight over several regions, including 17 over Russian-occupied Crimea, 16 over "
            "Russia’s Rostov region and four over Russia’s Saratov region.")
    found = by_text(run(nlp, finder, text))
    assert found["Crimea"].kind == "region"
    assert (found["Crimea"].control, found["Crimea"].controlled_by) == ("occupied", "RU")
    assert (found["Rostov region"].kind, found["Rostov region"].admin1) == ("admin1", "Rostov")
    assert found["Rostov region"].country == "RU"
    assert (found["Saratov region"].kind, found["Saratov region"].country) == ("admin1", "RU")
    assert found["Moscow"].country == "RU"
    assert "Russia" not in found


def test_seed_nuclear_plant_and_london(nlp, finder):
    text = ("The IAEA said a drone attack last week near Ukraine’s Zaporizhzhia Nuclear Power "
            "Plant damaged several vehicles.")
    plant = by_text(run(nlp, finder, text))["Zaporizhzhia Nuclear Power Plant"]
    assert (plant.kind, plant.country) == ("facility", "UA")
    london = by_text(run(nlp, finder, "A Russian-British dual national appeared in a London "
                                      "court on Tuesday."))["London"]
    assert (london.kind, london.country, london.geonames_id) == ("city", "GB", 2643743)


# (sentence, mention text, expected name, expected country)
SENTENCES = [
    ("Russian missiles struck Kharkiv overnight, the city's mayor said.", "Kharkiv", "Kharkiv", "UA"),
    ("Explosions were heard in Kiev early on Monday.", "Kiev", "Kyiv", "UA"),
    ("Shelling hit residential areas of Zaporozhye on Sunday.", "Zaporozhye", "Zaporizhzhia", "UA"),
    ("Israeli strikes killed 12 people in Rafah on Tuesday, medics said.", "Rafah", "Rafah", "PS"),
    ("The RSF attacked El Fasher again on Friday.", "El Fasher", "El Fasher", "SD"),
    ("Fighting continued around Bakhmut, which Russia calls Artemovsk.", "Bakhmut", "Bakhmut", "UA"),
    ("Junta airstrikes hit a village in Sagaing region on Monday.", "Sagaing region", "Sagaing", "MM"),
    ("Gunmen killed 20 civilians near Djibo in northern Burkina Faso.", "Djibo", "Djibo", "BF"),
    ("Houthi fighters fired missiles at ships in the Red Sea.", "Red Sea", "Red Sea", None),
    ("M23 rebels advanced towards Goma in North Kivu province.", "Goma", "Goma", "CD"),
    ("Drones attacked an oil depot in Russia's Bryansk region.", "Bryansk region", "Bryansk", "RU"),
    ("Hezbollah fired rockets from southern Lebanon into northern Israel.", "Lebanon", "Lebanon", "LB"),
]


@pytest.mark.parametrize(("text", "mention", "name", "country"), SENTENCES)
def test_mentions_in_sentences(nlp, finder, text, mention, name, country):
    found = by_text(run(nlp, finder, text))
    assert mention in found, found
    assert (found[mention].name, found[mention].country) == (name, country)


@pytest.mark.parametrize(
    ("text", "not_a_place"),
    [
        ("Russian forces shelled the area.", "Russian"),
        ("A Ukrainian drone hit a refinery.", "Ukrainian"),
        ("Russia launched 52 Shahed drones overnight.", "Russia"),
        ("US envoy Keith Kellogg accused Moscow of stalling.", "US"),
        ("Ukraine's Air Force said 40 drones were downed.", "Ukraine"),
    ],
)
def test_actor_words_are_not_places(nlp, finder, text, not_a_place):
    assert not_a_place not in by_text(run(nlp, finder, text))


def test_countries_named_as_places_are_emitted(nlp, finder):
    found = by_text(run(nlp, finder, "Macron called for a ceasefire in Ukraine and sent aid to Sudan."))
    assert found["Ukraine"].kind == "country" and found["Sudan"].country == "SD"


def test_descriptors(nlp, finder):
    found = by_text(run(nlp, finder, "Strikes hit the southern port city of Odesa overnight."))
    assert found["Odesa"].descriptor == "southern"
    found = by_text(run(nlp, finder, "Shelling was reported in eastern Ukraine."))
    assert found["Ukraine"].descriptor == "eastern"
    found = by_text(run(nlp, finder, "Two people died in Vovchansk, near the border with Russia."))
    assert found["Vovchansk"].descriptor == "near the border"


def test_control_status(nlp, finder):
    found = by_text(run(nlp, finder, "Settlers attacked a village in the Israeli-occupied West Bank."))
    assert (found["West Bank"].control, found["West Bank"].controlled_by) == ("occupied", "IL")


def test_plural_region_suffix_applies_to_each_conjunct(nlp, finder):
    found = run(nlp, finder, "Fighting raged in the Donetsk and Luhansk regions on Monday.")
    kinds = {loc.name: loc.kind for loc in found}
    assert kinds.get("Donetsk") == "admin1" and kinds.get("Luhansk") == "admin1"


def test_earlier_article_places_decide_namesakes(nlp, finder):
    context = ArticleContext()
    context.remember_locations(run(nlp, finder, "Russia's Rostov region was attacked again."))
    found = by_text(run(nlp, finder, "A drone hit a building in Donetsk overnight.", context))
    assert found["Donetsk"].country == "RU"


def test_earlier_article_places_do_not_lift_an_old_name_over_the_place_that_bears_it(nlp, finder):
    context = ArticleContext()  # Engels, in the Saratov region, was once called Pokrovsk
    context.remember_locations(run(nlp, finder, "A drone hit a refinery in the Russian city of Saratov."))
    context.remember_locations(run(nlp, finder, "Russian attacks killed five people in Zaporizhzhia."))
    pokrovsk = by_text(run(nlp, finder, "Ukrainian troops are holding out in Pokrovsk.", context))["Pokrovsk"]
    assert (pokrovsk.country, pokrovsk.admin1) == ("UA", "Donetsk")


def test_earlier_article_places_decide_namesakes_before_an_administrative_noun(nlp, finder):
    context = ArticleContext()
    context.remember_locations(run(nlp, finder, "Fighting near El Obeid in North Kordofan went on."))
    found = by_text(run(nlp, finder, "Partners fed 9,000 people in Bara locality.", context))
    assert found["Bara locality"].country == "SD"  # not Bara in Nigeria's Gombe state


TAWILA = "Thousands of displaced people have arrived in Tawila since April."


def test_alternate_names_abroad_are_not_linked_when_the_article_names_other_countries(nlp, finder):
    # GeoNames lists "Tawila" only as an alternate name of a village in Yemen
    context = ArticleContext()
    context.remember_locations(run(nlp, finder, "Fighting spread across Sudan's Darfur region."))
    tawila = by_text(run(nlp, finder, TAWILA, context))["Tawila"]
    assert tawila.name == "Tawila" and tawila.country is None and tawila.geonames_id is None


def test_alternate_names_are_linked_in_a_country_the_article_names(nlp, finder):
    context = ArticleContext()
    context.remember_locations(run(nlp, finder, "Fighting spread across western Yemen."))
    assert by_text(run(nlp, finder, TAWILA, context))["Tawila"].country == "YE"
    assert by_text(run(nlp, finder, TAWILA))["Tawila"].country == "YE"  # no country named yet


def test_unresolvable_places_are_kept_without_geonames_id(nlp, finder):
    found = run(nlp, finder, "The strike hit the Qwertzovo Chemical Plant near Kursk.")
    plant = [loc for loc in found if "Qwertzovo" in loc.text]
    assert plant and plant[0].geonames_id is None and plant[0].kind == "facility"


def test_excluded_spans_are_skipped(nlp, finder):
    text = "Explosions were heard in Kharkiv."
    start = text.index("Kharkiv")
    assert run(nlp, finder, text, exclude=[(start, start + 7)]) == []


def test_fuzzy_match_has_lower_score(nlp, finder):
    found = by_text(run(nlp, finder, "Shelling hit Kramatorksk on Monday."))
    if "Kramatorksk" in found:  # only when NER tags the misspelling as a place
        assert found["Kramatorksk"].name == "Kramatorsk" and found["Kramatorksk"].score < 1


@pytest.mark.parametrize(
    ("text", "mention", "name", "kind"),
    [
        ("Soldiers burned homes in Kyauktaw township on Friday.", "Kyauktaw township", "Kyauktaw", "admin2"),
        ("Gunmen raided two villages in Bukkuyum LGA of Zamfara state.", "Bukkuyum LGA", "Bukkuyum", "admin2"),
        ("Clashes were reported in Walikale territory, North Kivu.", "Walikale territory", "Walikale", "admin2"),
        ("Fano fighters attacked an army post in the Wag Hemra zone.", "Wag Hemra zone", "Wag Hemra", "admin2"),
        ("Shelling hit Um Kadada locality late on Sunday.", "Um Kadada locality", "Um Kadada", "admin2"),
        ("Airstrikes struck villages in Rakhine State, residents said.", "Rakhine State", "Rakhine", "admin1"),
    ],
)
def test_names_before_an_administrative_noun_are_places(nlp, finder, text, mention, name, kind):
    found = by_text(run(nlp, finder, text))
    assert mention in found, found
    assert (found[mention].name, found[mention].kind) == (name, kind)


@pytest.mark.parametrize(
    "text",
    [
        "Russian regional officials said the strike hit a depot.",
        "The Islamic State claimed the attack in a statement.",
        "Provincial officials said nine people died.",
    ],
)
def test_administrative_nouns_without_a_name_give_no_place(nlp, finder, text):
    assert not [loc for loc in run(nlp, finder, text) if loc.rule == "places.suffix"]


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("On 3 May, JNIM militants attacked a checkpoint near Djibo (Sahel, Burkina Faso).",
         {"Djibo", "Sahel", "Burkina Faso"}),
        ("Protesters gathered in Bamako (Mali) on Friday.", {"Bamako", "Mali"}),
        ("Gunmen killed a farmer in Dutsin-Ma, Katsina, Nigeria.", {"Katsina", "Nigeria"}),
        ("Militants attacked posts in Kayes and Segou (Kayes and Segou, Mali).", {"Kayes", "Segou", "Mali"}),
    ],
)
def test_countries_qualifying_a_place_are_places(nlp, finder, text, places):
    found = by_text(run(nlp, finder, text))
    assert places <= set(found), found


@pytest.mark.parametrize(
    ("text", "mention", "name", "kind", "country"),
    [
        ("Drones set fire to the Ryazan oil refinery overnight.", "Ryazan oil refinery",
         "Ryazan oil refinery", "facility", "RU"),
        ("A missile hit the Ladyzhyn thermal power plant on Sunday.", "Ladyzhyn thermal power plant",
         "Ladyzhyn thermal power plant", "facility", "UA"),
        ("Shelling damaged the Zaporizhzhia nuclear power plant's cooling system.",
         "Zaporizhzhia nuclear power plant", "Zaporizhzhia Nuclear Power Plant", "facility", "UA"),
        ("Gunmen attacked the Kalma displacement camp in South Darfur.", "Kalma displacement camp",
         "Kalma displacement camp", "facility", None),
        ("Troops crossed the Dnipro river near Kherson.", "Dnipro river", "Dnipro River", "water", None),
    ],
)
def test_a_place_before_a_facility_noun_names_the_facility(nlp, finder, text, mention, name, kind, country):
    found = by_text(run(nlp, finder, text))
    assert mention in found, found
    loc = found[mention]
    assert (loc.name, loc.kind) == (name, kind)
    if country:
        assert loc.country == country


@pytest.mark.parametrize(
    "text",
    [
        "Drones hit a fuel depot in Tuapse, officials said.",
        "Shelling struck a school in Kherson on Monday.",
        "Sources said a power plant in Kharkiv was hit.",
        "The main border crossing near Chaman was closed on Sunday.",  # "The" names nothing
    ],
)
def test_a_capitalised_word_outside_the_facility_phrase_does_not_name_it(nlp, finder, text):
    found = by_text(run(nlp, finder, text))
    assert not [loc for loc in found.values() if loc.kind == "facility"], found


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Herders attacked the village of Yelwata in Benue state.", "Yelwata"),  # NER: ORG
        ("Troops recaptured the town of Qwertzovo on Sunday.", "Qwertzovo"),
        ("Soldiers burned houses in the village of Qwertzovo in Sagaing region.", "Qwertzovo"),  # no NER
    ],
)
def test_the_name_in_the_village_of_x_is_a_place(nlp, finder, text, name):
    assert name in by_text(run(nlp, finder, text))


def test_an_unlisted_place_lies_in_the_one_region_its_unit_names(nlp, finder):
    found = by_text(run(nlp, finder, "Soldiers burned houses in the village of Kan Thit in Sagaing region."))
    assert (found["Kan Thit"].country, found["Kan Thit"].admin1) == ("MM", "Sagaing")
    two = by_text(run(nlp, finder, "Fighting in Sagaing and Magway regions reached the village of Kan Thit."))
    assert "Kan Thit" not in two or two["Kan Thit"].admin1 is None  # two regions: which one is not said


def test_a_place_said_to_be_in_a_region_is_not_a_namesake_elsewhere(nlp, finder):
    # GeoNames lists a Novoheorhiivka in Odesa region only
    text = "Russian forces took the village of Novoheorhiivka in the Dnipropetrovsk region."
    village = by_text(run(nlp, finder, text))["Novoheorhiivka"]
    assert (village.country, village.admin1, village.geonames_id) == ("UA", "Dnipropetrovsk", None)
    pokrovsk = by_text(run(nlp, finder, "A drone hit Pokrovsk in the Donetsk region."))["Pokrovsk"]
    assert (pokrovsk.admin1, pokrovsk.geonames_id) == ("Donetsk", 704422)


def test_an_alternate_name_abroad_is_not_linked_beside_places_of_another_country(nlp, finder):
    found = by_text(run(nlp, finder, "A strike hit a market in the town of Dangila, in Awi zone, on Thursday."))
    assert found["Dangila"].country == "ET"
    assert all(loc.country in ("ET", None) for loc in found.values()), found  # "Awi" is no Iranian village


def test_bracketed_regions_of_a_place_are_in_its_country(nlp, finder):
    found = by_text(run(nlp, finder, "An IED struck a patrol near Djibo (Soum, Sahel) in Burkina Faso."))
    assert found["Djibo"].country == "BF"
    assert all(loc.country in ("BF", None) for loc in found.values()), found  # not Soum in Senegal


def test_power_plant_workers_is_not_a_facility_name(nlp, finder):
    found = by_text(run(nlp, finder, "Kharkiv power plant workers were evacuated."))
    assert not [loc for loc in found.values() if loc.kind == "facility"]


@pytest.mark.parametrize(
    ("text", "dateline", "place"),
    [
        ("MOSCOW, Aug 5 (Reuters) - Ukrainian drones hit a fuel depot in Bryansk, officials said.",
         "MOSCOW", "Bryansk"),
        ("KYIV (AP) — Russian missiles struck Odesa overnight.", "KYIV", "Odesa"),
        ("Headline\nBAMAKO, June 3 - Militants attacked an army camp near Boulkessi.", "BAMAKO", "Boulkessi"),
    ],
)
def test_datelines_are_not_places(nlp, finder, text, dateline, place):
    found = by_text(run(nlp, finder, text))
    assert dateline not in found and place in found, found


def test_capitals_inside_a_sentence_are_places(nlp, finder):
    assert "KHARKIV" in by_text(run(nlp, finder, "Shelling hit KHARKIV, officials said."))


@pytest.mark.parametrize(
    ("text", "not_a_place", "place"),
    [
        ("Between 23:00 Moscow time and 07:00, 40 drones were downed over Bryansk.", "Moscow", "Bryansk"),
        ("At 14:30 Kyiv time a missile struck Dnipro.", "Kyiv", "Dnipro"),
        ("In Kharkiv, Ukraine's second-largest city, a guided bomb hit a school.", "Ukraine", "Kharkiv"),
    ],
)
def test_names_qualifying_something_else_are_not_places(nlp, finder, text, not_a_place, place):
    found = by_text(run(nlp, finder, text))
    assert not_a_place not in found and place in found, found


def test_a_possessive_country_before_an_unnamed_city_is_the_place(nlp, finder):
    assert "Ukraine" in by_text(run(nlp, finder, "Russia shelled Ukraine's second-largest city overnight."))


@pytest.mark.parametrize(
    ("text", "region", "country"),
    [
        ("ISSP militants ambushed a convoy near Banibangou (Tillaberi, Niger).", "Tillaberi", "NE"),
        ("JNIM attacked posts in Niono and Sandare (Kayes and Segou, Mali).", "Segou", "ML"),
        ("Bandits abducted 20 villagers in Dutsin-Ma (Katsina, Nigeria).", "Katsina", "NG"),
    ],
)
def test_bracketed_names_after_a_place_are_its_regions(nlp, finder, text, region, country):
    found = by_text(run(nlp, finder, text))
    assert (found[region].kind, found[region].country) == ("admin1", country), found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # ACLED notes name a place's units in brackets, the first-level region last
        ("JNIM militants attacked an army post in Djibo (Djibo, Soum, Sahel).",
         {"Soum": ("admin2", "BF", "Sahel"), "Sahel": ("admin1", "BF", "Sahel")}),
        ("Drone strikes hit a gathering near Tinzaouaten (Abeibara, Kidal), killing 9 civilians.",
         {"Tinzaouaten": ("place", "ML", "Kidal"), "Kidal": ("admin1", "ML", "Kidal")}),
        # the name before the list is a place even where NER took it for a person or ran an
        # organisation across the bracket; a close spelling in the list's country links it
        ("Rebels clashed with army troops near Kyaukphyu (Rakhine, Myanmar) on Tuesday.",
         {"Kyaukphyu": ("city", "MM", "Rakhine"), "Myanmar": ("country", "MM", None)}),
        ("Gang members attacked Mirebalais (Centre, Haiti) and clashed with the police.",
         {"Mirebalais": ("city", "HT", "Centre"), "Centre": ("admin1", "HT", "Centre")}),
        # a unit listed only abroad is one the gazetteer lacks ("Seno" is no village in Laos)
        ("Gunmen killed 4 farmers in Seytenga (Seytenga, Seno, Sahel).",
         {"Seno": ("admin2", "BF", "Sahel"), "Sahel": ("admin1", "BF", "Sahel")}),
        ("An IED struck a patrol near Djibo (Soum, Sahel) in Burkina Faso.",
         {"Soum": ("admin2", "BF", "Sahel")}),
    ],
)
def test_names_listed_in_brackets_after_a_place_are_its_units(nlp, finder, text, expected):
    found = by_text(run(nlp, finder, text))
    assert {name: (found[name].kind, found[name].country, found[name].admin1) for name in expected
            if name in found} == expected, found


def test_a_bracketed_name_repeating_the_place_is_its_region(nlp, finder):
    found = run(nlp, finder, "Around 500 residents protested in Khartoum (Khartoum) against fuel prices.")
    assert [(loc.text, loc.kind) for loc in found] == [("Khartoum", "city"), ("Khartoum", "admin1")]


def test_a_single_bracketed_name_is_not_taken_for_a_list(nlp, finder):
    found = by_text(run(nlp, finder, "Fighting in Goma (North Kivu) continued."))
    assert (found["Goma"].kind, found["North Kivu"].kind) == ("city", "admin1")


@pytest.mark.parametrize(
    ("text", "mention", "expected"),
    [
        # "the town of X" is the town, not the region named X
        ("A drone strike on a car in the southern Lebanese town of Nabatieh killed two people.",
         "Nabatieh", ("city", "LB", "Nabatieh")),
        ("Armed gangs attacked the commune of Mirebalais on 16 June.", "Mirebalais", ("city", "HT", "Centre")),
        # "X village" names a village the gazetteer may lack, placed by the region named
        ("Jets bombed a monastery in Lin Ta Lu village in Sagaing region on Friday.",
         "Lin Ta Lu village", ("city", "MM", "Sagaing")),
        # a city's part lies in the city's region, not in a namesake's elsewhere
        ("A suicide car bomb exploded at a checkpoint in Mogadishu's Hodan district.",
         "Hodan district", ("admin2", "SO", "Banadir")),
        ("A guided bomb hit Kharkiv's Kyivskyi district.", "Kyivskyi district", ("admin2", "UA", "Kharkiv")),
        ("A drone hit Odesa's Prymorskyi district overnight.", "Prymorskyi district", ("admin2", "UA", "Odesa")),
    ],
)
def test_place_nouns_and_owners_say_what_a_place_is(nlp, finder, text, mention, expected):
    found = by_text(run(nlp, finder, text))
    assert mention in found, found
    assert (found[mention].kind, found[mention].country, found[mention].admin1) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "X, in the <adjective> department of Y": Y's X, not a namesake elsewhere
        ("FARC dissidents ambushed a patrol in the rural area of Calamar, in the southern department of Guaviare.",
         {"Calamar": ("city", "CO", "Guaviare")}),
        # "X in <country>'s <region>": the region the country owns places X ("South" opens a name)
        ("Gunmen shot down a helicopter near the town of Nasir in South Sudan's Upper Nile state.",
         {"Nasir": ("city", "SS", "Upper Nile")}),
        # two names joined by "and" that are one listed name
        ("Shelling killed 16 civilians in Jammu and Kashmir's Poonch district.",
         {"Jammu and Kashmir": ("admin1", "IN", "Jammu and Kashmir"),
          "Poonch district": ("admin2", "IN", "Jammu and Kashmir")}),
        # a border line holds no foreign village ("Line" is not Lin'e in China)
        ("Pakistani shelling along the Line of Control killed two soldiers.",
         {"Line of Control": ("region", None, None)}),
    ],
)
def test_qualified_and_joined_names(nlp, finder, text, expected):
    found = by_text(run(nlp, finder, text))
    assert {name: (found[name].kind, found[name].country, found[name].admin1) for name in expected
            if name in found} == expected, found
    assert not any(loc.country not in (expected_country(expected), None) for loc in found.values()), found


def expected_country(expected: dict[str, tuple[str, str | None, str | None]]) -> str | None:
    return next((country for _, country, _ in expected.values() if country), None)


def test_a_place_before_and_a_facility_noun_names_no_facility(nlp, finder):
    found = by_text(run(nlp, finder, "Drones hit a village near Kharkiv and a fuel depot in Odesa."))
    assert set(found) == {"Kharkiv", "Odesa"}, found


def test_an_old_name_abroad_is_not_linked_before_a_place_of_another_country(nlp, finder):
    # "Zeitoun" is an old name of a Turkish village; "Gaza City" (later in the sentence) says where
    found = {loc.name: loc for loc in run(nlp, finder, "Israeli tanks pushed into Zeitoun, near Gaza City, overnight.")}
    assert found["Zeitoun"].country in (None, "PS"), found


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Israeli tanks pushed into the Sabra and Zeitoun neighbourhoods of Gaza City overnight.",
         ["Sabra", "Zeitoun"]),
        ("A strike hit a house in the Shejaiya neighbourhood of Gaza City, killing four.", ["Shejaiya"]),
    ],
)
def test_a_citys_neighbourhoods_lie_in_its_region(nlp, finder, text, names):
    found = {loc.name: loc for loc in run(nlp, finder, text)}
    assert {name: (found[name].country, found[name].admin1) for name in names if name in found} == {
        name: ("PS", "Gaza Strip") for name in names
    }, found


def test_a_plural_common_noun_ner_took_for_a_place_is_no_place(nlp, finder):
    found = by_text(run(nlp, finder, "Strikes hit Gaza City's Sheikh Radwan neighbourhood."))
    assert "Strikes" not in found and "Gaza City" in found, found


def test_the_white_house_is_a_facility_in_washington(nlp, finder):
    found = by_text(run(nlp, finder, "Zelenskyy will meet Trump at the White House on Friday."))
    assert (found["White House"].kind, found["White House"].country) == ("facility", "US"), found


def test_a_person_ner_took_for_a_building_is_no_place(nlp, finder):
    text = "The minister blamed a faction led by Néstor Gregorio Vera, alias Iván Mordisco."
    assert run(nlp, finder, text) == []


def test_a_town_named_alone_stays_a_town(nlp, finder):
    assert by_text(run(nlp, finder, "Protesters gathered in Mopti, Mali, on Friday."))["Mopti"].kind == "city"


@pytest.mark.parametrize(
    ("text", "mention", "name"),
    [  # the district keeps the article's spelling, not the town's GeoNames transliteration
        ("Two people died when a drone hit a house in Izmail district on Sunday.", "Izmail district", "Izmail"),
        ("Turkish jets bombed villages in Zakho district of Duhok governorate.", "Zakho district", "Zakho"),
    ],
)
def test_a_district_named_after_a_town_keeps_the_written_name(nlp, finder, text, mention, name):
    found = by_text(run(nlp, finder, text))
    assert mention in found, found
    assert (found[mention].name, found[mention].kind, found[mention].geonames_id) == (name, "admin2", None)


@pytest.mark.parametrize(
    ("text", "mention", "name"),
    [
        ("About 20,000 people fled Ulang county, Upper Nile state, after the clashes.", "Ulang county", "Ulang"),
        ("Fighting killed 12 people in Qwerty Hills territory on Tuesday.", "Qwerty Hills territory", "Qwerty Hills"),
    ],
)
def test_an_unlisted_name_before_a_second_level_noun_is_that_unit(nlp, finder, text, mention, name):
    found = by_text(run(nlp, finder, text))
    assert mention in found, found
    assert (found[mention].name, found[mention].kind) == (name, "admin2")


def test_a_sentence_initial_preposition_is_not_part_of_the_place(nlp, finder):
    found = by_text(run(nlp, finder, "In Sumy Oblast, Russian shelling killed a man, officials said."))
    assert "Sumy Oblast" in found, found
    assert (found["Sumy Oblast"].name, found["Sumy Oblast"].kind) == ("Sumy", "admin1")


@pytest.mark.parametrize(
    ("text", "mention", "country"),
    [
        ("A drone was shot down near Erbil International Airport on Monday.", "Erbil International Airport", "IQ"),
        ("Israeli jets struck Sanaa International Airport on Tuesday.", "Sanaa International Airport", "YE"),
    ],
)
def test_a_facility_entity_is_one_facility_placed_by_the_name_inside(nlp, finder, text, mention, country):
    found = run(nlp, finder, text)
    assert [loc.text for loc in found] == [mention]
    assert (found[0].name, found[0].kind, found[0].country) == (mention, "facility", country)


def test_a_village_ner_took_for_a_name_is_a_place_where_a_region_places_it(nlp, finder):
    found = by_text(run(nlp, finder, "Russian artillery shelled Novovasylivka in the Zaporizhzhia region overnight."))
    assert "Novovasylivka" in found, found
    village = found["Novovasylivka"]
    assert (village.kind, village.country, village.admin1) == ("city", "UA", "Zaporizhzhia")
    assert village.geonames_id is not None


def test_a_name_ner_took_for_an_organisation_is_no_place_without_a_country_to_hold_it(nlp, finder):
    # no country is named in the unit or the article: the small namesake is not linked
    assert "Novovasylivka" not in by_text(run(nlp, finder, "Russian artillery shelled Novovasylivka overnight."))
    assert not run(nlp, finder, "Protesters gathered outside Wagner on Monday.")


def test_a_town_ner_took_for_a_person_between_two_places_is_a_place(nlp, finder):
    found = by_text(run(nlp, finder, "Gunmen kidnapped two aid workers on the road between Port-au-Prince and Mirebalais on Saturday."))
    assert found["Mirebalais"].country == "HT", found


def test_part_of_a_hyphenated_name_is_no_place_of_its_own(nlp, finder):
    found = run(nlp, finder, "Many families were sleeping in schools and churches in Pétion-Ville.")
    assert [loc.text for loc in found] == ["Pétion-Ville"], found
    assert found[0].country == "HT"


def test_a_place_after_a_preposition_inside_a_misread_entity_is_found(nlp, finder):
    found = run(nlp, finder, "The Houthis said they had sunk the cargo ship Eternity C in the Red Sea.")
    assert [(loc.text, loc.kind) for loc in found] == [("Red Sea", "water")], found


def test_a_city_written_with_a_lowercase_article_is_found(nlp, finder):
    found = by_text(run(nlp, finder, "Paramilitary fighters shelled a camp near el-Fasher, killing at least 14 people."))
    assert (found["el-Fasher"].name, found["el-Fasher"].country) == ("El Fasher", "SD"), found


@pytest.mark.parametrize(
    ("text", "mention", "country"),
    [
        ("An Israeli drone hit a car in the southern Lebanese town of Bint Jbeil on Monday.", "Bint Jbeil", "LB"),
        ("Turkish drones struck the Syrian town of Qamishli on Monday.", "Qamishli", "SY"),
    ],
)
def test_a_demonym_on_the_place_noun_names_the_country(nlp, finder, text, mention, country):
    found = by_text(run(nlp, finder, text))
    assert found[mention].country == country, found


def test_a_word_of_position_alone_is_no_place(nlp, finder):
    found = run(nlp, finder, "Troops clashed with militants in North Waziristan on Monday.")
    assert "North" not in [loc.text for loc in found], found


def test_a_region_after_a_comma_qualifies_the_place(nlp, finder):
    found = by_text(run(nlp, finder, "At least 30 civilians were killed in villages around Bara, North Kordofan, on Sunday."))
    assert (found["Bara"].country, found["Bara"].admin1) == ("SD", "North Kordofan"), found


def test_a_list_of_cities_does_not_qualify_its_items(nlp, finder):
    found = by_text(run(nlp, finder, "Russian drones hit Sumy, Kharkiv and Odesa overnight."))
    assert [(found[n].kind, found[n].admin1) for n in ("Sumy", "Kharkiv", "Odesa")] == [
        ("city", "Sumy"), ("city", "Kharkiv"), ("city", "Odesa")
    ]


def test_a_possessive_country_qualifies_a_place_across_a_word_of_direction(nlp, finder):
    found = by_text(run(nlp, finder, "Gunmen opened fire on a bus in Pakistan's northwestern Kurram district on Friday."))
    kurram = found["Kurram district"]
    assert (kurram.country, kurram.kind, kurram.descriptor) == ("PK", "admin2", "northwestern"), found


def test_the_state_of_x_is_the_state_not_a_namesake_village_elsewhere(nlp, finder):
    found = by_text(run(nlp, finder, "Bodies were found outside Guadalajara, in the western state of Jalisco, prosecutors said."))
    assert (found["Jalisco"].kind, found["Jalisco"].country, found["Jalisco"].admin1) == ("admin1", "MX", "Jalisco"), found


def test_the_province_of_x_may_be_read_as_its_seat(nlp, finder):
    # coders record a province named only by its seat's name at the seat ("the province of
    # Santa Elena": the town of Santa Elena, in that province)
    found = by_text(run(nlp, finder, "Gunmen killed eight people in the coastal province of Santa Elena on Sunday."))
    assert (found["Santa Elena"].country, found["Santa Elena"].admin1) == ("EC", "Santa Elena"), found
