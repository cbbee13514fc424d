"""Pictures made for the tests with Pillow: photos with and without metadata, and files that are not photos."""

from __future__ import annotations

import io
import struct
import zlib

from PIL import ExifTags, Image


def photo_bytes(fmt: str = "JPEG", size: tuple[int, int] = (64, 48), *, gps: bool = False) -> bytes:
    """A small picture in ``fmt``; with ``gps``, EXIF holding a camera maker and a GPS position."""
    image = Image.new("RGB", size, (200, 30, 30))
    out = io.BytesIO()
    if gps:
        exif = Image.Exif()
        exif[ExifTags.Base.Make] = "CameraMaker"
        position = exif.get_ifd(ExifTags.IFD.GPSInfo)
        position[ExifTags.GPS.GPSLatitudeRef] = "N"
        position[ExifTags.GPS.GPSLatitude] = (45.0, 30.0, 0.0)
        image.save(out, format=fmt, exif=exif)
    else:
        image.save(out, format=fmt)
    return out.getvalue()


def noisy_png(side: int) -> bytes:
    """A PNG of random pixels (it does not compress: its size grows with ``side``)."""
    import os

    return photo_bytes_from(Image.frombytes("RGB", (side, side), os.urandom(side * side * 3)), "PNG")


def photo_bytes_from(image: Image.Image, fmt: str) -> bytes:
    """``image`` written in ``fmt``."""
    out = io.BytesIO()
    image.save(out, format=fmt)
    return out.getvalue()


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def bomb_png(side: int = 40_000) -> bytes:
    """A tiny PNG whose header claims ``side`` × ``side`` pixels (1.6 billion by default)."""
    header = struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"\0" * 1024)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", pixels) + _chunk(b"IEND", b"")
