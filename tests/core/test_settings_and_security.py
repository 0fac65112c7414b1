"""Production settings: deployment checks, secrets, sign-in and languages."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

ROOT = Path(__file__).resolve().parents[2]
PAT = str(Path(sys.executable).parent / "pat")


def run_pat(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("PAT_", "DJANGO_"))}
    environment.update(env)
    return subprocess.run(
        [PAT, *args], capture_output=True, text=True, env=environment, cwd=ROOT, check=False
    )


def production(tmp_path: Path, **extra: str) -> dict[str, str]:
    return {
        "PAT_SECRET_KEY": "x" * 60 + "production-like-secret-with-enough-entropy",
        "PAT_ALLOWED_HOSTS": "pat.example.org",
        "PAT_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        **extra,
    }


def test_the_deployment_checks_are_clean_with_production_settings(tmp_path: Path) -> None:
    env = production(tmp_path)
    assert run_pat("collectstatic", "--noinput", **env).returncode == 0
    result = run_pat("check", "--deploy", "--fail-level", "WARNING", **env)
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout
    behind_a_proxy = run_pat(
        "check", "--deploy", "--fail-level", "WARNING", **env, PAT_TRUSTED_PROXY="127.0.0.1"
    )
    assert behind_a_proxy.returncode == 0, behind_a_proxy.stderr + behind_a_proxy.stdout


def test_the_deployment_checks_report_uncollected_static_files(tmp_path: Path) -> None:
    # Without the manifest every page would be a 500; the check says so first.
    result = run_pat("check", "--deploy", **production(tmp_path))
    assert result.returncode != 0
    assert "pat.E001" in result.stderr + result.stdout
    assert "collectstatic" in result.stderr + result.stdout


def test_without_debug_a_missing_secret_is_an_error_not_a_default(tmp_path: Path) -> None:
    result = run_pat("check", "--deploy", DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    assert result.returncode != 0
    assert "PAT_SECRET_KEY must be set" in result.stderr


@pytest.mark.django_db
def test_the_sign_in_page_is_public_and_everything_else_is_not() -> None:
    client = Client()
    assert client.get("/accounts/login/").status_code == 200
    assert client.get("/health").status_code == 200
    assert client.get("/admin/").status_code == 302


@pytest.mark.django_db
def test_a_user_reads_the_interface_in_french(developer: Any) -> None:
    client = Client()
    client.force_login(developer)
    client.post("/i18n/setlang/", {"language": "fr", "next": "/"})
    body = client.get("/projects/").content.decode()
    assert 'lang="fr"' in body


@pytest.mark.django_db
def test_responses_carry_the_security_headers(developer: Any) -> None:
    client = Client()
    client.force_login(developer)
    response = client.get("/projects/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
def test_posts_without_a_csrf_token_are_refused(developer: Any, project: Any) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(developer)
    response = client.post(f"/projects/{project.code}/results/", {"statement": "x"})
    assert response.status_code == 403
    assert not project.results.exists()


@pytest.mark.django_db
def test_with_no_trusted_proxy_a_client_cannot_claim_https() -> None:
    # Django reads X-Forwarded-Proto only when PAT_TRUSTED_PROXY names a proxy;
    # otherwise a client's own header would make a plain request "secure".
    response = Client().get("/accounts/login/", HTTP_X_FORWARDED_PROTO="https")
    assert "Strict-Transport-Security" not in response
    assert Client().get("/accounts/login/", secure=True)["Strict-Transport-Security"]
