"""Validate and normalise the addresses people paste as profile links.

This module knows nothing about platforms: it turns raw text into a safe, canonical :class:`WebUrl` (or a
canonical e-mail address) or refuses it with a :class:`LinkError`. Canonical means that two spellings of the same
address give the same text, so duplicates can be found: scheme and host lower-cased, the host in its ASCII (IDNA)
form, default ports dropped, percent-encoding made uniform, tracking parameters removed.

Refusing is the safe default: only ``http``, ``https`` and ``mailto`` survive, whatever entities, case, control
characters or percent-encoding an attacker hides the scheme behind, and the text built here never contains
whitespace, control characters or credentials.
"""

from __future__ import annotations

import html
import ipaddress
import re
import string
import unicodedata
from dataclasses import dataclass
from urllib.parse import unquote, unquote_plus, urlsplit

from famille.markers import N_

MAX_URL_LENGTH = 2048

WEB_SCHEMES = frozenset({"http", "https"})
_DEFAULT_PORTS = {"http": 80, "https": 443}
# Schemes refused outright even when the rest looks like "user:password@host".
_FOREIGN_SCHEMES = frozenset({"javascript", "vbscript", "data", "file", "ftp", "blob", "about", "tel", "sms"})
# Query parameters that only say where a click came from (lower-cased); "utm_*" is matched by prefix.
TRACKING_PARAMS = frozenset(
    {
        "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid", "ttclid", "li_fat_id",
        "igshid", "igsh", "si", "mc_cid", "mc_eid", "ref_src", "ref_url", "_hsenc", "_hsmi", "__hstc", "__hssc",
        "__hsfp", "hsctatracking", "mkt_tok", "_ga", "_gl", "oly_anon_id", "oly_enc_id", "vero_id", "s_cid",
    }
)  # fmt: skip

_UNRESERVED = frozenset(string.ascii_letters + string.digits + "-._~")
SEGMENT_SAFE = _UNRESERVED | frozenset(":@!$&'()*+,;=")
_PATH_SAFE = SEGMENT_SAFE | frozenset("/")
_QUERY_PAIR_SAFE = _UNRESERVED | frozenset("/:@!$'()*+,;=?")
_FRAGMENT_SAFE = _PATH_SAFE | frozenset("?")
_HEX = frozenset(string.hexdigits)

_SCHEME_RE = re.compile(r"([a-z][a-z0-9+.\-]*):(.*)", re.DOTALL)
_HOST_PORT_RE = re.compile(r"\d*(?:[/?#]|$)")
_CREDENTIALS_RE = re.compile(r"[^:/@]+:[^/@]*@[^@]+")
_LABEL_RE = re.compile(r"[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?")
_TLD_RE = re.compile(r"[a-z]{2,63}|xn--[a-z0-9-]{1,59}")
_NUMERIC_LABEL_RE = re.compile(r"\d+|0x[0-9a-f]*")
_LOCAL_PART_RE = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*")


class LinkError(ValueError):
    """Why a link was refused: an English message template and its parameters, translated by the web layer."""

    def __init__(self, template: str, **params: object) -> None:
        super().__init__(template, params)
        self.template = template
        self.params = params

    def __str__(self) -> str:
        return self.template % self.params


@dataclass(frozen=True, slots=True)
class WebUrl:
    """A validated http(s) address, split into canonical parts (``path`` is at least ``"/"``)."""

    scheme: str
    host: str
    port: int | None
    path: str
    query: tuple[str, ...] = ()
    fragment: str = ""

    @property
    def segments(self) -> list[str]:
        """The non-empty path segments, still percent-encoded."""
        return [segment for segment in self.path.split("/") if segment]

    @classmethod
    def build(cls, host: str, *segments: str, query: tuple[str, ...] = ()) -> WebUrl:
        """A canonical https address on ``host`` made of already-encoded path segments."""
        return cls("https", host, None, "/" + "/".join(segments), query)

    def param(self, name: str) -> str | None:
        """The decoded value of the first query parameter called ``name`` (any case), or None."""
        for pair in self.query:
            if param_name(pair) == name:
                return unquote_plus(pair.partition("=")[2])
        return None

    def only_params(self, names: frozenset[str]) -> tuple[str, ...]:
        """The query parameters called one of ``names``, in their order."""
        return tuple(pair for pair in self.query if param_name(pair) in names)

    def moved_to(self, host: str, *, drop: frozenset[str] = frozenset(), path: str | None = None) -> WebUrl:
        """This page (or ``path``) on ``host`` over https, without a trailing slash, fragment or ``drop`` params."""
        path = (self.path if path is None else path).rstrip("/") or "/"
        query = tuple(pair for pair in self.query if param_name(pair) not in drop)
        return WebUrl("https", host, None, path, query)

    def __str__(self) -> str:
        port = f":{self.port}" if self.port is not None else ""
        path = "" if self.path == "/" and not self.query and not self.fragment else self.path
        query = "?" + "&".join(self.query) if self.query else ""
        fragment = "#" + self.fragment if self.fragment else ""
        return f"{self.scheme}://{self.host}{port}{path}{query}{fragment}"


