"""Platform recognition, handles, de-duplication, display names and icons of profile links."""

from __future__ import annotations

import ast
import re
from pathlib import Path
from xml.etree import ElementTree

import pytest

import famille.links
from famille.links import PLATFORMS, LinkError, ProfileUrl, normalize_link, platform_name

REPO_ROOT = Path(__file__).resolve().parents[2]
ICONS = REPO_ROOT / "static" / "icons"

LINKEDIN = "https://www.linkedin.com/in/helene-tremblay"
FACEBOOK = "https://www.facebook.com/helene.tremblay"
WHATSAPP = "https://wa.me/15145551234"

CASES = [
    # LinkedIn: any host alias, case, trailing slash, sub-page or tracking gives one profile URL.
    ("linkedin.com/in/helene-tremblay", LINKEDIN, "linkedin", "helene-tremblay"),
    ("https://ca.linkedin.com/in/Helene-Tremblay/?originalSubdomain=ca&trk=x", LINKEDIN, "linkedin", "helene-tremblay"),
    ("https://www.linkedin.com/in/helene-tremblay/details/experience/", LINKEDIN, "linkedin", "helene-tremblay"),
    (
        "https://fr.linkedin.com/in/H%C3%A9l%C3%A8ne-C%C3%B4t%C3%A9",
        "https://www.linkedin.com/in/h%C3%A9l%C3%A8ne-c%C3%B4t%C3%A9",
        "linkedin",
        "hélène-côté",
    ),
    (
        "linkedin.com/company/famille-tremblay/about",
        "https://www.linkedin.com/company/famille-tremblay",
        "linkedin",
        "famille-tremblay",
    ),
    ("https://www.linkedin.com/feed/?trk=nav", "https://www.linkedin.com/feed", "linkedin", None),
    ("https://lnkd.in/AbC123", "https://lnkd.in/AbC123", "linkedin", None),
    # Facebook: names, the numeric profile id (not tracking), groups, share codes.
    ("www.facebook.com/helene.tremblay", FACEBOOK, "facebook", "helene.tremblay"),
    ("https://m.facebook.com/Helene.Tremblay?mibextid=abc&fbclid=x", FACEBOOK, "facebook", "helene.tremblay"),
    ("fb.com/helene.tremblay/about", FACEBOOK, "facebook", "helene.tremblay"),
    ("https://fr-ca.facebook.com/helene.tremblay#_=_", FACEBOOK, "facebook", "helene.tremblay"),
    (
        "https://www.facebook.com/profile.php?id=100012345678901&sk=about",
        "https://www.facebook.com/profile.php?id=100012345678901",
        "facebook",
        None,
    ),
    (
        "https://www.facebook.com/groups/cousinstremblay/",
        "https://www.facebook.com/groups/cousinstremblay",
        "facebook",
        None,
    ),
    ("https://www.facebook.com/share/1AbCdE/", "https://www.facebook.com/share/1AbCdE", "facebook", None),
    # Instagram.
    ("  https://Instagram.com/x/?igshid=abc ", "https://www.instagram.com/x", "instagram", "@x"),
    (
        "instagram.com/Helene.Tremblay_/reels/",
        "https://www.instagram.com/helene.tremblay_",
        "instagram",
        "@helene.tremblay_",
    ),
    ("https://www.instagram.com/p/CxYz123/?igsh=abc", "https://www.instagram.com/p/CxYz123", "instagram", None),
    ("instagr.am/helene", "https://www.instagram.com/helene", "instagram", "@helene"),
    # X and Twitter.
    ("x.com/HeleneT", "https://x.com/helenet", "x", "@helenet"),
    ("https://twitter.com/helenet?s=20&t=abc", "https://x.com/helenet", "x", "@helenet"),
    ("mobile.twitter.com/helenet/media", "https://x.com/helenet", "x", "@helenet"),
    ("http://twitter.com/#!/HeleneT", "https://x.com/helenet", "x", "@helenet"),
    (
        "https://x.com/HeleneT/status/1234567890?s=46",
        "https://x.com/helenet/status/1234567890",
        "x",
        "@helenet",
    ),
    ("https://x.com/search?q=famille", "https://x.com/search?q=famille", "x", None),
    # Mastodon on any server.
    ("@helene@mastodon.social", "https://mastodon.social/@helene", "mastodon", "@helene@mastodon.social"),
    ("@Helene@Mastodon.Social", "https://mastodon.social/@helene", "mastodon", "@helene@mastodon.social"),
    ("https://mastodon.social/@helene/", "https://mastodon.social/@helene", "mastodon", "@helene@mastodon.social"),
    ("piaille.fr/@helene", "https://piaille.fr/@helene", "mastodon", "@helene@piaille.fr"),
    ("https://mastodon.social/@helene@piaille.fr", "https://piaille.fr/@helene", "mastodon", "@helene@piaille.fr"),
    (
        "https://piaille.fr/@helene/111222333",
        "https://piaille.fr/@helene/111222333",
        "mastodon",
        "@helene@piaille.fr",
    ),
    # Bluesky.
    (
        "bsky.app/profile/helene.bsky.social",
        "https://bsky.app/profile/helene.bsky.social",
        "bluesky",
        "@helene.bsky.social",
    ),
    ("@Helene.bsky.social", "https://bsky.app/profile/helene.bsky.social", "bluesky", "@helene.bsky.social"),
    (
        "https://bsky.app/profile/Helene-Tremblay.ca/",
        "https://bsky.app/profile/helene-tremblay.ca",
        "bluesky",
        "@helene-tremblay.ca",
    ),
    ("https://bsky.app/profile/did:plc:abc123", "https://bsky.app/profile/did:plc:abc123", "bluesky", None),
    (
        "https://bsky.app/profile/didier.bsky.social",
        "https://bsky.app/profile/didier.bsky.social",
        "bluesky",
        "@didier.bsky.social",
    ),
    # Threads (threads.net and threads.com).
    ("threads.net/@helene", "https://www.threads.com/@helene", "threads", "@helene"),
    ("https://www.threads.com/@Helene?xmt=abc", "https://www.threads.com/@helene", "threads", "@helene"),
    ("@helene@threads.net", "https://www.threads.com/@helene", "threads", "@helene"),
    # TikTok.
    ("tiktok.com/@helene", "https://www.tiktok.com/@helene", "tiktok", "@helene"),
    (
        "https://www.tiktok.com/@Helene/video/7234567890123456789?is_from_webapp=1&sender_device=pc",
        "https://www.tiktok.com/@helene/video/7234567890123456789",
        "tiktok",
        "@helene",
    ),
    ("https://vm.tiktok.com/ZMabc123/", "https://vm.tiktok.com/ZMabc123", "tiktok", None),
    # YouTube.
    ("youtube.com/@HeleneTremblay", "https://www.youtube.com/@helenetremblay", "youtube", "@helenetremblay"),
    (
        "https://m.youtube.com/@helenetremblay/videos?si=x",
        "https://www.youtube.com/@helenetremblay",
        "youtube",
        "@helenetremblay",
    ),
    ("https://www.youtube.com/channel/UCabcDEF123/", "https://www.youtube.com/channel/UCabcDEF123", "youtube", None),
    ("https://youtube.com/c/HeleneTremblay", "https://www.youtube.com/c/HeleneTremblay", "youtube", "HeleneTremblay"),
    ("https://www.youtube.com/user/helenet/videos", "https://www.youtube.com/user/helenet", "youtube", "helenet"),
    ("https://youtu.be/dQw4w9WgXcQ?si=abc", "https://www.youtube.com/watch?v=dQw4w9WgXcQ", "youtube", None),
    (
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ&feature=shared&t=42",
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42",
        "youtube",
        None,
    ),
    # GitHub.
    ("github.com/HeleneT", "https://github.com/helenet", "github", "helenet"),
    ("https://www.github.com/helenet/genealogie/", "https://github.com/helenet/genealogie", "github", "helenet"),
    ("https://github.com/orgs/famille", "https://github.com/orgs/famille", "github", None),
    # WhatsApp.
    ("wa.me/15145551234", WHATSAPP, "whatsapp", "+15145551234"),
    ("https://wa.me/%2B15145551234?text=Bonjour", WHATSAPP, "whatsapp", "+15145551234"),
    ("https://api.whatsapp.com/send?phone=15145551234&text=Bonjour", WHATSAPP, "whatsapp", "+15145551234"),
    ("https://api.whatsapp.com/send/?phone=%2B1+514-555-1234&type=phone_number", WHATSAPP, "whatsapp", "+15145551234"),
    ("https://chat.whatsapp.com/AbCdEf123", "https://chat.whatsapp.com/AbCdEf123", "whatsapp", None),
    # Everything else is a website, including /@ paths on blogging sites and github.io pages.
    ("https://helene-tremblay.ca/blog/?utm_campaign=x", "https://helene-tremblay.ca/blog/", "website", None),
    ("https://medium.com/@helene", "https://medium.com/@helene", "website", None),
    ("https://helenet.github.io/", "https://helenet.github.io", "website", None),
    ("https://developers.facebook.com/docs", "https://developers.facebook.com/docs", "website", None),
]


