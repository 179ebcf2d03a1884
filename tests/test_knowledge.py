"""The actor knowledge files: states, organisations and people load, agree with each other and with ISO."""

from __future__ import annotations

import re
from collections import defaultdict

import pycountry
import pytest

from pourparler.knowledge import ACTOR_FILES, actors, capitals, demonyms, load_yaml, states

# Codes an actor's `country` may hold besides a state's ISO3: intergovernmental bodies and the EU.
NON_STATE_CODES = {"IGO", "EUR"}
SECTORS = {"GOV", "MIL", "REB", "INS", "OPP", "PTY", "IGO", "NGO", "MED", "BUS", "LAB", "CRM", "UAF"}
NOT_IN_PYCOUNTRY = {"XKX"}  # Kosovo: a user-assigned code, used by the EU, IMF and World Bank


def _yaml_entries() -> list[tuple[str, dict]]:
    return [(name, entry) for name in ACTOR_FILES for entry in load_yaml(name)["actors"]]


def test_every_un_member_state_is_listed_once_with_its_iso_code():
    rows = states()
    members = [s for s in rows if s.un == "member"]
    assert len(members) == 193
    assert {s.iso3 for s in rows if s.un == "observer"} == {"PSE", "VAT"}
    assert {s.iso3 for s in rows if s.un == "none"} == {"XKX", "TWN", "ESH"}
    assert len({s.iso3 for s in rows}) == len(rows)
    assert len({s.id for s in rows}) == len(rows)
    for s in rows:
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", s.id), s.id
        if s.iso3 in NOT_IN_PYCOUNTRY:
            continue
        assert pycountry.countries.get(alpha_3=s.iso3) is not None, f"{s.name}: {s.iso3} is not an ISO code"


def test_states_use_the_names_the_press_uses():
    by_id = {s.id: s for s in states()}
    assert by_id["russia"].name == "Russia"
    assert {"US", "U.S.", "USA", "America"} <= set(by_id["united-states"].aliases)
    assert {"UK", "U.K.", "Britain"} <= set(by_id["united-kingdom"].aliases)
    assert {"Türkiye", "Turkiye"} <= set(by_id["turkey"].aliases)
    assert {"DRC", "DR Congo"} <= set(by_id["democratic-republic-of-the-congo"].aliases)
    assert "Burma" in by_id["myanmar"].aliases


def test_a_demonym_names_one_known_state():
    seen: dict[str, str] = {}
    for s in states():
        for word in s.demonyms:
            assert word not in seen, f"demonym {word!r} is given to both {seen[word]} and {s.iso3}"
            seen[word] = s.iso3
    codes = {s.iso3 for s in states()}
    assert set(demonyms().values()) <= codes
    assert demonyms()["Israelis"] == "ISR"
    assert demonyms()["Congolese"] == "COD"
    assert demonyms()["South Sudanese"] == "SSD"


def test_a_capital_stands_for_one_state_and_is_not_an_alias():
    seen: dict[str, str] = {}
    for s in states():
        if not s.capital:
            continue
        assert s.capital not in seen, f"capital {s.capital!r} of both {seen[s.capital]} and {s.id}"
        seen[s.capital] = s.id
        assert s.capital not in s.aliases, f"{s.id}: the capital {s.capital!r} is also an alias"
    assert capitals()["Moscow"] == "russia"
    assert capitals()["Kyiv"] == "ukraine"
    assert capitals()["Jerusalem"] == "israel"
    # written with its accents, known without them too
    assert capitals()["Yaoundé"] == capitals()["Yaounde"] == "cameroon"


def test_actor_ids_are_unique_across_the_knowledge_files():
    where: dict[str, str] = {}
    for name, entry in _yaml_entries():
        assert entry["id"] not in where, f"{entry['id']} is in both {where[entry['id']]} and {name}"
        where[entry["id"]] = name
    kinds = {entry["id"]: entry["kind"] for _, entry in _yaml_entries()}
    for s in states():
        # A states.csv row may only share its id with a YAML entry of the same state, which it merges into.
        assert kinds.get(s.id, "state") == "state", (
            f"{s.id} in states.csv is a {kinds[s.id]} in {where[s.id]}"
        )


def test_actors_load_and_merge_state_rows_into_yaml_entries():
    known = {a.id: a for a in actors()}
    assert len(known) == len(actors())
    israel = known["israel"]
    assert israel.kind == "state"
    assert israel.country == "ISR"
    assert "Israeli government" in israel.aliases  # from actors.yaml
    assert "State of Israel" in israel.aliases  # from states.csv
    assert {s.id for s in states()} <= set(known)
    assert known["kremlin"].country == "RUS"
    assert known["teamsters"].sector == "LAB"


def test_actor_fields_use_known_codes():
    codes = {s.iso3 for s in states()} | NON_STATE_CODES
    ids = {a.id for a in actors()}
    for a in actors():
        assert a.country is None or a.country in codes, f"{a.id}: unknown country code {a.country!r}"
        assert a.sector is None or a.sector in SECTORS, f"{a.id}: unknown sector {a.sector!r}"
        assert a.office is None or a.office in ids, f"{a.id}: unknown office {a.office!r}"


def test_role_dates_run_forward():
    for a in actors():
        for role in a.roles:
            if role.start and role.end:
                assert role.start <= role.end, f"{a.id}: {role.title} ends before it starts"


def test_a_name_or_alias_denotes_one_actor():
    owners: dict[str, set[str]] = defaultdict(set)
    for a in actors():
        for label in {a.name, *a.aliases}:
            owners[label].add(a.id)
    conflicts = {label: sorted(ids) for label, ids in owners.items() if len(ids) > 1}
    assert not conflicts, f"names shared by several actors: {conflicts}"


def test_a_demonym_is_not_also_an_actor_name():
    labels = {label for a in actors() for label in (a.name, *a.aliases)}
    clashes = sorted(set(demonyms()) & labels)
    assert not clashes, f"demonyms that are also actor names: {clashes}"


@pytest.mark.parametrize(
    ("label", "actor_id"),
    [
        ("Moscow", None),
        ("Kremlin", "kremlin"),
        ("Ansar Allah", "houthis"),
        ("RSF", "rapid-support-forces"),
        ("Red Cross", "icrc"),
        ("Umerov", "rustem-umerov"),
        ("Côte d'Ivoire", "ivory-coast"),
    ],
)
def test_press_names_resolve_to_the_expected_actor(label, actor_id):
    found = [a.id for a in actors() if label == a.name or label in a.aliases]
    assert found == ([actor_id] if actor_id else [])
