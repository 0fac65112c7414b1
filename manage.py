#!/usr/bin/env python
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pat.settings")
    # manage.py is the developer's tool: development settings unless told otherwise.
    # Deployments run the `pat` command with PAT_SECRET_KEY and friends set.
    os.environ.setdefault("PAT_DEBUG", "1")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
