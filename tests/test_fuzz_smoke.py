"""CI runs the fuzz target on a few hundred generated inputs (atheris not needed)."""
from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

TARGET = Path(__file__).resolve().parents[1] / "fuzz" / "fuzz_refcheck.py"


def _load():
    spec = importlib.util.spec_from_file_location("fuzz_refcheck", TARGET)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


fuzz = _load()


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_generated_inputs(seed):
    for i, data in enumerate(fuzz.random_inputs(150, seed)):
        try:
            fuzz.TestOneInput(data)
        except Exception as e:  # name the input so the failure can be replayed
            raise AssertionError(f"seed {seed} input {i}: {data!r}") from e


@pytest.mark.parametrize("data", [
    b"", b"\x00", b"\x01", b"\x02PK\x03\x04", b"\x03", b"\x00\xff\xfe\x00\xd8",
    b"\x00\xef\xbb\xbf" + "Chỉ thị số 35-CT/TW\x1b[31m".encode(),
    b"\x02<div>" * 1000, b"\x01```\n" + "Chỉ thị số 35-CT/TW".encode(),
    b"\x00" + "a\u0301".encode() * 100 + "\u0323".encode() * 100,
], ids=lambda d: f"{len(d)}-bytes-{d[:6].hex()}")
def test_edge_inputs(data):
    fuzz.TestOneInput(data)


def test_plain_loop_command():
    r = subprocess.run([sys.executable, str(TARGET), "--runs", "50", "--seed", "3"],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr[-2000:]
    assert "50 inputs, no failure" in r.stdout
