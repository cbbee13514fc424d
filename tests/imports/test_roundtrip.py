"""Round trip: import, export, import the export into an empty tree: the same people, families and records."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from famille.imports.export import export_gedcom
from famille.imports.wipe import wipe_tree
from tests.imports.canonical import canonical_dump
from tests.imports.helpers import SMALL_FAMILY, run_import

# Individuals and families of each file of the shared corpus (its SOURCES.md gives the same figures).
CORPUS_COUNTS = {
    "555SAMPLE16LE.GED": (3, 2), "ANSEL.GED": (35, 1), "Heredis7PC.ged": (0, 0), "Irish+Kings.ged": (178, 113),
    "LTERLFCR.ged": (3, 1), "PY-fevrier.ged": (98, 55), "Queen.ged": (4683, 2863), "TGC551.ged": (15, 7),
    "TGC55C.ged": (15, 7), "TGC55CLF.ged": (15, 7), "allged.ged": (8, 4), "ancestry-2025-export.ged": (14, 5),
    "bourbon.ged": (303, 139), "escapes.ged": (1, 0), "famhistcustomtags.ged": (3, 1),
    "gramps_UTF8_NOBOM_LF.ged": (35, 1), "gramps_sample_2009.ged": (42, 15), "heredis14_paris.ged": (22, 1),
    "legacycustomtags.ged": (8, 2), "maximal70.ged": (4, 2), "minimal70.ged": (0, 0), "pres2020.ged": (2322, 1115),
    "rootsmagic-2026-export.ged": (14, 5), "royal92.ged": (3010, 1422), "tree1.ged": (1032, 310),
    "utf8_cr_nobom.ged": (10, 4), "willis-unicode-littleendian.ged": (761, 293), "willis.ged": (761, 293),
}  # fmt: skip


def export_text(app) -> str:
    """The whole tree exported as GEDCOM text."""
    session = app.extensions["famille.sessionmaker"]()
    out = io.StringIO()
    try:
        export_gedcom(session, out)
    finally:
        session.close()
    return out.getvalue()


def _dump(app):
    session = app.extensions["famille.sessionmaker"]()
    try:
        return canonical_dump(session)
    finally:
        session.close()


def _wipe(app) -> None:
    session = app.extensions["famille.sessionmaker"]()
    wipe_tree(session)
    session.commit()
    session.close()


def assert_round_trip(app, data: bytes, counts: tuple[int, int] | None = None) -> str:
    """Import ``data``, export, re-import the export into an emptied tree, and compare; returns the export."""
    report = run_import(app, data)
    if counts is not None:
        assert (report.people.new, report.families.new) == counts
    before = _dump(app)
    exported = export_text(app)
    _wipe(app)
    run_import(app, exported)
    after = _dump(app)
    assert after["records"] == before["records"]
    assert after["families"] == before["families"]
    assert after["people"] == before["people"]
    return exported


def test_small_family_round_trip(app) -> None:
    exported = assert_round_trip(app, SMALL_FAMILY.encode())
    assert "1 _UID " in exported and "1 WWW https://www.linkedin.com/in/marc-tremblay-demo" in exported
    assert "0 TRLR" in exported.splitlines()[-1]


def test_export_is_strict_gedcom(app, tmp_path: Path) -> None:
    from gedcom.parser import Parser

    run_import(app, SMALL_FAMILY.encode())
    path = tmp_path / "export.ged"
    path.write_text(export_text(app), encoding="utf-8")
    parser = Parser()
    parser.parse_file(str(path), strict=True)
    assert len([e for e in parser.get_root_child_elements() if e.get_tag() == "INDI"]) == 4


@pytest.mark.corpus
@pytest.mark.parametrize("name", sorted(CORPUS_COUNTS))
def test_corpus_round_trip(app, gedcom_corpus: Path, name: str, tmp_path: Path) -> None:
    from gedcom.parser import Parser

    exported = assert_round_trip(app, (gedcom_corpus / name).read_bytes(), CORPUS_COUNTS[name])
    path = tmp_path / "export.ged"
    path.write_text(exported, encoding="utf-8")
    Parser().parse_file(str(path), strict=True)
