"""The radar register: a small service of its own, run by one party for every Veilig Thuis
organisation of a region (issue 11, docs/radar.md).

It has its own settings (:mod:`zicht.radar.register.settings`), URLconf, database
(``RADAR_DATABASE_URL``) and migrations; the Zicht settings do not install it. It stores
only (pseudonym, organisation, involvement from/until) and per organisation a signing secret,
name and contact line — no names, no BSNs, no case content.

Run it with ``python -m zicht.radar.register migrate`` / ``runserver`` / ``organisatie_toevoegen``
or ``gunicorn zicht.radar.register.wsgi:application``.
"""
