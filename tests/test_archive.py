"""Archive mode (``refcheck check --jsonl``) on 30 real news articles (baomoi, 2017).

``tests/data/news-sample.jsonl.gz`` holds 30 lines of the baomoi-2017 corpus that cite Party
and State documents (``-NQ/TW``, ``/NĐ-CP``, ``-CT/TW``, ``/QH1x``, ``/QĐ-TTg``, …). No timing
assertions here: speed is measured by ``bench/run.py``.
"""
from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from refcheck.lint import archive
from refcheck.api import check_source
from refcheck.catalog.load import load_catalog
from refcheck.lint.cli import main
from refcheck.lint.config import Settings
from refcheck.lint.report import to_json_data

SAMPLE = Path(__file__).parent / "data" / "news-sample.jsonl.gz"


@pytest.fixture(scope="module")
def sample_lines() -> list[bytes]:
    with gzip.open(SAMPLE, "rb") as fh:
        return fh.read().splitlines(keepends=True)


@pytest.fixture()
def plain(tmp_path, sample_lines) -> Path:
    p = tmp_path / "news.jsonl"
    p.write_bytes(b"".join(sample_lines))
    return p


def _run(args, tmp_path, name="out.jsonl"):
    out = tmp_path / name
    result = CliRunner().invoke(main, ["check", "--jsonl", *map(str, args), "-o", str(out),
                                       "--lang", "en"])
    text = out.read_text(encoding="utf-8") if out.exists() else ""
    return result, text


def test_sample_is_small_and_real(sample_lines):
    assert SAMPLE.stat().st_size < 200_000
    assert len(sample_lines) == 30
    for line in sample_lines:
        obj = json.loads(line)
        assert obj["id"].startswith("baomoi/") and obj["text"]


def test_gzip_and_plain_give_the_same_output(tmp_path, plain):
    r1, gz = _run([SAMPLE], tmp_path, "gz.jsonl")
    r2, txt = _run([plain], tmp_path, "plain.jsonl")
    assert r1.exit_code in (0, 1), r1.output
    assert r2.exit_code == r1.exit_code
    # Same records apart from the path, which names the input file.
    strip = [{**json.loads(x), "path": None} for x in gz.splitlines()]
    assert strip == [{**json.loads(x), "path": None} for x in txt.splitlines()]
    assert len(strip) >= 25  # the sample was picked for its citations


def test_gzip_detected_by_magic_bytes_without_suffix(tmp_path):
    p = tmp_path / "news.data"
    p.write_bytes(SAMPLE.read_bytes())
    r, out = _run([p], tmp_path)
    assert r.exit_code in (0, 1), r.output
    assert len(out.splitlines()) >= 25


def test_records_match_the_json_report(tmp_path, sample_lines):
    _, out = _run([SAMPLE], tmp_path)
    records = [json.loads(x) for x in out.splitlines()]
    catalog = load_catalog()
    by_id = {json.loads(x)["id"]: json.loads(x) for x in sample_lines}
    for rec in records:
        assert set(rec) == {"id", "path", "date", "citations", "findings"}
        assert rec["path"] == f"{SAMPLE}#{rec['id']}"
        result = check_source(by_id[rec["id"]]["text"], path=rec["path"], catalog=catalog,
                              settings=Settings())
        data = to_json_data([result], "x")["files"][0]["articles"]
        assert rec["citations"] == [c for a in data for c in a["citations"]]
        assert len(rec["findings"]) == sum(len(a["findings"]) for a in data)
        for f in rec["findings"]:
            if f["citation"] is not None:
                assert 0 <= f["citation"] < len(rec["citations"])
        for c in rec["citations"]:
            assert by_id[rec["id"]]["text"][c["start"]:c["end"]] == c["text"]
    symbols = {c["type_code"] for r in records for c in r["citations"]}
    assert {"NQ", "NĐ", "CT"} <= symbols


def test_jobs_2_output_is_byte_identical_to_jobs_1(tmp_path, plain, monkeypatch):
    monkeypatch.setattr(archive, "CHUNK_LINES", 7)  # several chunks, out-of-order completion
    args = [SAMPLE, plain]
    r1, one = _run(args + ["--jobs", "1"], tmp_path, "one.jsonl")
    r2, two = _run(args + ["--jobs", "2"], tmp_path, "two.jsonl")
    assert r1.exit_code == r2.exit_code
    assert one and one == two
    assert len(one.splitlines()) == 2 * len([x for x in one.splitlines()
                                             if f"{SAMPLE}#" in x])


def test_small_chunks_give_the_same_output(tmp_path, plain):
    out1 = tmp_path / "a.jsonl"
    assert archive.run_archive([str(plain)], output=str(out1)) in (0, 1)
    chunks = list(archive.iter_chunks(str(plain), [], chunk_lines=4))
    assert len(chunks) == 8 and [n for n, _ in chunks[1][1]] == [5, 6, 7, 8]
    archive._init_worker(archive.Options(settings=Settings()))
    assert "".join(archive._run_chunk(c).output for c in chunks) == out1.read_text("utf-8")


