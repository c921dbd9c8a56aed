"""The append-only, hash-chained audit log and its chain head.

Rows are written only by :func:`zicht.audit.services.audit_event_record`. Updates and
deletes are refused here (model and queryset) and by database triggers (migration 0002).
"""

from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.db import models

from zicht.audit.catalogue import Event
from zicht.audit.domain.chain import GENESIS_HASH

APPEND_ONLY_MESSAGE = (
    "Het auditlog is alleen aan te vullen: gebeurtenissen wijzigen of verwijderen is niet "
    "toegestaan."
)


class AuditLogAppendOnlyError(RuntimeError):
    """Raised on any attempt to change or remove an audit row through the ORM."""

    def __init__(self, message: str = APPEND_ONLY_MESSAGE) -> None:
        super().__init__(message)


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    """Reads only: bulk writes would bypass the chain, updates and deletes are refused."""

    def update(self, **kwargs: Any) -> NoReturn:
        raise AuditLogAppendOnlyError()

    def delete(self) -> NoReturn:
        raise AuditLogAppendOnlyError()

    def bulk_update(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AuditLogAppendOnlyError()

    def bulk_create(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AuditLogAppendOnlyError(
            "Auditgebeurtenissen worden alleen via audit_event_record() aan de keten toegevoegd."
        )

    def update_or_create(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AuditLogAppendOnlyError()


class AuditEvent(models.Model):
    """One event in the chain. ``seq`` is the chain order and the primary key."""

    seq = models.BigIntegerField("volgnummer", primary_key=True)
    occurred_at = models.DateTimeField("tijdstip")
    event = models.PositiveSmallIntegerField(
        "gebeurtenis", help_text="Code uit de catalogus (zicht.audit.catalogue.Event)."
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="gebruiker",
        db_index=False,  # covered by audit_actor_at_idx
    )
    target_type = models.CharField("soort object", max_length=100, blank=True)
    target_id = models.CharField("object-id", max_length=64, blank=True)
    reason = models.CharField("reden", max_length=32, blank=True)
    reason_text = models.CharField("toelichting", max_length=500, blank=True)
    data = models.JSONField("gegevens", default=dict, blank=True)
    ip_address = models.GenericIPAddressField("IP-adres", null=True, blank=True)
    prev_hash = models.CharField("vorige hash", max_length=64)
    hash = models.CharField("hash", max_length=64)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = "auditgebeurtenis"
        verbose_name_plural = "auditgebeurtenissen"
        ordering = ["-seq"]
        indexes = [
            models.Index(fields=["actor", "occurred_at"], name="audit_actor_at_idx"),
            models.Index(
                fields=["target_type", "target_id", "occurred_at"], name="audit_target_at_idx"
            ),
            models.Index(fields=["event", "occurred_at"], name="audit_event_at_idx"),
            models.Index(fields=["occurred_at", "seq"], name="audit_at_seq_idx"),
        ]

    def __str__(self) -> str:
        return f"#{self.seq} {self.event_label}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AuditLogAppendOnlyError()
        if not self.hash or not self.prev_hash:
            raise AuditLogAppendOnlyError(
                "Een auditgebeurtenis ontstaat alleen via audit_event_record(), die haar "
                "aan de keten koppelt."
            )
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AuditLogAppendOnlyError()

    @classmethod
    def toevoegen(cls, records: list[AuditEvent]) -> None:
        """Inserts new, chained rows in one statement (what ``save`` does for one)."""
        for record in records:
            if not record._state.adding:
                raise AuditLogAppendOnlyError()
            if not record.hash or not record.prev_hash:
                raise AuditLogAppendOnlyError(
                    "Een auditgebeurtenis ontstaat alleen via audit_event_record(), die haar "
                    "aan de keten koppelt."
                )
        # The plain QuerySet: the model's own refuses bulk writes that bypass the chain.
        models.QuerySet(model=cls).bulk_create(records)

    @property
    def event_label(self) -> str:
        """Readable Dutch name of the event code (e.g. 'Casus ingezien')."""
        return event_label(self.event)

    @property
    def reason_label(self) -> str:
        return self.reason.capitalize() if self.reason else ""


class AuditChainHead(models.Model):
    """The single row holding the newest ``seq`` and ``hash``; writers lock it first."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    seq = models.BigIntegerField("laatste volgnummer", default=0)
    hash = models.CharField("laatste hash", max_length=64, default=GENESIS_HASH)

    class Meta:
        verbose_name = "kop van de auditketen"
        verbose_name_plural = "kop van de auditketen"
        constraints = [
            models.CheckConstraint(condition=models.Q(id=1), name="audit_chainhead_single_row")
        ]

    def __str__(self) -> str:
        return f"seq {self.seq}"


def event_label(code: int) -> str:
    """'CASUS_INGEZIEN' → 'Casus ingezien'; unknown codes are shown as their number."""
    try:
        return Event(code).name.replace("_", " ").capitalize()
    except ValueError:
        return f"Onbekende gebeurtenis {code}"
