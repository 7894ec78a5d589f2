"""What a file is comes from its content: office documents, PDFs and images in, the rest out."""

from __future__ import annotations

import io
import zipfile

import pytest

from safeharbor.cases.uploads import OLE2, check_photo, document_type
from safeharbor.domain.errors import InputError
from tests.cases.builders import image_bytes, pdf_with


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "media_type"),
    [
        (pdf_with("x"), "application/pdf"),
        (image_bytes("PNG"), "image/png"),
        (image_bytes("JPEG"), "image/jpeg"),
        (image_bytes("GIF"), "image/gif"),
        (OLE2 + b"\x00" * 100, "application/vnd.ms-office"),
        (
            _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w/>"}),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (
            _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<x/>"}),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        (
            _zip({"mimetype": b"application/vnd.oasis.opendocument.text"}),
            "application/vnd.oasis.opendocument.text",
        ),
    ],
)
def test_documents_are_known_by_their_content(data, media_type):
    assert document_type(data) == media_type


@pytest.mark.parametrize(
    "data",
    [
        b"#!/bin/sh\nrm -rf /\n",
        b"<html><script>alert(1)</script></html>",
        _zip({"payload.exe": b"MZ"}),
        b"",
    ],
)
def test_anything_else_is_refused_beside_the_attachment_field(data):
    with pytest.raises(InputError) as refused:
        document_type(data)
    assert refused.value.field == "attachment"


def test_a_photo_is_reencoded_as_a_jpeg_no_larger_than_1600_pixels():
    photo = check_photo(image_bytes("PNG", size=(3200, 800)))
    assert (photo.media_type, photo.width, photo.height) == ("image/jpeg", 1600, 400)
    assert photo.data[:3] == b"\xff\xd8\xff"
