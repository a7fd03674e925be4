"""What the command line itself says on stderr, in Vietnamese (default) and English.

Finding texts live in ``refcheck.rules.registry`` and the reasons a file cannot be read in
``refcheck.io.reasons``; these are the run's own notices (fixes applied or refused, usage
errors, archive mode, the baseline). Keys are stable; ``say(key, lang, **fields)`` fills
one, rendering a field that is an ``OSError`` or carries a reason in the same language.
Texts may leave a field out (the English ones keep a library's own wording, which the
Vietnamese ones cannot repeat).
"""
from __future__ import annotations

from dataclasses import dataclass, field

MESSAGES: dict[str, dict[str, str]] = {
    "no_paths": {
        "vi": "chưa nêu tệp hay thư mục nào để kiểm tra (thử: refcheck check drafts/)",
        "en": "no paths given (try: refcheck check drafts/)"},
    "lsp_check_failed": {  # the language server's log when a check fails unexpectedly
        "vi": "refcheck: không kiểm tra được {uri}: lỗi nội bộ {kind}",
        "en": "refcheck: checking {uri} failed: internal error {kind}"},
    "no_files": {
        "vi": "không có tệp nào để kiểm tra trong {paths} (các đuôi đọc được: {exts})",
        "en": "no files to check under {paths} (extensions read: {exts})"},
    "write_baseline_needs": {
        "vi": "--write-baseline cần --baseline TỆP",
        "en": "--write-baseline needs --baseline FILE"},
    "baseline_written": {
        "vi": "đã ghi baseline vào {path}",
        "en": "baseline written to {path}"},
    "baseline_not_written": {
        "vi": "{path}: không ghi baseline vì {n} tệp không đọc được",
        "en": "{path}: baseline not written: {n} file{n_s} could not be read"},
    "fixes_applied": {
        "vi": "{path}: đã sửa {n} chỗ",
        "en": "{path}: {n} fix{n_es} applied"},
    "fix_not_for_kind": {
        "vi": "{path}: không tự sửa được tệp {kind}; {n} chỗ cần sửa tay (xem báo cáo)",
        "en": "{path}: fixes are not applied to {kind} files; {n} to make by hand (see the report)"},
    "not_for_archive": {
        "vi": "{options}: không dùng được ở chế độ lưu trữ (--jsonl, --dask); không làm gì cả",
        "en": "{options}: not available in archive mode (--jsonl, --dask); nothing done"},
    "output_is_input": {
        "vi": "-o {output}: đây là một tệp đầu vào ({input}); không ghi đè, hãy chọn tệp khác",
        "en": "-o {output}: that is an input file ({input}); refusing to overwrite it"},
    "cannot_write_report": {
        "vi": "{path}: không ghi được báo cáo ({reason})",
        "en": "{path}: cannot write the report ({reason})"},
    "interrupted": {
        "vi": "đã dừng (Ctrl-C); không tệp nào bị ghi dở",
        "en": "interrupted (Ctrl-C); no file was left half-written"},
    "terminated": {
        "vi": "đã dừng (nhận tín hiệu {signal}); không tệp nào bị ghi dở",
        "en": "stopped ({signal} received); no file was left half-written"},
    "bad_encoding": {
        "vi": "--encoding: {reason}",
        "en": "--encoding: {reason}"},
    # --fix refusals: the file is left exactly as it was
    "changed": {
        "vi": "{path}: tệp đã thay đổi từ lúc đọc (trình soạn thảo vừa lưu?); không sửa, hãy chạy lại",
        "en": "{path}: changed on disk since it was read (saved by an editor?); not fixed, run again"},
    "vanished": {
        "vi": "{path}: tệp đã bị chuyển đi hoặc xóa trong lúc chạy; không tạo lại",
        "en": "{path}: moved or deleted while refcheck ran; not recreated"},
    "read_only": {
        "vi": "{path}: tệp chỉ đọc; không sửa",
        "en": "{path}: read-only file; not fixed"},
    "link_outside": {
        "vi": "{path}: liên kết tượng trưng trỏ ra ngoài thư mục được kiểm tra ({target}); không sửa",
        "en": "{path}: symbolic link to {target}, outside the checked folders; not fixed"},
    "cannot_encode": {
        "vi": "{path}: bảng mã {encoding} của tệp không chứa được “{char}”; không sửa",
        "en": "{path}: the file's encoding {encoding} cannot hold “{char}”; not fixed"},
    "cannot_write": {
        "vi": "{path}: không ghi được ({reason}); không sửa",
        "en": "{path}: cannot write ({reason}); not fixed"},
    "excluded": {
        "vi": "{path}: bỏ qua: tệp khớp một mẫu exclude của cấu hình",
        "en": "{path}: skipped: the file matches an exclude pattern of the configuration"},
    "jobs_negative": {
        "vi": "--jobs phải là 0 (mọi lõi) hoặc lớn hơn, không phải {n}",
        "en": "--jobs must be 0 (all cores) or more, not {n}"},
    "unknown_rule": {
        "vi": "không có mã {code!r}; các mã: {codes}",
        "en": "unknown code {code!r}; codes: {codes}"},
    "folder_unreadable": {
        "vi": "{path}: không đọc được thư mục ({reason})",
        "en": "{path}: cannot read the folder ({reason})"},
    # the baseline
    "baseline_cannot_write": {
        "vi": "{path}: không ghi được baseline vào đây: {reason}",
        "en": "{path}: cannot write the baseline there: {reason}"},
    "baseline_cannot_read": {
        "vi": "{path}: không đọc được baseline: {reason}",
        "en": "{path}: cannot be read: {reason}"},
    "baseline_bad_json": {
        "vi": "{path}: không phải JSON hợp lệ (dòng {line}, cột {column})",
        "en": "{path}: invalid JSON: {detail}"},
    "baseline_not_baseline": {
        "vi": "{path}: không phải baseline của refcheck (phiên bản {version})",
        "en": "{path}: not a refcheck baseline (version {version})"},
    "baseline_not_ours": {
        "vi": "{path}: tệp này không phải baseline của refcheck; không ghi đè, hãy chọn tệp khác",
        "en": "{path}: this file is not a refcheck baseline; refusing to overwrite it"},
    "baseline_bad_row": {
        "vi": "{path}: findings[{i}] cần có path, code, key, count",
        "en": "{path}: findings[{i}] needs path, code, key, count"},
    # archive mode (--jsonl)
    "json_bad_line": {
        "vi": "{where}: dòng JSON không đọc được (cột {column})",
        "en": "{where}: invalid JSON line: {detail} (column {column})"},
    "json_not_utf8": {
        "vi": "{where}: dòng JSON không phải UTF-8 (byte ở vị trí {pos})",
        "en": "{where}: invalid JSON line: not UTF-8 (byte at offset {pos})"},
    "json_not_object": {
        "vi": "{where}: cần một đối tượng JSON, gặp {kind}",
        "en": "{where}: expected a JSON object, got {kind}"},
    "json_not_string": {
        "vi": "{where}: {field!r} là {kind}, không phải chuỗi",
        "en": "{where}: {field!r} is {kind}, not a string"},
    "json_no_field": {
        "vi": "{where}: không có trường {field!r}{more}; các trường gặp: {seen}; dùng --text-field TÊN",
        "en": "{where}: no {field!r} field{more}; fields seen: {seen}; pass --text-field NAME"},
    "json_no_field_more": {
        "vi": " (cùng {n} dòng khác)",
        "en": " (nor do {n} more lines)"},
    "json_bad_dates": {
        "vi": "{n} bài có giá trị {field!r} không phải ngày; ngày của các bài đó được suy ra",
        "en": "{n} article{n_s} had a {field!r} value that is not a date; their date was inferred instead"},
    "jsonl_cannot_open": {
        "vi": "{path}: không đọc được: {reason}",
        "en": "{path}: cannot read: {reason}"},
    "jsonl_cut": {
        "vi": "{where}: không đọc được: tệp nén hỏng hoặc bị cắt",
        "en": "{where}: cannot read: {detail}"},
    "archive_cannot_write": {
        "vi": "{path}: không ghi được: {reason}",
        "en": "{path}: cannot write: {reason}"},
    "archive_summary": {
        "vi": "Tổng: {articles} bài, {citations} trích dẫn, {findings} vấn đề trong {reported} bài{bad}.",
        "en": "Total: {articles} article{articles_s}, {citations} citation{citations_s}, {findings} finding{findings_s} in {reported} article{reported_s}{bad}."},
    "archive_summary_bad": {
        "vi": "; {n} dòng hay tệp không đọc được",
        "en": "; {n} line{n_s} or file{n_s} could not be read"},
    "dask_missing": {
        "vi": "--dask cần Dask: pip install 'refcheck-vn[dask]' (hoặc pip install '.[dask]' trong bản sao mã nguồn)",
        "en": "--dask needs Dask: pip install 'refcheck-vn[dask]' (or pip install '.[dask]' in a clone)"},
    "dask_unreachable": {
        "vi": "--dask {address}: không kết nối được bộ lập lịch Dask; `dask scheduler` có đang chạy ở đó không?",
        "en": "--dask {address}: cannot reach the Dask scheduler ({detail}); is `dask scheduler` running there?"},
    "stdout": {"vi": "đầu ra chuẩn", "en": "stdout"},
    "cannot_write_output": {
        "vi": "không ghi được đầu ra ({reason})",
        "en": "cannot write the output ({reason})"},
    # click's usage errors (refcheck.lint.usage)
    "usage_hint": {"vi": "(xem: {command} --help)", "en": "(see: {command} --help)"},
    "usage_no_option": {"vi": "không có tùy chọn {name}{did}", "en": "no such option {name}{did}"},
    "usage_did_you_mean": {"vi": "; có phải ý bạn là {names}?", "en": "; did you mean {names}?"},
    "usage_needs_value": {"vi": "tùy chọn {name} cần một giá trị", "en": "option {name} requires a value"},
    "usage_bad_option": {"vi": "dùng tùy chọn {name} không đúng cách", "en": "option {name} used the wrong way"},
    "usage_missing": {"vi": "thiếu {name}", "en": "missing {name}"},
    "usage_bad_choice": {
        "vi": "giá trị {value!r} không dùng được cho {name}; chọn một trong: {choices}",
        "en": "invalid value {value!r} for {name}; choose one of: {choices}"},
    "usage_not_int": {
        "vi": "giá trị {value!r} của {name} phải là một số nguyên",
        "en": "the value {value!r} of {name} must be an integer"},
    "usage_bad_value": {
        "vi": "giá trị {value!r} không dùng được cho {name}",
        "en": "invalid value {value!r} for {name}: {detail}"},
    "usage_no_command": {
        "vi": "không có lệnh {name!r}; các lệnh: {commands}",
        "en": "no such command {name!r}; commands: {commands}"},
    "usage_missing_command": {
        "vi": "thiếu lệnh; các lệnh: {commands}",
        "en": "missing command; commands: {commands}"},
    "usage_no_path": {"vi": "{path}: không có tệp này", "en": "{path}: no such file"},
    "usage_bad_path": {"vi": "{path}: không dùng được tệp này", "en": "{detail}"},
    "usage_extra_args": {"vi": "thừa đối số trên dòng lệnh", "en": "{detail}"},
    "usage_other": {"vi": "dòng lệnh không đúng", "en": "{detail}"},
    # configuration (refcheck.lint.config): ``{where}`` is a file, "command line" or REFCHECK_LANG
    "cfg_command_line": {"vi": "dòng lệnh", "en": "command line"},
    "cfg_configuration": {"vi": "cấu hình", "en": "configuration"},
    "cfg_unknown_setting": {"vi": "{where}: không có thiết lập {name!r}",
                            "en": "{where}: unknown setting {name!r}"},
    "cfg_bad_value": {"vi": "{where}: {table}{setting} = {shown}: {expected}",
                      "en": "{where}: {table}{setting} = {shown}: {expected}"},
    "cfg_expected_one_of": {"vi": "cần một trong: {choices}", "en": "expected one of {choices}"},
    "cfg_expected_bool": {"vi": "cần true hoặc false", "en": "expected true or false"},
    "cfg_expected_date": {"vi": "cần một ngày dạng yyyy-mm-dd, hoặc \"none\"",
                          "en": "expected an ISO date (yyyy-mm-dd) or \"none\""},
    "cfg_expected_list": {"vi": "cần một danh sách chuỗi", "en": "expected a list of strings"},
    "cfg_expected_code": {
        "vi": "cần một mã quy tắc hoặc tiền tố mã (RC, RC4, RC102); các mã: {codes}",
        "en": "expected a rule code or prefix (RC, RC4, RC102); codes: {codes}"},
    "cfg_expected_globs": {"vi": "cần một bảng mẫu = [\"RC…\", …]",
                           "en": "expected a table of glob = [\"RC…\", …]"},
    "cfg_expected_severities": {
        "vi": "cần một bảng mã = \"info\" | \"warning\" | \"error\"",
        "en": "expected a table of code = \"info\" | \"warning\" | \"error\""},
    "cfg_cannot_read": {"vi": "{where}: không đọc được: {reason}",
                        "en": "{where}: cannot be read: {reason}"},
    "cfg_not_utf8": {
        "vi": "{where}: TOML không hợp lệ: không phải UTF-8 (byte ở vị trí {pos}); hãy lưu tệp "
              "dưới dạng UTF-8",
        "en": "{where}: invalid TOML: not UTF-8 ({detail}); save it as UTF-8"},
    "cfg_bad_toml": {"vi": "{where}: TOML không hợp lệ (dòng {line}, cột {column})",
                     "en": "{where}: invalid TOML: {detail}"},
    "cfg_both_tables": {
        "vi": "{where}: hoặc các khóa ở mức trên cùng, hoặc một bảng [tool.refcheck], không "
              "dùng cả hai",
        "en": "{where}: either top-level keys or one [tool.refcheck] table, not both"},
    "cfg_not_a_table": {"vi": "{where}: [tool.refcheck] phải là một bảng",
                        "en": "{where}: [tool.refcheck] must be a table"},
    "cfg_unknown_key": {"vi": "{where}: {table}không có khóa {setting!r}{did}; các khóa: {keys}",
                        "en": "{where}: {table}unknown key {setting!r}{did}: expected one of {keys}"},
    "cfg_did_you_mean": {"vi": " (có phải ý bạn là {name}?)", "en": " (did you mean {name}?)"},
    "cfg_no_table": {"vi": "{where}: không có bảng [tool.refcheck]",
                     "en": "{where}: no [tool.refcheck] table"},
    # refcheck catalog … (refcheck.lint.catalog_cli)
    "cat_errors": {"vi": "{n} lỗi", "en": "{n} error{n_s}"},
    "cat_ok": {"vi": "không có lỗi: {files}", "en": "ok: {files}"},
    "cat_no_entry": {"vi": "danh mục không có mục nào cho {query!r}",
                     "en": "no catalog entry for {query!r}"},
    "cat_entries": {"vi": "{n} mục cho {query!r}", "en": "{n} entr{ies} for {query!r}"},
    "yes": {"vi": "có", "en": "yes"},
    "no": {"vi": "không", "en": "no"},
    "stdin_fixed": {
        "vi": "{path}: đã sửa {n} chỗ; văn bản đã sửa in ra đầu ra chuẩn",
        "en": "{path}: {n} fix{n_es} applied; the fixed text is on standard output"},
}


