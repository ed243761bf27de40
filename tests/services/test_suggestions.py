"""Suggested hosts and dynamics for a visit question, on the small demo and on small cases."""

import pytest

from visitplanner.services.demo import load_demo
from visitplanner.services.directory import records as cat
from visitplanner.services.directory.suggestions import STOP_WORDS, suggest_hosts, words


@pytest.fixture
def demo(catalogue):
    load_demo(catalogue)
    return catalogue


def test_words_are_folded_and_stop_words_dropped():
    assert words("Comment créer un Living-Lab avec l’Université ?") == [
        "creer",
        "living",
        "lab",
        "universite",
    ]
    assert words("How do we pool our resources?") == ["pool", "resource"]
    assert {"le", "la", "de", "comment", "quoi", "the", "how"} <= STOP_WORDS


def test_a_living_lab_question_suggests_nova_child_first(demo):
    found = suggest_hosts(demo, "Comment monter un living lab avec des familles ?")
    assert found[0].name.startswith("Nova Child")
    assert found[0].reasons[0] == "“living lab” among its practices"
    assert any(
        "in the debrief of “Visite apprenante chez Nova Child”" in r for r in found[0].reasons
    )
    assert [s.score for s in found] == sorted((s.score for s in found), reverse=True)


def test_start_up_de_territoire_suggests_figeacteurs(demo):
    found = suggest_hosts(demo, "start-up de territoire")
    assert "Figeacteurs" in found[0].name
    assert {s.kind for s in found} == {"dynamic", "host"}
    # Hosts inherit the practices of their dynamics, and say so.
    host = next(s for s in found if s.kind == "host" and "Figeacteurs" in s.name)
    assert "“start-up de territoire” among the practices of PTCE Figeacteurs" in host.reasons


def test_accents_and_case_do_not_matter(demo):
    assert [s.id for s in suggest_hosts(demo, "REEMPLOI")] == [
        s.id for s in suggest_hosts(demo, "réemploi")
    ]


def test_only_stop_words_or_an_empty_question_suggest_nothing(demo):
    assert suggest_hosts(demo, "comment le faire ?") == []
    assert suggest_hosts(demo, "") == []
    assert suggest_hosts(demo, "xylophone quantique") == []


def test_limit(demo):
    assert len(suggest_hosts(demo, "réemploi territoire", limit=3)) == 3


def test_a_debrief_teaches_about_the_host_and_the_visited_dynamic(catalogue):
    # Only what a debrief said links this word to the host.
    load_demo(catalogue)
    found = suggest_hosts(catalogue, "soirée de créativité")
    names = [s.name for s in found]
    assert any("Figeacteurs" in n for n in names[:2])
    assert all("debrief" in " ".join(s.reasons) for s in found[:2])


def test_trashed_records_are_not_suggested(catalogue):
    data = cat.DynamicInput(name="Fablab du Marais", tags=("fablab",))
    dynamic_id = cat.create_dynamic(catalogue, data).created_id("dynamic")
    assert [s.id for s in suggest_hosts(catalogue, "fablab")] == [dynamic_id]
    cat.move_to_trash(catalogue, "dynamic", dynamic_id)
    assert suggest_hosts(catalogue, "fablab") == []


def test_rarer_words_weigh_more(catalogue):
    for name, tags in (
        ("Réseau A", ("territoire", "mobilité")),
        ("Réseau B", ("territoire",)),
        ("Réseau C", ("territoire",)),
    ):
        cat.create_dynamic(catalogue, cat.DynamicInput(name=name, tags=tags))
    found = suggest_hosts(catalogue, "mobilité du territoire")
    assert [s.name for s in found] == ["Réseau A", "Réseau B", "Réseau C"]
    assert found[0].score > 2 * found[1].score