def prepare_text(raw: str) -> str:
    """Trim ``raw`` and refuse what can never be a link: empty, too long, a foreign scheme, inner spaces."""
    text = _strip_invisible(raw)
    if not text:
        raise LinkError(N_("Enter a link."))
    check_length(text)
    text = unicodedata.normalize("NFC", text)
    scheme = probe_scheme(text)
    if scheme is not None and scheme not in WEB_SCHEMES | {"mailto"}:
        if scheme not in _FOREIGN_SCHEMES and _CREDENTIALS_RE.fullmatch(text):
            raise _credentials_error()
        raise LinkError(
            N_("Only web links (http:// or https://) and e-mail addresses are accepted, not “%(scheme)s:” links."),
            scheme=scheme,
        )
    if not _plainly_visible(text) and any(_is_invisible(char) for char in text):
        raise LinkError(N_("A link cannot contain spaces or invisible characters."))
    return text


def check_length(text: str) -> None:
    """Refuse ``text`` when it is longer than :data:`MAX_URL_LENGTH`."""
    if len(text) > MAX_URL_LENGTH:
        raise LinkError(
            N_("This link is too long (%(length)d characters; at most %(limit)d)."),
            length=len(text),
            limit=MAX_URL_LENGTH,
        )


def probe_scheme(text: str) -> str | None:
    """The scheme a browser would see in ``text``, lower-cased, even behind entities or escapes; None if none.

    ``example.com:8080/x`` has no scheme: a dotted name followed by a port is a host.
    """
    probe = unquote(html.unescape(text))
    if not _plainly_visible(probe):
        probe = "".join(char for char in probe if not _is_invisible(char))
    probe = probe.lower()
    match = _SCHEME_RE.match(probe)
    if match is None:
        return None
    scheme, rest = match.groups()
    if "." in scheme and _HOST_PORT_RE.match(rest):
        return None
    return scheme


def parse_web_url(text: str) -> WebUrl:
    """Split an http(s) address (already through :func:`prepare_text`) into canonical :class:`WebUrl` parts."""
    try:
        parts = urlsplit(text)
    except ValueError as error:
        raise LinkError(N_("This link's site name is not valid.")) from error
    scheme = parts.scheme.lower()
    if scheme not in WEB_SCHEMES or not parts.netloc:
        raise LinkError(N_("This link does not say which site it points to."))
    if "@" in parts.netloc:
        raise _credentials_error()
    host, port = _split_netloc(parts.netloc, scheme)
    return WebUrl(
        scheme=scheme,
        host=host,
        port=port,
        path=normalize_encoding(parts.path, _PATH_SAFE) or "/",
        query=_clean_query(parts.query),
        fragment=_clean_fragment(parts.fragment),
    )


def normalize_email(address: str) -> str:
    """The canonical (lower-cased, ASCII-domain) form of one e-mail address, or a :class:`LinkError`."""
    local, at, domain = address.rpartition("@")
    refused = LinkError(N_("“%(address)s” is not a valid e-mail address."), address=address)
    if not at or not _LOCAL_PART_RE.fullmatch(local) or len(local) > 64:
        raise refused
    try:
        ascii_domain = normalize_host(domain)
    except LinkError as error:
        raise refused from error
    canonical = f"{local.lower()}@{ascii_domain}"
    if len(canonical) > 254:
        raise refused
    return canonical


def normalize_host(host: str) -> str:
    """The lower-cased ASCII (IDNA) form of a host name; IP addresses and malformed names are refused."""
    name = host.lower().rstrip(".")
    if not name:
        raise LinkError(N_("This link does not say which site it points to."))
    try:
        ascii_name = name.encode("idna").decode("ascii")
        ascii_name.encode("ascii").decode("idna")  # refuses malformed "xn--" labels
    except UnicodeError as error:
        raise LinkError(N_("“%(host)s” is not a valid site name."), host=host) from error
    labels = ascii_name.split(".")
    if _is_ip_address(ascii_name, labels[-1]):
        raise LinkError(N_("Use the site's name rather than a numeric address (%(host)s)."), host=host)
    valid = len(labels) >= 2 and len(ascii_name) <= 253 and _TLD_RE.fullmatch(labels[-1])
    if not valid or not all(_LABEL_RE.fullmatch(label) for label in labels):
        raise LinkError(N_("“%(host)s” is not a valid site name."), host=host)
    return ascii_name


