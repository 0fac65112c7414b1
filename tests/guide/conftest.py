from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture
def guide_content(db: None) -> Any:
    """The starter pages (already there from the data migration unless a flush removed them)."""
    from pat.guide.services import content_load

    content_load()


@pytest.fixture
def signed_in(client: Any) -> Any:
    def sign_in(user: Any) -> Any:
        client.force_login(user)
        return client

    return sign_in
