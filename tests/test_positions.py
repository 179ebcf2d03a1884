"""Negotiation positions: party, issue, stance and value, from the generic profile, the Gaza profile,
and a profile a user adds as a data file."""

from __future__ import annotations

from pathlib import Path

import pytest

from pourparler.knowledge import KnowledgeError
from pourparler.knowledge.negotiation import profiles
from pourparler.model import Document, Published
from pourparler.pipeline import analyse


def positions_of(*paragraphs: str, profile_dirs: tuple[Path, ...] = ()) -> list[dict]:
    return record_of(*paragraphs, profile_dirs=profile_dirs)["positions"]


def record_of(*paragraphs: str, profile_dirs: tuple[Path, ...] = ()) -> dict:
    """The analysis of one article made of the paragraphs, with every position's evidence checked."""
    body = "\n\n".join(paragraphs)
    spans, start = [], 0
    for p in paragraphs:
        spans.append((start, start + len(p)))
        start += len(p) + 2
    document = Document(
        source="test", body=body, paragraphs=spans, published=Published("2025-06-02", "given")
    )
    record = analyse([document], profile_dirs).to_json()
    for p in record["positions"]:
        assert body[p["start"] : p["end"]] == p["text"]
        assert p["trigger"]["text"] in p["text"]
    return record


def term(position: dict) -> tuple:
    """What a position is on and its value: (issue, min, unit)."""
    return position["issue"], position["value"]["min"], position["value"]["unit"]


def one(positions: list[dict], party: str, stance: str) -> dict:
    found = [p for p in positions if p["party"] == party and p["stance"] == stance]
    assert found, f"no {party} {stance}: {[(p['party'], p['stance'], p['issue']) for p in positions]}"
    return found[0]


def test_a_wage_dispute_yields_demand_and_offer_on_pay_with_no_profile_written_for_it():
    positions = positions_of("The Teamsters demanded a 6% pay rise over three years, while UPS offered 3.5%.")
    demand = one(positions, "teamsters", "demand")
    offer = one(positions, "ups", "offer")
    assert demand["issue"] == offer["issue"] == "pay"
    assert (demand["value"]["min"], demand["value"]["unit"]) == (6, "percent")
    assert offer["value"]["min"] == 3.5
    assert demand["profile"] == "generic"


def test_ratios_ranges_and_conditional_acceptance_in_the_gaza_talks():
    positions = positions_of(
        "Hamas demanded the release of 20 life-sentenced prisoners for every living Israeli hostage, "
        "while Israel offered 10.",
        "Palestinian sources said Hamas is opposed to Israeli military presence in populated areas "
        "but is willing to allow a buffer of 700–1,200 metres inside Gaza.",
    )
    demand, offer = one(positions, "hamas", "demand"), one(positions, "israel", "offer")
    assert demand["issue"] == offer["issue"] == "prisoners_per_hostage"
    assert demand["value"]["per"] == offer["value"]["per"]
    assert (demand["value"]["min"], offer["value"]["min"]) == (20, 10)
    willing = one(positions, "hamas", "willing")
    assert willing["issue"] == "buffer_zone"
    assert (willing["value"]["min"], willing["value"]["max"]) == (700, 1200)
    assert "palestinian-sources" in (willing["according_to"] or "")
    assert one(positions, "hamas", "reject")["profile"] == "gaza-2023"


def test_a_rejection_of_those_demands_points_at_the_demands_it_rejects():
    positions = positions_of(
        "Azerbaijan has demanded that Armenia change its constitution and that international monitors leave "
        "the border. Armenian officials have rejected those demands."
    )
    demands = [p for p in positions if p["party"] == "azerbaijan" and p["stance"] == "demand"]
    rejection = one(positions, "armenia", "reject")
    assert demands
    assert set(rejection["responds_to"]) <= {p["id"] for p in demands}
    assert rejection["responds_to"]
    assert "officials" in rejection["according_to"]


def test_a_stance_inside_a_condition_is_not_a_position_and_a_refusal_is_a_rejection():
    positions = positions_of(
        "If the union accepts the offer, the strike will end. The company refused to raise wages by 5%."
    )
    assert not [p for p in positions if p["stance"] == "accept"]
    refusal = one(positions, "company", "reject") if any(p["party"] == "company" for p in positions) else None
    assert refusal is None or refusal["issue"] == "pay"


MADE_UP = """
id: fredonia-sylvania-fisheries
label: Fredonia–Sylvania fisheries dispute (made up for a test)
parties: [Fredonia, Sylvania]
mediators: [Norway]
venues: [Oslo]
signals: [fishing, herring]
issues:
  - id: herring_quota
    label: Annual herring catch allowed in the shared waters
    words: [herring, catch, quota]
    units: [tonne, tonnes]
    better: {higher: Fredonia}
  - id: trawler_ban
    label: Ban on bottom trawlers near the islands
    words: [trawler, trawling]
"""


def test_a_new_negotiation_is_a_data_file(tmp_path):
    (tmp_path / "fisheries.yaml").write_text(MADE_UP, encoding="utf-8")
    text = (
        "Fredonia demanded a herring quota of 40,000 tonnes a year in the shared waters, "
        "while Sylvania offered 25,000 tonnes. Sylvania also rejected a ban on bottom trawlers."
    )
    without = positions_of(text)
    assert not [p for p in without if p["issue"] in ("herring_quota", "trawler_ban")]
    positions = positions_of(text, profile_dirs=(tmp_path,))
    demand, offer = one(positions, "fredonia", "demand"), one(positions, "sylvania", "offer")
    assert demand["issue"] == offer["issue"] == "herring_quota"
    assert demand["profile"] == "fredonia-sylvania-fisheries"
    assert (demand["value"]["min"], offer["value"]["min"]) == (40000, 25000)
    assert one(positions, "sylvania", "reject")["issue"] == "trawler_ban"


