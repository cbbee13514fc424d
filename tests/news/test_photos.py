"""Photos of news posts: decided by content, re-encoded without metadata, scaled down, bombs refused."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from famille.news.photos import MAX_SIDE, PhotoError, clean_photo, photo_path, remove_photo, store_photo
from tests.news.images import bomb_png, photo_bytes, photo_bytes_from

LIMIT = 8_000_000


def test_exif_and_gps_are_stripped() -> None:
    original = photo_bytes("JPEG", gps=True)
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(0x8825)  # the test photo does carry a position
    photo = clean_photo(original, max_bytes=LIMIT)
    stored = Image.open(io.BytesIO(photo.content))
    assert stored.format == "JPEG" and photo.extension == "jpg"
    assert len(stored.getexif()) == 0 and "exif" not in stored.info
    assert b"CameraMaker" not in photo.content


@pytest.mark.parametrize(("fmt", "extension"), [("PNG", "png"), ("WEBP", "webp"), ("JPEG", "jpg")])
def test_each_accepted_format_keeps_its_kind(fmt: str, extension: str) -> None:
    photo = clean_photo(photo_bytes(fmt), max_bytes=LIMIT)
    assert photo.extension == extension and Image.open(io.BytesIO(photo.content)).format == fmt


def test_a_big_photo_is_scaled_down() -> None:
    photo = clean_photo(photo_bytes("JPEG", size=(4000, 1000)), max_bytes=LIMIT)
    assert (photo.width, photo.height) == (MAX_SIDE, MAX_SIDE // 4)


@pytest.mark.parametrize(
    "data",
    [
        b"this is plain text pretending to be a photo",
        b"\xff\xd8\xff\xe0 broken jpeg start",
        photo_bytes_from(Image.new("RGB", (10, 10)), "GIF"),
        photo_bytes_from(Image.new("RGB", (10, 10)), "BMP"),
        b"",
    ],
)
def test_what_is_not_an_accepted_photo_is_refused(data: bytes) -> None:
    with pytest.raises(PhotoError):
        clean_photo(data, max_bytes=LIMIT)


def test_too_big_and_bombs_are_refused() -> None:
    with pytest.raises(PhotoError, match="too large"):
        clean_photo(photo_bytes("PNG"), max_bytes=100)
    with pytest.raises(PhotoError, match="too many pixels"):
        clean_photo(bomb_png(), max_bytes=LIMIT)


def test_stored_under_a_random_name_and_only_our_names_are_paths(tmp_path) -> None:
    photo = clean_photo(photo_bytes("PNG"), max_bytes=LIMIT)
    first, second = store_photo(tmp_path, photo), store_photo(tmp_path, photo)
    assert first != second and first.endswith(".png") and (tmp_path / first).is_file()
    for odd in ("../secret.png", "a.png", "x" * 30 + ".exe", ""):
        assert photo_path(tmp_path, odd) is None
    remove_photo(tmp_path, first)
    remove_photo(tmp_path, first)
    assert not (tmp_path / first).exists()
