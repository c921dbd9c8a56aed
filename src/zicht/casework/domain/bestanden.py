"""Which uploaded files a journaal may hold: an allow-list checked on the *content*.

The name's extension must be on the allow-list **and** the first bytes must match that type
(PDF ``%PDF-``, PNG, JPEG, plain UTF-8 text, and docx/xlsx as a zip with the right internal
parts). Executables are refused by name (``.exe``, ``.bat``, ``.js``, ``.sh``, ...) and by content
(``MZ``, ELF, Mach-O, ``#!`` scripts), with a Dutch message. Office files with macros are refused.

Pure Python (no Django): :func:`keur_bestand` reads from a binary stream and returns the
verdict; the caller stores the file.
"""

from __future__ import annotations

import hashlib
import zipfile
from dataclasses import dataclass
from typing import IO, Final

__all__ = [
    "MAX_GROOTTE",
    "TOEGESTANE_TYPES",
    "BestandGeweigerd",
    "Bestandstype",
    "GekeurdBestand",
    "keur_bestand",
]

#: Largest attachment accepted, in bytes (20 MB).
MAX_GROOTTE: Final = 20 * 1024 * 1024

_SNIFF_BYTES: Final = 8192


class BestandGeweigerd(ValueError):
    """The file is refused; ``bericht`` is the Dutch message for the user."""

    def __init__(self, bericht: str) -> None:
        super().__init__(bericht)
        self.bericht = bericht


@dataclass(frozen=True, slots=True)
class Bestandstype:
    code: str
    omschrijving: str
    mime_type: str
    extensies: frozenset[str]


PDF = Bestandstype("pdf", "PDF-document", "application/pdf", frozenset({".pdf"}))
PNG = Bestandstype("png", "PNG-afbeelding", "image/png", frozenset({".png"}))
JPEG = Bestandstype("jpeg", "JPEG-foto", "image/jpeg", frozenset({".jpg", ".jpeg"}))
TEKST = Bestandstype("tekst", "tekstbestand", "text/plain", frozenset({".txt"}))
DOCX = Bestandstype(
    "docx",
    "Word-document",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    frozenset({".docx"}),
)
XLSX = Bestandstype(
    "xlsx",
    "Excel-werkmap",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    frozenset({".xlsx"}),
)

TOEGESTANE_TYPES: Final = (PDF, PNG, JPEG, TEKST, DOCX, XLSX)
_PER_EXTENSIE: Final = {ext: t for t in TOEGESTANE_TYPES for ext in t.extensies}

#: Names that are executable or scriptable on some system; refused outright.
UITVOERBARE_EXTENSIES: Final = frozenset(
    {
        ".exe", ".com", ".bat", ".cmd", ".msi", ".msp", ".scr", ".pif", ".cpl", ".dll", ".sys",
        ".js", ".jse", ".mjs", ".vbs", ".vbe", ".wsf", ".wsh", ".hta", ".ps1", ".psm1", ".sh",
        ".bash", ".zsh", ".csh", ".ksh", ".py", ".pyw", ".pl", ".rb", ".php", ".jar", ".class",
        ".app", ".apk", ".deb", ".rpm", ".dmg", ".lnk", ".reg", ".scf", ".url", ".elf", ".bin",
        ".run", ".docm", ".xlsm", ".pptm", ".dotm", ".xltm", ".html", ".htm", ".svg", ".xhtml",
    }
)  # fmt: skip

_UITVOERBAAR_MELDING: Final = (
    "Uitvoerbare bestanden en scripts (zoals .exe, .bat, .js of .sh) worden niet geaccepteerd."
)

_MAGIC_UITVOERBAAR: Final = (
    b"MZ",  # Windows PE / DOS
    b"\x7fELF",  # Linux
    b"#!",  # scripts
    b"\xfe\xed\xfa\xce",  # Mach-O 32
    b"\xfe\xed\xfa\xcf",  # Mach-O 64
    b"\xce\xfa\xed\xfe",
    b"\xcf\xfa\xed\xfe",
    b"\xca\xfe\xba\xbe",  # Mach-O universal / Java class
)


@dataclass(frozen=True, slots=True)
class GekeurdBestand:
    """An accepted file: its type, size and SHA-256 (hex)."""

    type: Bestandstype
    grootte: int
    sha256: str
    naam: str


