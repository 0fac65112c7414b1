"""Number and date formats where PAT departs from Django's (settings.FORMAT_MODULE_PATH)."""
