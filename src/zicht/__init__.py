"""Zicht: registratie- en sturingssysteem voor Veilig Thuis."""

__version__ = "0.1.0"
