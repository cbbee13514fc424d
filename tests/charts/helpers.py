"""A small family for chart tests, written by hand: adoption, half-siblings, a cousin marriage, living people.

Jean Gagnon (1890–1960) + Marie "la Grande" <Côté> & Fils (1892–1970)      [F1]
    ├── Louise (b. 1920, d. 1990), adopted
    └── Paul (b. 1922, d. 2000)
Jean Gagnon + Rose Lévesque (1900–1980)                                        [F2]
    └── Henri (1930–2010): Paul's and Louise's half-brother
Paul + Anne Roy (1925–2015)                                                    [F3]
    └── Claude (b. 1950, d. 2020)
Louise + Marc Bélanger (1918–1999)                                             [F4]
    └── Sophie (b. 1952, d. 2021)
Claude + Sophie (cousins)                                                      [F5]
    └── Élodie Gagnon (b. 1985, living)
"""

from __future__ import annotations

from sqlalchemy import select

from famille.models import Person
from tests.imports.helpers import run_import

FAMILY = """0 HEAD
1 SOUR TESTPROG
1 GEDC
2 VERS 5.5.1
2 FORM LINEAGE-LINKED
1 CHAR UTF-8
0 @I1@ INDI
1 NAME Jean /Gagnon/
1 SEX M
1 BIRT
2 DATE 1890
1 DEAT
2 DATE 1960
1 FAMS @F1@
1 FAMS @F2@
0 @I2@ INDI
1 NAME Marie "la Grande" /<Côté> & Fils/
1 SEX F
1 BIRT
2 DATE 1892
1 DEAT
2 DATE 1970
1 FAMS @F1@
0 @I3@ INDI
1 NAME Louise /Gagnon/
1 SEX F
1 BIRT
2 DATE 1920
1 DEAT
2 DATE 1990
1 FAMC @F1@
2 PEDI adopted
1 FAMS @F4@
0 @I4@ INDI
1 NAME Paul /Gagnon/
1 SEX M
1 BIRT
2 DATE 1922
1 DEAT
2 DATE 2000
1 FAMC @F1@
1 FAMS @F3@
0 @I5@ INDI
1 NAME Rose /Lévesque/
1 SEX F
1 BIRT
2 DATE 1900
1 DEAT
2 DATE 1980
1 FAMS @F2@
0 @I6@ INDI
1 NAME Henri /Gagnon/
1 SEX M
1 BIRT
2 DATE 1930
1 DEAT
2 DATE 2010
1 FAMC @F2@
0 @I7@ INDI
1 NAME Anne /Roy/
1 SEX F
1 BIRT
2 DATE 1925
1 DEAT
2 DATE 2015
1 FAMS @F3@
0 @I8@ INDI
1 NAME Claude /Gagnon/
1 SEX M
1 BIRT
2 DATE 1950
1 DEAT
2 DATE 2020
1 FAMC @F3@
1 FAMS @F5@
0 @I9@ INDI
1 NAME Marc /Bélanger/
1 SEX M
1 BIRT
2 DATE 1918
1 DEAT
2 DATE 1999
1 FAMS @F4@
0 @I10@ INDI
1 NAME Sophie /Bélanger/
1 SEX F
1 BIRT
2 DATE 1952
1 DEAT
2 DATE 2021
1 FAMC @F4@
1 FAMS @F5@
0 @I11@ INDI
1 NAME Élodie /Gagnon/
1 SEX F
1 BIRT
2 DATE 1985
1 FAMC @F5@
0 @F1@ FAM
1 HUSB @I1@
1 WIFE @I2@
1 CHIL @I4@
1 CHIL @I3@
0 @F2@ FAM
1 HUSB @I1@
1 WIFE @I5@
1 CHIL @I6@
0 @F3@ FAM
1 HUSB @I4@
1 WIFE @I7@
1 CHIL @I8@
0 @F4@ FAM
1 HUSB @I9@
1 WIFE @I3@
1 CHIL @I10@
0 @F5@ FAM
1 HUSB @I8@
1 WIFE @I10@
1 CHIL @I11@
0 TRLR
"""


def import_family(app) -> dict[str, int]:
    """Import :data:`FAMILY`; returns {xref: person_id}."""
    run_import(app, FAMILY)
    session = app.extensions["famille.sessionmaker"]()
    try:
        return {xref: pid for pid, xref in session.execute(select(Person.person_id, Person.xref))}
    finally:
        session.close()


def svg_of(response) -> str:
    """The inline ``<svg>`` of a chart page's response."""
    text = response.get_data(as_text=True)
    return text[text.index("<svg") : text.index("</svg>")]