#: ``catalog show``'s labels for a document's fields (its ``--json`` keeps the field names).
FIELD_LABELS: dict[str, dict[str, str]] = {
    "id": {"vi": "id", "en": "id"},
    "symbol": {"vi": "số ký hiệu", "en": "symbol"},
    "system": {"vi": "hệ thống", "en": "system"},
    "type": {"vi": "loại", "en": "type"},
    "number": {"vi": "số", "en": "number"},
    "year": {"vi": "năm", "en": "year"},
    "type_code": {"vi": "mã loại", "en": "type code"},
    "issuer_code": {"vi": "mã cơ quan", "en": "issuer code"},
    "issuer": {"vi": "cơ quan", "en": "issuer"},
    "date": {"vi": "ngày", "en": "date"},
    "effective": {"vi": "hiệu lực", "en": "effective"},
    "expired": {"vi": "hết hiệu lực", "en": "expired"},
    "title": {"vi": "trích yếu", "en": "title"},
    "khoa": {"vi": "khóa", "en": "term"},
    "plenum": {"vi": "hội nghị", "en": "plenum"},
    "congress": {"vi": "đại hội", "en": "congress"},
    "replaces": {"vi": "thay thế", "en": "replaces"},
    "replaced_by": {"vi": "bị thay bởi", "en": "replaced by"},
    "amends": {"vi": "sửa đổi", "en": "amends"},
    "aliases": {"vi": "tên khác", "en": "aliases"},
    "verified": {"vi": "đã kiểm chứng", "en": "verified"},
    "source": {"vi": "nguồn", "en": "source"},
    "catalog": {"vi": "danh mục", "en": "catalog"},
}


