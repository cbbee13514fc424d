"""The export carries what was edited on the site: names, events, notes, people and families added."""

from __future__ import annotations

import io

from sqlalchemy import select

from famille.imports.export import export_gedcom
from famille.models import PersonName
from tests.editing.helpers import build_tree, post


def _export(app) -> str:
    session = app.extensions["famille.sessionmaker"]()
    try:
        out = io.StringIO()
        export_gedcom(session, out)
        return out.getvalue()
    finally:
        session.close()


def test_the_export_contains_the_sites_edits(app, client, db, login_as) -> None:
    tree = build_tree(app)
    login_as("editor")
    name_id = db.scalar(select(PersonName.name_id).where(PersonName.person_id == tree.helene))
    post(client, f"/people/{tree.helene}/names/{name_id}/edit", {"given": "Hélène", "surname": "Bélanger"})
    post(client, f"/people/{tree.helene}/events/new", {"tag": "OCCU", "value": "Infirmière", "date_text": "vers 2010"})
    post(client, f"/people/{tree.helene}/notes/new", {"text": "Ligne un\nLigne deux"})
    page = f"/people/{tree.marc}/relatives/child"
    data = {"new-given": "Paul", "new-surname": "Tremblay", "new-sex": "M", "new-birth_year": "1990"}
    post(client, f"{page}/new", {**data, "new-family": str(tree.couple)}, page=page, prefix="new")
    text = _export(app)
    assert "1 NAME Hélène /Bélanger/" in text and "Hélène /Tremblay/" not in text
    assert "1 OCCU Infirmière\n2 DATE ABT 2010" in text
    assert "1 NOTE Ligne un\n2 CONT Ligne deux" in text
    paul = text.split("1 NAME Paul /Tremblay/")[1].split("\n0 ")[0]
    assert "1 SEX M" in paul and "1 BIRT\n2 DATE 1990" in paul and "1 FAMC @F1@" in paul
    family = text.split("0 @F1@ FAM")[1].split("\n0 ")[0]
    assert family.count("1 CHIL") == 2
