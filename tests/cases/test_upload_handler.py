"""Uploads stay in memory, never in a temporary file, and past the limit only their size is kept."""

from __future__ import annotations

from django.core.files.uploadedfile import InMemoryUploadedFile, SimpleUploadedFile
from django.test import RequestFactory


def test_an_upload_is_held_in_memory_and_cut_at_the_limit_with_its_true_size(settings):
    settings.SAFEHARBOR_UPLOAD_MAX_BYTES = 3 * 1024 * 1024
    data = b"%PDF-1.4\n" + b"7" * (4 * 1024 * 1024)  # over Django's 2.5 MB in-memory default
    request = RequestFactory().post("/", {"attachment": SimpleUploadedFile("big.pdf", data)})
    upload = request.FILES["attachment"]
    assert isinstance(upload, InMemoryUploadedFile)
    assert upload.size == len(data)
    assert upload.read() == data[: 3 * 1024 * 1024]


def test_a_file_within_the_limit_arrives_whole(settings):
    data = b"%PDF-1.4\n" + b"7" * (3 * 1024 * 1024)
    request = RequestFactory().post("/", {"attachment": SimpleUploadedFile("plan.pdf", data)})
    upload = request.FILES["attachment"]
    assert (type(upload), upload.size, upload.read()) == (InMemoryUploadedFile, len(data), data)
