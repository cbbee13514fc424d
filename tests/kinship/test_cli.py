"""``famille relationship``: both directions, degree and common ancestors, in French and English; unknown people."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from famille.cli import main
from tests.claims.family import build_committed


@pytest.fixture
def run(app, monkeypatch):
    monkeypatch.setattr("famille.cli.create_app", lambda: app)
    runner = CliRunner()
    return lambda *args: runner.invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def family(app):
    return build_committed(app)


def test_first_cousins_in_english_by_site_id(run, family) -> None:
    result = run("relationship", str(family["Hélène"]), str(family["Nicolas"]), "--lang", "en")
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        "Nicolas Roy is Hélène Tremblay's first cousin.",
        "Hélène Tremblay is Nicolas Roy's first cousin.",
        "Degree of kinship (civil count): 4",
        "Common ancestors: Henri Tremblay and Huguette Gagnon",
    ]


def test_parents_cousin_in_french_by_xref(run, family) -> None:
    # build_family writes xrefs @I<n>@ in the order of its table: Hélène is I10, Rémi I9.
    result = run("relationship", "I10", "@I9@", "--lang", "fr")
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        "Rémi Tremblay est oncle ou tante à la mode de Bretagne d'Hélène Tremblay.",
        "Hélène Tremblay est neveu ou nièce à la mode de Bretagne de Rémi Tremblay.",
        "Degré de parenté (selon le Code civil) : 5",
        "Ancêtres communs : Gaston Tremblay et Georgette Côté",
    ]


def test_in_laws_have_a_degree_by_marriage(run, family) -> None:
    result = run("relationship", str(family["Paul"]), str(family["Marc"]), "--lang", "en")
    assert result.exit_code == 0
    assert "Marc Tremblay is Paul Bouchard's parent-in-law." in result.output
    assert "Paul Bouchard is Marc Tremblay's child-in-law." in result.output
    assert "Degree by marriage: 1" in result.output


def test_strangers(run, family) -> None:
    result = run("relationship", str(family["Hélène"]), str(family["Outsider"]), "--lang", "fr")
    assert result.exit_code == 0
    assert result.output.strip() == "Hélène Tremblay et Outsider Inconnu n'ont aucun lien de parenté dans l'arbre."


@pytest.mark.parametrize("reference", ["I999", "99999999999999999999", "@@", "0", "²"])
def test_unknown_person_is_one_line_and_status_1(run, family, reference: str) -> None:
    result = run("relationship", str(family["Hélène"]), reference)
    assert result.exit_code == 1
    assert result.output.count("\n") == 1 and "no person" in result.output


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("en", "Both name one and the same person: Hélène Tremblay."),
        ("fr", "Les deux désignent une seule et même personne : Hélène Tremblay."),
    ],
)
def test_the_same_person_twice(run, family, lang: str, line: str) -> None:
    result = run("relationship", str(family["Hélène"]), "I10", "--lang", lang)
    assert result.exit_code == 0
    assert result.output.splitlines() == [line]
