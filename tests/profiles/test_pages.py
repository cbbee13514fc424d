"""Adding, changing and removing links through the pages: cleaned addresses, refusals, merges, the change log."""

from __future__ import annotations

import html
import re

import pytest
from sqlalchemy import select

from famille.models import SiteSetting
from famille.site.services import DATA_VERSION_KEY
from tests.imports.helpers import SMALL_FAMILY, run_import
from tests.profiles.helpers import build_family, changes_of, links_of
from tests.web import post_form

TRACKED = "linkedin.com/in/helene-tremblay?utm_source=x"
CLEAN = "https://www.linkedin.com/in/helene-tremblay"


@pytest.fixture
def family(app):
    return build_family(app)


@pytest.fixture
def english(client):
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def helene_member(english, family, login_as) -> int:
    """Hélène's own account, logged in; returns its user id."""
    return login_as("member", person_id=family.helene, name="Hélène T.", email="helene@example.org")


def _data_version(app) -> int:
    session = app.extensions["famille.sessionmaker"]()
    try:
        value = session.scalar(select(SiteSetting.value).where(SiteSetting.key == DATA_VERSION_KEY)) or "0"
        return int(value.partition(".")[0])
    finally:
        session.close()


def _add(client, person_id: int, url: str, label: str = ""):
    page = f"/people/{person_id}/links"
    return post_form(client, page, {"url": url, "label": label}, follow_redirects=True)


def _saved_item(page: str) -> str:
    match = re.search(r'<li class="editable-link just-saved" id="saved".*?</li>', page, re.DOTALL)
    assert match, "no highlighted saved link on the page"
    return match.group(0)


def test_a_link_is_cleaned_and_shown_with_its_platform_after_saving(app, english, family, helene_member) -> None:
    response = _add(english, family.helene, TRACKED, label="Work")
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and response.request.path == f"/people/{family.helene}/links"
    assert f"The link is saved: {CLEAN}" in page
    saved = _saved_item(page)
    assert f'href="{CLEAN}" rel="me noopener noreferrer"' in saved
    assert "/static/icons/linkedin.svg" in saved and "LinkedIn" in saved and "helene-tremblay" in saved
    assert "utm_source" not in page and "Work" in saved
    added = links_of(app, family.helene)[-1]
    assert (added.url, added.platform, added.handle, added.label) == (CLEAN, "linkedin", "helene-tremblay", "Work")
    assert added.origin == "site" and added.added_by == "Hélène T."
    assert added.position > links_of(app, family.helene)[0].position


def test_added_by_falls_back_to_the_email_address(app, english, family, login_as) -> None:
    login_as("editor", email="no-name@example.org")
    _add(english, family.joseph, "Example.COM/Blog/")
    (link,) = links_of(app, family.joseph)
    assert (link.added_by, link.platform, link.url) == ("no-name@example.org", "website", "https://example.com/Blog/")


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("javascript:alert(1)", "not “javascript:” links"),
        ("data:text/html,<b>x</b>", "not “data:” links"),
        ("https://user:secret@example.com/", "user name or password"),
        ("https://example.com/" + "a" * 3000, "too long"),
        ("", "Enter a link."),
    ],
)
def test_refusals_say_why_and_keep_what_was_typed(app, english, family, helene_member, typed, message) -> None:
    before = len(changes_of(app, "link_added"))
    response = _add(english, family.helene, typed, label="kept label")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    errors = re.search(r'<ul class="errors" id="url-errors" role="alert">(.*?)</ul>', page, re.DOTALL)
    assert errors and message in html.unescape(errors.group(1))
    assert f'value="{html.escape(typed)}"' in page or (typed == "" and 'name="url" type="text" value=""' in page)
    assert 'value="kept label"' in page and 'aria-invalid="true"' in page
    assert [link.link_id for link in links_of(app, family.helene)] == [family.helene_link]
    assert len(changes_of(app, "link_added")) == before


def test_a_refused_form_keeps_odd_text_exactly(english, family, helene_member) -> None:
    typed = 'javascript:alert("<hi> & ‘you’")'
    page = _add(english, family.helene, typed).get_data(as_text=True)
    assert 'value="javascript:alert(&#34;&lt;hi&gt; &amp; ‘you’&#34;)"' in page
    assert "<hi>" not in page


def test_a_too_long_label_is_refused_and_kept(app, english, family, helene_member) -> None:
    label = "L" * 201
    page = _add(english, family.helene, "github.com/helene", label=label).get_data(as_text=True)
    assert "A label can have at most 200 characters." in page and f'value="{label}"' in page
    assert 'value="github.com/helene"' in page
    assert len(links_of(app, family.helene)) == 1


