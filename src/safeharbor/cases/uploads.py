"""What an uploaded file is, found from its content, never from its name (a photo must be an
image, a document a PDF, an image or an office document), and the limits on its size.

A photo is decoded and re-encoded with Pillow: what is stored is an image Pillow drew, without
the original's metadata (a phone photo carries where it was taken: a placement's location).
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

from safeharbor.domain.errors import InputError

MB = 1024 * 1024
PHOTO_MAX_BYTES = 5 * MB
ATTACHMENT_MAX_BYTES = 10 * MB
PHOTO_MAX_SIDE = 1600  # pixels: enough for a poster, small enough to store
MAX_PIXELS = 40_000_000  # refuse "decompression bombs" before decoding them

IMAGE_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "GIF": "image/gif", "WEBP": "image/webp"}
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy Word, Excel and PowerPoint files
OOXML = {
    "word/": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xl/": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ppt/": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}
ACCEPTED = (
    "a PDF, an image (JPEG, PNG, GIF, WebP) or an office document "
    "(Word, Excel, PowerPoint, OpenDocument)"
)


@dataclass(frozen=True)
class Photo:
    """A photo as stored: a JPEG Pillow drew, and its size in pixels."""

    data: bytes
    width: int
    height: int
    media_type: str = "image/jpeg"


def check_size(size: int, limit: int, field: str) -> None:
    """Refuse a file over ``limit`` bytes, saying both sizes."""
    if size > limit:
        raise InputError(
            f"this file is {size / MB:.1f} MB; the limit is {limit // MB} MB", field=field
        )
    if size == 0:
        raise InputError("this file is empty", field=field)


def _open_image(data: bytes, field: str) -> Image.Image:
    """Return the decoded image, or refuse anything Pillow does not read as an image we accept."""
    try:
        with Image.open(io.BytesIO(data)) as probe:
            probe.verify()
        image = Image.open(io.BytesIO(data))
        if image.format not in IMAGE_TYPES or image.width * image.height > MAX_PIXELS:
            raise InputError("this is not a JPEG, PNG, GIF or WebP image", field=field)
        image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise InputError(
            "this file is not an image (JPEG, PNG, GIF or WebP)", field=field
        ) from None
    return image


def check_photo(data: bytes, field: str = "photo") -> Photo:
    """Return the photo re-encoded as a JPEG without metadata; refuse what is not an image."""
    check_size(len(data), PHOTO_MAX_BYTES, field)
    image = ImageOps.exif_transpose(_open_image(data, field)).convert("RGB")
    image.thumbnail((PHOTO_MAX_SIDE, PHOTO_MAX_SIDE))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=85)
    return Photo(out.getvalue(), image.width, image.height)


def document_type(data: bytes, field: str = "attachment") -> str:
    """Return the media type of a document found from its first bytes; refuse any other file."""
    check_size(len(data), ATTACHMENT_MAX_BYTES, field)
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    if data.startswith(OLE2):
        return "application/vnd.ms-office"
    if data.startswith(b"PK\x03\x04"):
        return _zip_document_type(data, field)
    if _looks_like_image(data):
        return IMAGE_TYPES[str(_open_image(data, field).format)]
    raise InputError(f"this file is not {ACCEPTED}", field=field)


def _looks_like_image(data: bytes) -> bool:
    return (
        data[:3] == b"\xff\xd8\xff"
        or data[:8] == b"\x89PNG\r\n\x1a\n"
        or (data[:6] in (b"GIF87a", b"GIF89a") or (data[:4] == b"RIFF" and data[8:12] == b"WEBP"))
    )


def _zip_document_type(data: bytes, field: str) -> str:
    """Return the type of an Office Open XML or OpenDocument file; refuse any other archive."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            if "mimetype" in names:
                declared = archive.read("mimetype").decode("ascii", "replace").strip()
                if declared.startswith("application/vnd.oasis.opendocument."):
                    return declared
            if "[Content_Types].xml" in names:
                for prefix, media_type in OOXML.items():
                    if any(name.startswith(prefix) for name in names):
                        return media_type
    except (zipfile.BadZipFile, KeyError, OSError):
        pass
    raise InputError(f"this archive is not {ACCEPTED}", field=field)