#: JSON value kinds, by Python type name (archive mode's "expected a JSON object, got ...").
JSON_KINDS: dict[str, dict[str, str]] = {
    "list": {"vi": "một mảng", "en": "an array"},
    "str": {"vi": "một chuỗi", "en": "a string"},
    "int": {"vi": "một số", "en": "a number"},
    "float": {"vi": "một số", "en": "a number"},
    "bool": {"vi": "giá trị đúng/sai", "en": "a boolean"},
    "NoneType": {"vi": "null", "en": "null"},
    "dict": {"vi": "một đối tượng", "en": "an object"},
}


def json_kind(value, lang: str = "vi") -> str:
    kinds = JSON_KINDS.get(type(value).__name__, JSON_KINDS["str"])
    return kinds.get(lang, kinds["vi"])


@dataclass(frozen=True)
class Text:
    """A message by key, kept as data until the run's language is known: a field of another
    message (``expected …`` inside ``key = value: expected …``) or a place ("command line")."""

    key: str
    fields: dict = field(default_factory=dict)

    def __str__(self) -> str:
        return say(self.key, "en", **self.fields)


def _field(value, lang: str):
    if isinstance(value, Text):
        return say(value.key, lang, **value.fields)
    from refcheck.io.reasons import localise  # here: a run that says nothing never needs it

    return localise(value, lang)


