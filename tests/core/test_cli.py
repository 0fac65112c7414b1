"""The `pat` command as README shows it, in a development checkout and in production."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from pat.cli import is_source_checkout, wants_development_settings

ROOT = Path(__file__).resolve().parents[2]
PAT = str(Path(sys.executable).parent / "pat")


def run_pat(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    # The shell of a developer who ran `make run`: no PAT_ or Django settings exported.
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("PAT_", "DJANGO_"))}
    environment.pop("DATABASE_URL", None)
    environment.update(env)
    return subprocess.run(
        [PAT, *args], capture_output=True, text=True, env=environment, cwd=ROOT, check=False
    )


@pytest.mark.parametrize(
    ("args", "environ", "expected"),
    [
        (["token", "ada"], {}, True),
        (["kit", "-o", "k.html"], {"PAT_VAR_DIR": "elsewhere/var"}, True),
        (["serve"], {"PAT_DEBUG": "0"}, False),
        (["serve"], {"PAT_DEBUG": "1"}, False),  # already development: nothing to default
        (["token", "ada"], {"PAT_SECRET_KEY": "s"}, False),
        (["token", "ada"], {"DATABASE_URL": "postgres://db/pat"}, False),
        (["migrate"], {"DJANGO_SETTINGS_MODULE": "site.settings"}, False),
        (["check", "--deploy"], {}, False),
    ],
)
def test_development_settings_only_in_a_checkout_with_nothing_of_a_deployment_set(
    args: list[str], environ: dict[str, str], expected: bool
) -> None:
    assert wants_development_settings(args, environ, ROOT) is expected


def test_an_installed_package_never_gets_development_settings(tmp_path: Path) -> None:
    # A wheel install: the package without the repository's pyproject.toml and manage.py.
    assert is_source_checkout(ROOT)
    assert not is_source_checkout(tmp_path)
    assert not wants_development_settings(["token", "ada"], {}, tmp_path)


def test_readme_commands_work_in_a_fresh_development_checkout(tmp_path: Path) -> None:
    var = tmp_path / "fresh" / "var"  # a fresh clone: var/ does not exist yet
    migrate = run_pat("migrate", "--noinput", "-v0", PAT_VAR_DIR=str(var))
    assert migrate.returncode == 0, migrate.stderr
    assert (var / "pat.sqlite3").is_file()

    user = run_pat(
        "createsuperuser",
        "--noinput",
        "--username",
        "ada",
        "--email",
        "ada@example.org",
        PAT_VAR_DIR=str(var),
        DJANGO_SUPERUSER_PASSWORD="a-long-development-password",
    )
    assert user.returncode == 0, user.stderr
    token = run_pat("token", "ada", PAT_VAR_DIR=str(var))
    assert token.returncode == 0, token.stderr
    assert token.stdout.startswith("pat_")
    kit = run_pat("kit", "--lang", "fr", "-o", str(tmp_path / "kit.html"), PAT_VAR_DIR=str(var))
    assert kit.returncode == 0, kit.stderr
    assert (tmp_path / "kit.html").stat().st_size > 10_000


def test_a_missing_production_secret_is_one_clear_line_not_a_traceback(tmp_path: Path) -> None:
    result = run_pat("token", "ada", DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    assert result.returncode == 2
    assert result.stderr.strip() == "pat: PAT_SECRET_KEY must be set when PAT_DEBUG is off."
    assert "Traceback" not in result.stderr


def test_a_malformed_production_setting_is_one_clear_line(tmp_path: Path) -> None:
    result = run_pat(
        "migrate",
        PAT_DEBUG="0",
        PAT_SECRET_KEY="s" * 50,
        PAT_EMAIL_PORT="twenty-five",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "malformed" in result.stderr