@pytest.mark.parametrize(("raw", "url", "platform", "handle"), CASES)
def test_platform_and_handle(raw: str, url: str, platform: str, handle: str | None) -> None:
    """Each link gets its canonical URL, its platform key and the handle readable in it."""
    assert normalize_link(raw) == ProfileUrl(url=url, platform=platform, handle=handle)


@pytest.mark.parametrize(("raw", "url", "platform", "handle"), CASES)
def test_normalising_is_idempotent(raw: str, url: str, platform: str, handle: str | None) -> None:
    """A stored URL normalises to itself, so re-saving a link or re-importing a tree changes nothing."""
    assert normalize_link(url) == ProfileUrl(url=url, platform=platform, handle=handle)


@pytest.mark.parametrize(
    "spellings",
    [
        [
            "linkedin.com/in/helene-tremblay",
            "https://www.linkedin.com/in/Helene-Tremblay/",
            "http://ca.linkedin.com/in/helene-tremblay?trk=public_profile",
            "https://m.linkedin.com/in/helene-tremblay/fr",
        ],
        ["facebook.com/helene.tremblay", "fb.com/Helene.Tremblay", "https://web.facebook.com/helene.tremblay/"],
        ["twitter.com/helenet", "https://x.com/HeleneT", "www.twitter.com/helenet/"],
        ["@helene@piaille.fr", "https://piaille.fr/@Helene", "https://mastodon.social/@helene@piaille.fr"],
        ["youtu.be/dQw4w9WgXcQ", "https://www.youtube.com/watch?v=dQw4w9WgXcQ&feature=youtu.be"],
        ["wa.me/15145551234", "https://api.whatsapp.com/send?phone=+15145551234"],
        ["helene@example.org", "mailto:Helene@Example.org", "MAILTO:helene@example.org?subject=Salut"],
        ["example.com", "HTTPS://EXAMPLE.COM/", "https://example.com:443/?utm_source=newsletter#"],
    ],
)
def test_same_link_same_url(spellings: list[str]) -> None:
    """Different spellings of one link give one URL, so duplicates on a person can be merged."""
    assert len({normalize_link(raw).url for raw in spellings}) == 1


