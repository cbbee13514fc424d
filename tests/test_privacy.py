"""What each viewer sees of each kind of person: the pure rules, then the surname pages of a real site.

Viewers: a visitor, a member with no person, members inside and outside a close-family circle, the person
themself, an editor, an admin. People: a deceased man, a living man without an account, a living woman whose
account keeps the default "members", and a living woman who chose "close family within 2 degrees".
"""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from famille.models import SiteSetting, User
from famille.privacy import (
    NAMES_FULL,
    NAMES_NONE,
    NAMES_SURNAME,
    PRIVACY_CLOSE_FAMILY,
    PRIVACY_MEMBERS,
    VISITOR,
    PersonRecord,
    Viewer,
    can_see_details,
    clamp_degree,
    person_view,
    visible_record,
    visitor_names_choice,
)
from tests.claims.family import build_committed
from tests.web import log_in

# --- the pure rules ------------------------------------------------------------------------------------------------

HELENE, JULIEN, NICOLAS = 10, 11, 12
DEGREES_TO_HELENE = {JULIEN: 2, NICOLAS: 4}

VIEWERS = {
    "visitor": VISITOR,
    "member": Viewer(role="member", user_id=1),
    "inside": Viewer(role="member", user_id=2, person_id=JULIEN),
    "outside": Viewer(role="member", user_id=3, person_id=NICOLAS),
    "themself": Viewer(role="member", user_id=4, person_id=HELENE),
    "editor": Viewer(role="editor", user_id=5),
    "admin": Viewer(role="admin", user_id=6),
}

#: subject: (living, privacy, degree)
SUBJECTS = {
    "deceased": (False, PRIVACY_MEMBERS, 4),
    "living_default": (True, PRIVACY_MEMBERS, 4),
    "living_members": (True, PRIVACY_MEMBERS, 4),
    "living_close": (True, PRIVACY_CLOSE_FAMILY, 2),
}

#: Who sees the details of whom: everyone the deceased; members and above the living; for "close family within
#: 2 degrees", only the brother (2 degrees), the person themself, editors and admins.
SEES = {
    "visitor": {"deceased"},
    "member": {"deceased", "living_default", "living_members"},
    "inside": {"deceased", "living_default", "living_members", "living_close"},
    "outside": {"deceased", "living_default", "living_members"},
    "themself": {"deceased", "living_default", "living_members", "living_close"},
    "editor": set(SUBJECTS),
    "admin": set(SUBJECTS),
}


def _lookup(viewer: Viewer):
    def degree_to(person_id: int, limit: int) -> int | None:
        assert person_id == HELENE and limit == 2
        return DEGREES_TO_HELENE.get(viewer.person_id)

    return degree_to


RECORD = PersonRecord(
    person_id=HELENE,
    given_name="Hélène",
    surname="Tremblay",
    nickname="Lélé",
    birth_date="4 JUL 1987",
    birth_place="Montréal",
    notes=("Aime la randonnée.",),
    links=("https://www.linkedin.com/in/helene",),
)


@pytest.mark.parametrize("viewer_name", list(VIEWERS))
@pytest.mark.parametrize("subject_name", list(SUBJECTS))
def test_rule_matrix(viewer_name: str, subject_name: str) -> None:
    viewer, (living, privacy, degree) = VIEWERS[viewer_name], SUBJECTS[subject_name]
    expected = subject_name in SEES[viewer_name]
    facts = {"living": living, "privacy": privacy, "privacy_degree": degree, "degree_to": _lookup(viewer)}
    assert can_see_details(viewer, person_id=HELENE, **facts) is expected
    record = visible_record(viewer, RECORD, **facts)
    view = person_view(
        viewer,
        person_id=HELENE,
        given_name="Hélène",
        surname="Tremblay",
        birth_date="4 JUL 1987",
        death_date="",
        **facts,
    )
    if expected:
        assert record == RECORD and view.given_name == "Hélène" and view.birth_date == "4 JUL 1987"
        assert not view.is_private
    else:
        assert view.is_private and record.is_private
        assert (view.given_name, view.surname, view.birth_date) == ("", "Tremblay", "")
        assert (record.given_name, record.nickname, record.birth_date, record.birth_place) == ("", "", "", "")
        assert record.notes == () and record.links == ()


def test_close_family_without_a_lookup_keeps_members_out() -> None:
    member_inside = VIEWERS["inside"]
    assert not can_see_details(member_inside, living=True, person_id=HELENE, privacy=PRIVACY_CLOSE_FAMILY)
    assert can_see_details(VIEWERS["themself"], living=True, person_id=HELENE, privacy=PRIVACY_CLOSE_FAMILY)


def test_close_family_degree_is_a_strict_limit() -> None:
    lookup = lambda person_id, limit: 3 if limit >= 3 else None  # noqa: E731 - a one-line stand-in
    facts = {"living": True, "person_id": HELENE, "privacy": PRIVACY_CLOSE_FAMILY, "degree_to": lookup}
    assert not can_see_details(VIEWERS["inside"], privacy_degree=2, **facts)
    assert can_see_details(VIEWERS["inside"], privacy_degree=3, **facts)


