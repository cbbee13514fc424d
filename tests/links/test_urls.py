"""URL validation and normalisation: websites, e-mail addresses, and every refusal with its message."""

from __future__ import annotations

import pytest

from famille.links import MAX_URL_LENGTH, LinkError, normalize_link
from famille.links.urls import is_tracking_param, normalize_encoding, probe_scheme

SCHEME_REFUSED = "Only web links (http:// or https://) and e-mail addresses are accepted, not “%(scheme)s:” links."
CREDENTIALS = "Links containing a user name or password (“name:password@” before the site) are not accepted."
INVISIBLE = "A link cannot contain spaces or invisible characters."
NO_HOST = "This link does not say which site it points to."
BAD_HOST = "“%(host)s” is not a valid site name."
IP_HOST = "Use the site's name rather than a numeric address (%(host)s)."
BAD_PORT = "The port number in this link (“%(port)s”) is not valid."
BAD_EMAIL = "“%(address)s” is not a valid e-mail address."
TOO_LONG = "This link is too long (%(length)d characters; at most %(limit)d)."


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("example.com", "https://example.com"),
        ("  https://Example.COM/ ", "https://example.com"),
        ("\t\nhttps://example.com/blog\u200b ", "https://example.com/blog"),
        ("HTTP://Example.com:80/Blog/", "http://example.com/Blog/"),
        ("https://example.com:443", "https://example.com"),
        ("https://example.com:8443/x", "https://example.com:8443/x"),
        ("example.com:8080/x", "https://example.com:8080/x"),
        ("//example.com/x", "https://example.com/x"),
        ("https://Example.com./x", "https://example.com/x"),
        ("https://example.com?q=1", "https://example.com/?q=1"),
        ("https://example.com/?utm_source=a&UTM_Medium=b&page=2", "https://example.com/?page=2"),
        (
            "https://example.com/a?fbclid=1&gclid=2&si=3&mc_cid=4&mc_eid=5&ref_src=6&_hsenc=7&igshid=8&igsh=9",
            "https://example.com/a",
        ),
        ("https://example.com/a?&&b=1&", "https://example.com/a?b=1"),
        ("https://example.com/page#section-2", "https://example.com/page#section-2"),
        ("https://example.com/page#", "https://example.com/page"),
        ("https://example.com/page#:~:text=hello", "https://example.com/page"),
        ("https://café.example/", "https://xn--caf-dma.example"),
        ("https://xn--caf-dma.example", "https://xn--caf-dma.example"),
        ("https://example.com/hélène", "https://example.com/h%C3%A9l%C3%A8ne"),
        ("https://example.com/h%c3%a9l%c3%a8ne", "https://example.com/h%C3%A9l%C3%A8ne"),
        ("https://example.com/%7Euser/%41", "https://example.com/~user/A"),
        ("https://example.com/a\\b", "https://example.com/a%5Cb"),
        ("https://example.com/100%", "https://example.com/100%25"),
        ("https://my_blog.example.org", "https://my_blog.example.org"),
    ],
)
def test_websites_are_normalised(raw: str, expected: str) -> None:
    """Scheme, host, port, encoding, tracking parameters and empty fragments are made canonical."""
    link = normalize_link(raw)
    assert (link.url, link.platform, link.handle) == (expected, "website", None)


def test_http_is_kept_for_websites() -> None:
    """A personal site may have no TLS: its http scheme is not upgraded (that could break the link)."""
    assert normalize_link("http://blog.example.org/").url == "http://blog.example.org"


def test_decomposed_and_composed_accents_give_one_url() -> None:
    """Unicode normalisation (NFC) makes a typed "é" and a pasted "e + accent" the same link."""
    assert normalize_link("example.com/he\u0301le\u0300ne").url == normalize_link("example.com/hélène").url


@pytest.mark.parametrize(
    ("raw", "url", "address"),
    [
        ("helene@example.org", "mailto:helene@example.org", "helene@example.org"),
        ("  Helene.Tremblay@Example.ORG ", "mailto:helene.tremblay@example.org", "helene.tremblay@example.org"),
        ("mailto:helene@example.org", "mailto:helene@example.org", "helene@example.org"),
        ("MAILTO:helene@example.org?subject=Bonjour", "mailto:helene@example.org", "helene@example.org"),
        ("mailto:helene%40example.org", "mailto:helene@example.org", "helene@example.org"),
        ("helene+famille@example.org", "mailto:helene+famille@example.org", "helene+famille@example.org"),
        ("helene@café.fr", "mailto:helene@xn--caf-dma.fr", "helene@xn--caf-dma.fr"),
        ("o'brien@example.ie", "mailto:o'brien@example.ie", "o'brien@example.ie"),
        ("a%b@example.org", "mailto:a%25b@example.org", "a%b@example.org"),
    ],
)
def test_email_addresses(raw: str, url: str, address: str) -> None:
    """Bare addresses and mailto: links become one canonical mailto: URL; the handle is the address."""
    link = normalize_link(raw)
    assert (link.url, link.platform, link.handle) == (url, "email", address)


