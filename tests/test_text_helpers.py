"""The one line splitter (text/positions) and the law words of vocab.yaml (issue 11)."""
from __future__ import annotations

from hypothesis import given, strategies as st

from refcheck.catalog.index import LAW_TYPES, law_title_key, strip_law_word
from refcheck.lint.fixer import _split_lines
from refcheck.notation.vocab import load_vocab
from refcheck.rules.suppress import parse_directives
from refcheck.text.positions import LineIndex, line_starts, split_lines

texts = st.text(alphabet=st.sampled_from(list("ab \r\n\x0b\u2028\f")), max_size=40)


@given(texts)
def test_every_splitter_agrees(text):
    lines = split_lines(text)
    kept = split_lines(text, keepends=True)
    assert "".join(kept) == text and _split_lines(text) == kept
    starts = line_starts(text)
    assert len(starts) == len(lines) == LineIndex(text).line_count
    assert [text[s:s + len(x)] for s, x in zip(starts, lines)] == lines
    # \x0b, \u2028 and \f are not line breaks here (str.splitlines says they are)
    assert len(lines) == text.count("\n") + text.count("\r") - text.count("\r\n") + 1


def test_a_suppression_after_a_lone_cr_is_on_its_own_line():
    text = "Chỉ thị 35\r<!-- refcheck: ignore RC201 -->\rChỉ thị số 35-CT/TW"
    (d,) = parse_directives(text)
    assert d.line == 2


def test_law_words_come_from_the_vocabulary():
    assert load_vocab().law_words == ("Luật", "Bộ luật", "Pháp lệnh")
    # and the constitution's catalog type (vocab checks.constitution)
    assert tuple(LAW_TYPES) == load_vocab().law_words + ("Hiến pháp",)
    assert law_title_key("Pháp lệnh  Ngoại hối") == "ngoại hối"
    assert law_title_key("BỘ LUẬT Hình sự") == "hình sự"
    assert strip_law_word("Luật Đất đai") == "Đất đai"
    assert strip_law_word("Nghị định 30") == "Nghị định 30"