@pytest.mark.parametrize(
    ("setting", "shown"),
    [(NAMES_SURNAME, ("", "Tremblay")), (NAMES_NONE, ("", "")), (NAMES_FULL, ("Hélène", "Tremblay"))],
)
def test_visitor_names_setting(setting: str, shown: tuple[str, str]) -> None:
    view = person_view(
        VISITOR,
        person_id=HELENE,
        given_name="Hélène",
        surname="Tremblay",
        birth_date="1987",
        death_date="",
        living=True,
        visitor_names=setting,
    )
    assert (view.given_name, view.surname) == shown and view.is_private and view.birth_date == ""
    record = visible_record(VISITOR, RECORD, living=True, visitor_names=setting)
    assert (record.given_name, record.surname) == shown and record.birth_place == "" and record.links == ()


def test_unknown_settings_fall_back_to_safe_defaults() -> None:
    assert visitor_names_choice("everything") == NAMES_SURNAME and visitor_names_choice(None) == NAMES_SURNAME
    assert clamp_degree(0) == 1 and clamp_degree(99) == 8 and clamp_degree(None) == 4


# --- the surname pages of a real site ----------------------------------------------------------------------------


@pytest.fixture
def site(app, make_user):
    """The known family, with accounts: Hélène (close family, 2 degrees), Sylvie (members), Julien, Nicolas."""
    ids = build_committed(app)
    emails = {}
    for name, role in [("Hélène", "member"), ("Sylvie", "member"), ("Julien", "member"), ("Nicolas", "member")]:
        emails[name] = f"{name.lower().replace('é', 'e')}@example.org"
        make_user(role, email=emails[name], person_id=ids[name])
    for role in ("member", "editor", "admin"):
        emails[role] = f"{role}@example.org"
        make_user(role, email=emails[role])
    session = app.extensions["famille.sessionmaker"]()
    helene = session.scalars(select(User).where(User.person_id == ids["Hélène"])).one()
    helene.privacy, helene.privacy_degree = PRIVACY_CLOSE_FAMILY, 2
    session.commit()
    session.close()
    return ids, emails


PAGE_VIEWERS = {
    "visitor": None,
    "member": "member",
    "inside": "Julien",
    "outside": "Nicolas",
    "themself": "Hélène",
    "editor": "editor",
    "admin": "admin",
}
#: Page subjects: Henri (deceased), Marc (living, no account), Sylvie (living, "members"), Hélène (close family).
PAGE_SUBJECTS = {"deceased": "Henri", "living_default": "Marc", "living_members": "Sylvie", "living_close": "Hélène"}


def _entry(page: str, person_id: int) -> str:
    match = re.search(rf'<li><a href="/people/{person_id}">(.*?)</li>', page, re.S)
    assert match, f"person {person_id} is not listed"
    return match.group(1)


@pytest.mark.parametrize("viewer_name", list(PAGE_VIEWERS))
def test_surname_pages_by_role(app, site, viewer_name: str) -> None:
    ids, emails = site
    client = app.test_client()
    account = PAGE_VIEWERS[viewer_name]
    if account:
        assert log_in(client, emails[account]).status_code == 302
    pages = {
        key: client.get(f"/surnames/{key}", headers={"Accept-Language": "en"}).get_data(as_text=True)
        for key in ("tremblay", "cote")
    }
    for subject, name in PAGE_SUBJECTS.items():
        entry = _entry(pages["cote" if name == "Sylvie" else "tremblay"], ids[name])
        surname = "Côté" if name == "Sylvie" else "Tremblay"
        assert surname in entry
        year = {"Henri": "1905", "Marc": "1950", "Sylvie": "1952", "Hélène": "1987"}[name]
        if subject in SEES[viewer_name]:
            assert name in entry and year in entry and "(Private)" not in entry, (viewer_name, name, entry)
        else:
            assert name not in entry and year not in entry and "(Private)" in entry, (viewer_name, name, entry)


@pytest.mark.parametrize(
    ("setting", "given_shown", "surname_shown"),
    [(None, False, True), ("surname", False, True), ("none", False, False), ("full", True, True)],
)
def test_visitor_names_setting_on_the_surname_list(app, site, setting, given_shown, surname_shown) -> None:
    from famille.people.services import people_with_surname

    ids, _emails = site
    session = app.extensions["famille.sessionmaker"]()
    if setting is not None:
        session.add(SiteSetting(key="visitor_names", value=setting))
        session.flush()
    result = people_with_surname(session, surname_key="tremblay", viewer=VISITOR, page=1, per_page=50)
    session.rollback()
    session.close()
    views = {view.person_id: view for view in result.people}
    marc = views[ids["Marc"]]
    assert marc.is_private and marc.birth_date == ""
    assert (marc.given_name == "Marc") is given_shown and (marc.surname == "Tremblay") is surname_shown
    assert views[ids["Henri"]].given_name == "Henri" and views[ids["Henri"]].birth_date == "1905"
    assert result.surname == "Tremblay"  # the page keeps its title


def test_surname_page_hides_the_surname_when_the_setting_says_none(app, client, site) -> None:
    ids, _emails = site
    session = app.extensions["famille.sessionmaker"]()
    session.add(SiteSetting(key="visitor_names", value="none"))
    session.commit()
    session.close()
    page = client.get("/surnames/tremblay", headers={"Accept-Language": "en"}).get_data(as_text=True)
    entry = _entry(page, ids["Marc"])
    assert "Tremblay" not in entry and "Marc" not in entry and "(Private)" in entry
    assert "Henri" in _entry(page, ids["Henri"])
