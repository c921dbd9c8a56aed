"""``python -m zicht.radar.register <command>``: Django's commands with the register settings."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zicht.radar.register.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line([f"{sys.executable} -m zicht.radar.register", *sys.argv[1:]])


if __name__ == "__main__":
    main()