def _extensie(naam: str) -> str:
    basis = naam.replace("\\", "/").rsplit("/", 1)[-1].strip().rstrip(".").lower()
    if "." not in basis:
        return ""
    return "." + basis.rsplit(".", 1)[-1]


def veilige_naam(naam: str) -> str:
    """The file name without any directory part or control characters, at most 255 chars."""
    basis = naam.replace("\\", "/").rsplit("/", 1)[-1]
    schoon = "".join(c for c in basis if c.isprintable() and c not in '"<>|:*?').strip()
    return (schoon or "bijlage")[-255:]


_TEKST_STUURTEKENS: Final = frozenset(b"\t\n\r\f\x1a")


def _is_tekst(kop: bytes) -> bool:
    """UTF-8 text, or single-byte text (Windows-1252) without control characters."""
    if b"\x00" in kop:
        return False
    try:
        kop.decode("utf-8")
    except UnicodeDecodeError as fout:
        # A multi-byte character cut off at the end of the sample is fine.
        if fout.start < len(kop) - 3:
            return all(b >= 0x20 or b in _TEKST_STUURTEKENS for b in kop)
    return all(b >= 0x20 or b in _TEKST_STUURTEKENS for b in kop)


def _office_type(stream: IO[bytes]) -> Bestandstype | None:
    """docx or xlsx when the zip holds the right parts; raises on macros."""
    try:
        with zipfile.ZipFile(stream) as archief:
            namen = set(archief.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    if "[Content_Types].xml" not in namen:
        return None
    if any(n.lower().endswith("vbaproject.bin") for n in namen):
        raise BestandGeweigerd("Office-bestanden met macro's worden niet geaccepteerd.")
    if "word/document.xml" in namen:
        return DOCX
    if "xl/workbook.xml" in namen:
        return XLSX
    return None


def _inhoud_type(kop: bytes, stream: IO[bytes]) -> Bestandstype | None:
    if kop.startswith(b"%PDF-"):
        return PDF
    if kop.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if kop.startswith(b"\xff\xd8\xff"):
        return JPEG
    if kop.startswith(b"PK\x03\x04"):
        stream.seek(0)
        return _office_type(stream)
    if _is_tekst(kop):
        return TEKST
    return None


def keur_bestand(naam: str, stream: IO[bytes], grootte: int | None = None) -> GekeurdBestand:
    """Checks an uploaded file; returns the verdict or raises :class:`BestandGeweigerd`.

    ``stream`` must be seekable; it is read once for the hash and left at position 0.
    """
    naam = veilige_naam(naam)
    extensie = _extensie(naam)
    if extensie in UITVOERBARE_EXTENSIES:
        raise BestandGeweigerd(_UITVOERBAAR_MELDING)
    if grootte is None:
        stream.seek(0, 2)
        grootte = stream.tell()
    if grootte > MAX_GROOTTE:
        raise BestandGeweigerd(
            f"Het bestand is te groot ({grootte / 1024 / 1024:.1f} MB); "
            f"het maximum is {MAX_GROOTTE // 1024 // 1024} MB."
        )
    if grootte == 0:
        raise BestandGeweigerd("Het bestand is leeg.")
    stream.seek(0)
    kop = stream.read(_SNIFF_BYTES)
    if kop.startswith(_MAGIC_UITVOERBAAR):
        raise BestandGeweigerd(_UITVOERBAAR_MELDING)
    verwacht = _PER_EXTENSIE.get(extensie)
    if verwacht is None:
        toegestaan = ", ".join(sorted(_PER_EXTENSIE))
        raise BestandGeweigerd(
            f"Dit soort bestand wordt niet geaccepteerd. Toegestaan zijn: {toegestaan}."
        )
    gevonden = _inhoud_type(kop, stream)
    if gevonden is not verwacht:
        raise BestandGeweigerd(
            f"De inhoud van het bestand past niet bij de naam: het is geen {verwacht.omschrijving}."
        )
    stream.seek(0)
    digest = hashlib.sha256()
    gelezen = 0
    while blok := stream.read(1024 * 1024):
        gelezen += len(blok)
        if gelezen > MAX_GROOTTE:
            raise BestandGeweigerd(
                f"Het bestand is te groot; het maximum is {MAX_GROOTTE // 1024 // 1024} MB."
            )
        digest.update(blok)
    stream.seek(0)
    return GekeurdBestand(type=verwacht, grootte=gelezen, sha256=digest.hexdigest(), naam=naam)