def test_a_malformed_profile_is_a_clear_error(tmp_path):
    (tmp_path / "broken.yaml").write_text("id: x\nlabel: y\nissues:\n  - {id: a}\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"broken\.yaml issue 1: missing label, words"):
        profiles((tmp_path,))
    (tmp_path / "broken.yaml").write_text(
        "id: x\nlabel: y\nissues:\n  - {id: a, label: A, words: [a], over: [b]}\n", encoding="utf-8"
    )
    with pytest.raises(KnowledgeError, match=r"issue 'a' is over b, which it does not list"):
        profiles((tmp_path,))


def test_the_shipped_profiles_end_with_the_generic_one_and_name_known_parties():
    from pourparler.knowledge import actors

    shipped = profiles()
    assert shipped[-1].generic
    known = {a.id for a in actors()}
    for profile in shipped:
        assert set(profile.parties) <= known, profile.id
        assert len({i.id for i in profile.issues}) == len(profile.issues)


def test_a_minister_speaks_for_the_state_and_both_sides_are_every_party():
    positions = positions_of(
        "Thailand and Cambodia met in Kuala Lumpur on Monday.",
        "Thai Foreign Minister Maris Sangiampongsa said the Thai government was ready to accept a "
        "ceasefire of between 10 and 14 days.",
        "Later both sides agreed to an immediate ceasefire.",
    )
    willing = one(positions, "thailand", "willing")
    assert willing["issue"] == "ceasefire"
    assert (willing["value"]["min"], willing["value"]["max"], willing["value"]["unit"]) == (10, 14, "day")
    agreed = [p for p in positions if p["stance"] == "accept" and p["trigger"]["text"] == "agreed"]
    assert {p["party"] for p in agreed} == {"thailand", "cambodia"}


def test_put_forward_demands_is_a_demand_and_declining_to_say_is_no_position():
    positions = positions_of(
        "Russia put forward demands, including that Ukraine withdraw from four regions.",
        "A Ukrainian spokesperson declined to say whether Kyiv would accept a ceasefire.",
    )
    demand = one(positions, "russia", "demand")
    assert demand["issue"] == "withdrawal"
    assert not [p for p in positions if p["trigger"]["text"] == "declined"]


def test_a_length_of_past_fighting_is_not_the_value_of_a_truce():
    positions = positions_of("Thailand and Cambodia agreed on Monday to halt five days of border fighting.")
    agreed = [p for p in positions if p["trigger"]["text"] == "agreed"]
    assert {p["party"] for p in agreed} == {"thailand", "cambodia"}
    assert all(p["issue"] == "ceasefire" and p["value"] is None for p in agreed)


def test_a_relative_clause_states_its_own_party_and_the_antecedent_is_its_object():
    positions = positions_of(
        "In March, Ukraine and the United States agreed on a 30-day ceasefire proposal, which Russia did not accept."
    )
    rejection = one(positions, "russia", "reject")
    assert rejection["issue"] == "ceasefire"
    assert (rejection["value"]["min"], rejection["value"]["unit"]) == (30, "day")
    assert {p["party"] for p in positions if p["stance"] == "accept"} == {"ukraine", "united-states"}


def test_leaders_of_several_states_each_hold_the_stance():
    positions = positions_of(
        "The leaders of France, Germany, the UK and Poland visited Kyiv on 10 May and called for a 30-day ceasefire."
    )
    callers = {p["party"] for p in positions if p["stance"] == "demand" and p["issue"] == "ceasefire"}
    assert callers == {"france", "germany", "united-kingdom", "poland"}


def test_a_pronoun_inside_a_quote_is_someone_the_speaker_speaks_of():
    positions = positions_of(
        '"Prime Minister Kurti was not ready to move forward," Borrell said. '
        '"He insisted that recognition should come first."'
    )
    insisted = [p for p in positions if p["stance"] == "insist"]
    assert [p["party"] for p in insisted] == ["kosovo"]
    assert insisted[0]["issue"] == "governance"


def test_a_list_of_commitments_and_a_term_along_with_another_are_each_a_position():
    positions = positions_of(
        "The Sudanese Armed Forces and the Rapid Support Forces signed a truce in Jeddah on Saturday.",
        "Under the deal, both sides commit to refrain from seizing new positions, to allow the free movement "
        "of humanitarian aid and to withdraw their forces from hospitals.",
    )
    for party in ("sudanese-armed-forces", "rapid-support-forces"):
        issues = {p["issue"] for p in positions if p["party"] == party and p["stance"] == "accept"}
        assert {"ceasefire", "aid", "withdrawal"} <= issues
    pay = positions_of(
        "The Nova Scotia Teachers Union is seeking raises totalling 12 per cent over three years, or four "
        "per cent a year, along with hard caps on class sizes."
    )
    demand = next(p for p in pay if p["stance"] == "demand" and p["issue"] == "pay")
    assert demand["value"]["min"] == 12  # the term, not its yearly restatement
    assert "caps" not in demand["object"]


def test_a_coordinated_adjective_and_a_state_owned_body_speak_for_their_side():
    positions = positions_of(
        'Medinsky told reporters that Moscow was "satisfied with the result" and ready to continue contacts.',
        'Ethiopia\'s Government Communication Service said the federal side remained "fully committed" to '
        "the Pretoria agreement.",
    )
    assert one(positions, "russia", "willing")["issue"] == "talks"
    assert one(positions, "ethiopia", "accept")["issue"] == "deal"


def test_an_object_without_issue_words_takes_the_issue_the_article_is_about():
    positions = positions_of(
        "Russia and Ukraine exchanged prisoners of war on Friday, the tenth prisoner swap this year.",
        "The prisoners were released at the Belarus border. Both sides said more prisoners would be freed.",
        "A source said that Moscow had initially demanded to trade one for one only among privates.",
    )
    assert one(positions, "russia", "demand")["issue"] == "release"


def test_the_party_addressed_is_not_the_object_and_an_until_clause_is_part_of_it():
    positions = positions_of(
        "China urged the United States to lift its tariffs on Chinese goods.",
        "Baku insisted that the document cannot be signed until Yerevan changes its constitution.",
    )
    assert one(positions, "china", "demand")["issue"] == "tariffs"
    assert one(positions, "azerbaijan", "insist")["issue"] == "governance"


def test_a_carried_stance_is_triggered_by_its_noun_and_the_group_is_the_armed_group():
    positions = positions_of(
        'Medinsky said the Russians had put forward "unacceptable" demands, including that Ukraine withdraw '
        "its troops from four regions.",
        "Mahdi al-Mashat, head of the Houthis' Supreme Political Council, met the envoy in Sanaa. "
        "The group has insisted that salaries be paid to all state employees.",
    )
    demand = one(positions, "russia", "demand")
    assert (demand["issue"], demand["trigger"]["text"]) == ("withdrawal", "demands")
    assert one(positions, "houthis", "insist")["issue"] == "pay"


def test_the_agreement_named_again_keeps_the_issue_it_was_named_with():
    positions = positions_of(
        "The Sudanese Armed Forces and the Rapid Support Forces signed a short-term ceasefire agreement in Jeddah.",
        "The RSF said in a statement that it was committed to the agreement.",
    )
    committed = [p for p in positions if p["trigger"]["text"] == "committed"]
    assert [(p["party"], p["issue"]) for p in committed] == [("rapid-support-forces", "ceasefire")]


def test_the_issue_named_nearest_the_head_wins_a_tie_but_a_text_is_about_its_modifiers():
    positions = positions_of(
        "Armenia demanded guarantees for the border villages.",
        "Moscow rejected a 60-day truce plan.",
    )
    assert one(positions, "armenia", "demand")["issue"] == "guarantees"
    rejection = one(positions, "russia", "reject")
    assert (rejection["issue"], rejection["value"]["min"]) == ("ceasefire", 60)


def test_the_proposal_is_what_another_party_just_put_on_the_table():
    positions = positions_of(
        "Kyiv was pushing for the release of all civilian detainees, but Moscow continued to block the proposal."
    )
    demand, rejection = one(positions, "ukraine", "demand"), one(positions, "russia", "reject")
    assert rejection["issue"] == demand["issue"] == "release"
    assert rejection["responds_to"] == [demand["id"]]


def test_a_bare_number_is_counted_as_the_figure_before_it_and_the_army_delegation_is_the_army():
    positions = positions_of(
        "The Sudanese Armed Forces and the Rapid Support Forces met in Jeddah on Monday.",
        "The RSF pushed for a truce of 21 days, while the army delegation insisted on ten.",
    )
    insisted = one(positions, "sudanese-armed-forces", "insist")
    assert term(insisted) == (
        "ceasefire",
        10,
        "day",
    )


def test_an_agreement_between_two_states_signed_elsewhere_is_accepted_by_both():
    positions = positions_of(
        "The talks follow an agreement between Armenia and Azerbaijan signed in Washington in August.",
        "Under the new text, the parties agreed to begin withdrawing troops by March 1 and to sign a peace "
        "treaty by June.",
    )
    signed = [(p["party"], p["issue"]) for p in positions if p["trigger"]["text"] == "signed"]
    assert sorted(signed) == [("armenia", "deal"), ("azerbaijan", "deal")]
    agreed = {p["issue"] for p in positions if p["trigger"]["text"] == "agreed"}
    assert agreed == {"withdrawal", "deal"}


def test_a_refusal_to_negotiate_and_a_second_verb_hung_on_a_reported_clause():
    positions = positions_of(
        "A spokesman said that Pyongyang would not negotiate over its nuclear weapons.",
        "India's commerce ministry said that the agreement served both economies, and urged Washington to cut "
        "its tariffs on steel.",
    )
    assert one(positions, "north-korea", "reject")["issue"] == "disarmament"
    assert one(positions, "india", "demand")["issue"] == "tariffs"


def test_a_noun_coordinated_deep_in_an_object_is_a_term_of_its_own_counted_in_its_unit():
    positions = positions_of(
        "The Venezuelan delegation is seeking relief from sanctions on oil exports and access to frozen "
        "assets worth $3bn held abroad.",
        "Belgrade had been prepared to sign the accord.",
    )
    demands = {p["issue"]: p["value"] for p in positions if p["party"] == "venezuela"}
    assert demands["sanctions"] is None
    assert demands["money"]["min"] == 3_000_000_000
    assert one(positions, "serbia", "willing")["issue"] == "deal"


def test_the_province_is_its_government_and_its_minister_speaks_for_it():
    positions = positions_of(
        "Nurses in Manitoba walked off the job on Tuesday after talks with the provincial government broke down.",
        "The Manitoba Nurses Union is demanding a pay rise of 14 per cent over four years. The province has offered 9 per cent.",
        'Health Minister Carla Brandt said in a statement: "We have put a fair offer on the table, and we are '
        'prepared to keep talking."',
    )
    offers = [p for p in positions if p["stance"] == "offer"]
    assert {(p["party"], p["issue"]) for p in offers} == {("manitoba-government", "pay")}
    assert [p["value"]["min"] for p in offers if p["value"]] == [9]
    willing = one(positions, "manitoba-government", "willing")
    assert willing["according_to"] == "carla-brandt"


def test_a_province_named_only_as_a_place_gives_no_government():
    positions = positions_of(
        "Union leaders met in Manitoba on Monday. The province has offered free parking at the venue, "
        "organisers said."
    )
    assert not any(p["party"] == "manitoba-government" for p in positions)


def test_a_coordinated_subject_the_parser_splits_is_both_parties():
    positions = positions_of(
        "Bolivia's government and the opposition Civic Committee signed an agreement late Friday in La Paz."
    )
    assert {p["party"] for p in positions if p["trigger"]["text"] == "signed"} >= {
        "bolivia",
        "civic-committee",
    }


def test_a_possessed_stance_noun_and_a_purpose_parse_of_commit_to():
    positions = positions_of(
        "The Cambridge Dockers Union demanded a pay rise of 9 per cent. The employer has offered 4 per cent.",
        'The port minister called the union\'s wage demand "reckless".',
        "Under the accord, the ELN committed to hand over its explosives and demobilise its units.",
    )
    named = [(p["party"], p["issue"], p["value"]) for p in positions if p["trigger"]["text"] == "demand"]
    assert named == [("cambridge-dockers-union", "pay", None)]
    assert one(positions, "eln", "accept")["issue"] == "disarmament"


def test_as_agreed_is_no_new_stance_and_a_bare_conjunct_keeps_its_issue():
    positions = positions_of(
        'Medinsky said: "We have agreed that each side will present its vision of a ceasefire and spell it out '
        'in detail. After that, as agreed, we will continue our contacts."'
    )
    assert {(p["stance"], p["issue"]) for p in positions} == {("accept", "ceasefire")}


def test_a_plural_kind_of_organisation_described_by_its_scope_is_a_party():
    positions = positions_of(
        "The Finnish Paper Workers' Union and employers in the forest industry resumed talks in Helsinki.",
        "The union had demanded a pay rise of 8% over two years. Employers had offered 4.5%, saying that "
        "the employers could not afford more.",
    )
    offer = one(positions, "employers-in-the-forest-industry", "offer")
    assert (offer["issue"], offer["value"]["min"]) == ("pay", 4.5)


def test_a_plural_named_by_its_trade_is_a_party_and_a_gerund_after_it_is_not_its_scope():
    positions = positions_of(
        "The drivers' union accuses employers of trying to cut crews.",
        "The union rejected a 3% pay offer from bus company employers on Monday. The employers would offer "
        "a further 1% from January.",
    )
    offer = one(positions, "bus-company-employers", "offer")
    assert (offer["issue"], offer["value"]["min"]) == ("pay", 3)
    assert not any(p["party"].startswith("employers-of") for p in positions)


def test_a_proposal_that_says_nothing_of_itself_is_on_the_issue_put_forward_before_it():
    positions = positions_of(
        "Unison wants a guarantee of no compulsory redundancies, while GMB Scotland is pressing for the working "
        "week to be cut from 37 hours to 35 – a proposal Glasgow City Council has rejected as unaffordable.",
        "The council offered a 3.5% pay rise on Monday. On Tuesday, GMB Scotland demanded a serious offer.",
    )
    demand = one(positions, "gmb-scotland", "demand")
    rejected = one(positions, "glasgow-city-council", "reject")
    assert (rejected["issue"], rejected["value"]["min"]) == ("jobs", 35)
    assert rejected["responds_to"] == [demand["id"]]
    serious = [p for p in positions if p["object"] == "a serious offer"]
    assert [(p["party"], p["stance"], p["issue"]) for p in serious] == [("gmb-scotland", "demand", "pay")]


def test_manner_outside_and_a_condition_said_to_be_something():
    positions = positions_of(
        "Juba had proposed implementing both accords in parallel.",
        "Khartoum had initially resisted outside mediation.",
        "Baghdad's oil ministry said it is ready for talks with Erbil. The ministry added that the main "
        "condition for a deal was the disarmament of the militias.",
    )
    assert one(positions, "south-sudan", "propose")["issue"] == "timeline"
    assert one(positions, "sudan", "reject")["issue"] == "talks"
    assert one(positions, "iraq", "demand")["issue"] == "disarmament"


def test_a_de_facto_authority_its_seat_and_the_ministers_and_ministries_of_a_state_are_its_parties():
    positions = positions_of(
        "Moldova and Transnistria resumed talks on gas. Tiraspol's chief negotiator, Andrei Polyakov, "
        "demanded the release of 12 detainees held in Chisinau."
    )
    demand = one(positions, "transnistria", "demand")
    assert (demand["value"]["min"], demand["according_to"]) == (12, "andrei-polyakov")
    positions = positions_of(
        "Bangladesh's wage board met on Monday. State Minister for Labour and Employment Abdul Mannan "
        "Sarkar ruled out an interim allowance, and the Education Ministry said schools would stay open."
    )
    assert one(positions, "bangladesh", "reject")["according_to"] == "abdul-mannan-sarkar"
    positions = positions_of(
        "France and China met in Paris. China's Commerce Ministry said it was open to dialogue on brandy "
        "duties. In Beijing, commerce ministry spokesperson Liang Wenjie rejected any link to the separate "
        "dispute over tariffs on electric vehicles."
    )
    assert one(positions, "china", "reject")["according_to"] == "liang-wenjie"


def test_a_figure_the_parser_hangs_on_the_verb_is_still_the_objects():
    positions = positions_of(
        "The Garment Sramik Oikya Parishad is demanding a monthly minimum wage of Tk 23,000 for garment "
        "workers, while owners have offered a wage of Tk 10,400.",
        "Bangladesh Garment Manufacturers and Exporters Association (BGMEA) President Rezwan Kabir Majumder "
        'rejected Tk 23,000 as "unrealistic at a time when orders are down 15 to 20 percent".',
    )
    rejected = one(positions, "bangladesh-garment-manufacturers-and-exporters-association", "reject")
    assert (rejected["issue"], rejected["value"]["min"], rejected["value"]["unit"]) == ("pay", 23000, "BDT")


def test_a_negotiator_named_as_the_governments_is_not_the_mediators():
    positions = positions_of(
        "Talks between Ethiopia's government and the Oromo Liberation Army opened in Arusha on Monday, with "
        "mediators from Kenya and Norway.",
        "The government's chief negotiator, Mulugeta Asfaw, told reporters that Ethiopia was prepared to "
        "release detainees, but insisted that the OLA must first lay down its weapons.",
    )
    assert [p["party"] for p in positions if p["stance"] == "insist"] == ["ethiopia"]


def test_workers_are_their_union_a_short_name_is_the_organisation_and_a_role_names_the_state():
    positions = positions_of(
        "Nordic Sky Airlines and the Commercial Pilots Union resumed talks in Oslo on Monday.",
        "Pilots at the airline rejected its latest offer on Tuesday, the union said.",
        "The union wants the carrier to raise its 401(k) contribution to 12% of pay. Nordic has offered 9%.",
        "Osman Idris, Sudan's irrigation minister, said he was ready to sign the accord.",
    )
    assert one(positions, "commercial-pilots-union", "reject")["issue"] == "deal"
    assert one(positions, "commercial-pilots-union", "demand")["value"]["min"] == 12
    assert one(positions, "nordic-sky-airlines", "offer")["value"]["min"] == 9
    assert one(positions, "sudan", "willing")["according_to"] == "osman-idris"


def test_a_name_introduced_by_what_it_is_and_a_ministry_named_by_its_demonym_are_parties():
    positions = positions_of(
        "Negotiators met in Cúcuta with the Comando Coordinador de Occidente y Frente, a rebel group of about "
        "800 fighters. The group demanded the release of 40 prisoners.",
        'Egyptian Foreign Ministry spokesman Ahmed Kamel told reporters: "We want a binding agreement."',
        "Government chief negotiator Luis Pardo met the envoy. Pardo also ruled out any pullback of troops.",
    )
    assert one(positions, "comando-coordinador-de-occidente-y-frente", "demand")["issue"] == "release"
    assert one(positions, "egypt", "demand")["according_to"] == "ahmed-kamel"
    assert one(positions, "luis-pardo", "reject")["issue"] == "withdrawal"


def test_brussels_acting_is_the_eu_and_a_quota_in_tonnes_is_a_term():
    positions = positions_of(
        "The EU and Norway failed to agree on fishing quotas. Brussels wants to keep its mackerel quota at "
        "21,000 tonnes, while Norway has offered 18,500 tonnes.",
    )
    demand = one(positions, "european-union", "demand")
    offer = one(positions, "norway", "offer")
    assert demand["issue"] == offer["issue"] == "tariffs"
    assert (demand["value"]["min"], offer["value"]["min"]) == (21_000, 18_500)


def test_a_secretary_and_government_sources_speak_for_the_one_department_named():
    positions = positions_of(
        "Talks between the Rail Workers Union and the Department of Transport broke down on Monday.",
        "The union says drivers' pay is 15% lower than in 2010 and is demanding a pay rise of 12%.",
        "Transport Secretary Paul Hale said he was ready to meet the union. Government sources said "
        "ministers would accept a pay rise of 6%.",
    )
    assert one(positions, "rail-workers-union", "demand")["value"]["min"] == 12
    assert one(positions, "department-of-transport", "willing")["according_to"] == "paul-hale"


def test_a_stance_taken_in_siding_with_another_is_the_subject_s_and_talks_take_no_length():
    positions = positions_of(
        "Sudan has sided with Egypt in calling for a binding deal on the dam.",
        "Egypt and Ethiopia agreed to meet again within six weeks.",
    )
    assert one(positions, "sudan", "demand")["issue"] == "deal"
    assert {p["value"] is None for p in positions if p["issue"] == "talks"} == {True}


def test_failing_to_agree_is_no_stance_and_that_range_answers_the_figure_before():
    positions = positions_of(
        "The EU and Norway failed to agree on fishing quotas on Friday.",
        "EU officials said they could accept a cod quota of between 15,000 and 16,000 tonnes. A Norwegian official "
        "dismissed that range.",
    )
    assert not [p for p in positions if p["trigger"]["text"] == "agree"]
    willing = one(positions, "european-union", "willing")
    assert one(positions, "norway", "reject")["responds_to"] == [willing["id"]]


def test_a_length_of_time_naming_nothing_else_is_a_timeline_term():
    positions = positions_of("Kenya wants the handover of the camps spread over at least four years.")
    demand = one(positions, "kenya", "demand")
    assert term(demand) == ("timeline", 4, "year")


def test_a_proposal_seen_by_a_news_agency_is_a_proposal_of_a_deal():
    positions = positions_of(
        "Ethiopia would review the filling rules every year, according to a copy of Cairo's proposal seen by "
        "Reuters."
    )
    assert one(positions, "egypt", "propose")["issue"] == "deal"


def test_a_short_form_used_before_the_name_is_spelled_out_is_the_same_party():
    positions = positions_of(
        "NWU members marched on the ministry on Monday.",
        "Members of the National Water Union (NWU) rejected the offer from the Regional Utilities Employers "
        "Council (Ruec) on Tuesday.",
        "The NWU is demanding an 8% rise. Ruec has offered 3%.",
    )
    assert one(positions, "national-water-union", "demand")["value"]["min"] == 8
    offers = [
        p for p in positions if p["party"] == "regional-utilities-employers-council" and p["issue"] == "pay"
    ]
    assert [(p["stance"], p["value"]["min"]) for p in offers] == [("offer", 3)]
    assert not [p for p in positions if p["party"] in ("nwu", "ruec")]


def test_a_union_named_without_the_word_union_is_the_union_and_a_dateline_city_is_no_party():
    positions = positions_of(
        "HOBART (AAP) - Hospital nurses have agreed to resume talks, the Australian Nursing and Midwifery "
        "Federation says.",
        "ANMF secretary Kylie Brennan said the union would consider 6 per cent pay in the first year.",
        "The hospital board considered the claim last week but said it was too costly.",
    )
    federation = "australian-nursing-and-midwifery-federation"
    assert one(positions, federation, "accept")["issue"] == "talks"
    assert one(positions, federation, "willing")["value"]["min"] == 6
    assert {p["party"] for p in positions} == {federation}


def test_an_offer_a_party_counters_with_is_its_own_and_an_honorific_names_the_same_person():
    positions = positions_of(
        "Ukraine proposed a 30-day ceasefire at sea. Russia countered with an offer of a 10-day pause.",
    )
    assert one(positions, "russia", "offer")["value"]["min"] == 10
    assert one(positions, "russia", "offer")["issue"] == "ceasefire"
    positions = positions_of(
        "Health Minister Rebecca Lyall met the union. Ms Lyall later said she would consider a 4% pay rise.",
    )
    assert one(positions, "rebecca-lyall", "willing")["issue"] == "pay"


def test_answers_to_positions_not_read_and_hedged_or_passive_willingness():
    positions = positions_of(
        "The Coastal Teachers Union and Marlow District Council met again on Monday over pay. The union "
        "wants a 9% pay rise, and says pay has fallen for a decade. The council says pay is all it can offer.",
        "The union said it was prepared to accept a 6% settlement.",
        "Marlow District Council was prepared to reconvene talks in June, but rejected the condition.",
        'The union\'s secretary said: "We are ready to discuss the rest."',
    )
    assert one(positions, "coastal-teachers-union", "willing")["issue"] == "pay"
    assert one(positions, "marlow-district-council", "willing")["issue"] == "talks"
    assert one(positions, "marlow-district-council", "reject")["object"] == "the condition"
    assert [p["issue"] for p in positions if p["object"] == "to discuss the rest"] == ["talks"]
    alone = positions_of(
        "The Ferrovia Workers Union met the rail company. The Ferrovia Workers Union rejected the demand."
    )
    assert one(alone, "ferrovia-workers-union", "reject")["issue"] == "deal"


def test_a_state_named_by_its_junta_beside_a_rebel_group_and_staff_as_their_union():
    positions = positions_of(
        "Myanmar's junta and the Kachin Independence Army agreed on Thursday to swap around 200 prisoners.",
        "The Lecturers Union says its members are underpaid. The National Union of Students backed them.",
        "University staff across the country have rejected a 2% pay offer, the Lecturers Union said.",
    )
    swap = {p["party"] for p in positions if p["issue"] == "release" and p["stance"] == "accept"}
    assert swap == {"myanmar", "kachin-independence-army"}
    assert one(positions, "lecturers-union", "reject")["value"]["min"] == 2


def test_words_inside_phrases_that_name_something_else_name_no_issue():
    positions = positions_of(
        "Egypt and the IMF met in Cairo. Egypt agreed to a more flexible exchange rate and to working groups "
        "on data exchange. Egypt also demanded the exchange of 50 prisoners.",
    )
    assert [p["issue"] for p in positions if p["stance"] == "demand"] == ["release"]
    assert "release" not in {p["issue"] for p in positions if p["stance"] == "accept"}
    loan = positions_of(
        "Pakistan and the IMF met in Islamabad. Pakistan agreed to greater exchange-rate flexibility.",
        "Russia proposed a demilitarized zone of 30 kilometres around the Zaporizhzhia nuclear power plant.",
        "Venezuela demanded a new license for Chevron to export oil.",
    )
    assert [(p["party"], p["issue"]) for p in loan] == [
        ("pakistan", "money"),
        ("russia", "withdrawal"),
        ("venezuela", "sanctions"),
    ]


def test_a_party_of_a_profile_named_once_in_passing_does_not_bring_its_profile():
    positions = positions_of(
        "Israel and Lebanon met in Naqoura on Monday. Lebanon, which has stayed out of the war with Hamas, "
        "offered to release 5 Israeli detainees. Israel demanded the release of all detainees."
    )
    assert {p["issue"] for p in positions} == {"release"}


def test_federal_negotiators_are_the_state_whose_government_the_article_names():
    positions = positions_of(
        "Ethiopia's federal government and the TPLF met in Mekelle. TPLF negotiators demanded a referendum.",
        "Federal negotiators rejected that demand.",
    )
    assert one(positions, "ethiopia", "reject")["object"] == "that demand"


def test_a_union_named_by_its_company_and_management_as_the_employer():
    positions = positions_of(
        "Hyundai Motor's labor union has voted to strike. The union rejected the company's offer.",
        "Management offered a base pay raise of 86,000 won.",
        "The RMT union wants a 5% rise.",
    )
    assert one(positions, "hyundai-motor-union", "reject")["issue"] == "deal"
    offers = [p for p in positions if p["party"] == "hyundai-motor" and p["issue"] == "pay"]
    assert [p["value"]["min"] for p in offers] == [86_000]
    assert one(positions, "rmt", "demand")["value"]["min"] == 5


def test_what_a_party_says_it_will_not_do_or_would_do_on_a_condition_is_its_position():
    positions = positions_of(
        "The Kachin Independence Army said it would not withdraw from the jade mines.",
        "Myanmar's junta said it would never recognise the rebels' administration.",
        "The KIA said it would free the captured soldiers only if the junta agreed to a truce.",
        "The junta could not afford to lose the mines, analysts said. The KIA will not comment.",
    )
    assert one(positions, "kachin-independence-army", "reject")["issue"] == "withdrawal"
    assert one(positions, "myanmar", "reject")["issue"] == "governance"
    assert one(positions, "kachin-independence-army", "willing")["issue"] == "release"
    assert one(positions, "kachin-independence-army", "demand")["issue"] == "ceasefire"  # "only if ... truce"
    assert len(positions) == 4  # no refusal in "could not afford", no position in "will not comment"


def test_a_counter_with_a_figure_is_an_offer_on_the_issue_of_the_figure_it_answers():
    positions = positions_of(
        "The Hotel Workers Union demanded a 30% raise. The Hotel Association countered with 12%.",
        "Russia countered with an offer of a 10-day pause.",
    )
    offer = one(positions, "hotel-association", "offer")
    assert (offer["issue"], offer["value"]["min"]) == ("pay", 12)
    assert [p["issue"] for p in positions if p["party"] == "russia"] == ["ceasefire"]


def test_what_a_speaker_says_must_happen_is_insisted_on_or_demanded_of_the_other_party():
    positions = positions_of(
        "Chile and Bolivia met in Lima. Bolivia said sanctions on its lithium exports must be lifted first.",
        "Chile said Bolivia must withdraw its troops from the border posts.",
        "The talks must go on, a mediator said.",
    )
    insist = one(positions, "bolivia", "insist")
    assert insist["issue"] == "sanctions"
    assert one(positions, "chile", "demand")["issue"] == "withdrawal"
    assert len(positions) == 2  # a mediator naming no issue holds no position


def test_stances_the_parser_hides_in_participles_summaries_and_infinitives():
    positions = positions_of(
        "Canada and the United States met in Ottawa. A Canadian official said Ottawa was prepared to lift "
        "its counter-tariffs the same day.",
        "Washington proposed that Canadian steel ship under a quota, an idea Canada has turned down.",
        "The United States has so far refused to give Canadian mills a blanket exemption, and pressed Canada "
        "on Tuesday to drop its dairy quotas.",
        "Canada pushed back on that characterization.",
    )
    assert one(positions, "canada", "willing")["issue"] == "tariffs"
    assert one(positions, "canada", "reject")["issue"] == "tariffs"
    assert {p["stance"] for p in positions if p["party"] == "united-states"} == {
        "propose",
        "reject",
        "demand",
    }
    assert not [p for p in positions if p["party"] == "canada" and p["stance"] == "demand"]


def test_the_rebels_are_the_armed_group_an_article_is_about_and_a_demonym_owns_a_proposal():
    positions = positions_of(
        "The M23 and Congo met in Doha. The M23 said it was ready to talk. Congo wants the FDLR militia "
        "disarmed.",
        "The rebels demanded the release of 700 fighters held in government jails.",
        "Kinshasa dismissed the Qatari proposal for a buffer zone.",
    )
    assert one(positions, "m23", "demand")["issue"] == "release"
    assert one(positions, "qatar", "propose")["issue"] == "withdrawal"


def test_an_offer_named_before_states_its_terms_and_a_company_named_for_a_country_is_the_company():
    positions = positions_of(
        "Flight attendants at Air Canada voted on Sunday to reject the company's latest contract offer.",
        "The offer included a 20% wage increase, a $5,000 bonus and new schedules.",
        "On wages, the airline says its latest offer would raise pay by 38 per cent.",
    )
    offers = [p for p in positions if p["stance"] == "offer"]
    assert {p["party"] for p in offers} == {"air-canada"}  # not the state's
    assert ("pay", 20) in {(p["issue"], (p["value"] or {}).get("min")) for p in offers}
    assert "jobs" in {p["issue"] for p in offers}
    assert ("pay", 38) in {(p["issue"], (p["value"] or {}).get("min")) for p in offers}


def test_a_dateline_is_no_subject_and_a_count_of_people_is_the_value_of_a_release():
    positions = positions_of(
        "KUALA LUMPUR, Nov 6 (Reuters) - Thailand and Cambodia agreed on Thursday to pull their troops back "
        "two kilometres from the border, officials said.",
        "Thailand offered to free 18 Cambodian soldiers, and Cambodia demanded the release of 1,200 "
        "Cambodians held in Thai jails.",
    )
    accepted = [p for p in positions if p["stance"] == "accept"]
    assert {p["party"] for p in accepted} == {"thailand", "cambodia"}
    assert {p["issue"] for p in accepted} == {"withdrawal"}
    assert one(positions, "thailand", "offer")["value"]["min"] == 18
    assert one(positions, "cambodia", "demand")["value"]["min"] == 1200


def test_a_proposal_named_by_its_party_is_the_one_that_party_put_forward():
    positions = positions_of(
        "Mediators from the United Nations have proposed a 30-day humanitarian truce in Sudan.",
        "The army's delegation has not answered. The RSF said it accepted the UN plan in principle.",
    )
    accepted = one(positions, "rapid-support-forces", "accept")
    assert accepted["issue"] == "ceasefire"


def test_the_union_a_body_is_called_and_an_officer_of_it_speak_for_it():
    positions = positions_of(
        "Senior doctors will strike after talks with Health NZ broke down, the Association of Salaried Medical "
        "Specialists said. Members rejected a 2% pay rise. The union wants more staff.",
        "Health NZ said it would not budge. Its chief people officer, Gareth Penny, said the offer was fair.",
        "Mr Penny did not rule out a further pay increase.",
    )
    union = "association-of-salaried-medical-specialists"
    assert one(positions, union, "reject")["issue"] == "pay"
    willing = one(positions, "health-nz", "willing")
    assert (willing["issue"], willing["according_to"]) == ("pay", "gareth-penny")


def test_two_neighbours_are_both_parties_and_a_text_in_which_they_pledge_is_not_what_they_pledge():
    positions = positions_of(
        "Ethiopia and Somalia met in Ankara. The two neighbours agreed to a 30-day truce.",
        "They recalled the declaration in which the neighbours pledged to respect each other's sovereignty.",
    )
    agreed = [p for p in positions if p["trigger"]["text"] == "agreed"]
    assert {(p["party"], p["issue"]) for p in agreed} == {("ethiopia", "ceasefire"), ("somalia", "ceasefire")}
    pledged = [p for p in positions if p["trigger"]["text"] == "pledged"]
    assert pledged and {p["issue"] for p in pledged} == {"governance"}


def test_the_union_is_the_union_named_however_far_back_and_its_short_form_names_it_again():
    filler = "Boeing builds fighter jets in the St. Louis area, where thousands of people work on them. " * 18
    positions = positions_of(
        "Members of the Association of Salaried Machinists (ASM) voted to strike at Boeing.",
        filler,
        "The union has asked Boeing to return to the bargaining table this week.",
        "The ASM said it would agree to facilitation.",
    )
    demand = one(positions, "association-of-salaried-machinists", "demand")
    assert demand["issue"] == "talks"
    agree = [p for p in positions if p["trigger"]["text"] == "agree"]
    assert [(p["party"], p["issue"]) for p in agree] == [("association-of-salaried-machinists", "talks")]
    assert not [p for p in positions if p["party"] == "boeing"]


def test_a_condition_a_party_sets_on_what_it_will_do_is_its_demand():
    positions = positions_of(
        "The Teamsters said members would walk off the job on Monday unless UPS raises pay by 5%.",
        "Hamas said it would free the remaining hostages only if Israel agreed to end the war and "
        "pull its forces out of Gaza.",
        "Canada would be willing to accept a quota if the auto tariffs were lifted at the same time.",
    )
    pay = one(positions, "teamsters", "demand")
    assert (pay["trigger"]["text"], pay["issue"], pay["value"]["min"]) == ("unless", "pay", 5)
    hamas = {p["issue"] for p in positions if p["party"] == "hamas" and p["stance"] == "demand"}
    assert {"ceasefire", "withdrawal_lines"} <= hamas
    canada = one(positions, "canada", "demand")
    assert (canada["trigger"]["text"], canada["issue"]) == ("if", "tariffs")


def test_a_threat_a_time_and_a_condition_of_both_sides_set_no_demand():
    positions = positions_of(
        "The Teamsters said members would walk off the job if there is no agreement with UPS.",
        "Talks between the Teamsters and UPS went on until the company raised its pay offer.",
        "A strike could start in October unless the Teamsters and UPS break the deadlock over pay.",
    )
    conditions = [p for p in positions if p["trigger"]["text"] in ("if", "until", "unless")]
    assert conditions == []


def test_a_working_week_in_hours_is_the_value_of_a_demand_on_hours():
    positions = positions_of(
        "The GDL union is demanding that shift workers reach 35 hours a week with full pay by 2027.",
    )
    demand = one(positions, "gdl", "demand")
    assert term(demand) == ("jobs", 35, "hour")


def test_a_sum_in_any_currency_is_a_value_and_the_government_is_the_states():
    positions = positions_of(
        "Hyundai Motor's union demanded a monthly base pay rise of ₩141,300.",
        "Nigeria's labour unions met Premium Times reporters on Monday.",
        "An official said the government was willing to raise the minimum wage.",
    )
    demand = one(positions, "hyundai-motor-union", "demand")
    assert term(demand) == ("pay", 141300, "KRW")
    assert one(positions, "nigeria", "willing")["issue"] == "pay"


def test_a_length_offered_against_a_longer_one_is_on_the_same_issue():
    positions = positions_of(
        "The ELN had sought a 60-day truce, while Colombia offered only 20 days, saying a longer "
        "pause would let the group regroup.",
    )
    offer = one(positions, "colombia", "offer")
    assert term(offer) == ("ceasefire", 20, "day")


def test_a_condition_on_what_a_party_is_prepared_or_would_consider_doing_is_its_demand():
    positions = positions_of(
        "Unite said the union was prepared to accept a 3% settlement if employers also signed up to a "
        "ban on compulsory redundancies.",
        "A US official said Washington would consider easing sanctions on Russian fertiliser if Moscow "
        "first agreed to a ceasefire at sea.",
    )
    unite = one(positions, "unite-union", "demand")
    assert (unite["trigger"]["text"], unite["issue"]) == ("if", "jobs")
    us = one(positions, "united-states", "demand")
    assert (us["trigger"]["text"], us["issue"]) == ("if", "ceasefire")


def test_a_company_official_and_a_titled_office_speak_for_their_company_and_state():
    positions = positions_of(
        "Talks between Kia Motors Corp. and its union resumed on Monday, as the United States pressed "
        "South Korea on steel.",
        "Management was prepared to raise its pay offer to 5%, a person familiar with the talks said.",
        '"We are willing to add two rest days a month," a company official said.',
        '"We want a 15% tariff on Korean steel," US Trade Representative Dana Hollis told reporters.',
    )
    kia = [(p["issue"], p["value"] and p["value"]["min"]) for p in positions if p["party"] == "kia-motors"]
    assert kia == [("pay", 5), ("jobs", None)]
    assert one(positions, "united-states", "demand")["issue"] == "tariffs"


def test_a_numbered_union_its_president_and_a_company_spokesperson_speak_for_their_bodies():
    positions = positions_of(
        "Workers at BHP's Escondida mine voted to strike after rejecting the company's final wage offer, "
        "their union said on Thursday.",
        "Union No. 1, which represents about 2,350 operators, said 97.6% of members backed a strike.",
        '"We are not going to sign a contract that leaves our workers behind inflation," union president '
        "Patricio Sandoval said.",
        "BHP said its offer was fair. The union is seeking a wage floor of $20 an hour, but a BHP "
        "spokesperson ruled out reopening the bonus.",
    )
    union = [(p["stance"], p["trigger"]["text"]) for p in positions if p["party"] == "union-no-1"]
    assert ("reject", "rejecting") in union and ("reject", "sign") in union
    assert term(one(positions, "union-no-1", "demand")) == ("pay", 20, "dollar")
    assert one(positions, "bhp", "reject")["issue"] == "pay"


def test_bodies_named_with_a_state_and_a_condition_on_what_is_to_be_done():
    positions = positions_of(
        "The U.S. Lumber Coalition opposes any deal that would lower the duties, and British Columbia "
        "rejects any quota.",
        '"We will support an agreement only if it ends the subsidies," said coalition chair Douglas Reardon.',
        "The High Council of State said it was prepared to accept the shortlist only if the final "
        "appointment of the governor required a two-thirds majority in both chambers.",
        "The council is asking the government to raise the cash assistance to $300 per fighter.",
    )
    assert {p["party"] for p in positions if p["trigger"]["text"] in ("opposes", "support", "if")} >= {
        "u-s-lumber-coalition"
    }
    assert "united-kingdom" not in {p["party"] for p in positions}
    conditions = [
        p for p in positions if p["party"] == "high-council-of-state" and p["trigger"]["text"] == "if"
    ]
    assert [(p["stance"], p["issue"]) for p in conditions] == [("demand", "governance")]
    asked = [p for p in positions if p["trigger"]["text"] == "asking"]
    # the government is who is asked, not what is asked for
    assert [(p["party"], p["issue"] != "governance", p["value"]["min"]) for p in asked] == [
        ("high-council-of-state", True, 300)
    ]


def test_a_sum_is_on_what_it_pays_for_and_a_change_is_to_the_figure_it_goes_to():
    positions = positions_of(
        "Benin is seeking to raise the transit fee it earns on each barrel to $1.50.",
        "Brussels also wants EU students at English universities to pay home fees of £9,535.",
        "Moldova has proposed buying its output at 78 euros per megawatt-hour.",
        "Kenya's Health Ministry has proposed raising the monthly stipend for interns from Sh70,000 to "
        "Sh120,000.",
    )
    by_trigger = {p["trigger"]["text"]: p for p in positions}
    # to raise a fee or to pay one is no wage, and a megawatt-hour is no working hour
    assert term(by_trigger["seeking"]) == ("money", 1.5, "dollar")
    assert term(by_trigger["wants"]) == ("money", 9535, "GBP")
    assert by_trigger.get("proposed", {"issue": None})["issue"] != "jobs"
    stipend = [p for p in positions if p["party"] == "kenya"]
    assert [term(p) for p in stipend] == [("pay", 120_000, "KES")]


def test_two_terms_of_pay_in_one_object_are_two_positions():
    positions = positions_of(
        "Acme Corp has offered 11 per cent over three years plus a one-off $1,500 payment.",
        "The Amalgamated Workers Union wants 5% a year over three years and a $2,500 bonus.",
    )
    offered = [term(p) for p in positions if p["party"] == "acme"]
    assert ("pay", 1500, "dollar") in offered
    wanted = [term(p) for p in positions if p["party"] == "amalgamated-workers-union"]
    assert sorted(wanted, key=str) == [("pay", 2500, "dollar"), ("pay", 5, "percent")]


def test_a_name_the_tagger_does_not_know_is_spelled_out_before_its_short_form():
    positions = positions_of(
        "The Vereinigung Cockpit (VC) pilots' union said on Monday that its members had voted to strike.",
        "VC is demanding that Lufthansa raise its contribution to the pension scheme to 15.5%.",
    )
    demand = one(positions, "vereinigung-cockpit", "demand")
    assert term(demand) == ("pay", 15.5, "percent")


def test_a_deal_named_by_its_length_is_on_the_timeline_and_an_offer_called_names_is_the_offer_made():
    positions = positions_of(
        "The Amalgamated Workers Union said it would be willing to accept a two-year deal.",
        "Acme Corp offered to lift its pension contribution to 13.5%. The Amalgamated Workers Union "
        'rejected the offer as "a real-terms cut dressed up as an improvement".',
    )
    willing = one(positions, "amalgamated-workers-union", "willing")
    assert term(willing) == ("timeline", 2, "year")
    rejected = one(positions, "amalgamated-workers-union", "reject")
    assert rejected["issue"] == one(positions, "acme", "offer")["issue"] == "pay"


def test_joint_patrols_are_a_guarantee():
    positions = positions_of("Niger wants joint Nigerien-Beninese patrols along the pipeline.")
    assert one(positions, "niger", "demand")["issue"] == "guarantees"


def test_a_party_named_with_its_country_and_a_name_the_tagger_cuts_short_are_parties_of_their_own():
    positions = positions_of(
        "Turkey and the PKK have agreed on a process. Turkey's pro-Kurdish DEM Party on Thursday urged "
        "parliament to draft legal guarantees for returning militants. Justice Minister Yilmaz Tekin ruled "
        "out a general amnesty. Turkey wants the group to disarm.",
        "The Finnish Airline Pilots' Association (SLL) rejected the proposal that Finnair accepted on "
        "Thursday. The union wants a cap on outsourcing. Finnair chief executive Tuomas Rautio said the "
        "airline was ready to continue talks.",
    )
    assert one(positions, "dem-party", "demand")["issue"] == "guarantees"
    assert one(positions, "turkey", "reject")["issue"] == "release"  # the minister is Turkey's
    pilots = "finnish-airline-pilots-association"
    assert one(positions, pilots, "reject")["issue"] == "deal"
    assert one(positions, pilots, "demand")["issue"] == "jobs"
    assert one(positions, "finnair", "willing")["issue"] == "talks"  # "the airline" is no pilots' union


def test_a_place_in_a_region_of_a_country_is_not_the_government_an_article_means():
    positions = positions_of(
        "Turkey and the PKK have agreed on a process. Turkey wants the group to disarm.",
        "Fighters burned their rifles at a ceremony near Sulaymaniyah in northern Iraq.",
        "The government is prepared to amend the enforcement law.",
    )
    assert one(positions, "turkey", "willing")


def test_stances_in_passives_and_relative_clauses_and_a_condition_with_a_date():
    positions = positions_of(
        "The chair's draft treaty was rejected by Panama and Norway on Friday. The text must be "
        "approved by the European Union.",
        "Washington wants a tariff on medicines, a proposal Interpharma has rejected as absurd.",
        "The California Nurses Association and Kaiser Permanente met on Monday. Kaiser Permanente wants to "
        "replace the pension plan with a 6% employer match, a change the union has said it will not accept. "
        "Kaiser Permanente has also offered a $3,000 bonus if the contract is ratified by Nov. 15.",
    )
    rejected = {p["party"]: p["issue"] for p in positions if p["stance"] == "reject"}
    assert rejected == {
        "panama": "deal",
        "norway": "deal",
        "interpharma": "tariffs",
        "california-nurses-association": "pay",
    }
    assert not [p for p in positions if p["party"] == "european-union"]  # a requirement, not a stance
    conditions = [p for p in positions if p["trigger"]["text"] == "if"]
    assert [(p["party"], p["issue"]) for p in conditions] == [("kaiser-permanente", "timeline")]


def test_a_side_named_by_its_people_is_their_state_and_a_short_form_taken_for_a_person_is_the_body():
    positions = positions_of(
        "Pakistan and Afghanistan met in Istanbul. The Afghan side demanded the reopening of the crossings.",
        "The GDL union staged a strike at Deutsche Bahn (DB) on Thursday. DB offered a 4.2% pay rise.",
    )
    assert one(positions, "afghanistan", "demand")["issue"] == "aid"
    assert term(one(positions, "deutsche-bahn", "offer")) == ("pay", 4.2, "percent")


def test_a_negotiator_titled_with_the_possessive_of_a_state_speaks_for_it():
    positions = positions_of(
        "Panama and Norway met the chair on Friday. Norway’s lead negotiator Kari Holm rejected the text."
    )
    rejected = one(positions, "norway", "reject")
    assert rejected["issue"] == "deal"
    assert rejected["according_to"] == "kari-holm"


def test_the_opposition_is_one_party_throughout():
    positions = positions_of(
        "South Sudan and the opposition met in Nairobi. The opposition groups rejected the plan, and the "
        "opposition coalition demanded guarantees.",
        "Opposition negotiators said the government refused.",
    )
    assert {(p["party"], p["stance"], p["issue"]) for p in positions if p["party"] == "opposition"} == {
        ("opposition", "reject", "deal"),
        ("opposition", "demand", "guarantees"),
    }


def test_capitals_with_or_without_accents_and_a_rejection_by_the_agent_of_a_participle():
    positions = positions_of(
        "Separatist leaders met Cameroon's government in Geneva. The Ambazonia Governing Council tabled a "
        "proposal for a federation of two states, a model rejected outright by Yaoundé.",
        "Colombia and the ELN met in Havana. The protocol, the first text signed by the two sides this year, "
        "expired on Monday. Officials in Bogota rejected the ELN's demand for a ceasefire.",
    )
    found = {(p["party"], p["stance"], p["issue"]) for p in positions}
    assert ("cameroon", "reject", "governance") in found
    assert ("colombia", "reject", "ceasefire") in found
    assert not [p for p in positions if p["stance"] == "accept"]  # a text described, not signed here


def test_an_offer_from_a_party_and_what_it_is_a_rate_over_years_and_verbs_of_discussing():
    positions = positions_of(
        "The Industri Energi union and Offshore Norge met in Stavanger. The offer from Offshore Norge, the "
        "employers' association, is a general wage increase of 4.1%. Offshore Norge said it could go to 4.4%. "
        "The union wants raises of 6% over two years.",
        "Offshore Norge has refused to discuss pensions in this round. A spokesman for the association "
        "declined to discuss specifics. The union said it was ready to discuss the rest.",
        "KLM's latest offer, presented last week, consists of a 2.5 percent increase in January and a one-off "
        "payment of 750 euros.",
    )
    found = {(p["party"], p["stance"], p["issue"], p["value"] and p["value"]["max"]) for p in positions}
    assert ("offshore-norge", "offer", "pay", 4.1) in found
    assert ("offshore-norge", "willing", "pay", 4.4) in found
    assert ("offshore-norge", "reject", "pay", None) in found
    assert ("industri-energi-union", "willing", "talks", None) in found
    assert ("industri-energi-union", "demand", "pay", 6.0) in found
    assert {("klm", "offer", "pay", 2.5), ("klm", "offer", "pay", 750.0)} <= found
    assert not [p for p in positions if p["issue"] == "timeline"]  # "over two years" spreads a rate


def test_a_minister_named_with_no_country_serves_the_state_acting_just_before():
    positions = positions_of(
        "Brazil and the United States met in Washington on Thursday. Brazil wants the 50% tariff on its "
        "coffee lifted.",
        "Brazil offered to cut its tariff on U.S. ethanol. The proposal, presented by Trade Minister Geraldo "
        "Alckmin, was the first. Alckmin also rejected the US demand for a tariff on steel.",
        "The Canola Council of Canada met Chinese buyers. Council president Dana Hargreaves said exporters "
        "were prepared to accept inspections.",
    )
    parties = {(p["party"], p["stance"]) for p in positions}
    assert ("brazil", "reject") in parties
    assert ("united-states", "reject") not in parties
    assert not [p for p in positions if p["party"] in ("geraldo-alckmin", "china")]


def test_the_two_leaders_are_both_parties_and_a_date_is_no_particle_of_the_verb():
    positions = positions_of(
        "Armenia and Azerbaijan met in Geneva. The two leaders agreed on Tuesday to open two new crossing "
        "points along the border. The accord was agreed by all delegations on 12 July.",
        "The leaders of France, Germany and Poland called for a 30-day ceasefire.",
    )
    agreed = {(p["party"], p["issue"]) for p in positions if p["stance"] == "accept"}
    assert agreed == {
        ("armenia", "withdrawal"),
        ("azerbaijan", "withdrawal"),
        ("armenia", "deal"),
        ("azerbaijan", "deal"),
    }
    assert not [p for p in positions if p["stance"] == "demand" and p["party"] in ("armenia", "azerbaijan")]


def test_a_condition_hung_on_what_a_party_is_open_to_is_that_partys_demand():
    positions = positions_of(
        "Brazil and the US met in Washington. Brazil wants the coffee tariff lifted.",
        "Officials said Washington was open to lowering the duty on coffee to 10% if Brazil scrapped the "
        "ethanol tariff.",
    )
    conditions = [(p["party"], p["issue"]) for p in positions if p["trigger"]["text"] == "if"]
    assert conditions == [("united-states", "tariffs")]


def test_mediators_from_two_bodies_speak_for_both():
    positions = positions_of(
        "Mediators from the United Nations and the African Union have proposed a 30-day humanitarian truce.",
    )
    assert {p["party"] for p in positions if p["stance"] == "propose"} == {"united-nations", "african-union"}


def test_a_state_named_on_a_union_is_not_its_side_and_the_government_is_the_state_named_most():
    positions = positions_of(
        "Sweden's biggest industrial union has turned down a new offer from Tesla on pay.",
        "Sri Lanka offered bondholders a 4.5 per cent coupon. Sri Lanka wants an agreement by July, but "
        "Bondholders also demand coupons of 7.25 per cent on the new bonds, said the Ad Hoc Group of "
        "Bondholders. They fear Sri Lanka later gives China better terms.",
        "The government has ruled out a second domestic restructuring of its debt.",
    )
    assert not [p for p in positions if p["party"] == "sweden"]
    assert one(positions, "ad-hoc-group-of-bondholders", "demand")["value"]["min"] == 7.25
    assert one(positions, "sri-lanka", "reject")["issue"] == "money"
    assert not [p for p in positions if p["party"] == "china"]


def test_what_a_party_will_not_accept_is_what_it_rejects():
    positions = positions_of(
        "The works council met Volkswagen's board on Monday. “What we will never accept is that workers "
        "lose their jobs,” said the works council chief, Daniela Cavallo.",
    )
    assert one(positions, "daniela-cavallo", "reject")["object"].startswith("that workers lose their jobs")


def test_management_is_the_company_the_article_names_most_and_released_funds_are_no_prisoners():
    positions = positions_of(
        "The Bakers' Union demanded a 6% raise from Arcadia Foods. Arcadia Foods said sales had fallen and "
        "Arcadia Foods would cut shifts.",
        "Management offered 3% on Tuesday.",
        "The union has also demanded that the company release the funds for June salaries.",
        "The Bakers' Union said its members would stay on strike until Arcadia Foods makes the night-shift "
        "bonus permanent.",
    )
    assert term(one(positions, "arcadia-foods", "offer")) == ("pay", 3, "percent")
    assert [p["object"] for p in positions if p["trigger"]["text"] == "until"] == [
        "makes the night-shift bonus permanent"
    ]
    assert "release" not in {p["issue"] for p in positions}


def test_a_premiers_government_and_a_minister_named_by_surname_speak_for_the_state():
    positions = positions_of(
        "Belgium's rail unions announced twelve strike days after talks with Mobility Minister Anton "
        "Verlinde failed.",
        "Prime Minister Jef Maertens's government wants rail staff to retire at 67.",
        "On Tuesday, Verlinde put forward a new offer: drivers could retire at 60 until 2030.",
        "Verlinde, speaking on public radio, said the reform was not negotiable. “I am not ready to keep a "
        "system in which some leave at 55,” he said.",
    )
    assert {p["party"] for p in positions if p["stance"] != "demand" or p["value"]} <= {"belgium"}
    assert one(positions, "belgium", "demand")["value"]["min"] == 67
    assert one(positions, "belgium", "reject")["trigger"]["text"] == "ready"


def test_a_proposal_named_by_its_state_is_that_states_earlier_proposal():
    positions = positions_of(
        "Ukraine proposed a 30-day ceasefire on energy infrastructure on Monday.",
        "Kremlin spokesman Dmitry Peskov on Wednesday dismissed the Ukrainian proposal as a ploy.",
    )
    assert one(positions, "russia", "reject")["issue"] == "ceasefire"


def test_a_given_name_alone_and_who_heads_a_panel_name_the_negotiator_and_operations_are_a_ceasefire():
    positions = positions_of(
        "Chatree Boonmak, who heads Thailand's peace dialogue panel, told reporters that Bangkok was ready "
        "to scale back military operations for the 30 days of Ramadan.",
        "“We are offering a period of reduced violence,” Chatree said.",
        "Washington was prepared to keep its roughly 900 troops in the north-east.",
    )
    assert term(one(positions, "thailand", "willing")) == ("ceasefire", 30, "day")
    assert one(positions, "thailand", "offer")["issue"] == "ceasefire"
    assert term(one(positions, "united-states", "willing")) == ("withdrawal", 900, "troops")


def test_the_government_and_the_regime_are_the_state_the_text_called_so_not_the_host():
    positions = positions_of(
        "The Philippine government and the Communist rebels agreed on Monday to resume talks in Oslo.",
        "The agreement came after four days of talks hosted by Norway in the Norwegian capital.",
        "The government has offered to release six elderly consultants on humanitarian grounds.",
    )
    assert one(positions, "philippines", "offer")["issue"] == "release"
    positions = positions_of(
        "Myanmar’s military regime and the Ta’ang National Liberation Army ended two days of "
        "China-brokered talks in Kunming on Thursday.",
        "The regime offered a three-month ceasefire limited to northern Shan State.",
    )
    assert term(one(positions, "myanmar", "offer")) == ("ceasefire", 3, "month")


def test_a_short_form_is_the_name_it_spells_and_it_is_the_body_described_before():
    record = record_of(
        "The Chicago Teachers Union has demanded raises of 9% a year.",
        "Chicago Public Schools, which faces a projected deficit, has offered raises of 3% a year.",
        "CPS has also proposed hiring 300 more classroom assistants.",
        "The union argues the money is there. It wants the city "
        "to declare a tax-increment financing surplus of at least $500 million this year.",
    )
    district = next(a for a in record["actors"] if a["name"] == "Chicago Public Schools")
    assert "CPS" in district["aliases"]
    positions = record["positions"]
    assert {p["party"] for p in positions if p["stance"] in ("offer", "propose")} == {district["id"]}
    union = [term(p) for p in positions if p["party"] == "chicago-teachers-union"]
    assert union == [("pay", 9, "percent"), ("money", 500_000_000, "dollar")]


def test_calling_for_a_party_to_act_is_a_demand_and_talks_wrapped_up_by_a_date_are_a_timeline():
    positions = positions_of(
        "The National Milk Producers Federation has called for Canada to scrap its dairy tariffs altogether, "
        "calling the quotas a matter for the courts to settle.",
        "Brussels still wants the talks wrapped up by 31 December.",
    )
    assert one(positions, "national-milk-producers-federation", "demand")["issue"] == "tariffs"
    assert one(positions, "european-union", "demand")["issue"] == "timeline"
    assert len(positions) == 2


def test_the_government_of_an_article_datelined_in_a_capital_is_that_state():
    positions = positions_of(
        "SEOUL, April 25 (Yonhap) -- The Korean Intern Resident Association (KIRA) on Thursday rejected the "
        "government's offer to let universities cut the increase in admissions by half.",
        "Meanwhile, the government has proposed cutting trainees' maximum continuous shift from 36 hours to "
        "24 hours.",
    )
    assert one(positions, "south-korea", "propose")["issue"] == "jobs"
    assert {p["party"] for p in positions if p["stance"] == "reject"} == {
        "korean-intern-resident-association"
    }


def test_bodies_listed_in_apposition_to_the_subject_each_hold_the_position():
    positions = positions_of(
        "Italy's metalworkers' unions called a strike after talks with the employers' federation "
        "Federmeccanica broke down.",
        "The three unions - Fiom-CGIL, Fim-CISL and Uilm-UIL - are demanding a monthly raise of 280 euros.",
    )
    demands = [p for p in positions if p["issue"] == "pay"]
    assert {p["party"] for p in demands} == {"fiom-cgil", "fim-cisl", "uilm-uil"}
    assert {p["value"]["min"] for p in demands} == {280}


def test_a_ministry_of_no_named_country_speaks_for_the_one_state_of_the_story():
    positions = positions_of(
        "Thousands of ride-hailing drivers rallied in Jakarta, Indonesia, on Tuesday.",
        "The Transportation Ministry has proposed raising fees by 15 percent.",
    )
    assert one(positions, "indonesia", "propose")["value"]["min"] == 15
    positions = positions_of(
        "Venezuela has demanded the release of 10 nationals held in Texas, and the United States wants three "
        "Americans freed.",
        "The Department of Homeland Security has proposed raising fees by 15 percent.",
    )
    assert one(positions, "department-of-homeland-security", "propose")["value"]["min"] == 15
    positions = positions_of(
        "Thousands of truckers rallied in Seoul, South Korea, on Tuesday.",
        "A ministry official, speaking on condition of anonymity, said the ministry would not negotiate with "
        "the union while the strike continued.",
    )
    assert one(positions, "south-korea", "reject")["according_to"].endswith("ministry-official")


def test_a_sum_in_compensation_a_terrorist_designation_and_a_count_of_sources():
    positions = positions_of(
        "The Houthis are also seeking the removal of their designation as a foreign terrorist organisation. "
        "A senior US official ruled that out.",
        "The Houthis have asked for $1.2bn in compensation for damage to Hodeidah port.",
        "US officials have ruled out any written guarantee, according to two people briefed on the talks.",
    )
    assert one(positions, "houthis", "demand")["issue"] == "sanctions"
    assert [p["issue"] for p in positions if p["party"] == "united-states"] == ["sanctions", "guarantees"]
    assert term(positions[2]) == ("money", 1_200_000_000, "dollar")
    assert positions[-1]["value"] is None


def test_the_figure_a_verb_takes_a_term_to_is_its_value():
    positions = positions_of(
        "On cars, India has offered to reduce duties of up to 110% on imported vehicles to 10% over five years.",
    )
    assert term(one(positions, "india", "offer")) == ("tariffs", 10, "percent")
    positions = positions_of(
        "Somalia and Ethiopia met in Ankara.", "Addis Ababa wants its Aussom contingent raised to 4,000."
    )
    assert term(one(positions, "ethiopia", "demand"))[:2] == ("withdrawal", 4000)


def test_a_that_clause_whose_verb_the_tagger_took_for_a_noun_is_still_the_object():
    positions = positions_of(
        "Azerbaijan, in turn, insists that Armenia first remove from its constitution a reference to the 1990 "
        "declaration of independence.",
    )
    assert one(positions, "azerbaijan", "insist")["issue"] == "governance"


def test_a_guarantee_of_jobs_is_on_jobs_and_a_guarantee_of_a_truce_on_guarantees():
    positions = positions_of(
        "Unison wants a guarantee of no compulsory redundancies as councils move to cut costs.",
        "Nurses will walk out on Oct. 20 unless Kaiser agrees to enforceable staffing standards.",
        "The Houthis have insisted on written guarantees that the truce will hold.",
    )
    assert [p["issue"] for p in positions] == ["jobs", "jobs", "guarantees"]


def test_sovereignty_or_self_rule_over_a_territory_is_governance_a_pullout_from_it_withdrawal():
    positions = positions_of(
        "Eritrea has repeatedly rejected any arrangement that would cede territory or sovereignty.",
        "Morocco offers the territory broad self-rule under Moroccan sovereignty.",
        "Israel has offered to withdraw its troops from the territory within 60 days.",
    )
    assert [p["issue"] for p in positions] == ["governance", "governance", "withdrawal"]


def test_a_name_after_a_lower_case_title_is_a_person_of_the_body_named_before_the_title():
    record = record_of(
        "The Philippine government and the National Democratic Front of the Philippines (NDFP) agreed on "
        "Monday to resume talks in Oslo.",
        "In a joint statement issued by government panel chair Teodoro Alcaraz and NDFP panel chair Amelia "
        "Ranada, the two sides said the March round would take up reforms.",
        "Ranada dismissed the government's timetable as an artificial deadline.",
    )
    ranada = next(a for a in record["actors"] if a["id"] == "amelia-ranada")
    assert (ranada["kind"], ranada["roles"]) == ("person", ["NDFP panel chair"])
    reject = one(record["positions"], "national-democratic-front-of-the-philippines", "reject")
    assert reject["according_to"] == "amelia-ranada"


def test_a_minister_of_a_story_that_names_its_country_only_by_demonym_speaks_for_it():
    positions = positions_of(
        "Belgian dockworkers walked out in Antwerp on Monday after talks with Belgian port employers failed.",
        "Employment Minister Pieter Vandamme ruled out a pay rise above 3%.",
    )
    assert one(positions, "belgium", "reject")["according_to"] == "pieter-vandamme"


def test_a_government_negotiator_serves_the_state_named_as_an_actor_not_the_venues():
    positions = positions_of(
        "The government and the Moro Islamic Liberation Front met in Kuala Lumpur on Monday, with a Malaysian "
        "facilitator.",
        "The Moro Islamic Liberation Front wants the deadline moved, a request Manila has refused.",
        "Government panel chair Undersecretary Leandro Casiño offered to raise the payment to P150,000.",
    )
    assert one(positions, "philippines", "offer")["according_to"] == "leandro-casino"


def test_a_halt_to_strikes_on_infrastructure_is_a_ceasefire_and_a_source_close_to_the_group_is_its():
    positions = positions_of(
        "Russia and Ukraine have agreed to halt strikes on each other's energy infrastructure.",
        "The Ta’ang National Liberation Army (TNLA) met junta envoys in Kunming. The group would withdraw "
        "from six wards if the regime halts air strikes, a source close to the group said.",
    )
    assert {p["party"] for p in positions if p["stance"] == "accept"} == {"russia", "ukraine"}
    assert {p["issue"] for p in positions if p["stance"] == "accept"} == {"ceasefire"}
    demand = one(positions, "tnla", "demand")
    assert (demand["issue"], demand["according_to"].endswith("source-close-to-the-group")) == (
        "ceasefire",
        True,
    )


def test_a_condition_that_names_no_redundancies_is_a_demand_but_no_agreement_is_a_threat():
    positions = positions_of(
        "The University and College Union (UCU) said it was prepared to accept a 4% settlement if employers "
        "also signed up to a national agreement on no compulsory redundancies.",
        "The UCU will walk out if there is no agreement by Friday.",
    )
    assert [(p["stance"], p["issue"]) for p in positions] == [("willing", "deal"), ("demand", "jobs")]


def test_the_sultanate_or_the_kingdom_is_the_state_named_before():
    positions = positions_of(
        "Oman said on Monday that the sultanate was ready to host further rounds of talks.",
        "Morocco insists the kingdom is open to more UN monitors in the territory.",
    )
    willing = [(p["party"], p["issue"]) for p in positions if p["stance"] == "willing"]
    assert willing == [("oman", "talks"), ("morocco", "guarantees")]


def test_arbitration_and_working_groups_are_on_how_to_negotiate_and_exchanging_data_is_no_release():
    positions = positions_of(
        "Lufthansa has proposed taking the dispute to arbitration.",
        "Israel and Lebanon agreed to form three working groups, one of them on Lebanese detainees.",
        "The United States and Mexico agreed to exchange updated reservoir data beforehand.",
    )
    assert {p["issue"] for p in positions} == {"talks"}
    assert {p["party"] for p in positions} == {"lufthansa", "israel", "lebanon"}


def test_we_in_the_quote_of_an_anonymous_official_of_a_country_is_that_country():
    positions = positions_of(
        "Ukraine and Russia met in Riyadh on Tuesday.",
        "A senior Ukrainian official involved in the talks said Kyiv had pressed for a monitoring mechanism. "
        '"We are ready for a full ceasefire tomorrow," the official said.',
    )
    ready = one(positions, "ukraine", "willing")
    assert ready["issue"] == "ceasefire" and "ukrainian-official" in ready["according_to"]


def test_an_offer_raised_to_a_figure_is_offered_at_that_figure_and_a_ballot_share_is_no_term():
    positions = positions_of(
        "The Australian Licensed Aircraft Engineers Association (ALAEA) is seeking pay rises of 6 per cent "
        "a year. Qantas offered 3 per cent a year in March and last month lifted its offer to 3.5 per cent "
        "a year.",
        "Members rejected the improved offer in a ballot last week, with 87 per cent voting no on a turnout "
        "of 91 per cent.",
    )
    offers = [term(p) for p in positions if p["party"] == "qantas" and p["stance"] == "offer"]
    assert offers == [("pay", 3.0, "percent"), ("pay", 3.5, "percent")]
    rejected = one(positions, "australian-licensed-aircraft-engineers-association", "reject")
    assert rejected["value"] is None


def test_a_rejection_beside_a_lowered_demand_does_not_take_the_party_s_own_figure():
    positions = positions_of(
        "The California Nurses Association, the union representing 46,000 nurses, is bargaining with Kaiser "
        "Permanente over pay. Pay is the sticking point: nurses say their pay has lagged inflation.",
        "On pay, Kaiser last week raised its offer to 18% over four years. The union, which opened bargaining "
        "in June seeking 30%, has since lowered its demand to 25% and rejected the new offer on Friday.",
    )
    demands = [term(p) for p in positions if p["stance"] == "demand"]
    assert ("pay", 25.0, "percent") in demands
    assert one(positions, "california-nurses-association", "reject")["value"] is None


def test_refusing_to_act_until_something_is_done_demands_it():
    positions = positions_of(
        "Pakistan has refused to reopen the crossings until the monitoring mechanism is in place.",
    )
    assert ("pakistan", "demand", "guarantees") in [(p["party"], p["stance"], p["issue"]) for p in positions]


def test_a_deal_only_as_the_subject_or_a_proposal_for_someone_to_act_is_about_the_act():
    positions = positions_of(
        "South Sudan's government and the opposition coalition met in Nairobi. The opposition coalition has "
        "insisted that any deal be signed by international guarantors.",
        "Colombia and the Clan del Golfo accepted a proposal by Qatar for the guarantor countries - Qatar, "
        "Norway and Spain - to monitor compliance through a joint commission.",
    )
    assert {(p["stance"], p["issue"]) for p in positions} == {
        ("insist", "guarantees"),
        ("accept", "guarantees"),
    }


def test_both_unions_are_each_union_named_and_a_name_with_and_in_it_is_a_party():
    positions = positions_of(
        "The Association of Mineworkers and Construction Union (AMCU) and the National Union of Mineworkers "
        "(NUM) are negotiating with Sibanye-Stillwater. AMCU wants a monthly increase of 1,500 rand.",
        "Both unions also want the living-out allowance raised to 3,500 rand a month.",
    )
    allowance = {p["party"] for p in positions if p["value"] and p["value"]["min"] == 3500}
    assert allowance == {"association-of-mineworkers-and-construction-union", "national-union-of-mineworkers"}


def test_an_official_at_the_presidency_or_bare_officials_speak_for_the_home_government():
    positions = positions_of(
        "Mali's transitional authorities have blessed contacts with the JNIM.",
        "A senior official at the presidency, who asked not to be named, ruled out any payment to the group.",
        "Officials had offered to meet the mediators again on Friday.",
    )
    assert {(p["party"], p["stance"]) for p in positions} == {("mali", "reject"), ("mali", "offer")}


def test_delhi_is_india():
    positions = positions_of(
        "India and Pakistan's military operations directors spoke by hotline on Tuesday.",
        "An Indian official said Delhi was ready to repatriate nine fishermen whose nationality has been "
        "verified.",
    )
    assert one(positions, "india", "willing")["issue"] == "release"


def test_a_term_as_the_subject_of_a_bare_if_is_asked_for_but_talks_breaking_down_are_a_threat():
    positions = positions_of(
        "The Air Line Pilots Association (ALPA) would accept a five-year contract if the raise on signing "
        "stayed above 20%.",
        "ALPA would accept binding arbitration if talks break down.",
    )
    conditions = [
        (p["issue"], p["value"] and p["value"]["min"]) for p in positions if p["stance"] == "demand"
    ]
    assert conditions == [("pay", 20.0)]


def test_what_a_condition_asks_of_the_other_side_is_not_that_side_s_stance():
    positions = positions_of(
        "The Swedish union Seko will not end its strike until Tesla signs a collective agreement.",
        "Zelensky urged allies to impose sanctions on Russia if Moscow keeps rejecting an unconditional "
        "ceasefire.",
        'Mexico said it would "comply with the treaty".',
    )
    held = {(p["party"], p["stance"]) for p in positions}
    assert ("tesla", "accept") not in held
    assert [p["issue"] for p in positions if p["stance"] == "demand"] == ["deal"]
    assert ("russia", "reject") in held and ("mexico", "accept") not in held


def test_its_pay_offer_named_in_passing_states_no_offer():
    positions = positions_of(
        "The FNV union said it would strike unless KLM improves its pay offer before Monday.",
    )
    assert [(p["party"], p["stance"], p["issue"]) for p in positions] == [("fnv-union", "demand", "pay")]


def test_a_body_named_in_a_role_or_a_us_title_is_the_party():
    positions = positions_of(
        "Australia and China resumed talks on lobster exports. Ben Castellan, chief executive of Southern Rock "
        "Lobster, asked for a timetable to resume shipments within three months.",
        "U.S. Trade Representative Paul Whitford called for Canada to scrap its dairy tariffs.",
    )
    parties = {(p["party"], p["stance"]) for p in positions}
    assert ("southern-rock-lobster", "demand") in parties and ("united-states", "demand") in parties


def test_what_a_party_is_expected_to_do_is_no_stance():
    positions = positions_of(
        "Kyrgyzstan and Tajikistan agreed on the last section of their border. Presidents Sadyr Japarov and "
        "Emomali Rahmon are expected to sign the final border treaty in Bishkek next month.",
    )
    assert all(p["trigger"]["text"] != "sign" for p in positions)


def test_a_body_s_name_with_a_possessive_inside_is_one_party():
    positions = positions_of(
        "The Kenya Tea Growers' Association demanded a 12 percent pay rise for pickers, while the tea board "
        "offered 5 percent.",
    )
    assert one(positions, "kenya-tea-growers-association", "demand")["value"]["min"] == 12
    assert all(p["party"] != "kenya" for p in positions)


def test_it_after_the_government_s_in_the_same_sentence_is_the_government():
    positions = positions_of(
        "Zambia and its miners have been negotiating a royalty deal for months, and Zambia's treasury wants "
        "it signed by June. Tanzania, a neighbour, is watching the talks closely.",
        "An adviser who asked not to be named said the government's patience was thin but that it was open to "
        "a royalty of 6 to 7 percent.",
    )
    assert one(positions, "zambia", "willing")["value"]["min"] == 6


def test_releasing_a_sum_of_money_is_money_not_a_release():
    positions = positions_of(
        "Ghana's cocoa farmers and the government resumed talks on Monday over late payments. Farmers say "
        "payments for their beans are months late and that the debt owed to them tops $100 million.",
        "The government was prepared to release $60 million by October.",
    )
    assert term(one(positions, "ghana", "willing"))[:2] == ("money", 60_000_000)


def test_the_union_is_the_body_just_named_when_only_another_union_is_known():
    positions = positions_of(
        'The SNPL, which represents most of the airline\'s pilots, will strike on Friday. "We are tired," '
        "its president said.",
        "The union is demanding a 9 percent raise. The CGT, the smaller union, has not called a strike.",
    )
    assert one(positions, "snpl", "demand")["issue"] == "pay"


def test_the_centre_is_the_national_government_and_never_the_group():
    positions = positions_of(
        "Talks between the Centre and the United Liberation Front of Asom resumed in New Delhi on Monday, "
        "with the Assam government attending as an observer.",
        "The Centre has offered to release 40 jailed cadres. The Centre wants the group to surrender its "
        "weapons within six months, but has rejected the group's demand for a separate constitution.",
    )
    parties = {(p["party"], p["stance"]) for p in positions}
    assert ("india", "offer") in parties and ("india", "reject") in parties
    assert all(
        p["party"] != "india" for p in positions if p["stance"] == "demand" and p["issue"] == "governance"
    )


def test_a_name_before_a_word_for_a_body_is_a_body_and_its_spokesman_speaks_for_it():
    positions = positions_of(
        "Leaders of the Gran Grif gang coalition rejected the government's offer of a partial amnesty at "
        "talks in Nassau on Monday, mediated by CARICOM.",
        "Jimmy Cherizier, who speaks for Gran Grif at the talks, said the coalition would free 20 hostages "
        "if the government releases 15 prisoners.",
        "Gran Grif has also sought seats on the council. Cherizier said the coalition was willing to "
        "observe a truce. Cherizier also offered to hand over 300 rifles.",
    )
    parties = {(p["party"], p["stance"], p["issue"]) for p in positions}
    assert ("gran-grif", "willing", "ceasefire") in parties
    assert term(one(positions, "gran-grif", "demand")) == ("release", 15, "prisoners")
    assert one(positions, "gran-grif", "offer")["according_to"] == "jimmy-cherizier"


def test_the_owner_of_an_offer_names_no_issue():
    positions = positions_of(
        "Ferry workers in Tasmania walked out on Monday in a dispute over pay. Their wages have fallen behind "
        "inflation, and the union says pay must rise.",
        "The Maritime Union has rejected the Tasmanian government's offer of 3 per cent a year, saying its "
        "members want 6 per cent.",
    )
    assert one(positions, "maritime-union", "reject")["issue"] == "pay"


def test_a_minister_named_in_a_capital_speaks_for_its_state_and_a_double_surname_is_someone_else():
    positions = positions_of(
        "Kosovo's government and Serbia resumed EU-mediated talks in Brussels on Monday.",
        "In Belgrade, Deputy Prime Minister Milica Georgieva-Petrova said Serbia rejected any delay and "
        "insisted that the association of municipalities be set up before the next round. She also ruled "
        "out reopening the 2023 agreement.",
    )
    ruled_out = [p for p in positions if p["text"].startswith("She")]
    assert [(p["party"], p["according_to"]) for p in ruled_out] == [("serbia", "milica-georgieva-petrova")]


def test_released_officials_and_sailors_are_counted_people():
    positions = positions_of(
        "South Sudan's government said it was prepared to release 14 officials held since March, and the "
        "United States would lift the tanker seizure if all 23 sailors are freed.",
    )
    values = {(p["party"], p["value"]["min"]) for p in positions if p["issue"] == "release"}
    assert ("south-sudan", 14) in values


def test_a_guild_is_a_union_and_the_studios_are_the_producers_body():
    positions = positions_of(
        "The Motion Picture Editors Guild resumed talks with the Alliance of Film and Television Producers "
        "(AFTP) on Monday. The guild wants a 15% raise over three years.",
        "The studios countered with an offer of 9%, according to people briefed on the talks.",
    )
    assert term(one(positions, "alliance-of-film-and-television-producers", "offer"))[:2] == ("pay", 9)
    assert term(one(positions, "motion-picture-editors-guild", "demand"))[:2] == ("pay", 15)


def test_the_military_of_a_junta_is_its_state_and_would_agree_is_a_conditional_yes():
    positions = positions_of(
        "Sri Lanka's junta and the Northern Front rebels met for a fourth round of talks hosted by India. "
        "India has hosted three rounds, and India's envoy said India would host a fifth.",
        "The military demanded that the rebels withdraw from Jaffna by the end of May, a spokesman said. "
        "The military said it would agree to an extension of the truce of one month.",
    )
    assert {(p["party"], p["issue"]) for p in positions if p["stance"] == "demand"} >= {
        ("sri-lanka", "withdrawal")
    }
    assert term(one(positions, "sri-lanka", "willing")) == ("ceasefire", 1, "month")


def test_those_demands_answer_what_a_party_insisted_on():
    positions = positions_of(
        "The G77 bloc insists that at least $500bn a year of climate finance come from public budgets.",
        "Japan's chief negotiator rejected those demands on Thursday.",
    )
    assert one(positions, "japan", "reject")["issue"] == "money"


def test_conversion_to_full_time_status_is_about_jobs():
    positions = positions_of(
        "The United Auto Workers wants temporary workers converted to full-time status after 90 days.",
    )
    assert one(positions, "uaw", "demand")["issue"] == "jobs"


def test_a_sum_a_party_offered_and_an_offer_that_amounts_to_a_figure():
    positions = positions_of(
        "Taiwan and the United States resumed talks on tariffs and investment on Monday.",
        "Taiwan's investment offer now totals about $200 billion, up from the $100 billion it first offered "
        "in September.",
        "Much depends on TSMC, the largest contract chipmaker, which in March pledged to raise its U.S. "
        "investment to $165 billion.",
    )
    offers = {(p["party"], p["issue"], p["value"]["min"]) for p in positions if p["stance"] == "offer"}
    assert {("taiwan", "money", 1e11), ("tsmc", "money", 1.65e11)} <= offers


def test_a_condition_the_parser_coordinates_is_still_the_partys_demand():
    positions = positions_of(
        "Belgium and Iran held talks in Muscat on a prisoner exchange.",
        "Belgium is prepared to transfer Mr Rezaei under a 2022 treaty, the senior official said, but only if "
        "both Belgians are released at the same time.",
        "Mali and JNIM held talks on Tuesday. A security source said Mali had offered to free 40 detainees, "
        "but only if the hostages held by JNIM are freed first.",
    )
    demands = {(p["party"], p["issue"]) for p in positions if p["stance"] == "demand"}
    assert {("belgium", "release"), ("mali", "release")} <= demands


def test_his_government_is_the_government_of_the_name_in_apposition():
    positions = positions_of(
        "Congo and Rwanda met in Washington with US mediators.",
        "Congolese Foreign Minister Clarisse Kalonji said Kinshasa wanted a full withdrawal.",
        "Her Rwandan counterpart, Emmanuel Ruzindana, said his government was ready to scale back its "
        "presence.",
    )
    assert one(positions, "rwanda", "willing")["issue"] == "withdrawal"


def test_a_body_whose_untagged_name_joins_words_with_and_is_the_party():
    record = record_of(
        "The Petroleum and Natural Gas Senior Staff Association has suspended its strike against the refinery "
        "for 14 days after talks in Abuja.",
        "The association demanded a 20% pay rise for its members.",
    )
    names = {a["id"]: a["name"] for a in record["actors"]}
    party = one(record["positions"], "petroleum-and-natural-gas-senior-staff-association", "demand")
    assert names[party["party"]] == "Petroleum and Natural Gas Senior Staff Association"
