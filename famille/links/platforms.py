"""Recognise the platform of a profile link and read the handle in it.

:func:`normalize_link` is the entry point: raw text in, a :class:`ProfileUrl` out (or a :class:`LinkError`).
Known platforms get one canonical address per profile (``linkedin.com/in/x``, ``ca.linkedin.com/in/x/`` and
``www.linkedin.com/in/X?trk=…`` are the same link), so duplicates on a person can be merged. Any other http(s)
address whose path starts with ``/@user`` is taken for a Mastodon (fediverse) account; the rest is a website.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple
from urllib.parse import quote, unquote

from famille.links.urls import (
    LinkError,
    WebUrl,
    check_length,
    lower_segment,
    normalize_email,
    normalize_host,
    parse_web_url,
    prepare_text,
    probe_scheme,
)
from famille.markers import N_

PLATFORMS: tuple[str, ...] = (
    "linkedin", "facebook", "instagram", "x", "mastodon", "bluesky", "threads", "tiktok", "youtube", "github",
    "whatsapp", "email", "website",
)  # fmt: skip

# Brand names are never translated; the two generic names are marked so the web layer's gettext finds them.
_NAMES = {
    "linkedin": "LinkedIn", "facebook": "Facebook", "instagram": "Instagram", "x": "X (Twitter)",
    "mastodon": "Mastodon", "bluesky": "Bluesky", "threads": "Threads", "tiktok": "TikTok", "youtube": "YouTube",
    "github": "GitHub", "whatsapp": "WhatsApp", "email": N_("E-mail"), "website": N_("Website"),
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class ProfileUrl:
    """A normalised profile link: the address to store and open, its platform key and the handle read in it."""

    url: str
    platform: str
    handle: str | None


class _Found(NamedTuple):
    """What a recogniser read: the platform key, the canonical address and the handle, if any."""

    platform: str
    url: WebUrl
    handle: str | None


def platform_name(platform: str) -> str:
    """The English display name of a platform key ("x" → "X (Twitter)"); an unknown key is returned as is."""
    return _NAMES.get(platform, platform)


def normalize_link(raw: str) -> ProfileUrl:
    """Validate and normalise a pasted link, e-mail address or ``@user@server`` handle; raise :class:`LinkError`."""
    text = prepare_text(raw)
    scheme = probe_scheme(text)
    if text[:7].lower() == "mailto:":
        return _email(unquote(text[7:].partition("?")[0]))
    if scheme == "mailto":  # "mailto" hidden behind entities or escapes: never guess
        raise LinkError(N_("“%(address)s” is not a valid e-mail address."), address=text)
    if text.startswith("@"):
        return _from_web(_handle_to_url(text))
    if scheme is None:
        if "@" in text and "/" not in text:
            return _email(text)  # a bare address
        text = "https://" + text.lstrip("/")
    return _from_web(parse_web_url(text))


def _email(address: str) -> ProfileUrl:
    """An ``email`` link for one address (the caller has dropped a mailto query such as ``?subject=``)."""
    canonical = normalize_email(address)
    return ProfileUrl("mailto:" + quote(canonical, safe="@!$&'*+=^_`{|}~.-"), "email", canonical)


def _handle_to_url(text: str) -> WebUrl:
    """The profile address of a fediverse ``@user@server`` or Bluesky ``@name.bsky.social`` handle."""
    if match := re.fullmatch(r"@([A-Za-z0-9_][A-Za-z0-9_.-]*)@([^@/?#]+)", text):
        return parse_web_url(f"https://{match[2]}/@{match[1]}")
    if re.fullmatch(r"@[A-Za-z0-9.-]+\.bsky\.social", text, re.IGNORECASE):
        return parse_web_url(f"https://bsky.app/profile/{text[1:]}")
    raise LinkError(
        N_("Paste the full address of the profile (for example https://…), not only the name “%(handle)s”."),
        handle=text,
    )


def _from_web(url: WebUrl) -> ProfileUrl:
    """Recognise the platform of a parsed address and build its canonical form."""
    recognise = _HOSTS.get(url.host) or next((fn for host, fn in _HOST_PATTERNS if host.fullmatch(url.host)), None)
    found = recognise(url) if recognise else _fediverse(url)
    if found is None:
        found = _Found("website", url, None)
    text = str(found.url)
    check_length(text)
    return ProfileUrl(text, found.platform, found.handle)


def _words(text: str) -> frozenset[str]:
    """The set of space-separated words in ``text`` (for long lists of reserved names)."""
    return frozenset(text.split())


@dataclass(frozen=True)
class _UserSite:
    """A platform whose profile address is ``https://host/<user>`` (the user possibly written ``@user``)."""

    platform: str
    host: str
    user: re.Pattern[str]
    at_handle: bool = True
    reserved: frozenset[str] = frozenset()
    tabs: frozenset[str] = frozenset()
    tracking: frozenset[str] = frozenset()

    def __call__(self, url: WebUrl) -> _Found:
        """Profile pages (and their tabs) become the bare profile; deeper pages keep their path and handle."""
        parts = url.segments
        user = unquote(parts[0]) if parts else ""
        if not user or user.lower() in self.reserved or not self.user.fullmatch(user):
            return _Found(self.platform, url.moved_to(self.host, drop=self.tracking), None)
        handle = "@" + user.lstrip("@").lower() if self.at_handle else user.lower()
        if len(parts) == 1 or (len(parts) == 2 and parts[1].lower() in self.tabs):
            return _Found(self.platform, WebUrl.build(self.host, lower_segment(parts[0])), handle)
        path = "/" + "/".join([lower_segment(parts[0]), *parts[1:]])
        return _Found(self.platform, url.moved_to(self.host, drop=self.tracking, path=path), handle)


