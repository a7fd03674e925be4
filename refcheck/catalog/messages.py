"""What a catalog file can be wrong about, in Vietnamese and English (messages as data).

The catalog layer knows no run and no language: a :class:`~refcheck.catalog.errors.CatalogError`
carries a key of :data:`MESSAGES` and its fields, ``str()`` renders it in English (library
callers, logs, the language server), and the command line renders it in the run's language.
A field may itself be a :class:`Msg` (a value's kind, a date's problem), rendered in the same
language; an ``OSError`` is left to the caller's ``hook`` (the shell translates it by errno).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Optional

__all__ = ["MESSAGES", "Msg", "render", "kind_of", "date_msg"]

Hook = Optional[Callable[[Any, str], Any]]

MESSAGES: dict[str, dict[str, str]] = {
    # ------------------------------------------------------------------ the file and its YAML
    # (the place of an error about the whole file, where a key path would stand)
    "field:file": {"vi": "tệp", "en": "file"},
    "cannot_read": {"vi": "không đọc được: {reason}", "en": "cannot read: {reason}"},
    "empty": {"vi": "danh mục rỗng", "en": "empty catalog"},
    "not_mapping": {"vi": "danh mục phải là một ánh xạ có khóa 'documents'",
                    "en": "a catalog is a mapping with 'documents'"},
    "too_deep": {"vi": "lồng quá sâu (quá 64 mức)", "en": "nesting too deep (more than 64 levels)"},
    "too_deep_any": {"vi": "lồng quá sâu", "en": "nesting too deep"},
    "malformed": {"vi": "YAML không hợp lệ (cột {column})", "en": "malformed YAML: {detail}"},
    "alias": {"vi": "bí danh *{anchor}: danh mục không được dùng neo/bí danh YAML",
              "en": "alias *{anchor}: YAML anchors/aliases are not allowed in a catalog"},
    "alias_any": {"vi": "danh mục không được dùng neo/bí danh YAML",
                  "en": "YAML anchors/aliases are not allowed in a catalog"},
    "tag": {"vi": "không dùng được thẻ {tag!r} (chỉ YAML an toàn)",
            "en": "tag {tag!r} is not allowed (safe YAML only)"},
    "unsupported": {"vi": "giá trị {kind} không đọc được: {value}",
                    "en": "unsupported {kind} value {value}"},
    "complex_key": {"vi": "khóa phức hợp không dùng được", "en": "complex keys not allowed"},
    # ------------------------------------------------------------------ schema
    "unknown_key": {"vi": "không có khóa này", "en": "unknown key"},
    "bad_version": {"vi": "cần refcheck_catalog: {version}, gặp {got!r}",
                    "en": "expected refcheck_catalog: {version}, got {got!r}"},
    "must_string": {"vi": "phải là một chuỗi", "en": "must be a string"},
    "required_string": {"vi": "bắt buộc, là một chuỗi", "en": "required string"},
    "must_list": {"vi": "phải là một danh sách", "en": "must be a list"},
    "must_list_got": {"vi": "phải là một danh sách, gặp {kind}", "en": "must be a list, got {kind}"},
    "must_mapping": {"vi": "phải là một ánh xạ", "en": "must be a mapping"},
    "must_mapping_got": {"vi": "phải là một ánh xạ, gặp {kind}",
                         "en": "must be a mapping, got {kind}"},
    "duplicate_id": {"vi": "id {id!r} bị trùng (lần đầu ở dòng {line})",
                     "en": "duplicate id {id!r} (first at line {line})"},
    "must_roman": {"vi": "phải là số La Mã", "en": "must be a Roman numeral"},
    "must_roman_got": {"vi": "phải là số La Mã, gặp {value}",
                       "en": "must be a Roman numeral, got {value}"},
    "must_iso_date": {"vi": "phải là một ngày dạng YYYY-MM-DD", "en": "must be an ISO date"},
    "must_year": {"vi": "phải là một năm", "en": "must be a year"},
    "term_order": {"vi": "khóa kết thúc trước khi bắt đầu", "en": "term ends before it starts"},
    "party_or_state": {"vi": "phải là 'party' hoặc 'state'", "en": "must be 'party' or 'state'"},
    "party_or_state_got": {"vi": "phải là 'party' hoặc 'state', gặp {value!r}",
                           "en": "must be 'party' or 'state', got {value!r}"},
    "nonempty_strings": {"vi": "phải là một danh sách chuỗi, không rỗng",
                         "en": "must be a non-empty list of strings"},
    "strings_or_nulls": {"vi": "phải là một danh sách chuỗi hoặc null",
                         "en": "must be a list of strings or nulls"},
    "strings": {"vi": "phải là một danh sách chuỗi", "en": "must be a list of strings"},
    "type_words": {"vi": "phải là một danh sách loại văn bản",
                   "en": "must be a list of type words"},
    "ids": {"vi": "phải là một danh sách id", "en": "must be a list of ids"},
    "must_bool": {"vi": "phải là true hoặc false", "en": "must be true or false"},
    "must_bool_got": {"vi": "phải là true hoặc false, gặp {kind}",
                      "en": "must be true or false, got {kind}"},
    "missing": {"vi": "thiếu khóa '{name}'", "en": "missing {name}"},
    "nonempty_string_got": {"vi": "phải là một chuỗi không rỗng, gặp {kind}",
                            "en": "must be a non-empty string, got {kind}"},
    "nonneg_int_got": {"vi": "phải là một số nguyên không âm, gặp {kind} {value}",
                       "en": "must be a non-negative integer, got {kind} {value}"},
    "date_kind_got": {"vi": "ngày không hợp lệ: cần YYYY-MM-DD, gặp {kind}",
                      "en": "bad date: expected YYYY-MM-DD, got {kind}"},
    # dates (refcheck.text.dates.date_fault)
    "date_shape": {"vi": "ngày không hợp lệ {value}: cần YYYY-MM-DD",
                   "en": "bad date {value}: expected YYYY-MM-DD"},
    "date_impossible": {"vi": "ngày không tồn tại {value}", "en": "impossible date {value}"},
    "date_range": {"vi": "ngày không tồn tại {value}: năm ngoài khoảng 1900–2100",
                   "en": "impossible date {value}: year out of range"},
    # ------------------------------------------------------------------ between fields
    "dangling": {"vi": "{target!r} không trỏ tới văn bản nào", "en": "{target!r} points to no document"},
    "self_relation": {"vi": "một văn bản không thể liên hệ với chính nó",
                      "en": "a document cannot relate to itself"},
    "bad_symbol": {"vi": "không đọc được số hiệu {symbol!r}", "en": "cannot parse symbol {symbol!r}"},
    "not_canonical": {"vi": "chưa viết chuẩn: hãy viết {symbol!r}",
                      "en": "not canonical: write {symbol!r}"},
    "contradicts_symbol": {"vi": "{have!r} mâu thuẫn với số hiệu {symbol!r} ({name} {want!r})",
                           "en": "{have!r} contradicts symbol {symbol!r} ({name} {want!r})"},
    "date_vs_year": {"vi": "{date} mâu thuẫn với năm {year} trong {symbol!r}",
                     "en": "{date} contradicts the year {year} in {symbol!r}"},
    "type_word": {"vi": "loại {type!r} mâu thuẫn với mã loại {code!r} của {symbol!r} ({words})",
                  "en": "type {type!r} contradicts the type code {code!r} of {symbol!r} ({words})"},
    "id_vs_symbol": {
        "vi": "{id!r} khác số hiệu {symbol!r} (hãy ghi số hiệu, hoặc SỐ_HIỆU@NGÀY khi nhiều văn "
              "bản cùng số hiệu)",
        "en": "{id!r} differs from its symbol {symbol!r} (write the symbol, or SYMBOL@DATE when "
              "several documents share it)"},
    "outside_term": {"vi": "{date} nằm ngoài khóa {khoa} ({start} đến {end})",
                     "en": "{date} is outside term {khoa} ({start} to {end})"},
    "now": {"vi": "nay", "en": "now"},
    # ------------------------------------------------------------------ importing a table
    "imp_unknown_keys": {"vi": "không có khóa {keys} trong bảng ánh xạ cột (các trường: {known})",
                         "en": "unknown column-map keys: {keys} (known: {known})"},
    "imp_needs_symbol": {"vi": "bảng ánh xạ cột cần symbol=CỘT",
                         "en": "the column map needs symbol=COLUMN"},
    "imp_no_columns": {"vi": "{table}: không có cột {missing}; các cột: {columns}",
                       "en": "{table}: no column(s) {missing}; columns are {columns}"},
    "imp_bad_item": {"vi": "mục {item!r} của bảng ánh xạ cột không đúng: cần TRƯỜNG=CỘT",
                     "en": "bad column map item {item!r}: expected FIELD=COLUMN"},
    "imp_verified_yes": {"vi": "giá trị kiểm chứng {value!r} được đọc là có",
                         "en": "verified value {value!r} read as yes"},
    "imp_not_roman": {"vi": "không phải số La Mã", "en": "not a Roman numeral"},
    "imp_stray_punct": {"vi": "dấu câu thừa", "en": "stray punctuation"},
    "imp_congress": {"vi": "loại {type!r} được lưu là 'Nghị quyết' của Đại hội {roman}",
                     "en": "type {type!r} stored as 'Nghị quyết' with congress {roman}"},
    "imp_no_symbol": {"vi": "không có số ký hiệu", "en": "no symbol"},
    "imp_stray_chars": {"vi": "ký tự thừa quanh số ký hiệu",
                        "en": "stray characters around the symbol"},
    "imp_symbol_cut": {"vi": "số ký hiệu bị cắt ở một dấu phân cách; phần còn lại lấy từ trích yếu",
                       "en": "symbol cut at a separator; rest taken from the title"},
    "imp_fragment_removed": {"vi": "bỏ mẩu số ký hiệu", "en": "symbol fragment removed"},
    "imp_unparseable": {"vi": "không đọc được số ký hiệu", "en": "unparseable symbol"},
    "imp_canonical": {"vi": "cách viết chuẩn", "en": "canonical spelling"},
    "imp_no_date_issuer": {"vi": "không có ngày và không có cơ quan",
                           "en": "no date and no issuer"},
    "imp_no_type_code": {"vi": "không có mã loại: {code!r} đứng ở chỗ đó",
                         "en": "no type code: {code!r} stands in its place"},
    "imp_number_is_year": {"vi": "số là năm của ngày ban hành (số đã bị cắt)",
                           "en": "number is the year of its date (number cut off)"},
    "imp_suffix": {"vi": "số {number!r} có chữ cái theo sau: để trống số, giữ số ký hiệu",
                   "en": "number {number!r} has a letter suffix: number left empty, symbol kept"},
    "imp_no_plenum": {"vi": "không có số hội nghị", "en": "no plenum number"},
    "imp_not_merged": {"vi": "{symbol}: ở đây là {here}, ở {where} là {there} - hai văn bản "
                             "khác nhau, không gộp",
                       "en": "{symbol}: {here} here, {there} at {where} - different documents, "
                             "not merged"},
    "imp_wins": {"vi": "lấy theo {where}", "en": "{where} wins"},
    "imp_year": {"vi": "mâu thuẫn với năm {year} trong {symbol}; để trống ngày và đánh dấu mục "
                       "chưa kiểm chứng",
                 "en": "contradicts the year {year} in {symbol}; date left empty and entry "
                       "marked unverified"},
    "imp_outside_khoa": {"vi": "ngày {date} nằm ngoài khóa {khoa}; để trống khóa",
                         "en": "date {date} is outside term {khoa}; term left empty"},
    "imp_duplicate_undated": {"vi": "trùng với {where} (cùng số ký hiệu, không có ngày)",
                              "en": "duplicate of {where} (same symbol, no date)"},
    "imp_duplicate": {"vi": "trùng với {where}", "en": "duplicate of {where}"},
    "imp_duplicate_id": {"vi": "id {id} bị trùng (lần đầu ở {where})",
                         "en": "duplicate id {id} (first {where})"},
    "imp_relation": {"vi": "không ghi liên hệ {kind} {target!r}{when}: có {n} văn bản ứng viên",
                     "en": "relation {kind} {target!r}{when} not recorded: {n} candidates"},
}

#: What a document's field means, where a message names it beside its value ("(số 30)"):
#: the key path before the message stays the YAML key the editor must find.
LABELS: dict[str, dict[str, str]] = {
    "number": {"vi": "số", "en": "number"},
    "type_code": {"vi": "mã loại", "en": "type_code"},
    "issuer_code": {"vi": "mã cơ quan", "en": "issuer_code"},
    "year": {"vi": "năm", "en": "year"},
}

#: A value's kind, by Python type ("must be a list, got a string").
KINDS: dict[str, dict[str, str]] = {
    "str": {"vi": "chuỗi", "en": "string"},
    "int": {"vi": "số nguyên", "en": "integer"},
    "bool": {"vi": "giá trị đúng/sai", "en": "boolean"},
    "list": {"vi": "danh sách", "en": "list"},
    "dict": {"vi": "ánh xạ", "en": "mapping"},
    "float": {"vi": "số thực", "en": "number"},
    "NoneType": {"vi": "null", "en": "null"},
}


@dataclass(frozen=True)
class Msg:
    """A message by key with its fields, rendered once the language is known."""

    key: str
    fields: dict = field(default_factory=dict)

    def __str__(self) -> str:
        return render(self.key, "en", self.fields)


def kind_of(value: Any) -> Any:
    """The kind of ``value`` as a message field (a type refcheck never builds: its name)."""
    name = type(value).__name__
    return Msg("kind:" + name) if name in KINDS else name


def date_msg(value: str) -> Optional[Msg]:
    """Why ``value`` is not a real ISO date, or None when it is."""
    from refcheck.text.dates import date_fault
    from refcheck.text.normalize import short_repr

    fault = date_fault(value)
    return Msg("date_" + fault, {"value": short_repr(value)}) if fault else None


def _texts(key: str) -> Optional[dict[str, str]]:
    if key.startswith("kind:"):
        return KINDS.get(key[5:])
    if key.startswith("label:"):
        return LABELS.get(key[6:])
    return MESSAGES.get(key)


def render(key: str, lang: str = "en", fields: Optional[dict] = None, hook: Hook = None) -> str:
    """The message ``key`` in ``lang`` (vi when ``lang`` is neither); a key of no message is
    a text already written (kept as it is)."""
    texts = _texts(key)
    if texts is None:
        return key
    lang = lang if lang in texts else "vi"

    def value(v):
        if isinstance(v, Msg):
            return render(v.key, lang, v.fields, hook)
        if hook is not None:
            return hook(v, lang)
        if isinstance(v, OSError):
            return v.strerror or str(v)
        return v

    return texts[lang].format(**{k: value(v) for k, v in (fields or {}).items()})