@pytest.mark.parametrize(
    ("raw", "scheme"),
    [
        ("javascript:alert(1)", "javascript"),
        ("JaVaScRiPt:alert(1)", "javascript"),
        ("   javascript:alert(1)", "javascript"),
        ("\x00javascript:alert(1)", "javascript"),
        ("\x01\x02 \u200bjavascript:alert(1)", "javascript"),
        ("&#106;avascript:alert(1)", "javascript"),
        ("&#x6A;avascript:alert(1)", "javascript"),
        ("javascript&colon;alert(1)", "javascript"),
        ("java\tscript:alert(1)", "javascript"),
        ("java&#x09;script:alert(1)", "javascript"),
        ("%6Aavascript:alert(1)", "javascript"),
        ("data:text/html;base64,PHNjcmlwdD4=", "data"),
        ("Data:text/html,<b>x</b>", "data"),
        ("vbscript:msgbox(1)", "vbscript"),
        ("file:///etc/passwd", "file"),
        ("ftp://example.com/", "ftp"),
        ("localhost:8080", "localhost"),
    ],
)
def test_foreign_schemes_are_refused(raw: str, scheme: str) -> None:
    """Only http, https and mailto pass, however the scheme is disguised."""
    with pytest.raises(LinkError) as refused:
        normalize_link(raw)
    assert refused.value.template == SCHEME_REFUSED
    assert refused.value.params == {"scheme": scheme}


@pytest.mark.parametrize(
    ("raw", "template"),
    [
        ("", "Enter a link."),
        ("  \t ", "Enter a link."),
        ("\u200b\ufeff", "Enter a link."),
        ("https://user:pass@example.com/", CREDENTIALS),
        ("http://helene@example.com", CREDENTIALS),
        ("https://@example.com", CREDENTIALS),
        ("user:pass@example.com", CREDENTIALS),
        ("https://example.com\\@evil.com", CREDENTIALS),
        ("https://exa mple.com", INVISIBLE),
        ("https://example.com/a b", INVISIBLE),
        ("https://example.com/a\nb", INVISIBLE),
        ("https://example.com/\x00x", INVISIBLE),
        ("https://example.com/\u202eevil", INVISIBLE),
        ("https://exa\u00a0mple.com", INVISIBLE),
        ("helene tremblay@example.org", INVISIBLE),
        ("https://", NO_HOST),
        ("https:///x", NO_HOST),
        ("https:example.com", NO_HOST),
        ("ht&#116;ps://example.com", NO_HOST),
        ("http://localhost/", BAD_HOST),
        ("https://-example.com", BAD_HOST),
        ("https://example..com", BAD_HOST),
        ("https://ex!ample.com", BAD_HOST),
        ("https://xn--zz.com", BAD_HOST),
        ("https://ex%61mple.com", BAD_HOST),
        ("helene", BAD_HOST),
        ("http://127.0.0.1/", IP_HOST),
        ("http://[::1]/", IP_HOST),
        ("http://0x7f.1/", IP_HOST),
        ("https://example.com:0/", BAD_PORT),
        ("https://example.com:99999", BAD_PORT),
        ("https://example.com:http", BAD_PORT),
        ("helene@", BAD_EMAIL),
        ("helene@@example.org", BAD_EMAIL),
        ("helene..tremblay@example.org", BAD_EMAIL),
        (".helene@example.org", BAD_EMAIL),
        ("helene@example", BAD_EMAIL),
        ("mailto:", BAD_EMAIL),
        ("mailto:a@example.org,b@example.org", BAD_EMAIL),
        ("mailto:helene@localhost", BAD_EMAIL),
        ("hélène@example.org", BAD_EMAIL),
    ],
)
def test_refusals_say_why(raw: str, template: str) -> None:
    """Each kind of bad input is refused with its own message template."""
    with pytest.raises(LinkError) as refused:
        normalize_link(raw)
    assert refused.value.template == template


def test_refusal_message_names_the_culprit() -> None:
    """The message is the template filled with the offending part, ready for translation then display."""
    with pytest.raises(LinkError) as refused:
        normalize_link("https://ex!ample.com/x")
    assert refused.value.params == {"host": "ex!ample.com"}
    assert str(refused.value) == "“ex!ample.com” is not a valid site name."
    assert isinstance(refused.value, ValueError)


def test_length_limit_is_inclusive() -> None:
    """A link of exactly MAX_URL_LENGTH characters passes; one more is refused with both numbers."""
    base = "https://example.com/"
    longest = base + "a" * (MAX_URL_LENGTH - len(base))
    assert normalize_link(longest).url == longest
    with pytest.raises(LinkError) as refused:
        normalize_link(longest + "a")
    assert refused.value.template == TOO_LONG
    assert refused.value.params == {"length": MAX_URL_LENGTH + 1, "limit": MAX_URL_LENGTH}


def test_length_is_checked_after_normalising() -> None:
    """Percent-encoding can lengthen a link past the limit; the stored URL never exceeds it."""
    with pytest.raises(LinkError) as refused:
        normalize_link("https://example.com/" + "é" * 1000)
    assert refused.value.template == TOO_LONG


@pytest.mark.parametrize(
    ("text", "scheme"),
    [
        ("https://example.com", "https"),
        ("example.com/a:b", None),
        ("example.com:8080", None),
        ("helene@example.org", None),
        ("MailTo:helene@example.org", "mailto"),
        ("java\x00script:x", "javascript"),
    ],
)
def test_probe_scheme(text: str, scheme: str | None) -> None:
    """The scheme is read the way a browser would, and a host:port is not mistaken for one."""
    assert probe_scheme(text) == scheme


def test_normalize_encoding_is_stable() -> None:
    """Normalising twice changes nothing (so stored URLs compare equal to freshly normalised ones)."""
    once = normalize_encoding("/h%c3%a9l%C3%a8ne/é/%7e/%zz/a b")
    assert once == "/h%C3%A9l%C3%A8ne/%C3%A9/~/%25zz/a%20b"
    assert normalize_encoding(once) == once


@pytest.mark.parametrize(("name", "tracking"), [("utm_content", True), ("FBCLID", True), ("id", False), ("q", False)])
def test_tracking_params(name: str, tracking: bool) -> None:
    """Tracking parameters are recognised in any case; ordinary ones are kept."""
    assert is_tracking_param(name) is tracking
