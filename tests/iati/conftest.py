from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _in_english() -> Iterator[None]:
    # The import's messages are written in the active language; a test before may leave
    # another one active in this thread.
    with translation.override("en"):
        yield