def normalize_encoding(text: str, safe: frozenset[str] = _PATH_SAFE) -> str:
    """Percent-encode ``text`` uniformly: unreserved escapes decoded, other escapes upper-case, unsafe bytes encoded.

    Working on UTF-8 bytes makes "hélène" and "h%C3%A9l%C3%A8ne" the same text.
    """
    data = text.encode("utf-8")
    out: list[str] = []
    index = 0
    while index < len(data):
        char = chr(data[index])
        escape = data[index + 1 : index + 3].decode("latin-1")
        if char == "%" and len(escape) == 2 and set(escape) <= _HEX:
            decoded = chr(int(escape, 16))
            out.append(decoded if decoded in _UNRESERVED else "%" + escape.upper())
            index += 3
            continue
        out.append(char if data[index] < 128 and char in safe else f"%{data[index]:02X}")
        index += 1
    return "".join(out)


def lower_segment(segment: str) -> str:
    """An encoded path segment, lower-cased as text (so that escaped accents are lower-cased too)."""
    return normalize_encoding(unquote(segment).lower(), SEGMENT_SAFE)


def param_name(pair: str) -> str:
    """The decoded, lower-cased name of an encoded ``name=value`` pair, without a ``[0]``-style suffix."""
    return unquote_plus(pair.partition("=")[0]).lower().partition("[")[0]


def is_tracking_param(key: str) -> bool:
    """Whether a (decoded) query parameter name only records where a click came from."""
    name = key.lower()
    return name.startswith("utm_") or name in TRACKING_PARAMS


def _split_netloc(netloc: str, scheme: str) -> tuple[str, int | None]:
    """Host and port of ``netloc``; the port is None when absent or the scheme's default."""
    if netloc.startswith("["):
        raise LinkError(N_("Use the site's name rather than a numeric address (%(host)s)."), host=netloc)
    host, colon, port_text = netloc.partition(":")
    port: int | None = None
    if colon and port_text:
        if not port_text.isascii() or not port_text.isdigit() or not 0 < int(port_text) < 65536:
            raise LinkError(N_("The port number in this link (“%(port)s”) is not valid."), port=port_text)
        port = int(port_text)
    if port == _DEFAULT_PORTS[scheme]:
        port = None
    return normalize_host(host), port


def _clean_query(query: str) -> tuple[str, ...]:
    """The query's parameters in their order, uniformly encoded, without empty pieces or tracking parameters."""
    kept = []
    for pair in query.split("&"):
        if pair and not is_tracking_param(param_name(pair)):
            kept.append(normalize_encoding(pair, _QUERY_PAIR_SAFE))
    return tuple(kept)


def _clean_fragment(fragment: str) -> str:
    """The fragment, unless it is only noise: empty, a text highlight (``:~:``), or Facebook's ``_=_``."""
    if fragment.startswith(":~:") or fragment == "_=_":
        return ""
    return normalize_encoding(fragment, _FRAGMENT_SAFE)


def _is_ip_address(name: str, last_label: str) -> bool:
    """Whether browsers would read ``name`` as an IP address (a numeric last label is enough)."""
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return bool(_NUMERIC_LABEL_RE.fullmatch(last_label))
    return True


def _plainly_visible(text: str) -> bool:
    """A fast answer for the usual case: printable ASCII without spaces has no invisible character."""
    return text.isascii() and text.isprintable() and " " not in text


def _is_invisible(char: str) -> bool:
    """Whether ``char`` is whitespace, a control, format (bidi, zero-width), unassigned or separator character."""
    return char.isspace() or unicodedata.category(char)[0] in {"C", "Z"}


def _strip_invisible(text: str) -> str:
    """``text`` without the whitespace and invisible characters around it (as browsers trim pasted links)."""
    start, end = 0, len(text)
    while start < end and _is_invisible(text[start]):
        start += 1
    while end > start and _is_invisible(text[end - 1]):
        end -= 1
    return text[start:end]


def _credentials_error() -> LinkError:
    """The refusal of links that carry a user name or password before the host."""
    return LinkError(
        N_("Links containing a user name or password (“name:password@” before the site) are not accepted.")
    )
