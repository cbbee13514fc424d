"""Names of GEDCOM events and attributes, pedigrees and platforms, as the pages show them in each language."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

EVENT_LABELS = {
    "BIRT": _l("Birth"),
    "CHR": _l("Christening"),
    "BAPM": _l("Baptism"),
    "DEAT": _l("Death"),
    "BURI": _l("Burial"),
    "CREM": _l("Cremation"),
    "ADOP": _l("Adoption"),
    "BARM": _l("Bar mitzvah"),
    "BASM": _l("Bat mitzvah"),
    "BLES": _l("Blessing"),
    "CHRA": _l("Adult christening"),
    "CONF": _l("Confirmation"),
    "FCOM": _l("First communion"),
    "ORDN": _l("Ordination"),
    "NATU": _l("Naturalisation"),
    "EMIG": _l("Emigration"),
    "IMMI": _l("Immigration"),
    "CENS": _l("Census"),
    "PROB": _l("Probate"),
    "WILL": _l("Will"),
    "GRAD": _l("Graduation"),
    "RETI": _l("Retirement"),
    "EVEN": _l("Event"),
    "CAST": _l("Caste"),
    "DSCR": _l("Description"),
    "EDUC": _l("Education"),
    "IDNO": _l("Identity number"),
    "NATI": _l("Nationality"),
    "NCHI": _l("Number of children"),
    "NMR": _l("Number of marriages"),
    "OCCU": _l("Occupation"),
    "PROP": _l("Property"),
    "RELI": _l("Religion"),
    "RESI": _l("Residence"),
    "SSN": _l("Social security number"),
    "TITL": _l("Title"),
    "FACT": _l("Fact"),
    "ANUL": _l("Annulment"),
    "DIV": _l("Divorce"),
    "DIVF": _l("Divorce filed"),
    "ENGA": _l("Engagement"),
    "MARB": _l("Marriage banns"),
    "MARC": _l("Marriage contract"),
    "MARR": _l("Marriage"),
    "MARL": _l("Marriage licence"),
    "MARS": _l("Marriage settlement"),
}

PEDIGREE_LABELS = {"adopted": _l("adopted"), "foster": _l("foster"), "sealing": _l("sealed")}


def event_label(tag: str, event_type: str = "") -> str:
    """The event's name: its own TYPE for a generic EVEN/FACT, else the name of its tag."""
    if tag in {"EVEN", "FACT"} and event_type:
        return event_type
    return str(EVENT_LABELS.get(tag, tag.lstrip("_").title()))


_NAME_PARTS = {
    "full": _l("name as written"),
    "name_type": _l("kind of name"),
    "given": _l("given names"),
    "surname": _l("surname"),
    "prefix": _l("prefix"),
    "suffix": _l("suffix"),
    "nickname": _l("nickname"),
}
_EVENT_PARTS = {"date": _l("date"), "place": _l("place"), "value": _l("details"), "type": _l("kind")}


def field_label(field: str) -> str:
    """A mergeable field in words: "event.BIRT.0.date" → "Birth: date", "name.0.given" → "Name: given names"."""
    parts = field.split(".")
    if parts[0] == "sex":
        return str(_l("Sex"))
    if parts[0] == "name" and len(parts) == 3 and parts[1].isdigit():
        part = _NAME_PARTS.get(parts[2], parts[2])
        return str(_l("Name %(number)s: %(part)s", number=int(parts[1]) + 1, part=part))
    if parts[0] == "event" and len(parts) == 4:
        return str(_l("%(event)s: %(part)s", event=event_label(parts[1]), part=_EVENT_PARTS.get(parts[3], parts[3])))
    if parts[0] == "note" and len(parts) == 2 and parts[1].isdigit():
        return str(_l("Note %(number)s", number=int(parts[1]) + 1))
    return field