# --- the platforms -------------------------------------------------------------------------------------------

_LINKEDIN_TRACKING = frozenset({"trk", "trkinfo", "lipi", "lici", "originalsubdomain", "original_referer", "rcm"})


def _linkedin(url: WebUrl) -> _Found:
    """``/in/<slug>``, ``/company/<slug>``…: any sub-page of a profile is that profile; lnkd.in stays as is."""
    parts = url.segments
    if url.host == "lnkd.in":
        return _Found("linkedin", url.moved_to(url.host), None)
    if len(parts) >= 2 and parts[0].lower() in {"in", "company", "school", "showcase"}:
        slug = lower_segment(parts[1])
        return _Found("linkedin", WebUrl.build("www.linkedin.com", parts[0].lower(), slug), unquote(slug))
    return _Found("linkedin", url.moved_to("www.linkedin.com", drop=_LINKEDIN_TRACKING), None)


_FACEBOOK_TRACKING = frozenset(
    {"mibextid", "sfnsn", "__cft__", "__tn__", "__xts__", "hc_ref", "fref", "ref", "rdid", "_rdr", "_rdc", "eav"}
)
_FACEBOOK_PAGES = _UserSite(
    "facebook",
    "www.facebook.com",
    re.compile(r"[\w.\-]+"),
    at_handle=False,
    reserved=_words(
        "profile.php people pages pg groups events watch share sharer sharer.php photo photo.php photos story.php"
        " permalink.php login login.php home.php hashtag marketplace gaming reel reels help policies privacy"
        " settings messages notifications friends search dialog plugins l.php media stories video.php videos"
        " business ads legal notes bookmarks fundraisers places public"
    ),
    tabs=_words("about photos friends videos posts reels followers following map likes events reviews"),
    tracking=_FACEBOOK_TRACKING,
)


def _facebook(url: WebUrl) -> _Found:
    """``/<name>`` and ``/profile.php?id=<number>`` (the id is the profile, not tracking); fb.me stays as is."""
    if url.host == "fb.me":
        return _Found("facebook", url.moved_to(url.host, drop=_FACEBOOK_TRACKING), None)
    profile_id = url.param("id") or ""
    if url.segments == ["profile.php"] and profile_id.isascii() and profile_id.isdigit():
        return _Found("facebook", WebUrl.build("www.facebook.com", "profile.php", query=(f"id={profile_id}",)), None)
    return _FACEBOOK_PAGES(url)


