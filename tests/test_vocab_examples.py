"""Every ``examples:`` entry of vocab.yaml is found with what it exemplifies (as reporters-db
tests the examples of each reporter), so an edit to the vocabulary that breaks a real form
fails here, next to the entry."""
from __future__ import annotations

import pytest
import yaml

from refcheck.extract.scan import scan
from refcheck.notation.vocab import VOCAB_FILE, load_vocab

RAW = yaml.safe_load(VOCAB_FILE.read_text(encoding="utf-8"))
EX = RAW["examples"]
V = load_vocab()


def _cases(section: str):
    return [(key, text) for key, texts in EX[section].items() for text in texts]


def test_the_examples_name_real_entries():
    assert set(EX["types"]) <= set(RAW["types"])
    assert set(EX["issuers"]) <= set(RAW["issuers"])
    assert set(EX["law_words"]) <= set(RAW["law_words"])
    assert set(EX["named"]) <= set(RAW["named"]) - {"types"}
    assert len(EX["types"]) >= 20 and len(EX["issuers"]) >= 15


@pytest.mark.parametrize("word,text", _cases("types"))
def test_type_examples(word, text):
    found = scan(text)
    assert found and found[0].type == word, [(c.type, c.text) for c in found]
    assert found[0].text == text[found[0].start:found[0].end]


@pytest.mark.parametrize("code,text", _cases("issuers"))
def test_issuer_examples(code, text):
    found = [c for c in scan(text) if c.kind == "symbol"]
    assert found, text
    c = found[0]
    first = c.issuer_code.split("-")[0]
    assert first == code or (code.endswith("*") and first.startswith(code[:-1])), c.issuer_code
    assert c.system == RAW["issuers"][code]["system"], (c.system, text)


@pytest.mark.parametrize("word,text", _cases("law_words"))
def test_law_word_examples(word, text):
    found = scan(text)
    assert found and V.canonical_type(found[0].type) == word, [(c.type, c.text) for c in found]


@pytest.mark.parametrize("kind,text", _cases("named"))
def test_named_examples(kind, text):
    (c, *_rest) = scan(text)
    assert c.kind == "named" and c.start == 0, c
    assert (c.congress is not None) == (kind == "congress")
    assert (c.plenum is not None) == (kind != "congress")