def test_a_duplicate_is_merged_and_fills_an_empty_label(app, english, family, helene_member) -> None:
    response = _add(english, family.helene, "https://m.facebook.com/Helene.Tremblay.Demo/?fbclid=zz", label="Family")
    page = response.get_data(as_text=True)
    assert "This link was already there (https://www.facebook.com/helene.tremblay.demo)" in page
    assert "The label you gave is now on it." in page
    (link,) = links_of(app, family.helene)
    assert link.link_id == family.helene_link and link.label == "Family"
    (changed,) = changes_of(app, "link_changed")
    assert changed.details["old"]["label"] == "" and changed.details["new"]["label"] == "Family"


def test_a_duplicate_keeps_a_chosen_label_and_records_nothing(app, english, family, helene_member) -> None:
    _add(english, family.helene, "facebook.com/helene.tremblay.demo", label="First")
    version = _data_version(app)
    page = _add(english, family.helene, "www.facebook.com/helene.tremblay.demo", label="Second").get_data(as_text=True)
    assert "already there" in page and "The label you gave" not in page
    (link,) = links_of(app, family.helene)
    assert link.label == "First"
    assert len(changes_of(app, "link_changed")) == 1 and _data_version(app) == version


def test_every_write_records_a_change_and_bumps_the_data_version(app, english, family, helene_member) -> None:
    version = _data_version(app)
    _add(english, family.helene, TRACKED)
    link = links_of(app, family.helene)[-1]
    edit = f"/people/{family.helene}/links/{link.link_id}/edit"
    post_form(english, edit, {"url": "https://x.com/helene_demo", "label": "new"})
    post_form(english, f"/people/{family.helene}/links/{link.link_id}/remove", {})
    added, changed, removed = changes_of(app, "link_added", "link_changed", "link_removed")[1:]
    assert [added.kind, changed.kind, removed.kind] == ["link_added", "link_changed", "link_removed"]
    for change in (added, changed, removed):
        assert change.person_id == family.helene and change.user_id == helene_member
        assert change.actor == "Hélène T." and change.details["link_id"] == link.link_id
    assert added.details["old"] is None and added.details["new"]["url"] == CLEAN
    assert added.details["new"]["platform"] == "linkedin"
    assert changed.details["old"]["url"] == CLEAN and changed.details["old"]["platform"] == "linkedin"
    assert changed.details["new"]["url"] == "https://x.com/helene_demo" and changed.details["new"]["platform"] == "x"
    assert removed.details["old"]["url"] == "https://x.com/helene_demo" and removed.details["new"] is None
    assert _data_version(app) == version + 3
    assert [row.link_id for row in links_of(app, family.helene)] == [family.helene_link]


def test_the_edit_page_shows_the_link_and_saves_the_cleaned_address(app, english, family, helene_member) -> None:
    edit = f"/people/{family.helene}/links/{family.helene_link}/edit"
    page = english.get(edit).get_data(as_text=True)
    assert 'value="https://www.facebook.com/helene.tremblay.demo"' in page and "Facebook" in page
    response = post_form(english, edit, {"url": "instagram.com/Helene.Demo/?igshid=abc", "label": "Photos"})
    assert response.headers["Location"] == f"/people/{family.helene}/links?saved={family.helene_link}#saved"
    saved = _saved_item(english.get(response.headers["Location"]).get_data(as_text=True))
    assert "https://www.instagram.com/helene.demo" in saved and "Instagram" in saved and "@helene.demo" in saved
    (link,) = links_of(app, family.helene)
    assert (link.url, link.platform, link.handle, link.label) == (
        "https://www.instagram.com/helene.demo",
        "instagram",
        "@helene.demo",
        "Photos",
    )