_INSTAGRAM = _UserSite(
    "instagram",
    "www.instagram.com",
    re.compile(r"[A-Za-z0-9._]{1,30}"),
    reserved=_words("p reel reels stories explore accounts tv direct about legal developer web"),
    tabs=_words("reels tagged guides saved"),
)
_X = _UserSite(
    "x",
    "x.com",
    re.compile(r"[A-Za-z0-9_]{1,15}"),
    reserved=_words(
        "home explore search i intent share hashtag settings notifications messages login signup tos privacy"
        " compose logout"
    ),
    tabs=_words("with_replies media likes highlights followers following verified_followers"),
    tracking=frozenset({"s", "t", "ref_url"}),
)


def _x(url: WebUrl) -> _Found:
    """X and Twitter (canonical host x.com), including the old ``twitter.com/#!/user`` form."""
    if url.path == "/" and url.fragment.startswith("!/"):
        url = WebUrl(url.scheme, url.host, None, url.fragment[1:].partition("?")[0])
    return _X(url)


_THREADS = _UserSite("threads", "www.threads.com", re.compile(r"@[A-Za-z0-9._]{1,30}"))
_TIKTOK = _UserSite(
    "tiktok",
    "www.tiktok.com",
    re.compile(r"@[A-Za-z0-9._]{2,24}"),
    tracking=_words("is_from_webapp sender_device _t _r"),
)
_GITHUB = _UserSite(
    "github",
    "github.com",
    re.compile(r"[A-Za-z0-9][A-Za-z0-9-]{0,38}"),
    at_handle=False,
    reserved=_words(
        "features about pricing login join settings marketplace explore topics collections trending sponsors orgs"
        " enterprise issues pulls notifications search site security apps contact new organizations"
    ),
)
_YOUTUBE_TABS = _words("featured videos shorts streams playlists community about podcasts releases")
_YOUTUBE_HANDLES = _UserSite("youtube", "www.youtube.com", re.compile(r"@[\w.\-]{3,30}"), tabs=_YOUTUBE_TABS)
_YOUTUBE_TRACKING = frozenset({"feature", "pp", "ab_channel", "app", "sub_confirmation"})


def _youtube(url: WebUrl) -> _Found:
    """``/@handle``, ``/channel/<id>``, ``/c/<name>``, ``/user/<name>``; videos (youtu.be too) keep v, list, t."""
    parts = url.segments
    video_params = frozenset({"v", "list", "t"})
    if url.host == "youtu.be" and len(parts) == 1:
        video = WebUrl.build("www.youtube.com", "watch", query=(f"v={parts[0]}", *url.only_params(video_params)))
        return _Found("youtube", video, None)
    if parts[:1] == ["watch"] and url.param("v"):
        return _Found("youtube", WebUrl.build("www.youtube.com", "watch", query=url.only_params(video_params)), None)
    kind = parts[0].lower() if len(parts) >= 2 else ""
    if kind in {"channel", "c", "user"} and (len(parts) == 2 or (len(parts) == 3 and parts[2] in _YOUTUBE_TABS)):
        # Channel ids are case-sensitive and unreadable; legacy names are shown as typed.
        handle = None if kind == "channel" else unquote(parts[1])
        return _Found("youtube", WebUrl.build("www.youtube.com", kind, parts[1]), handle)
    if parts and parts[0].startswith("@"):
        return _YOUTUBE_HANDLES(url)
    return _Found("youtube", url.moved_to("www.youtube.com", drop=_YOUTUBE_TRACKING), None)


def _bluesky(url: WebUrl) -> _Found:
    """``bsky.app/profile/<handle>`` (a handle is a domain name; a ``did:`` identifier is not readable)."""
    parts = url.segments
    if len(parts) >= 2 and parts[0].lower() == "profile":
        actor = lower_segment(parts[1])
        handle = None if actor.startswith("did:") else "@" + unquote(actor)
        return _Found("bluesky", WebUrl.build("bsky.app", "profile", actor, *parts[2:]), handle)
    return _Found("bluesky", url.moved_to("bsky.app"), None)


