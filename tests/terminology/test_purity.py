"""pat.terminology must run without Django (command line, offline kit exporter)."""

import subprocess
import sys
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures" / "data"


def test_importing_the_checker_keeps_django_out():
    code = (
        "import sys, pat.terminology, pat.terminology.cli, pat.terminology.vacancy;"
        "pat.terminology.check('The chairman spoke.', 'en');"
        "print('django' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"PATH": "", "PAT_TERMINOLOGY_DATA": str(FIXTURES)},
    )
    assert out.stdout.strip() == "False"


def test_the_check_command_runs_without_django(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text("The chairman spoke.", encoding="utf-8")
    code = (
        "import sys, io; from pat.terminology.cli import main;"
        f"rc = main(['check', '--lang', 'en', {str(page)!r}], stdout=io.StringIO());"
        "print(rc, 'django' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"PATH": "", "PAT_TERMINOLOGY_DATA": str(FIXTURES)},
    )
    assert out.stdout.split() == ["1", "False"]


def test_no_module_of_the_checker_mentions_django():
    from pathlib import Path

    import pat.terminology

    root = Path(pat.terminology.__file__).parent
    for path in root.glob("*.py"):
        assert "import django" not in path.read_text(encoding="utf-8")
        assert "from django" not in path.read_text(encoding="utf-8")
