"""`pat check`: exit codes, output formats, batch mode."""

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from pat.terminology.cli import main
from pat.terminology.rules import clear_caches

FIXTURES = Path(__file__).parent / "fixtures" / "data"


@pytest.fixture(autouse=True)
def fixture_rules(monkeypatch):
    monkeypatch.setenv("PAT_TERMINOLOGY_DATA", str(FIXTURES))
    clear_caches()
    yield
    monkeypatch.delenv("PAT_TERMINOLOGY_DATA")
    clear_caches()


def run(argv, stdin=""):
    out, err = io.StringIO(), io.StringIO()
    code = main(argv, stdout=out, stderr=err, stdin=io.StringIO(stdin))
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def files(tmp_path):
    clean = tmp_path / "clean.txt"
    clean.write_text("The chair opened the meeting.\n", encoding="utf-8")
    dirty = tmp_path / "dirty.txt"
    dirty.write_text("Intro.\nThe chairman's report was late.\n", encoding="utf-8")
    return clean, dirty


def test_exit_0_when_nothing_is_found(files):
    clean, _ = files
    assert run(["check", "--lang", "en", str(clean)]) == (0, "", "")


def test_exit_1_and_one_line_per_finding(files):
    _, dirty = files
    code, out, err = run(["check", "--lang", "en", str(dirty)])
    assert code == 1 and err == ""
    assert out == (
        f"{dirty}:2:5 en.chairman \"chairman's\": prefer \"chair's\" (chair's, chairperson's)\n"
    )


def test_exit_2_on_a_missing_file_with_no_partial_output(files):
    _, dirty = files
    code, out, err = run(["check", str(dirty), "/nonexistent/file.txt"])
    assert code == 2 and out == ""
    assert "/nonexistent/file.txt" in err and "no such file" in err


def test_exit_2_on_a_malformed_document(tmp_path, files):
    _, dirty = files
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"this is not a zip file at all")
    code, out, err = run(["check", str(dirty), str(bad)])
    assert code == 2 and out == "" and "bad.docx" in err


def test_exit_2_on_bad_arguments():
    code, _, _ = run(["check", "--lang", "de", "x.txt"])
    assert code == 2
    assert run(["check"])[0] == 2


def test_stdin_and_allow_and_disable():
    assert run(["check", "--lang", "en", "-"], "The chairman.")[0] == 1
    assert run(["check", "--lang", "en", "--allow", "chairman", "-"], "The chairman.")[0] == 0
    assert run(["check", "--lang", "en", "--disable", "en.chairman", "-"], "The chairman.")[0] == 0


def test_json_output(files):
    _, dirty = files
    code, out, _ = run(["check", "--format", "json", str(dirty)])
    data = json.loads(out)
    assert code == 1
    assert data[0]["file"] == str(dirty) and data[0]["lang"] == "en"
    f = data[0]["findings"][0]
    assert (f["term"], f["line"], f["column"], f["rule"]) == ("chairman's", 2, 5, "en.chairman")
    assert f["suggestions"] == ["chair's", "chairperson's"]


def test_vacancy_mode_json_reports_coded_words():
    code, out, _ = run(
        ["check", "--lang", "en", "--mode", "vacancy", "--format", "json", "-"],
        "You are ambitious and supportive.",
    )
    data = json.loads(out)[0]
    assert code == 0
    assert data["score"] == 0 and data["verdict"] == "neutral"
    assert [c["term"] for c in data["coded"]] == ["ambitious", "supportive"]


def test_batch_processes_every_line_and_reports_bad_ones(tmp_path):
    batch = tmp_path / "in.jsonl"
    lines = [
        {"id": "a", "text": "The chairman spoke.", "lang": "en"},
        {"id": "b", "text": "The chair spoke.", "lang": "en"},
        "not json",
        {"id": "d", "text": 5, "lang": "en"},
        {"id": "e", "text": "You are ambitious.", "lang": "en", "mode": "vacancy"},
        {"id": "f", "text": "Los trabajadores.", "lang": "xx"},
    ]
    batch.write_text(
        "\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n",
        encoding="utf-8",
    )
    code, out, err = run(["check", "--batch", str(batch)])
    rows = [json.loads(x) for x in out.splitlines()]
    assert code == 2 and "3 batch line(s)" in err
    assert [r["id"] for r in rows] == ["a", "b", None, "d", "e", "f"]
    assert [f["term"] for f in rows[0]["findings"]] == ["chairman"]
    assert rows[1]["findings"] == []
    assert "error" in rows[2] and "error" in rows[3] and "error" in rows[5]
    assert rows[4]["coded"] == [
        {
            "start": 8,
            "end": 17,
            "term": "ambitious",
            "coding": "masculine",
            "phrase": "You are ambitious",
            "added": False,
            "line": 1,
            "column": 9,
        }
    ]
    assert rows[4]["score"] == -1 and rows[4]["verdict"] == "masculine-coded"


def test_batch_from_stdin_exit_codes():
    assert run(["check", "--batch", "-"], '{"id": 1, "text": "ok", "lang": "en"}\n')[0] == 0
    assert run(["check", "--batch", "-"], '{"id": 1, "text": "chairman", "lang": "en"}\n')[0] == 1


def test_annotate_needs_an_output():
    assert run(["check", "--annotate", "in.docx"])[0] == 2


def test_python_dash_m_runs_the_command(files):
    _, dirty = files
    proc = subprocess.run(
        [sys.executable, "-m", "pat.terminology", "check", "--lang", "en", str(dirty)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 1
    assert "en.chairman" in proc.stdout


def test_annotate_writes_a_commented_copy(tmp_path):
    import docx

    src = tmp_path / "in.docx"
    doc = docx.Document()
    doc.add_paragraph("Intro.")
    doc.add_paragraph("The chairman's report was late.")
    doc.save(str(src))
    out = tmp_path / "out.docx"
    code, stdout, err = run(["check", "--lang", "en", "--annotate", str(src), "-o", str(out)])
    assert (code, err) == (1, "")
    assert out.exists() and "1 comment(s)" in stdout


def test_batch_reports_missing_rule_data_per_line(tmp_path, monkeypatch):
    import shutil

    shutil.copy(FIXTURES / "en.json", tmp_path / "en.json")  # no vacancy_en.json here
    monkeypatch.setenv("PAT_TERMINOLOGY_DATA", str(tmp_path))
    lines = (
        '{"id": 1, "text": "ambitious", "lang": "en", "mode": "vacancy"}\n'
        '{"id": 2, "text": "The chairman.", "lang": "en"}\n'
    )
    code, out, err = run(["check", "--batch", "-"], lines)
    rows = [json.loads(x) for x in out.splitlines()]
    assert code == 2 and "1 batch line(s)" in err
    assert rows[0]["id"] == 1 and "vacancy_en.json" in rows[0]["error"]
    assert [f["term"] for f in rows[1]["findings"]] == ["chairman"]


def test_missing_rule_data_is_an_error_not_a_traceback(tmp_path, monkeypatch):
    monkeypatch.setenv("PAT_TERMINOLOGY_DATA", str(tmp_path))
    code, out, err = run(["check", "--lang", "fr", "-"], "Les migrants.")
    assert code == 2 and out == "" and "fr.json: rule data file is missing" in err
