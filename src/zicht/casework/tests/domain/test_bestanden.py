"""The attachment allow-list: content sniffing, executables, size (no database)."""

from __future__ import annotations

import hashlib
import io

import pytest

from zicht.casework.domain.bestanden import (
    MAX_GROOTTE,
    BestandGeweigerd,
    keur_bestand,
    veilige_naam,
)
from zicht.casework.tests import uploads

UITVOERBAAR = "Uitvoerbare bestanden en scripts"
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.mark.parametrize(
    ("naam", "inhoud", "code", "mime"),
    [
        ("verslag.pdf", uploads.PDF, "pdf", "application/pdf"),
        ("FOTO.PNG", uploads.PNG, "png", "image/png"),  # hoofdletters in de extensie
        ("letsel.jpg", uploads.JPEG, "jpeg", "image/jpeg"),
        ("letsel.jpeg", uploads.JPEG, "jpeg", "image/jpeg"),
        ("notitie.txt", uploads.TEKST, "tekst", "text/plain"),
        # Windows-1252-tekst (é als 0xe9) is ook tekst
        ("oud.txt", "Café overleg\r\n".encode("cp1252"), "tekst", "text/plain"),
        ("plan.docx", uploads.DOCX, "docx", DOCX_MIME),
        ("cijfers.xlsx", uploads.XLSX, "xlsx", XLSX_MIME),
    ],
)
def test_allowed_types_are_accepted(naam, inhoud, code, mime):
    gekeurd = keur_bestand(naam, io.BytesIO(inhoud))
    assert gekeurd.type.code == code
    assert gekeurd.type.mime_type == mime
    assert gekeurd.grootte == len(inhoud)
    assert gekeurd.sha256 == hashlib.sha256(inhoud).hexdigest()


@pytest.mark.parametrize(
    ("naam", "inhoud", "melding"),
    [
        # uitvoerbaar op naam, ook met dubbele extensie
        ("setup.exe", uploads.EXE, UITVOERBAAR),
        ("verslag.pdf.exe", uploads.PDF, UITVOERBAAR),
        ("start.bat", b"@echo off\r\n", UITVOERBAAR),
        ("app.js", b"alert(1)", UITVOERBAAR),
        ("run.sh", b"echo hoi", UITVOERBAAR),
        ("pagina.html", b"<script>alert(1)</script>", UITVOERBAAR),
        ("macro.docm", uploads.DOCX, UITVOERBAAR),
        # uitvoerbaar op inhoud, vermomd als toegestaan type
        ("verslag.pdf", uploads.EXE, UITVOERBAAR),  # MZ-kop
        ("notitie.txt", uploads.ELF, UITVOERBAAR),  # ELF
        ("notitie.txt", uploads.SCRIPT, UITVOERBAAR),  # #!-script
        # inhoud past niet bij de naam
        ("foto.png", uploads.PDF, "geen PNG-afbeelding"),
        ("verslag.pdf", uploads.TEKST, "geen PDF-document"),
        ("plan.docx", uploads.XLSX, "geen Word-document"),
        ("plan.docx", b"PK\x03\x04 kapot", "geen Word-document"),  # kapotte zip
        ("plan.docx", uploads.office_zip("a.txt"), "geen Word-document"),  # gewone zip
        ("plan.docx", uploads.office_zip("[Content_Types].xml"), "geen Word-document"),
        ("notitie.txt", b"\x00\x01\x02binair", "geen tekstbestand"),
        ("notitie.txt", b"tekst\x01met stuurteken \xff", "geen tekstbestand"),
        # niet op de lijst
        ("archief.zip", uploads.office_zip("a.txt"), "niet geaccepteerd. Toegestaan zijn"),
        ("zonder-extensie", uploads.PDF, "niet geaccepteerd"),
        # macro's in een docx
        ("plan.docx", uploads.DOCX_MACRO, "macro's"),
        # leeg
        ("leeg.txt", b"", "Het bestand is leeg."),
    ],
)
def test_refused_files_get_a_dutch_message(naam, inhoud, melding):
    with pytest.raises(BestandGeweigerd) as fout:
        keur_bestand(naam, io.BytesIO(inhoud))
    assert melding in fout.value.bericht


def test_oversized_file_is_refused_by_declared_size():
    with pytest.raises(BestandGeweigerd, match="te groot"):
        keur_bestand("groot.pdf", io.BytesIO(uploads.PDF), MAX_GROOTTE + 1)


def test_oversized_file_is_refused_when_the_declared_size_lies():
    inhoud = uploads.PDF + b"\x00" * (MAX_GROOTTE + 10)
    with pytest.raises(BestandGeweigerd, match="te groot"):
        keur_bestand("groot.pdf", io.BytesIO(inhoud), 100)


def test_exactly_the_maximum_is_accepted():
    inhoud = uploads.PDF + b" " * (MAX_GROOTTE - len(uploads.PDF))
    assert keur_bestand("max.pdf", io.BytesIO(inhoud)).grootte == MAX_GROOTTE


def test_a_utf8_character_cut_at_the_sample_edge_is_still_text():
    inhoud = b"a" * 8191 + "é".encode()  # the 2-byte é straddles the 8192-byte sample
    assert keur_bestand("lang.txt", io.BytesIO(inhoud)).type.code == "tekst"


@pytest.mark.parametrize(
    ("naam", "veilig"),
    [
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\x\\rapport.pdf", "rapport.pdf"),
        ('ra"p<p>ort.pdf', "rapport.pdf"),
        ("\x00\x1b", "bijlage"),
        ("a" * 300 + ".pdf", ("a" * 300 + ".pdf")[-255:]),
    ],
)
def test_names_lose_paths_and_control_characters(naam, veilig):
    assert veilige_naam(naam) == veilig
