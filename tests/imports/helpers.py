"""Helpers for import tests: a small family written by hand, and a way to import text."""

from __future__ import annotations

from famille.imports.services import import_gedcom

SMALL_FAMILY = """0 HEAD
1 SOUR TESTPROG
1 GEDC
2 VERS 5.5.1
2 FORM LINEAGE-LINKED
1 CHAR UTF-8
0 @I1@ INDI
1 NAME Marc /Tremblay/
1 SEX M
1 BIRT
2 DATE 12 MAR 1950
2 PLAC Chicoutimi, Québec, Canada
1 WWW https://www.linkedin.com/in/marc-tremblay-demo
1 FAMS @F1@
0 @I2@ INDI
1 NAME Sylvie /Côté/
1 SEX F
1 BIRT
2 DATE ABT 1952
1 FAMS @F1@
0 @I3@ INDI
1 NAME Hélène /Tremblay/
1 SEX F
1 BIRT
2 DATE 4 JUL 1987
2 PLAC Montréal, Québec, Canada
1 NOTE Aime la randonnée.
2 CONT Deuxième ligne de la note, qui
2 CONC  continue ici.
1 FAMC @F1@
0 @I4@ INDI
1 NAME Joseph /Tremblay/
1 SEX M
1 BIRT
2 DATE 1890
1 DEAT
2 DATE 1960
1 _CUSTOM gardé tel quel
2 _SUB sous-structure
0 @F1@ FAM
1 HUSB @I1@
1 WIFE @I2@
1 CHIL @I3@
1 MARR
2 DATE 20 JUN 1980
2 PLAC Québec, Québec, Canada
0 @S1@ SOUR
1 TITL Registre de la paroisse
0 TRLR
"""


def run_import(app, text: str | bytes, **options):
    """Import ``text`` into ``app``'s database in one committed transaction; returns the report."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    session = app.extensions["famille.sessionmaker"]()
    try:
        report = import_gedcom(session, data=data, filename="test.ged", actor="test", **options)
        if options.get("dry_run"):
            session.rollback()
        else:
            session.commit()
        return report
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
