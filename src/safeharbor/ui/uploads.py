"""Uploaded files stay in memory, never on disk: they are case content (a youth's photo, a safety
plan), and Django's default handler writes any upload over 2.5 MB to a temporary file.

Past ``SAFEHARBOR_UPLOAD_MAX_BYTES`` the handler keeps counting but stops keeping: the file
arrives with its true ``size`` and no more than the limit of content, so the form refuses it by
its size, beside its field, and memory stays bounded.
"""

from __future__ import annotations

import io
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler


class InMemoryUploadHandler(FileUploadHandler):
    """Hold each uploaded file in memory up to the limit; beyond it, only count its bytes."""

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.buffer = io.BytesIO()
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> None:
        self.received += len(raw_data)
        room = settings.SAFEHARBOR_UPLOAD_MAX_BYTES - self.buffer.tell()
        if room > 0:
            self.buffer.write(raw_data[:room])

    def file_complete(self, file_size: int) -> InMemoryUploadedFile:
        self.buffer.seek(0)
        return InMemoryUploadedFile(
            file=self.buffer,
            field_name=self.field_name,
            name=self.file_name,
            content_type=self.content_type,
            size=self.received,
            charset=self.charset,
            content_type_extra=self.content_type_extra,
        )
