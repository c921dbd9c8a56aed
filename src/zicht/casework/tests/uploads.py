"""Small synthetic files of each kind, for attachment tests."""

from __future__ import annotations

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile


def office_zip(*delen: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archief:
        for deel in delen:
            archief.writestr(deel, "<xml/>")
    return buffer.getvalue()


PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 20
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 20
TEKST = b"Verslag van het huisbezoek.\nAlles rustig; afspraken nagekomen.\n"
DOCX = office_zip("[Content_Types].xml", "word/document.xml")
XLSX = office_zip("[Content_Types].xml", "xl/workbook.xml")
DOCX_MACRO = office_zip("[Content_Types].xml", "word/document.xml", "word/vbaProject.bin")
EXE = b"MZ\x90\x00" + b"\x00" * 60
ELF = b"\x7fELF\x02\x01\x01" + b"\x00" * 20
SCRIPT = b"#!/bin/sh\nrm -rf /\n"


def upload(naam: str, inhoud: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(naam, inhoud, content_type=content_type)
