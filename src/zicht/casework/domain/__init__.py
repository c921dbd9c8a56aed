"""Pure domain of ``casework``: the attachment allow-list and task-deadline helpers.

No Django, no settings, no clock (mypy --strict).
"""