def test_an_edit_refusal_keeps_what_was_typed_and_changes_nothing(app, english, family, helene_member) -> None:
    edit = f"/people/{family.helene}/links/{family.helene_link}/edit"
    response = post_form(english, edit, {"url": "javascript:alert(1)", "label": "x"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and 'value="javascript:alert(1)"' in page and "not “javascript:” links" in page
    (link,) = links_of(app, family.helene)
    assert link.url == "https://www.facebook.com/helene.tremblay.demo" and link.label == ""


def test_saving_an_edit_unchanged_records_nothing(app, english, family, helene_member) -> None:
    edit = f"/people/{family.helene}/links/{family.helene_link}/edit"
    page = post_form(english, edit, {"url": "facebook.com/helene.tremblay.demo", "label": ""}, follow_redirects=True)
    assert "Nothing was changed." in page.get_data(as_text=True)
    assert changes_of(app, "link_changed") == []


def test_editing_into_an_existing_link_merges_the_two(app, english, family, helene_member) -> None:
    _add(english, family.helene, "github.com/helene-demo")
    github = links_of(app, family.helene)[-1]
    edit = f"/people/{family.helene}/links/{github.link_id}/edit"
    response = post_form(english, edit, {"url": "facebook.com/helene.tremblay.demo?ref=bookmarks", "label": "Mine"})
    assert response.headers["Location"].startswith(f"/people/{family.helene}/links?saved={family.helene_link}")
    (link,) = links_of(app, family.helene)
    assert link.link_id == family.helene_link and link.label == "Mine"
    removed = changes_of(app, "link_removed")[-1]
    assert removed.details["old"]["url"] == "https://github.com/helene-demo"
    assert removed.details["merged_into"] == link.url


def test_editing_a_file_link_makes_it_the_sites_and_a_reimport_keeps_it(app, english, family, login_as) -> None:
    login_as("editor", name="Ed")
    edit = f"/people/{family.marc}/links/{family.marc_link}/edit"
    page = english.get(edit).get_data(as_text=True)
    assert "came from the family tree file" in page
    post_form(english, edit, {"url": "https://www.linkedin.com/in/marc-tremblay-new", "label": ""})
    (link,) = links_of(app, family.marc)
    assert link.origin == "site" and link.url == "https://www.linkedin.com/in/marc-tremblay-new"
    changed = changes_of(app, "link_changed")[-1]
    assert changed.details["old"]["origin"] == "gedcom" and changed.details["new"]["origin"] == "site"
    run_import(app, SMALL_FAMILY)
    urls = {row.url: row.origin for row in links_of(app, family.marc)}
    assert urls.get("https://www.linkedin.com/in/marc-tremblay-new") == "site"


def test_removing_asks_first_then_removes(app, english, family, helene_member) -> None:
    remove = f"/people/{family.helene}/links/{family.helene_link}/remove"
    page = english.get(remove).get_data(as_text=True)
    assert "Remove this link from the page of Hélène Tremblay?" in page and "Yes, remove the link" in page
    assert len(links_of(app, family.helene)) == 1  # looking at the question removes nothing
    response = post_form(english, remove, {}, follow_redirects=True)
    assert "The link is removed." in response.get_data(as_text=True) and "No link yet." in response.get_data(
        as_text=True
    )
    assert links_of(app, family.helene) == []


def test_removing_a_file_link_is_recorded(app, english, family, login_as) -> None:
    login_as("admin")
    post_form(english, f"/people/{family.marc}/links/{family.marc_link}/remove", {})
    assert links_of(app, family.marc) == []
    (removed,) = changes_of(app, "link_removed")
    assert removed.details["old"]["origin"] == "gedcom" and removed.person_id == family.marc


def test_the_list_shows_each_link_with_its_buttons(english, family, login_as) -> None:
    login_as("editor")
    page = english.get(f"/people/{family.marc}/links").get_data(as_text=True)
    assert "Links of Marc Tremblay" in page and "From the family tree file" in page
    assert f'href="/people/{family.marc}/links/{family.marc_link}/edit"' in page
    assert f'href="/people/{family.marc}/links/{family.marc_link}/remove"' in page
    assert 'href="https://www.linkedin.com/in/marc-tremblay-demo" rel="me noopener noreferrer"' in page
    assert '<label for="url">Link or e-mail address</label>' in page


def test_the_pages_speak_french(client, family, login_as) -> None:
    login_as("member", person_id=family.helene)
    page = client.get(f"/people/{family.helene}/links", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    assert '<html lang="fr">' in page


# --- the person page ------------------------------------------------------------------------------------------


def test_the_person_page_offers_editing_to_those_allowed(english, family, login_as) -> None:
    login_as("member", person_id=family.joseph)
    own = english.get(f"/people/{family.joseph}").get_data(as_text=True)
    assert f'href="/people/{family.joseph}/links">Add a link</a>' in own and "No link yet." in own
    other = english.get(f"/people/{family.helene}").get_data(as_text=True)
    assert "/links" not in other and "Edit links" not in other


@pytest.mark.parametrize("role", ["editor", "admin"])
def test_the_person_page_offers_editing_to_editors(english, family, login_as, role: str) -> None:
    login_as(role)
    page = english.get(f"/people/{family.marc}").get_data(as_text=True)
    assert f'href="/people/{family.marc}/links">Edit links</a>' in page
    assert "LinkedIn: marc-tremblay-demo" in page


def test_visitors_see_no_editing_and_no_empty_section(english, family) -> None:
    page = english.get(f"/people/{family.joseph}").get_data(as_text=True)
    assert "Add a link" not in page and "No link yet." not in page and 'id="links-title"' not in page


def test_the_person_page_shows_the_label(english, family, login_as) -> None:
    login_as("member", person_id=family.helene)
    _add(english, family.helene, "github.com/helene-demo", label="Code & stuff")
    page = english.get(f"/people/{family.helene}").get_data(as_text=True)
    assert "Code &amp; stuff" in page and "GitHub: helene-demo" in page
