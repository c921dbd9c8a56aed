"""The board report (bestuurlijke rapportage, after 4 and 8 months and at year-end), the annual
report figures (jaarverslag) and the files of the municipal report. Figures come from
:mod:`zicht.reporting.measures`; budget, fte and spending from planning's selectors.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from zicht.assessment.domain.tijdigheid import NORM_VB, NORM_VERVOLG, Tijdigheid
from zicht.planning import selectors as planning
from zicht.planning.domain.begrippen import Dienst as PlanDienst
from zicht.planning.domain.begrippen import Scenario
from zicht.reporting import charts, measures, schrijvers
from zicht.reporting.domain.perioden import Periode, maand_einde, periode_lees

MAANDEN_KORT = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]


@dataclass
class Volumeregel:
    dienst: str
    label: str
    werkelijk: int | None
    plan_jaar: int
    plan_naar_rato: Decimal

    @property
    def verschil_procent(self) -> int | None:
        if self.werkelijk is None or not self.plan_naar_rato:
            return None
        return round(100 * (Decimal(self.werkelijk) / self.plan_naar_rato - 1))


@dataclass
class Bestuursrapport:
    jaar: int
    maand: int
    periode: Periode
    scenario: str
    organisatie: str
    volumes: list[Volumeregel]
    tijdigheid: list[tuple[str, Tijdigheid, int, bool]]
    tijdigheid_per_maand: dict[str, list[Tijdigheid]]
    wachtlijst: measures.Wachtlijst
    wachtlijst_verloop: list[tuple[date, int]]
    fte: list[tuple[str, Decimal | None, Decimal]]
    kosten: list[tuple[str, Decimal | None, Decimal]]
    realisatie_maanden: int
    opmerkingen: list[str]
    grafieken: dict[str, str]
    gemaakt_op: Any

    @property
    def titel(self) -> str:
        wanneer = "jaareinde" if self.maand == 12 else f"na {self.maand} maanden"
        return f"Bestuurlijke rapportage {self.jaar} – {wanneer}"


def bestuursrapport(
    jaar: int, maand: int, *, vandaag: date | None = None, scenario: str = Scenario.MIDDEN
) -> Bestuursrapport:
    vandaag = vandaag or timezone.localdate()
    eind = min(maand_einde(jaar, maand), vandaag)
    periode = Periode(f"{jaar}-t/m-{maand:02d}", date(jaar, 1, 1), eind)
    fractie = Decimal(maand) / Decimal(12)
    opmerkingen: list[str] = []
    werkelijk = measures.volumes(periode)
    begroting = None
    try:
        _, _, begrotingen = planning.begrotingen_per_scenario(jaar)
        begroting = begrotingen[Scenario(scenario)]
    except planning.GeenParameters:
        opmerkingen.append(f"Er zijn geen planningsparameters voor {jaar}: geen plan en begroting.")
    volumes = []
    for dienst in PlanDienst:
        plan = begroting.volumes.get(dienst, 0) if begroting else 0
        volumes.append(
            Volumeregel(
                dienst.value,
                dienst.label,
                werkelijk.get(dienst.value),
                plan,
                (Decimal(plan) * fractie).quantize(Decimal("1")),
            )
        )
    vb = measures.vb_tijdigheid(periode)
    onderzoek = measures.vervolg_tijdigheid(periode, "onderzoek")
    vv = measures.vervolg_tijdigheid(periode, "voorwaarden_en_vervolg")
    tijdigheid = [
        (
            "Besluit na veiligheidsbeoordeling binnen 5 werkdagen",
            vb,
            int(NORM_VB * 100),
            vb.haalt(NORM_VB),
        ),
        (
            "Onderzoek afgerond binnen 10 weken",
            onderzoek,
            int(NORM_VERVOLG * 100),
            onderzoek.haalt(NORM_VERVOLG),
        ),
        (
            "Voorwaarden en Vervolg afgerond binnen 10 weken",
            vv,
            int(NORM_VERVOLG * 100),
            vv.haalt(NORM_VERVOLG),
        ),
    ]
    per_maand = measures.tijdigheid_per_maand(jaar, maand)
    wacht = measures.wachtlijst(vandaag)
    momenten = [min(maand_einde(jaar, m), vandaag) for m in range(1, maand + 1)]
    verloop = measures.wachtlijst_verloop(momenten)
    realisatie = {m: r for m, r in planning.realisatie_maanden(jaar).items() if m <= maand}
    n = len(realisatie)
    if n < maand:
        opmerkingen.append(
            f"Realisatie (fte en kosten) is vastgelegd voor {n} van de {maand} maanden; "
            "de vergelijking gaat over die maanden."
        )

    def gem(veld: str) -> Decimal | None:
        return (sum((getattr(r, veld) for r in realisatie.values()), Decimal(0)) / n) if n else None

    def som(*velden: str) -> Decimal | None:
        if not n:
            return None
        return sum((getattr(r, v) for r in realisatie.values() for v in velden), Decimal(0))

    fte: list[tuple[str, Decimal | None, Decimal]] = []
    kosten: list[tuple[str, Decimal | None, Decimal]] = []
    if begroting is not None:
        fractie_r = Decimal(n) / Decimal(12)
        fte = [
            ("fte uitvoering (gemiddeld)", gem("fte_uitvoering"), begroting.fte_uitvoering),
            (
                "fte management en ondersteuning (gemiddeld)",
                gem("fte_management"),
                begroting.fte_management,
            ),
            (
                "fte risico- en ontwikkelruimte (gemiddeld)",
                gem("fte_eenmalig"),
                begroting.fte_risico,
            ),
        ]
        k = begroting.kosten
        kosten = [
            ("personeelslasten", som("personeelslasten_eur"), k.personeelslasten * fractie_r),
            (
                "overige bedrijfskosten",
                som("overige_kosten_eur"),
                k.overige_bedrijfskosten * fractie_r,
            ),
            ("ondersteuning GGD", som("ondersteuning_ggd_eur"), k.ondersteuning_ggd * fractie_r),
            ("eenmalig (risico- en ontwikkelruimte)", som("eenmalig_eur"), k.eenmalig * fractie_r),
        ]
    maandlabels = MAANDEN_KORT[:maand]
    grafieken = {
        "volumes": charts.staven_plan(
            [v.label for v in volumes],
            [v.werkelijk or 0 for v in volumes],
            [float(v.plan_naar_rato) for v in volumes],
        ),
        "tijdig": charts.lijnen_tijdig(
            maandlabels,
            {
                "besluit ≤ 5 werkdagen": [t.procent for t in per_maand["vb"]],
                "onderzoek ≤ 10 weken": [t.procent for t in per_maand["onderzoek"]],
                "V&V ≤ 10 weken": [t.procent for t in per_maand["voorwaarden_en_vervolg"]],
            },
            {"besluit": int(NORM_VB * 100), "vervolg": int(NORM_VERVOLG * 100)},
        ),
        "wachtlijst": charts.lijn(
            [f"{d:%d-%m}" for d, _ in verloop],
            [w for _, w in verloop],
            "meldingen zonder beoordelaar",
        ),
    }
    return Bestuursrapport(
        jaar=jaar,
        maand=maand,
        periode=periode,
        scenario=str(scenario),
        organisatie=str(settings.ZICHT_ORGANISATIE),
        volumes=volumes,
        tijdigheid=tijdigheid,
        tijdigheid_per_maand=per_maand,
        wachtlijst=wacht,
        wachtlijst_verloop=verloop,
        fte=fte,
        kosten=kosten,
        realisatie_maanden=n,
        opmerkingen=opmerkingen,
        grafieken=grafieken,
        gemaakt_op=timezone.now(),
    )


def _getal(w: Decimal | int | None, decimalen: int = 0) -> object:
    if w is None:
        return None
    return round(float(w), decimalen) if decimalen else round(w)


def bestuursrapport_bladen(r: Bestuursrapport) -> list[tuple[str, list[list[object]]]]:
    return [
        (
            "Volumes",
            [["dienst", "gerealiseerd", "plan naar rato", "plan jaar", "verschil %"]]
            + [
                [v.label, v.werkelijk, int(v.plan_naar_rato), v.plan_jaar, v.verschil_procent]
                for v in r.volumes
            ],
        ),
        (
            "Termijnen",
            [["termijn", "afgesloten", "op tijd", "% op tijd", "norm %", "haalt norm"]]
            + [
                [label, t.totaal, t.op_tijd, t.procent, norm, "ja" if ok else "nee"]
                for label, t, norm, ok in r.tijdigheid
            ],
        ),
        (
            "Termijnen per maand",
            [
                [
                    "maand",
                    "besluit n",
                    "besluit op tijd",
                    "onderzoek n",
                    "onderzoek op tijd",
                    "V&V n",
                    "V&V op tijd",
                ]
            ]
            + [
                [MAANDEN_KORT[i], vb.totaal, vb.op_tijd, o.totaal, o.op_tijd, w.totaal, w.op_tijd]
                for i, (vb, o, w) in enumerate(
                    zip(
                        r.tijdigheid_per_maand["vb"],
                        r.tijdigheid_per_maand["onderzoek"],
                        r.tijdigheid_per_maand["voorwaarden_en_vervolg"],
                        strict=True,
                    )
                )
            ],
        ),
        (
            "Wachtlijst",
            [["peildatum", "meldingen zonder beoordelaar"]]
            + [[d.isoformat(), n] for d, n in r.wachtlijst_verloop]
            + [
                ["nu: meldingen", r.wachtlijst.meldingen],
                ["nu: diensten", r.wachtlijst.diensten],
                ["nu: over de termijn", r.wachtlijst.over_termijn],
            ],
        ),
        (
            "Formatie en kosten",
            [["post", "realisatie", "begroting (naar rato)"]]
            + [[label, _getal(w, 2), _getal(b, 2)] for label, w, b in r.fte]
            + [[label, _getal(w), _getal(b)] for label, w, b in r.kosten],
        ),
    ]


def _pdf(html: str, pad: Path) -> None:
    import weasyprint  # lazy: heavy, and only needed here

    weasyprint.HTML(string=html).write_pdf(str(pad))


def bestuursrapport_schrijven(r: Bestuursrapport, pad: Path, formaat: str) -> None:
    if formaat == "xlsx":
        schrijvers.tabellen_xlsx(pad, bestuursrapport_bladen(r))
    else:
        _pdf(render_to_string("reporting/pdf/bestuur.html", {"r": r}), pad)


def gemeenterapport_bladen(r: Any) -> list[tuple[str, list[list[object]]]]:
    bladen = []
    for t in r.tabellen:
        bladen.append(
            (
                t.titel[:31],
                [[t.kolomkop, "aantal"]] + [[a, b] for a, b in t.rijen] + [["totaal", t.totaal]],
            )
        )
    bladen.append(
        (
            "Termijnen",
            [["termijn", "% op tijd", "norm %"]]
            + [[label, t.procent if t else ".", norm] for label, t, norm in r.tijdigheid],
        )
    )
    return bladen


def gemeenterapport_schrijven(r: Any, pad: Path, formaat: str) -> None:
    if formaat == "xlsx":
        schrijvers.tabellen_xlsx(pad, gemeenterapport_bladen(r))
    else:
        _pdf(render_to_string("reporting/pdf/gemeente.html", {"r": r}), pad)


# --- jaarverslag -----------------------------------------------------------------------------


@dataclass
class Jaarverslag:
    jaar: int
    volumes: dict[str, int]
    tijdigheid: list[tuple[str, Tijdigheid, int]]
    besluiten: dict[str, int]


def jaarverslag(jaar: int) -> Jaarverslag:
    """The year's figures for the annual report (due before 1 June)."""
    from django.db.models import Count

    from zicht.assessment.models import Besluit

    periode = periode_lees(str(jaar))
    besluiten = dict(
        Besluit.objects.filter(
            status="bevestigd",
            beoordeling__besloten_datum__gte=periode.start,
            beoordeling__besloten_datum__lte=periode.eind,
        )
        .values("soort")
        .annotate(n=Count("beoordeling_id", distinct=True))
        .values_list("soort", "n")
    )
    return Jaarverslag(
        jaar=jaar,
        volumes=measures.volumes(periode),
        tijdigheid=[
            ("Besluit binnen 5 werkdagen", measures.vb_tijdigheid(periode), int(NORM_VB * 100)),
            (
                "Onderzoek binnen 10 weken",
                measures.vervolg_tijdigheid(periode, "onderzoek"),
                int(NORM_VERVOLG * 100),
            ),
            (
                "V&V binnen 10 weken",
                measures.vervolg_tijdigheid(periode, "voorwaarden_en_vervolg"),
                int(NORM_VERVOLG * 100),
            ),
        ],
        besluiten=besluiten,
    )


def jaarverslag_schrijven(j: Jaarverslag, pad: Path) -> None:
    labels = {d.value: d.label for d in PlanDienst}
    schrijvers.tabellen_xlsx(
        pad,
        [
            (
                "Volumes",
                [["dienst", "aantal"]] + [[labels.get(k, k), n] for k, n in j.volumes.items()],
            ),
            (
                "Termijnen",
                [["termijn", "afgesloten", "op tijd", "% op tijd", "norm %"]]
                + [
                    [label, t.totaal, t.op_tijd, t.procent, norm] for label, t, norm in j.tijdigheid
                ],
            ),
            (
                "Besluiten",
                [["besluit", "aantal"]] + [[k, n] for k, n in sorted(j.besluiten.items())],
            ),
        ],
    )
