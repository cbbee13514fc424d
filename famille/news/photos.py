"""A news post's photo: checked by its content, re-encoded without its metadata, stored under a random name.

What a file is comes from Pillow reading it, never from its name or the browser's word: a PNG named ".jpg" is a
PNG, a text file named ".jpg" is refused. Re-encoding copies only the pixels into a new image, so EXIF (GPS
position, camera, date), XMP, comments and text chunks are all left behind; the photo is first turned upright
as its EXIF orientation says, then scaled down to :data:`MAX_SIDE`. A picture of more than :data:`MAX_PIXELS`
pixels is refused before it is decoded (a "decompression bomb": a small file that unpacks into gigabytes).

This module imports neither Flask nor a session.
"""

from __future__ import annotations

import io
import re
import secrets
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import Image, ImageOps, UnidentifiedImageError

from famille.markers import N_

#: The formats accepted, and the file extension each is stored with.
FORMATS: dict[str, str] = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
#: The media type each stored extension is served with.
MEDIA_TYPES: dict[str, str] = {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp"}
#: The longest side of a stored photo, in pixels: enough for a screen, far less than a camera's.
MAX_SIDE = 1600
#: Pictures larger than this (in pixels, about 50 megapixels) are refused unread.
MAX_PIXELS = 50_000_000
#: The names this module gives stored photos (anything else is not one of ours).
PHOTO_NAME = re.compile(r"^[A-Za-z0-9_-]{20,40}\.(jpg|png|webp)$")


class PhotoError(ValueError):
    """Why a photo was refused (an English template; the web layer translates it)."""

    def __init__(self, template: str, **params: Any) -> None:
        self.template, self.params = template, params
        super().__init__(template % params)


@dataclass(frozen=True, slots=True)
class Photo:
    """A photo ready to store: its clean bytes, extension and size in pixels."""

    content: bytes
    extension: str
    width: int
    height: int


def _open(data: bytes) -> Image.Image:
    """The picture in ``data``, decoded, or a :class:`PhotoError` saying why not."""
    try:
        with warnings.catch_warnings():
            # Pillow only warns below twice its own limit: here any bomb is refused.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            if image.format not in FORMATS:
                raise PhotoError(N_("Only JPEG, PNG and WebP photos are accepted."))
            if image.width * image.height > MAX_PIXELS:
                raise PhotoError(N_("This picture has too many pixels to be a photo; send a smaller one."))
            image.load()
            return image
    except PhotoError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise PhotoError(N_("This picture has too many pixels to be a photo; send a smaller one.")) from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as error:
        raise PhotoError(N_("This file is not a photo that can be read (JPEG, PNG or WebP).")) from error


def _eight_bit(image: Image.Image) -> Image.Image:
    """A 16-bit grey picture scaled down to 8 bits (a plain conversion would clip every grey above 255 to white)."""
    if not image.mode.startswith("I"):
        return image
    wide = image if image.mode == "I" else image.convert("I")
    return wide.point(lambda value: value / 256).convert("L")


def clean_photo(data: bytes, *, max_bytes: int) -> Photo:
    """Check ``data`` and re-encode it without metadata, upright and at most :data:`MAX_SIDE` pixels a side."""
    if len(data) > max_bytes:
        raise PhotoError(N_("The photo is too large: at most %(size)s MB."), size=max(1, max_bytes // 1_000_000))
    if not data:
        raise PhotoError(N_("The photo file is empty."))
    image = _open(data)
    extension = FORMATS[str(image.format)]
    upright = _eight_bit(ImageOps.exif_transpose(image) or image)
    upright.thumbnail((MAX_SIDE, MAX_SIDE))
    mode = (
        "RGB"
        if extension == "jpg"
        else ("RGBA" if "A" in upright.getbands() or "transparency" in upright.info else "RGB")
    )
    pixels = upright.convert(mode)
    # A brand-new image holding only the pixels: nothing of the file's metadata can follow.
    clean = Image.frombytes(mode, pixels.size, pixels.tobytes())
    out = io.BytesIO()
    options: dict[str, Any] = {"jpg": {"quality": 85}, "webp": {"quality": 85}, "png": {"optimize": True}}[extension]
    clean.save(out, format=str(image.format), **options)
    return Photo(out.getvalue(), extension, clean.width, clean.height)


def store_photo(folder: Path, photo: Photo) -> str:
    """Write the photo into ``folder`` under a new random name, and return that name."""
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{secrets.token_urlsafe(18)}.{photo.extension}"
    (folder / name).write_bytes(photo.content)
    return name


def photo_path(folder: Path, name: str) -> Path | None:
    """Where the stored photo ``name`` is; None for a name this module did not give."""
    return folder / name if PHOTO_NAME.match(name or "") else None


def remove_photo(folder: Path, name: str) -> None:
    """Delete a stored photo (a missing file is fine: it is gone either way)."""
    path = photo_path(folder, name)
    if path is not None:
        path.unlink(missing_ok=True)
