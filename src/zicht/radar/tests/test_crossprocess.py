"""The radar across processes: the register service and two Zicht instances (two SQLite
databases, two organisations) as subprocesses on loopback ports.

Given the register and instances of "VT Noord" and "VT Zuid"
- when both take in the same person, each side gets exactly one match signal, naming the other
  organisation and its contact line — and syncing again adds none;
- when the register is down during intake, intake still succeeds, the involvement waits in the
  outbox, and after a restart it arrives (nothing lost, end dates too);
- a forged, tampered or replayed request is refused and logged; a question about a person the
  organisation is not involved with is refused and logged; a retry with the same idempotency
  key is answered once;
- when both register the same new person at the same moment, each side still gets exactly one
  signal.

The instances always use SQLite files of their own (``DATABASE_URL`` is set for the
subprocesses), so these tests run unchanged in the PostgreSQL CI run.
"""

# The tests talk HTTP to the loopback register they started themselves.
# ruff: noqa: S310

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from zicht.radar.domain.ondertekening import HEADER_HANDTEKENING, Ondertekend, antwoord_tekst
from zicht.radar.domain.ondertekening import handtekening_klopt as klopt

pytestmark = pytest.mark.crossprocess

PYTHON = sys.executable
ZICHT_HOME = Path(__file__).resolve().parents[4]


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _basis_env(tmp: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "ZICHT_RADAR"}}
    env.update({"ZICHT_HOME": str(ZICHT_HOME), "ZICHT_VAR_DIR": str(tmp), "PYTHONUNBUFFERED": "1"})
    return env


