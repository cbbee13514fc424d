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


def _first_pixel(photo_content: bytes) -> tuple[int, ...]:
    return Image.open(io.BytesIO(photo_content)).convert("RGBA").getpixel((0, 0))


def test_a_16_bit_grey_photo_keeps_its_greys() -> None:
    # A plain conversion clips every 16-bit grey above 255 to white.
    photo = clean_photo(photo_bytes_from(Image.new("I;16", (20, 20), 30000), "PNG"), max_bytes=LIMIT)
    assert _first_pixel(photo.content) == (117, 117, 117, 255)


def test_odd_but_real_pictures_are_accepted() -> None:
    cmyk = clean_photo(photo_bytes_from(Image.new("CMYK", (20, 20), (0, 255, 0, 0)), "JPEG"), max_bytes=LIMIT)
    assert _first_pixel(cmyk.content)[:2] == (255, 0)  # magenta stays magenta
    palette = Image.new("P", (20, 20), 0)
    palette.putpalette([0, 0, 0, 255, 0, 0])
    out = io.BytesIO()
    palette.save(out, format="PNG", transparency=0)
    assert _first_pixel(clean_photo(out.getvalue(), max_bytes=LIMIT).content)[3] == 0  # still see-through
    frames = [Image.new("RGB", (20, 20), colour) for colour in ((0, 0, 255), (0, 255, 0))]
    out = io.BytesIO()
    frames[0].save(out, format="WEBP", save_all=True, append_images=frames[1:], lossless=True)
    animated = clean_photo(out.getvalue(), max_bytes=LIMIT)  # the first frame, as a still picture
    red, green, blue, _alpha = _first_pixel(animated.content)
    assert animated.extension == "webp" and blue > 200 and red < 50 and green < 50
