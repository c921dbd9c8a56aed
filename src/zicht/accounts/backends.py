"""The authentication backend: Django's ``ModelBackend`` with the user's permissions read in
one query (the user's own and those of their roles, as a ``UNION``) instead of two. Every
request that checks a right reads them once; the API's requests (token, rights, scope, …)
and every page gain a round trip. Same result as ``ModelBackend``: tests in
``accounts/tests/test_backends.py`` compare the two."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission

#: The dotted path of this backend (sessions store it; ``login(..., backend=BACKEND)``).
BACKEND = "zicht.accounts.backends.ZichtBackend"


class ZichtBackend(ModelBackend):
    def get_all_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            velden = ("content_type__app_label", "codename")
            if user_obj.is_superuser:
                rijen = Permission.objects.values_list(*velden)
            else:
                model = get_user_model()._meta
                eigen_naam = model.get_field("user_permissions").related_query_name()
                groepen = model.get_field("groups").related_query_name()
                # Permission has a default order; a UNION's parts may not carry one.
                eigen = (
                    Permission.objects.filter(**{eigen_naam: user_obj})
                    .order_by()
                    .values_list(*velden)
                )
                via_rol = (
                    Permission.objects.filter(**{f"group__{groepen}": user_obj})
                    .order_by()
                    .values_list(*velden)
                )
                rijen = eigen.union(via_rol)
            user_obj._perm_cache = {f"{app}.{code}" for app, code in rijen}
        return user_obj._perm_cache  # type: ignore[no-any-return]