def test_bad_line_is_reported_with_file_and_line_and_exits_2(tmp_path, sample_lines):
    p = tmp_path / "broken.jsonl"
    lines = list(sample_lines[:5])
    lines.insert(2, b'{"id": "x", "text": "Ngh\xe1\xbb\x8b quy\n')  # cut in the middle
    lines.insert(4, b"\n")  # blank lines are skipped silently
    lines.insert(5, b'["not", "an", "object"]\n')
    lines.append(b'{"id": "no-text"}\n')
    p.write_bytes(b"".join(lines))
    r, out = _run([p], tmp_path)
    assert r.exit_code == 2
    assert f"{p}:3: invalid JSON line" in r.output
    assert f"{p}:6: expected a JSON object" in r.output
    assert f"{p}:9: no 'text' field" in r.output
    assert f"{p}:5:" not in r.output
    # The good lines are still checked.
    good = {json.loads(x)["id"] for x in sample_lines[:5]}
    assert {json.loads(x)["id"] for x in out.splitlines()} <= good
    assert len(out.splitlines()) >= 4


def test_missing_file_exits_2_and_other_files_are_checked(tmp_path):
    r, out = _run([tmp_path / "nope.jsonl.gz", SAMPLE], tmp_path)
    assert r.exit_code == 2
    assert "nope.jsonl.gz: cannot read" in r.output
    assert len(out.splitlines()) >= 25


def test_truncated_gzip_exits_2(tmp_path):
    p = tmp_path / "cut.jsonl.gz"
    p.write_bytes(SAMPLE.read_bytes()[:-200])
    r, _ = _run([p], tmp_path)
    assert r.exit_code == 2
    assert "cut.jsonl.gz:" in r.output and "cannot read" in r.output


def test_fields_and_dates(tmp_path):
    text = ("Thực hiện Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ về công tác "
            "văn thư.")
    rows = [
        {"doc": 1, "body": text, "published": "2019-01-05"},
        {"doc": 2, "body": text, "published": "05/01/2021"},
        {"doc": 3, "body": text, "published": "2021-01-05T10:30:00+07:00"},
        {"doc": 4, "body": text},
        {"doc": 5, "body": "Không có trích dẫn nào."},
        {"doc": 6, "body": text, "published": "hôm qua"},
    ]
    p = tmp_path / "custom.jsonl"
    p.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    out = tmp_path / "out.jsonl"
    r = CliRunner().invoke(main, ["check", "--jsonl", str(p), "--text-field", "body",
                                  "--id-field", "doc", "--date-field", "published",
                                  "-o", str(out), "--lang", "en"])
    recs = {x["id"]: x for x in map(json.loads, out.read_text("utf-8").splitlines())}
    assert set(recs) == {1, 2, 3, 4, 6}  # 5 has no citation: no line
    assert recs[1]["date"] == "2019-01-05"
    assert recs[2]["date"] == "2021-01-05"
    assert recs[3]["date"] == "2021-01-05"
    assert recs[4]["date"] is None and recs[6]["date"] is None
    assert recs[1]["path"] == f"{p}#1"
    # Cited a year before it was issued: the decree is dated after the article.
    assert "RC402" in {f["code"] for f in recs[1]["findings"]}
    assert "RC402" not in {f["code"] for f in recs[2]["findings"]}
    assert r.exit_code == 1  # RC402 is an error
    assert "1 article had a 'published' value that is not a date" in r.output


@pytest.mark.parametrize("value,iso", [
    ("2017-01-05", "2017-01-05"), ("05/01/2017", "2017-01-05"), ("5/1/2017", "2017-01-05"),
    ("2017-01-05 08:15:00", "2017-01-05"), ("2017-01-05T23:59:59Z", "2017-01-05"),
    ("05/01/2017 10:30", "2017-01-05"), ("2017/01/05", "2017-01-05"), ("05-01-2017", "2017-01-05"),
    ("31/02/2017", None), ("", None), (None, None), (20170105, None), ("Jan 5", None),
])
def test_parse_date(value, iso):
    assert archive.parse_date(value) == iso


def test_exit_zero_and_fail_level(tmp_path, plain):
    out = tmp_path / "o.jsonl"
    s = Settings()
    s.fail_level = "info"
    assert archive.run_archive([str(plain)], settings=s, output=str(out)) == 1
    assert archive.run_archive([str(plain)], settings=s, output=str(out), exit_zero=True) == 0


def test_negative_jobs_is_a_usage_error(tmp_path, plain):
    assert archive.run_archive([str(plain)], output=str(tmp_path / "o"), jobs=-1) == 2


def test_dask_missing_is_a_clear_error(tmp_path, plain, monkeypatch, capsys):
    import builtins

    real_import = builtins.__import__

    def fake_import(name, *a, **k):
        if name == "distributed" or name.startswith("distributed."):
            raise ImportError("no dask here")
        return real_import(name, *a, **k)

    monkeypatch.setattr(builtins, "__import__", fake_import)
    code = archive.run_archive([str(plain)], output=str(tmp_path / "o"), dask_address="local")
    assert code == 2
    err = capsys.readouterr().err
    assert "pip install 'refcheck-vn[dask]'" in err and len(err.strip().splitlines()) == 1
    assert "pip install '.[dask]'" in err


def test_dask_local_cluster_gives_the_same_output(tmp_path, plain, monkeypatch):
    distributed = pytest.importorskip(
        "distributed", reason="dask[distributed] not installed (pip install '.[dask]')")
    monkeypatch.setattr(archive, "CHUNK_LINES", 7)
    ref, got = tmp_path / "ref.jsonl", tmp_path / "dask.jsonl"
    code1 = archive.run_archive([str(SAMPLE), str(plain)], output=str(ref), jobs=1)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster:
        code2 = archive.run_archive([str(SAMPLE), str(plain)], output=str(got),
                                    dask_address=cluster.scheduler_address)
    assert code1 == code2
    assert ref.read_bytes() and ref.read_bytes() == got.read_bytes()
