"""Reporting: the CBS delivery, municipal and board reports, the dashboard (reads only)."""