def _whatsapp(url: WebUrl) -> _Found:
    """``wa.me/<number>`` and ``…whatsapp.com/send?phone=<number>`` become ``https://wa.me/<digits>``."""
    parts = url.segments
    phone = ""
    if url.host == "wa.me" and len(parts) == 1:
        phone = unquote(parts[0])
    elif parts[:1] == ["send"]:
        phone = url.param("phone") or ""
    digits = re.sub(r"\D", "", phone)
    if re.fullmatch(r"[\d\s+().\-]+", phone) and 6 <= len(digits) <= 15:
        return _Found("whatsapp", WebUrl.build("wa.me", digits), "+" + digits)
    return _Found("whatsapp", url.moved_to(url.host), None)


def _short_link(platform: str) -> Callable[[WebUrl], _Found]:
    """A platform's short-link host: the path is an opaque, case-sensitive code, kept as is."""
    return lambda url: _Found(platform, url.moved_to(url.host), None)


_NOT_FEDIVERSE = frozenset({"medium.com", "www.medium.com", "substack.com", "www.substack.com", "hashnode.com"})


def _fediverse(url: WebUrl) -> _Found | None:
    """A Mastodon-style account (``/@user``) on any server; ``/@user@home`` is sent to the home server."""
    parts = url.segments
    match = re.fullmatch(r"@([A-Za-z0-9_][A-Za-z0-9_.\-]{0,63})(?:@([^@/]+))?", unquote(parts[0])) if parts else None
    if match is None or url.host in _NOT_FEDIVERSE:
        return None
    user = match[1].lower()
    server = normalize_host(match[2]) if match[2] else url.host
    handle = f"@{user}@{server}"
    if server != url.host or len(parts) == 1:
        return _Found("mastodon", WebUrl.build(server, f"@{user}"), handle)
    return _Found("mastodon", WebUrl("https", server, None, "/".join(["", f"@{user}", *parts[1:]])), handle)


def _hosts(recogniser: Callable[[WebUrl], _Found], *names: str) -> dict[str, Callable[[WebUrl], _Found]]:
    """Map each host name to the recogniser of its platform."""
    return dict.fromkeys(names, recogniser)


_HOSTS: dict[str, Callable[[WebUrl], _Found]] = {
    **_hosts(_linkedin, "linkedin.com", "www.linkedin.com", "m.linkedin.com", "lnkd.in"),
    **_hosts(_facebook, "facebook.com", "www.facebook.com", "m.facebook.com", "mbasic.facebook.com", "fb.me"),
    **_hosts(_facebook, "web.facebook.com", "touch.facebook.com", "mobile.facebook.com", "fb.com", "www.fb.com"),
    **_hosts(_INSTAGRAM, "instagram.com", "www.instagram.com", "m.instagram.com", "instagr.am", "www.instagr.am"),
    **_hosts(_x, "x.com", "www.x.com", "mobile.x.com", "twitter.com", "www.twitter.com", "mobile.twitter.com"),
    **_hosts(_x, "m.twitter.com"),
    **_hosts(_bluesky, "bsky.app", "www.bsky.app"),
    **_hosts(_THREADS, "threads.net", "www.threads.net", "threads.com", "www.threads.com"),
    **_hosts(_TIKTOK, "tiktok.com", "www.tiktok.com", "m.tiktok.com"),
    **_hosts(_short_link("tiktok"), "vm.tiktok.com", "vt.tiktok.com"),
    **_hosts(_youtube, "youtube.com", "www.youtube.com", "m.youtube.com", "youtu.be"),
    **_hosts(_GITHUB, "github.com", "www.github.com"),
    **_hosts(_short_link("github"), "gist.github.com"),
    **_hosts(_whatsapp, "wa.me", "whatsapp.com", "www.whatsapp.com", "api.whatsapp.com", "web.whatsapp.com"),
    **_hosts(_short_link("whatsapp"), "chat.whatsapp.com"),
}
# Country (ca.linkedin.com) and language (fr-ca.facebook.com) sub-domains.
_HOST_PATTERNS = (
    (re.compile(r"[a-z]{2}\.linkedin\.com"), _linkedin),
    (re.compile(r"[a-z]{2}(?:-[a-z]{2})?\.facebook\.com"), _facebook),
)