def plurals(fields: dict) -> dict:
    """``fields`` with the English plural endings of each count ``x``: ``{x_s}`` ("1 file",
    "2 files"), ``{x_es}`` ("1 fix", "2 fixes"), ``{x_ies}`` ("1 entry", "2 entries");
    Vietnamese nouns do not inflect and leave them unused."""
    out = dict(fields)
    for k, v in fields.items():
        if isinstance(v, int) and not isinstance(v, bool):
            one = v == 1
            out.setdefault(f"{k}_s", "" if one else "s")
            out.setdefault(f"{k}_es", "" if one else "es")
            out.setdefault(f"{k}_ies", "y" if one else "ies")
    return out


def say(key: str, lang: str = "vi", **fields) -> str:
    """The message ``key`` in ``lang`` (Vietnamese when ``lang`` is neither), one line."""
    texts = MESSAGES[key]
    lang = lang if lang in texts else "vi"
    return texts[lang].format(**plurals({k: _field(v, lang) for k, v in fields.items()}))


class Said(Exception):
    """An error that is one message of :data:`MESSAGES`: ``str()`` in English (for library
    callers), :meth:`say` in the run's language."""

    def __init__(self, key: str, **fields) -> None:
        super().__init__(say(key, "en", **fields))
        self.key, self.fields = key, fields

    def say(self, lang: str = "vi") -> str:
        return say(self.key, lang, **self.fields)