class Register:
    def __init__(self, tmp: Path, database_url: str | None = None) -> None:
        self.tmp = tmp
        self.poort = _vrije_poort()
        self.url = f"http://127.0.0.1:{self.poort}"
        self.db = tmp / "register.sqlite3"
        self.database_url = database_url
        self.env = _basis_env(tmp) | {
            "DJANGO_SETTINGS_MODULE": "zicht.radar.register.settings",
            "RADAR_DATABASE_URL": database_url or f"sqlite:///{self.db}",
        }
        self.proces: subprocess.Popen[bytes] | None = None

    def beheer(self, *args: str) -> None:
        subprocess.run(
            [PYTHON, "-m", "zicht.radar.register", *args],
            env=self.env,
            check=True,
            capture_output=True,
            timeout=60,
        )

    def start(self) -> None:
        self.proces = subprocess.Popen(
            [PYTHON, "-m", "zicht.radar.register", "runserver", "--noreload",
             f"127.0.0.1:{self.poort}"],
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        eind = time.monotonic() + 30
        while time.monotonic() < eind:
            try:
                with urllib.request.urlopen(self.url + "/gezond", timeout=1) as antwoord:
                    if antwoord.status == 200:
                        return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("Het register kwam niet op.")

    def stop(self) -> None:
        if self.proces is not None and self.proces.poll() is None:
            self.proces.terminate()
            try:
                self.proces.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proces.kill()
                self.proces.wait()
        self.proces = None

    def query(self, sql: str, *params: object) -> list[tuple[Any, ...]]:
        if self.database_url:  # PostgreSQL
            import psycopg

            with psycopg.connect(self.database_url) as verbinding:
                return verbinding.execute(sql.replace("?", "%s"), params).fetchall()
        with sqlite3.connect(self.db) as verbinding:
            return verbinding.execute(sql, params).fetchall()

    def log(self, soort: str) -> int:
        return self.query("SELECT COUNT(*) FROM radarregister_logregel WHERE soort = ?", soort)[0][
            0
        ]


class Instantie:
    def __init__(self, naam: str, db: Path, aansluitbestand: Path, tmp: Path) -> None:
        self.naam = naam
        self.aansluitbestand = aansluitbestand
        self.env = _basis_env(tmp) | {
            "DJANGO_SETTINGS_MODULE": "zicht.conf.test",
            "DATABASE_URL": f"sqlite:///{db}",
            "ZICHT_RADAR": str(aansluitbestand),
        }
        self.proces = subprocess.Popen(
            [PYTHON, "-m", "zicht.radar.tests.instance"],
            env=self.env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )

    def wacht_tot_klaar(self) -> Instantie:
        assert json.loads(self._regel()) == {"klaar": True}
        return self

    def _regel(self) -> str:
        assert self.proces.stdout is not None
        regel = self.proces.stdout.readline()
        if not regel:
            raise RuntimeError(f"Instantie {self.naam} stopte onverwacht.")
        return regel

    def __call__(self, op: str, **kwargs: Any) -> dict[str, Any]:
        assert self.proces.stdin is not None
        self.proces.stdin.write(json.dumps({"op": op, **kwargs}) + "\n")
        self.proces.stdin.flush()
        antwoord: dict[str, Any] = json.loads(self._regel())
        assert "fout" not in antwoord, antwoord
        return antwoord

    def cli(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [PYTHON, "-m", "zicht", *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=60,
        )

    def signalen_bij(self, casus: int) -> list[dict[str, Any]]:
        return [s for s in self("signalen")["signalen"] if s["casus"] == casus]

    def stop(self) -> None:
        if self.proces.poll() is None:
            try:
                assert self.proces.stdin is not None
                self.proces.stdin.write(json.dumps({"op": "stop"}) + "\n")
                self.proces.stdin.flush()
                self.proces.wait(timeout=10)
            except (OSError, subprocess.TimeoutExpired):
                self.proces.kill()
                self.proces.wait()


class Omgeving:
    def __init__(self, register: Register, noord: Instantie, zuid: Instantie) -> None:
        self.register, self.noord, self.zuid = register, noord, zuid


@pytest.fixture(scope="module")
def omgeving(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Omgeving]:
    tmp = tmp_path_factory.mktemp("radar")
    register = Register(tmp)
    sleutelbestand = tmp / "pseudoniemsleutel.hex"
    sleutelbestand.write_text(secrets.token_hex(32))
    # One migrated Zicht database (radar and what it builds on), copied for each instance;
    # migrated while the register is set up.
    sjabloon = tmp / "sjabloon.sqlite3"
    env = _basis_env(tmp) | {
        "DJANGO_SETTINGS_MODULE": "zicht.conf.test",
        "DATABASE_URL": f"sqlite:///{sjabloon}",
    }
    migratie = subprocess.Popen(
        [PYTHON, "-m", "zicht", "migrate", "radar", "-v", "0", "--skip-checks"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    register.beheer("migrate", "-v", "0")
    for code, naam in (("vt-noord", "Veilig Thuis Noord"), ("vt-zuid", "Veilig Thuis Zuid")):
        register.beheer(
            "organisatie_toevoegen",
            "--code", code,
            "--naam", naam,
            "--contact", f"{naam}, telefoon 0800-2000 (vraag naar de radarcontactpersoon)",
            "--url", register.url,
            "--aansluitbestand", str(tmp / f"{code}.json"),
            "--pseudoniemsleutel-bestand", str(sleutelbestand),
        )  # fmt: skip
    register.start()
    _, fouten = migratie.communicate(timeout=300)
    assert migratie.returncode == 0, fouten.decode()[-2000:]
    shutil.copy(sjabloon, tmp / "noord.sqlite3")
    shutil.copy(sjabloon, tmp / "zuid.sqlite3")
    noord = zuid = None
    try:
        noord = Instantie("noord", tmp / "noord.sqlite3", tmp / "vt-noord.json", tmp)
        zuid = Instantie("zuid", tmp / "zuid.sqlite3", tmp / "vt-zuid.json", tmp)
        noord.wacht_tot_klaar()
        zuid.wacht_tot_klaar()
        yield Omgeving(register, noord, zuid)
    finally:
        for instantie in (noord, zuid):
            if instantie is not None:
                instantie.stop()
        register.stop()


def _persoon(**velden: str) -> dict[str, str]:
    return {"rol": "kind", **velden}


def _geen_fouten(uitkomst: dict[str, Any]) -> dict[str, Any]:
    assert uitkomst["fouten"] == [], uitkomst
    return uitkomst


def test_zelfde_persoon_geeft_aan_elke_kant_precies_een_signaal(omgeving: Omgeving) -> None:
    noord, zuid = omgeving.noord, omgeving.zuid
    # Given Noord knows a child with a BSN, typed one way ...
    a = noord(
        "intake",
        personen=[
            _persoon(bsn="111222333", voornamen="Sanne", achternaam="Vries", tussenvoegsel="de",
                     geboortedatum="2015-04-03"),
            _persoon(voornamen="Piet", achternaam="Onbekend", rol="pleger"),  # no pseudonym
        ],
    )  # fmt: skip
    assert _geen_fouten(noord("sync"))["wachtend"] == 0
    # ... and Zuid takes in the same child, typed another way.
    b = zuid(
        "intake",
        personen=[_persoon(bsn="111.222.333", voornamen="sanne", achternaam="de Vries")],
    )
    _geen_fouten(zuid("sync"))
    _geen_fouten(noord("sync"))

    signalen_noord = noord.signalen_bij(a["casus"])
    signalen_zuid = zuid.signalen_bij(b["casus"])
    assert [s["naam"] for s in signalen_noord] == ["Veilig Thuis Zuid"]
    assert [s["naam"] for s in signalen_zuid] == ["Veilig Thuis Noord"]
    assert signalen_noord[0]["contact"].startswith("Veilig Thuis Zuid, telefoon")

    # Syncing again (both sides, twice) adds nothing.
    for _ in range(2):
        _geen_fouten(noord("sync"))
        _geen_fouten(zuid("sync"))
    assert len(noord.signalen_bij(a["casus"])) == 1
    assert len(zuid.signalen_bij(b["casus"])) == 1

    # The register holds pseudonyms and dates only: never the BSN or the name.
    dump = "\n".join(str(r) for r in omgeving.register.query(
        "SELECT * FROM radarregister_betrokkenheid"))  # fmt: skip
    assert "111222333" not in dump
    assert "vries" not in dump.lower()


def test_naam_en_geboortedatum_matchen_zonder_bsn(omgeving: Omgeving) -> None:
    noord, zuid = omgeving.noord, omgeving.zuid
    a = noord(
        "intake",
        personen=[_persoon(voornamen="Fatima Zahra", achternaam="El Amrani",
                           geboortedatum="2012-11-30", bsn="")],
    )  # fmt: skip
    b = zuid(
        "intake",
        personen=[_persoon(voornamen="Fátima", achternaam="el Amrani", bsn="123456782",
                           geboortedatum="2012-11-30")],
    )  # fmt: skip
    _geen_fouten(noord("sync"))
    _geen_fouten(zuid("sync"))
    _geen_fouten(noord("sync"))
    assert len(noord.signalen_bij(a["casus"])) == 1
    assert len(zuid.signalen_bij(b["casus"])) == 1


def test_register_uitval_blokkeert_intake_niet_en_verliest_niets(omgeving: Omgeving) -> None:
    register, noord, zuid = omgeving.register, omgeving.noord, omgeving.zuid
    _geen_fouten(noord("sync"))
    register.stop()
    try:
        # Intake while the register is down succeeds; the involvement waits in the outbox.
        a = noord(
            "intake",
            personen=[_persoon(bsn="100000009", voornamen="Noah", achternaam="Bakker",
                               geboortedatum="2019-01-02")],
        )  # fmt: skip
        uitkomst = noord("sync")
        assert uitkomst["fouten"]
        assert uitkomst["wachtend"] == 1
        # An earlier casus closes during the outage: its end date waits too.
        eerder = noord(
            "intake", personen=[_persoon(bsn="100000010", voornamen="Eva", achternaam="Smit",
                                         geboortedatum="2016-06-06")]
        )  # fmt: skip
        noord("sluit", casus=eerder["casus"])
        # The command says so and exits non-zero (for cron and monitoring).
        cli = noord.cli("radar", "sync", "--negeer-wachttijd")
        assert cli.returncode != 0
        assert "wachten in de outbox" in cli.stderr
        assert noord("stand")["wachtend"] == "2"
    finally:
        register.start()
    _geen_fouten(noord("sync", negeer_wachttijd=True))
    assert noord("stand")["wachtend"] == "0"
    referenties = {b["casus"]: b["referentie"] for b in noord("betrokkenheden")["betrokkenheden"]}
    tot = register.query(
        "SELECT tot FROM radarregister_betrokkenheid WHERE referentie = ?",
        uuid.UUID(referenties[eerder["casus"]]).hex,
    )
    assert tot
    assert all(t[0] is not None for t in tot)

    # Nothing was lost: Zuid meets the person registered during the outage.
    b = zuid("intake", personen=[_persoon(bsn="100000009", voornamen="N.", achternaam="Bakker")])
    _geen_fouten(zuid("sync"))
    _geen_fouten(noord("sync"))
    assert len(noord.signalen_bij(a["casus"])) == 1
    assert len(zuid.signalen_bij(b["casus"])) == 1


def _verzoek(
    register: Register,
    aansluiting: dict[str, str],
    methode: str,
    pad: str,
    inhoud: dict[str, Any] | None = None,
    *,
    sleutel: bytes | None = None,
    nonce: str | None = None,
    idempotentiesleutel: str | None = None,
    tijd: int | None = None,
    body_vervangen: bytes | None = None,
) -> tuple[int, dict[str, Any], dict[str, str], str]:
    body = b"" if inhoud is None else json.dumps(inhoud).encode()
    nonce = nonce or secrets.token_hex(16)
    ondertekend = Ondertekend.maak(
        sleutel or bytes.fromhex(aansluiting["sleutel"]),
        methode=methode,
        pad=pad,
        organisatie=aansluiting["organisatie"],
        tijd=tijd if tijd is not None else int(time.time()),
        nonce=nonce,
        idempotentiesleutel=idempotentiesleutel or uuid.uuid4().hex,
        body=body,
    )
    request = urllib.request.Request(
        register.url + pad,
        data=(body_vervangen if body_vervangen is not None else body) or None,
        method=methode,
        headers={**ondertekend.headers(), "Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as antwoord:
            status, ruw, headers = antwoord.status, antwoord.read(), dict(antwoord.headers)
    except urllib.error.HTTPError as fout:
        status, ruw, headers = fout.code, fout.read(), dict(fout.headers)
    # The answer is signed by the register for this request (when the organisation is known).
    handtekening = headers.get(HEADER_HANDTEKENING, "")
    if handtekening:
        assert klopt(
            bytes.fromhex(aansluiting["sleutel"]),
            antwoord_tekst(status=status, nonce=nonce, body=ruw),
            handtekening,
        )
    return status, json.loads(ruw or b"{}"), headers, nonce


def test_vervalst_herhaald_en_niet_betrokken_wordt_geweigerd(omgeving: Omgeving) -> None:
    register = omgeving.register
    aansluiting = json.loads(omgeving.noord.aansluitbestand.read_text())
    pad = "/v1/signalen?na=0"

    # A valid request is answered (and signed).
    status, _, headers, _ = _verzoek(register, aansluiting, "GET", pad)
    assert status == 200
    assert HEADER_HANDTEKENING in headers

    # Forged: signed with a key that is not the organisation's.
    voor = register.log("geweigerd_handtekening")
    status, data, headers, _ = _verzoek(
        register, aansluiting, "GET", pad, sleutel=secrets.token_bytes(32)
    )
    assert status == 401
    assert HEADER_HANDTEKENING not in headers
    # Tampered: a valid signature over another body.
    referentie = uuid.uuid4()
    status, *_ = _verzoek(
        register, aansluiting, "PUT", f"/v1/betrokkenheden/{referentie}",
        {"pseudoniemen": ["a" * 64], "van": "2026-01-01", "tot": None},
        body_vervangen=json.dumps(
            {"pseudoniemen": ["b" * 64], "van": "2026-01-01", "tot": None}).encode(),
    )  # fmt: skip
    assert status == 401
    assert register.log("geweigerd_handtekening") == voor + 2

    # Replayed: the very same signed request a second time.
    nonce = secrets.token_hex(16)
    tijd = int(time.time())
    sleutel = uuid.uuid4().hex
    eerste, *_ = _verzoek(
        register, aansluiting, "GET", pad, nonce=nonce, tijd=tijd, idempotentiesleutel=sleutel
    )
    tweede, data, *_ = _verzoek(
        register, aansluiting, "GET", pad, nonce=nonce, tijd=tijd, idempotentiesleutel=sleutel
    )
    assert (eerste, tweede) == (200, 401)
    assert "replay" in data["fout"]
    assert register.log("geweigerd_herhaling") >= 1
    # Too old: outside the time window.
    status, *_ = _verzoek(register, aansluiting, "GET", pad, tijd=int(time.time()) - 3600)
    assert status == 401
    assert register.log("geweigerd_tijd") >= 1

    # Not involved: asking about a person the organisation does not know is refused and logged.
    voor = register.log("geweigerd_niet_betrokken")
    status, data, *_ = _verzoek(
        register, aansluiting, "POST", "/v1/overeenkomsten", {"pseudoniem": "c" * 64}
    )
    assert status == 403
    assert register.log("geweigerd_niet_betrokken") == voor + 1

    # A retry (new nonce and signature, same idempotency key) is answered once.
    sleutel = uuid.uuid4().hex
    inhoud = {"pseudoniemen": ["d" * 64], "van": "2026-01-01", "tot": None}
    antwoorden = [
        _verzoek(register, aansluiting, "PUT", f"/v1/betrokkenheden/{referentie}", inhoud,
                 idempotentiesleutel=sleutel)[:2]
        for _ in range(2)
    ]  # fmt: skip
    assert antwoorden[0] == antwoorden[1]
    assert antwoorden[0][0] == 200
    assert register.query(
        "SELECT COUNT(*) FROM radarregister_betrokkenheid WHERE referentie = ?", referentie.hex
    ) == [(1,)]
    # Now involved, the same question is answered.
    status, data, *_ = _verzoek(
        register, aansluiting, "POST", "/v1/overeenkomsten", {"pseudoniem": "d" * 64}
    )
    assert (status, data) == (200, {"overeenkomsten": []})


def test_gelijktijdig_registreren_geeft_een_signaalpaar(omgeving: Omgeving) -> None:
    """Both organisations register the same new person at the same moment, ten times over:
    each time exactly one signal for each side."""
    register = omgeving.register
    aansluitingen = [
        json.loads(i.aansluitbestand.read_text()) for i in (omgeving.noord, omgeving.zuid)
    ]
    pseudoniemen = [secrets.token_hex(32) for _ in range(10)]
    statussen: list[int] = []

    def registreer(aansluiting: dict[str, str], pseudoniem: str, start: threading.Barrier) -> None:
        start.wait()
        status, *_ = _verzoek(
            register, aansluiting, "PUT", f"/v1/betrokkenheden/{uuid.uuid4()}",
            {"pseudoniemen": [pseudoniem], "van": "2026-11-01", "tot": None},
        )  # fmt: skip
        statussen.append(status)

    for pseudoniem in pseudoniemen:
        start = threading.Barrier(2)
        draden = [
            threading.Thread(target=registreer, args=(a, pseudoniem, start)) for a in aansluitingen
        ]
        for draad in draden:
            draad.start()
        for draad in draden:
            draad.join()
    assert statussen == [200] * 20
    for pseudoniem in pseudoniemen:
        rijen = register.query(
            "SELECT o.code FROM radarregister_signaal s JOIN radarregister_organisatie o "
            "ON o.id = s.ontvanger_id WHERE s.pseudoniem = ? ORDER BY o.code",
            pseudoniem,
        )
        assert rijen == [("vt-noord",), ("vt-zuid",)]


def test_intrekken_laat_het_register_de_betrokkenheid_vergeten(omgeving: Omgeving) -> None:
    """A casus destroyed at Noord: the DELETE removes the involvement and the signals it gave
    rise to; a retry (same key) gets the same answer, a new DELETE changes nothing."""
    register = omgeving.register
    noord, zuid = (json.loads(i.aansluitbestand.read_text()) for i in (omgeving.noord,
                                                                        omgeving.zuid))  # fmt: skip
    pseudoniem = secrets.token_hex(32)
    referentie = uuid.uuid4()
    pad = f"/v1/betrokkenheden/{referentie}"
    inhoud = {"pseudoniemen": [pseudoniem], "van": "2026-01-01", "tot": None}
    assert _verzoek(register, zuid, "PUT", f"/v1/betrokkenheden/{uuid.uuid4()}", inhoud)[0] == 200
    assert _verzoek(register, noord, "PUT", pad, inhoud)[0] == 200
    assert register.query(
        "SELECT COUNT(*) FROM radarregister_signaal WHERE pseudoniem = ?", pseudoniem
    ) == [(2,)]

    sleutel = uuid.uuid4().hex
    eerste = _verzoek(register, noord, "DELETE", pad, idempotentiesleutel=sleutel)[:2]
    herhaald = _verzoek(register, noord, "DELETE", pad, idempotentiesleutel=sleutel)[:2]
    assert eerste == herhaald == (200, {"referentie": str(referentie), "ingetrokken": True})
    assert register.query(
        "SELECT COUNT(*) FROM radarregister_betrokkenheid WHERE referentie = ?", referentie.hex
    ) == [(0,)]
    # The signals about the pair are gone on both sides; Zuid's own involvement stays.
    assert register.query(
        "SELECT COUNT(*) FROM radarregister_signaal WHERE pseudoniem = ?", pseudoniem
    ) == [(0,)]
    assert register.query(
        "SELECT COUNT(*) FROM radarregister_betrokkenheid WHERE pseudoniem = ?", pseudoniem
    ) == [(1,)]
    assert register.log("ingetrokken") >= 1
    # Idempotent: a new DELETE of the same reference removes nothing and does not fail.
    assert _verzoek(register, noord, "DELETE", pad)[:2] == (
        200,
        {"referentie": str(referentie), "ingetrokken": False},
    )
    # Noord no longer counts as involved: its look-up is refused.
    status, *_ = _verzoek(register, noord, "POST", "/v1/overeenkomsten", {"pseudoniem": pseudoniem})
    assert status == 403


def test_intrekking_na_vernietiging_komt_aan(omgeving: Omgeving) -> None:
    """End to end: Noord destroys a casus, its sync sends the withdrawal, the register forgets."""
    register, noord = omgeving.register, omgeving.noord
    a = noord(
        "intake",
        personen=[_persoon(bsn="100000034", voornamen="Lotte", achternaam="Visser",
                           geboortedatum="2018-08-08")],
    )  # fmt: skip
    _geen_fouten(noord("sync"))
    [referentie] = [
        b["referentie"] for b in noord("betrokkenheden")["betrokkenheden"]
        if b["casus"] == a["casus"]
    ]  # fmt: skip
    sql = "SELECT COUNT(*) FROM radarregister_betrokkenheid WHERE referentie = ?"
    assert register.query(sql, uuid.UUID(referentie).hex) != [(0,)]
    noord("vernietig", casus=a["casus"])
    assert _geen_fouten(noord("sync"))["wachtend"] == 0
    assert register.query(sql, uuid.UUID(referentie).hex) == [(0,)]


def _gelijktijdig_zelfde_sleutel(register: Register, aansluiting: dict[str, str]) -> None:
    """Eight identical requests (same idempotency key, each its own nonce and signature) at the
    same moment: one write, one stored answer, eight identical answers."""
    referentie = uuid.uuid4()
    sleutel = uuid.uuid4().hex
    inhoud = {"pseudoniemen": [secrets.token_hex(32)], "van": "2026-11-01", "tot": None}
    start = threading.Barrier(8)
    antwoorden: list[tuple[int, dict[str, Any]]] = []

    def stuur() -> None:
        start.wait()
        antwoorden.append(
            _verzoek(register, aansluiting, "PUT", f"/v1/betrokkenheden/{referentie}", inhoud,
                     idempotentiesleutel=sleutel)[:2]
        )  # fmt: skip

    draden = [threading.Thread(target=stuur) for _ in range(8)]
    for draad in draden:
        draad.start()
    for draad in draden:
        draad.join()
    assert len(antwoorden) == 8
    assert all(a == antwoorden[0] for a in antwoorden)
    assert antwoorden[0][0] == 200
    assert register.query(
        "SELECT COUNT(*) FROM radarregister_idempotentie WHERE sleutel = ?", sleutel
    ) == [(1,)]
    assert register.query(
        "SELECT COUNT(*) FROM radarregister_logregel WHERE soort = 'geregistreerd' AND detail = ?",
        str(referentie),
    ) == [(1,)]


def test_gelijktijdige_herhalingen_met_dezelfde_sleutel(omgeving: Omgeving) -> None:
    _gelijktijdig_zelfde_sleutel(
        omgeving.register, json.loads(omgeving.noord.aansluitbestand.read_text())
    )


@pytest.mark.postgres
def test_gelijktijdige_herhalingen_op_postgresql(tmp_path: Path) -> None:
    """The same on a register that runs on PostgreSQL (where requests really run in parallel):
    the unique constraint on the idempotency key decides, the loser answers as the winner."""
    basis = os.environ.get("DATABASE_URL", "")
    if not basis.startswith(("postgres://", "postgresql://")):
        pytest.skip(
            "Gelijktijdige verzoeken testen we op PostgreSQL; SQLite laat maar één schrijver "
            "tegelijk toe (BEGIN IMMEDIATE). Zet DATABASE_URL=postgres://…"
        )
    import psycopg

    naam = f"radar_test_{secrets.token_hex(4)}"
    beheer_url = basis.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(beheer_url, autocommit=True) as verbinding:
        verbinding.execute(f'CREATE DATABASE "{naam}"')
    register = Register(tmp_path, database_url=basis.rsplit("/", 1)[0] + "/" + naam)
    try:
        register.beheer("migrate", "-v", "0")
        register.beheer(
            "organisatie_toevoegen", "--code", "vt-noord", "--naam", "Veilig Thuis Noord",
            "--contact", "Veilig Thuis Noord, 0800-2000", "--url", register.url,
            "--aansluitbestand", str(tmp_path / "vt-noord.json"),
        )  # fmt: skip
        aansluiting = json.loads((tmp_path / "vt-noord.json").read_text())
        register.env["RADAR_DB_CONN_MAX_AGE"] = "0"
        register.start()
        _gelijktijdig_zelfde_sleutel(register, aansluiting)
    finally:
        register.stop()
        with psycopg.connect(beheer_url, autocommit=True) as verbinding:
            verbinding.execute(f'DROP DATABASE IF EXISTS "{naam}" WITH (FORCE)')
