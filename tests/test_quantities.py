"""Quantities: numbers with range, unit, kind and `per`, from plain text, and the properties that always hold."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pourparler.extract import quantities
from pourparler.extract.quantities import find_quantities
from pourparler.knowledge import KnowledgeError


def read(text, skip=()):
    return [(q.text, q.min, q.max, q.unit, q.kind, q.per, q.approximate) for q in find_quantities(text, skip)]


def one(text):
    found = find_quantities(text)
    assert len(found) == 1, found
    return found[0]


# --- the seed's negotiation numbers ------------------------------------------


def test_prisoners_per_hostage_and_the_counter_offer_that_leaves_them_implicit():
    text = (
        "Hamas reportedly demanded the release of 20 life-sentenced prisoners for every living Israeli "
        "hostage, while Israel offered 10. Hamas also requested the release of 2,000 Palestinians "
        "detained after October 7, 2023."
    )
    assert read(text) == [
        (
            "20 life-sentenced prisoners for every living Israeli hostage",
            20,
            20,
            "prisoners",
            "ratio",
            "living Israeli hostage",
            False,
        ),
        ("10", 10, 10, "prisoners", "ratio", "living Israeli hostage", False),
        ("2,000 Palestinians", 2000, 2000, "palestinians", "count", None, False),
    ]


def test_a_range_in_metres():
    q = one("Hamas is willing to allow a buffer of 700–1,200 metres inside Gaza.")
    assert (q.text, q.min, q.max, q.unit, q.kind) == ("700–1,200 metres", 700, 1200, "metre", "length")
    assert one("a buffer of 700-1,200 meters").unit == "metre"


def test_offsets_index_the_input():
    text = "Israel offered 10 and Hamas wanted 20 prisoners."
    for q in find_quantities(text):
        assert text[q.start : q.end] == q.text


# --- how numbers are written -------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2,000 prisoners", 2000),
        ("2 000 prisoners", 2000),
        ("2\u00a0000 prisoners", 2000),
        ("2\u202f000 prisoners", 2000),
        ("4.5 million people", 4_500_000),
        ("1.1 million people", 1_100_000),
        ("3m people", 3_000_000),
        ("ten prisoners", 10),
        ("twenty-five soldiers", 25),
        ("two thousand people", 2000),
        ("one hundred and fifty detainees", 150),
        ("a dozen swaps", 12),
        ("half a million refugees", 500_000),
        ("two and a half million workers", 2_500_000),
        ("٣٠ prisoners", 30),
    ],
)
def test_numbers_in_digits_and_words(text, value):
    q = one(text)
    assert q.min == q.max == value
    assert q.text == text


def test_vague_amounts_are_open_above_and_approximate():
    assert read("hundreds of protesters") == [
        ("hundreds of protesters", 100, None, "protesters", "count", None, True)
    ]
    assert one("tens of thousands of dockworkers").min == 10_000
    assert one("dozens of container ships").min == 12
    assert read("several hundred soldiers")[0][1:4] == (300, None, "soldiers")
    q = one("hundreds of millions of dollars")
    assert (q.min, q.unit, q.kind) == (100_000_000, "dollar", "money")


def test_fractions():
    assert read("close to half of their pay") == [("close to half", 0.5, 0.5, None, "fraction", None, True)]
    assert one("two-thirds of the members").min == pytest.approx(2 / 3)
    assert one("roughly one-fifth of the surplus").min == pytest.approx(0.2)
    assert one("a third of the seats").text == "a third"
    assert find_quantities("a third six-year term, the third round, the second half of 2024") == []


# --- ranges ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "low", "high", "unit"),
    [
        ("between 5,000 and 6,000 soldiers", 5000, 6000, "soldiers"),
        ("from 10 to 20 hostages", 10, 20, "hostages"),
        ("10 to 15 percent", 10, 15, "percent"),
        ("between 10% and 15%", 10, 15, "percent"),
        ("20 to 30 km", 20, 30, "kilometre"),
        ("5–10km-deep strips", 5, 10, "kilometre"),
        ("$2–3 billion", 2e9, 3e9, "dollar"),
        ("an estimated $6bn to $7bn", 6e9, 7e9, "dollar"),
        ("between five and six thousand troops", 5000, 6000, "troops"),
        ("between 150,000 and 200,000 barrels a day", 150_000, 200_000, "barrel"),
    ],
)
def test_ranges(text, low, high, unit):
    q = one(text)
    assert (q.min, q.max, q.unit) == (low, high, unit)


def test_a_change_from_one_value_to_another_is_two_quantities():
    found = read("US duties will fall to 30% from 145%, and China will lower its levies from 125% to 10%.")
    assert [f[0] for f in found] == ["30%", "145%", "125%", "10%"]


def test_scores_and_tallies_are_not_ranges():
    assert find_quantities("the vote was 8-3 and the match ended 3–1") == []


# --- units and kinds ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "unit", "kind"),
    [
        ("a 25% tariff", 25, "percent", "percent"),
        ("25 percent", 25, "percent", "percent"),
        ("25 per cent", 25, "percent", "percent"),
        ("3 percentage points", 3, "percentage point", "percent"),
        ("$4.5 billion", 4.5e9, "dollar", "money"),
        ("$1.2bn", 1.2e9, "dollar", "money"),
        ("US$300m", 3e8, "USD", "money"),
        ("€1.2 billion", 1.2e9, "EUR", "money"),
        ("£500", 500, "GBP", "money"),
        ("4 billion dollars", 4e9, "dollar", "money"),
        ("Rs 500 crore", 5e9, "INR", "money"),
        ("Sh8.6 billion", 8.6e9, "KES", "money"),
        ("Rp 50 trillion", 5e13, "IDR", "money"),
        ("3 million CFA francs", 3e6, "XOF", "money"),
        ("1,200 metres", 1200, "metre", "length"),
        ("5km", 5, "kilometre", "length"),
        ("30 miles", 30, "mile", "length"),
        ("100m from the border", 100, "metre", "length"),
        ("1,000 km²", 1000, "square kilometre", "area"),
        ("99,000 tonnes of beef", 99_000, "tonne", "mass"),
        ("about 275kg", 275, "kilogram", "mass"),
    ],
)
def test_units(text, value, unit, kind):
    q = one(text)
    assert (q.min, q.unit, q.kind) == (pytest.approx(value), unit, kind)


def test_a_pay_rise_over_years_is_a_percentage_and_the_years_are_left_to_the_time_reader():
    assert read("a 14% pay rise over three years") == [("14%", 14, 14, "percent", "percent", None, False)]


def test_rates_and_ratios():
    assert read("$39 an hour")[0][3:6] == ("dollar", "money", "hour")
    assert read("more than €4 billion a year")[0][1:6] == (4e9, None, "EUR", "money", "year")
    assert read("three Palestinian prisoners per hostage")[0][3:6] == ("prisoners", "ratio", "hostage")
    assert read("25 students per class")[0][3:6] == ("students", "ratio", "class")
    assert read("trade one for one")[0] == ("one for one", 1, 1, None, "ratio", "1", False)
    assert read("a 1,000-for-1,000 prisoner swap")[0][0:6] == (
        "1,000-for-1,000",
        1000,
        1000,
        None,
        "ratio",
        "1000",
    )
    assert read("roughly one in three of its residents")[0][4:7] == ("ratio", "3", True)
    assert read("2 million bpd")[0][3:6] == ("barrel", "volume", "day")


def test_a_part_of_a_whole_counts_the_whole_s_noun_and_pc_is_per_cent():
    assert read("prepared to free four of the captives")[0][1:5] == (4, 4, "captives", "count")
    assert read("one of the mediators said") == []
    assert read("a primary surplus of 2.4pc of GDP")[0][1:5] == (2.4, 2.4, "percent", "percent")


# --- hedges and bounds -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("more than 8,000 Ukrainians", 8000, None),
        ("over 20,000 members", 20_000, None),
        ("at least 30 days' worth: at least 30 people", 30, None),
        ("10,000+ members", 10_000, None),
        ("a tariff of 15% or less", None, 15),
        ("up to 30 people", None, 30),
        ("as many as 600,000 people", None, 600_000),
        ("about 1,900 staff", 1900, 1900),
        ("around 270 political prisoners", 270, 270),
        ("nearly $600 billion", 6e11, 6e11),
        ("some 30 NATO peacekeepers", 30, 30),
        ("roughly 118,000 students", 118_000, 118_000),
    ],
)
def test_hedges_set_bounds_and_approximate(text, low, high):
    q = find_quantities(text)[-1]
    assert (q.min, q.max, q.approximate) == (low, high, True)


def test_over_after_a_verb_is_not_a_hedge():
    q = one("the army has taken over 5–10km-deep strips")
    assert (q.text, q.approximate) == ("5–10km", False)


# --- what is not a quantity --------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "the 1,078th day of the war and the third round and the 4th day",
        "on October 7, on 7 October, on 2023-10-07, on 11/12/2024, at 10:30, at 3 a.m., at 9pm, at 0800 GMT",
        "in 2023, the 2015 deal, the 1990s, mid-2024, in 2024-25",
        "call +1 555 123 4567 or (555) 123-4567 or 020 7946 0958; ref 12345678901",
        "one source said; one of them; it holds even one hostage; a one-off payment",
        "Article 5, grades 4 to 6, Resolution 2231, COVID-19, F-16 jets, M23 rebels, No. 10, Image 1 of 2",
        "a 30-day ceasefire that lasted 90 days, two years and 48 hours; a 22-year-old; 3 days ago",
        "the army delegation insisted on seven",
    ],
)
def test_not_quantities(text):
    assert find_quantities(text) == []


def test_caller_spans_are_skipped():
    text = "On day 20 of talks, 30 prisoners were freed."
    assert [q.text for q in find_quantities(text, [(3, 9)])] == ["30 prisoners"]
    assert find_quantities(text, [(0, len(text))]) == []


def test_durations_are_left_out_but_the_sentence_around_them_is_read():
    assert [q.text for q in find_quantities("a truce of between 10 and 14 days for 150 captives")] == [
        "150 captives"
    ]


# --- the knowledge file ------------------------------------------------------


def test_units_file_loads_with_canonical_names():
    table = quantities.units()
    assert table.after["meters"].name == table.after["m"].name == "metre"
    assert table.before["$"].kind == "money"
    assert "days" in table.durations


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "units.yaml"),
        ({"units": [{"name": "furlong", "kind": "distance", "forms": ["furlongs"]}]}, "unit 1 (furlong)"),
        ({"units": [{"kind": "length", "forms": ["x"]}]}, "unit 1"),
        ({"units": [{"name": "x", "kind": "length"}]}, "unit 1 (x)"),
        ({"units": [{"name": "x", "kind": "length", "forms": [3]}]}, "unit 1 (x): forms"),
        (
            {
                "units": [
                    {"name": "a", "kind": "length", "forms": ["q"]},
                    {"name": "b", "kind": "mass", "forms": ["Q"]},
                ]
            },
            "unit 2 (b): form 'q' already belongs to a",
        ),
    ],
)
def test_a_malformed_units_file_names_the_entry(monkeypatch, data, message):
    monkeypatch.setattr(quantities, "load_yaml", lambda name: data)
    with pytest.raises(KnowledgeError, match=re.escape(message)):
        quantities.units.__wrapped__()


# --- properties --------------------------------------------------------------


def pieces(text):
    return text.split("|")


TOKENS = [
    *"0123456789,.-–—−:/%$€£+()#~ \n\u00a0\u202f",
    *pieces(
        "1,000|2 000|3.5|٣|²|\x00|İ|one|two|ten|twenty|-five|hundred|thousand|million|bn|m|km|dozen|half"
    ),
    *pieces(
        "hundreds|tens of |a | and | to | or | between | from | for every | per | in | of | an hour|percent"
    ),
    *pieces(
        " per cent|more than |up to |about |prisoners|hostage| days| years|May |October |Article |US$|Rs "
    ),
    *pieces("M|x|-for-|th|st"),
]
adversarial = st.lists(st.sampled_from(TOKENS), max_size=60).map("".join)


def check(text, skip=()):
    found = find_quantities(text, skip)
    end = 0
    for q in found:
        assert 0 <= q.start < q.end <= len(text)
        assert text[q.start : q.end] == q.text
        assert q.start >= end
        end = q.end
        if q.min is not None and q.max is not None:
            assert q.min <= q.max
        assert q.min is not None or q.max is not None
        for a, b in skip:
            a, b = max(a, 0), min(b, len(text))
            assert not (a < b and q.start < b and a < q.end)
    return found


@given(st.text())
def test_any_text_reads_without_error(text):
    check(text)


@given(adversarial, st.lists(st.tuples(st.integers(-5, 80), st.integers(-5, 80)), max_size=3))
def test_adversarial_text_respects_offsets_order_bounds_and_skips(text, skip):
    check(text, skip)


@settings(deadline=500, max_examples=20)
@given(st.lists(st.sampled_from(TOKENS), min_size=1, max_size=20).map("".join))
def test_long_input_is_read_in_bounded_time(chunk):
    check((chunk + " ") * (5000 // (len(chunk) + 1) + 1))


def test_pathological_runs_do_not_hang():
    for text in ("1" * 100_000, "1," * 20_000, "1-" * 20_000, "one " * 5_000, "between 1 and " * 2_000):
        check(text)
