"""Second factor (TOTP, django-otp): enrolment, verification and demo secrets."""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass
from io import BytesIO

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.db import transaction
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from zicht.accounts.models import User

DEVICE_NAME = "Authenticator-app"


@dataclass(frozen=True)
class VerifyOutcome:
    ok: bool
    device: TOTPDevice | None = None
    error: str = ""


def confirmed_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def pending_device(user: User) -> TOTPDevice:
    """The unconfirmed device used during enrolment (created once, reused on reload)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def qr_svg(device: TOTPDevice) -> str:
    """The provisioning URI as an inline SVG (no external image service)."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = BytesIO()
    image.save(buffer)
    svg = buffer.getvalue().decode()
    # Drop the XML declaration so that the SVG can sit inline in HTML.
    return svg[svg.index("<svg") :]


def base32_secret(device: TOTPDevice) -> str:
    from base64 import b32encode

    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def verify(device: TOTPDevice, token: str) -> VerifyOutcome:
    """Checks a code; distinguishes a wrong code, a reused code and throttling."""
    token = "".join(token.split())
    if not token.isdigit() or len(token) != device.digits:
        return VerifyOutcome(False, device, f"Vul de code van {device.digits} cijfers in.")
    allowed, details = device.verify_is_allowed()
    if not allowed:
        wait = ""
        if details and details.get("locked_until"):
            from django.utils import timezone

            seconds = max(1, int((details["locked_until"] - timezone.now()).total_seconds()))
            wait = f" Probeer het over {seconds} seconden opnieuw."
        return VerifyOutcome(False, device, "Te veel onjuiste codes." + wait)
    with transaction.atomic():
        if device.verify_token(token):
            return VerifyOutcome(True, device)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    if device.last_t is not None and totp.verify(int(token), device.tolerance):
        return VerifyOutcome(
            False, device, "Deze code is al gebruikt. Wacht op de volgende code in uw app."
        )
    return VerifyOutcome(False, device, "De code is onjuist of verlopen. Probeer het opnieuw.")


def demo_key(username: str) -> str:
    """A deterministic TOTP secret for a demo user (demo mode only; never in production)."""
    seed = f"zicht-demo:{settings.SECRET_KEY}:{username}".encode()
    return hashlib.sha256(seed).hexdigest()[:40]


def current_code(device: TOTPDevice, at: float | None = None) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() if at is None else at
    return str(totp.token()).zfill(device.digits)
