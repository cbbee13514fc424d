"""Nothing a user types into the link forms gives a 500: odd, hostile and broken input is refused or cleaned."""

from __future__ import annotations

import pytest

from tests.profiles.helpers import EN, build_family, links_of
from tests.web import csrf_token

ODD_INPUTS = [
    "",
    " ",
    "\t\n",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "&#106;avascript:alert(1)",
    "%6Aavascript:alert(1)",
    "vbscript:msgbox(1)",
    "data:text/html;base64,PHNjcmlwdD4=",
    "file:///etc/passwd",
    "ftp://example.com/x",
    "tel:+15145550000",
    "mailto:",
    "mailto:nobody",
    "mailto:a@b",
    "mailto:helene@example.org?subject=hi",
    "http://user:pass@example.com",
    "https://@example.com",
    "https://",
    "http://",
    "//example.com",
    "///",
    "http://[::1]/",
    "http://127.0.0.1/",
    "http://256.256.256.256/",
    "http://localhost/",
    "http://.com",
    "https://example.com:99999/",
    "https://example.com:abc/",
    "https://exa mple.com",
    "https://xn--/",
    "https://xn--zz.com/",
    "http://例え.jp/パス",
    "https://www.linkedin.com/in/%",
    "https://www.linkedin.com/in/%ZZ%",
    "https://www.linkedin.com/in/" + "é" * 400,
    "https://example.com/" + "a" * 5000,
    "a" * 100_000,
    "@",
    "@@",
    "@user",
    "@user@",
    "@a@b@c",
    "@helene@mastodon.social",
    "😀",
    "https://😀.com",
    "\u202ehttps://example.com",
    "https://example.com/\u200b",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "\\\\server\\share",
    "https://www.facebook.com/profile.php?id=abc",
    "wa.me/notanumber",
    "https://example.com/?utm_source=x&utm_medium=y",
    "https://example.com/#:~:text=hi",
    "HTTPS://EXAMPLE.COM/PATH",
]


@pytest.fixture
def family(app):
    return build_family(app)


@pytest.mark.parametrize("typed", ODD_INPUTS)
def test_odd_links_never_break_the_add_form(app, client, family, login_as, typed: str) -> None:
    login_as("editor")
    token = csrf_token(client, "/")
    response = client.post(
        f"/people/{family.joseph}/links", data={"csrf_token": token, "url": typed, "label": typed[:300]}, headers=EN
    )
    assert response.status_code in (200, 302), response.status_code
    if response.status_code == 200:  # refused: the message is there and so is what was typed
        page = response.get_data(as_text=True)
        assert 'class="errors"' in page
    else:
        assert len(links_of(app, family.joseph)) == 1


@pytest.mark.parametrize("typed", ODD_INPUTS[::3])
def test_odd_links_never_break_the_edit_form(client, family, login_as, typed: str) -> None:
    login_as("editor")
    edit = f"/people/{family.helene}/links/{family.helene_link}/edit"
    token = csrf_token(client, edit)
    response = client.post(edit, data={"csrf_token": token, "url": typed, "label": "x"}, headers=EN)
    assert response.status_code in (200, 302), response.status_code


@pytest.mark.parametrize(
    "form",
    [
        {},
        {"url": ["a.com", "b.com"], "label": ["one", "two"]},
        {"label": "only a label"},
        {"url": "github.com/x", "label": "\n\t  spaced   label \r\n"},
    ],
)
def test_odd_forms_never_break_the_pages(app, client, family, login_as, form: dict) -> None:
    login_as("editor")
    token = csrf_token(client, "/")
    response = client.post(f"/people/{family.joseph}/links", data={**form, "csrf_token": token}, headers=EN)
    assert response.status_code in (200, 302)
    if form.get("label") == "\n\t  spaced   label \r\n":
        assert links_of(app, family.joseph)[0].label == "spaced label"


def test_a_nul_byte_is_a_bad_request(app, client, family, login_as) -> None:
    login_as("editor")
    token = csrf_token(client, "/")
    response = client.post(f"/people/{family.joseph}/links", data={"csrf_token": token, "url": "a\x00.com"})
    assert response.status_code == 400 and links_of(app, family.joseph) == []


@pytest.mark.parametrize("saved", ["abc", "-1", "99999999999999999999999", ""])
def test_an_odd_saved_marker_is_ignored(client, family, login_as, saved: str) -> None:
    login_as("editor")
    response = client.get(f"/people/{family.helene}/links?saved={saved}")
    assert response.status_code == 200 and 'id="saved"' not in response.get_data(as_text=True)
