"""Folding text for keys and search."""

from __future__ import annotations

import pytest

from famille.text import fold


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Hélène CÔTÉ", "helene cote"),
        ("  Jean-Baptiste   Tremblay ", "jean-baptiste tremblay"),
        ("Cœur d'Alène", "coeur d'alene"),
        ("STRAẞE", "strasse"),
        ("Łukasz Øvergård", "lukasz overgard"),
        ("Ёлка", "елка"),
        ("plain ascii", "plain ascii"),
        ("", ""),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_composed_and_decomposed_fold_alike() -> None:
    assert fold("Ame\u0301lie") == fold("Amélie") == "amelie"