def test_different_links_stay_different() -> None:
    """Normalising does not merge what differs: another profile, an http site, a case-sensitive channel id."""
    pairs = [
        ("linkedin.com/in/helene-tremblay", "linkedin.com/in/helene-tremblay-2"),
        ("http://example.com", "https://example.com"),
        ("https://www.youtube.com/channel/UCabc", "https://www.youtube.com/channel/UCABC"),
        ("https://example.com/page#a", "https://example.com/page#b"),
    ]
    for first, second in pairs:
        assert normalize_link(first).url != normalize_link(second).url


def test_handle_alone_is_refused() -> None:
    """A bare "@name" could be on any platform: ask for the full address and echo the name."""
    with pytest.raises(LinkError) as refused:
        normalize_link("@helene")
    assert refused.value.params == {"handle": "@helene"}
    assert "not only the name “@helene”" in str(refused.value)


def test_mastodon_handle_with_a_bad_server_is_refused() -> None:
    """The server of an @user@server handle is validated like any host."""
    with pytest.raises(LinkError) as refused:
        normalize_link("@helene@localhost")
    assert refused.value.params == {"host": "localhost"}


@pytest.mark.parametrize("raw", [raw for raw, *_ in CASES] + ["helene@example.org", "http://blog.example.org"])
def test_accepted_links_are_safe_to_put_in_href(raw: str) -> None:
    """Whatever is accepted starts with http(s):// or mailto: and has no space, quote or control character."""
    url = normalize_link(raw).url
    assert re.match(r"(https?://|mailto:)", url)
    assert not re.search(r"[\s\"<>\x00-\x1f\x7f]", url)


def test_platforms_in_display_order() -> None:
    """Every platform key, in the order the directory shows them; website and e-mail last."""
    assert PLATFORMS == (
        "linkedin", "facebook", "instagram", "x", "mastodon", "bluesky", "threads", "tiktok", "youtube",
        "github", "whatsapp", "email", "website",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("platform", "name"),
    [("linkedin", "LinkedIn"), ("x", "X (Twitter)"), ("tiktok", "TikTok"), ("youtube", "YouTube"),
     ("github", "GitHub"), ("whatsapp", "WhatsApp"), ("email", "E-mail"), ("website", "Website"),
     ("myspace", "myspace")],
)  # fmt: skip
def test_platform_name(platform: str, name: str) -> None:
    """English display names; an unknown key (an old stored value) is shown as is rather than failing."""
    assert platform_name(platform) == name


def test_every_platform_has_a_name_and_an_icon() -> None:
    """The web layer can rely on a display name and static/icons/<key>.svg for each key."""
    for platform in PLATFORMS:
        assert platform_name(platform) != platform
        assert (ICONS / f"{platform}.svg").is_file(), platform


@pytest.mark.parametrize("platform", PLATFORMS)
def test_icons_are_small_monochrome_svg(platform: str) -> None:
    """16x16 viewBox, drawn in currentColor only, self-contained (no text, images or external references)."""
    svg = ElementTree.parse(ICONS / f"{platform}.svg").getroot()
    assert svg.tag == "{http://www.w3.org/2000/svg}svg"
    assert svg.get("viewBox") == "0 0 16 16"
    colours = {value for element in svg.iter() for key in ("fill", "stroke") if (value := element.get(key))}
    assert colours <= {"none", "currentColor"}
    assert "currentColor" in colours
    tags = {element.tag.rpartition("}")[2] for element in svg.iter()}
    assert tags <= {"svg", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "g"}
    assert not any("href" in key for element in svg.iter() for key in element.attrib)


def test_package_stays_pure() -> None:
    """The links package imports neither Flask nor SQLAlchemy, so it can be used and tested on its own."""
    package = Path(famille.links.__file__).parent
    for module in package.glob("*.py"):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            names = [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            assert not any(name.split(".")[0] in {"flask", "flask_babel", "sqlalchemy"} for name in names), module
