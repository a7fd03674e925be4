"""What ``refcheck catalog stats / review / import / mine`` print, in Vietnamese and English.

Table headings, summaries and the words of the table cells that refcheck writes itself (a
document's system, yes/no, a conflict's decision). What the data holds is shown as stored:
symbols, dates, the sources' names and a recorded conflict's reason (written by whoever
decided it). ``--json``, ``--tsv`` and ``--disagreements`` are for programs and sheets: their
field names stay the same in both languages.
"""
from __future__ import annotations

from refcheck.lint.messages import _field, plurals

TEXTS: dict[str, dict[str, str]] = {
    # stats
    "stats_head": {"vi": "danh mục: {names}  số mục: {n}", "en": "catalogs: {names}  entries: {n}"},
    "h_system": {"vi": "hệ thống", "en": "system"},
    "h_verified": {"vi": "đã kiểm chứng", "en": "verified"},
    "h_type_code": {"vi": "mã loại", "en": "type code"},
    "h_issuer_code": {"vi": "mã cơ quan", "en": "issuer code"},
    "h_entries": {"vi": "số mục", "en": "entries"},
    "and_more": {"vi": "... và {n} dòng nữa", "en": "... and {n} more"},
    "and_more_series": {"vi": "... và {n} dãy nữa (--series 0 liệt kê tất cả)",
                        "en": "... and {n} more (--series 0 lists all)"},
    "and_more_limit": {"vi": "... và {n} mục nữa (--limit 0, hoặc --tsv)",
                       "en": "... and {n} more (--limit 0, or --tsv)"},
    "h_scope": {"vi": "phạm vi", "en": "scope"},
    "h_issuers": {"vi": "cơ quan", "en": "issuers"},
    "h_types": {"vi": "loại", "en": "types"},
    "h_from": {"vi": "từ", "en": "from"},
    "h_to": {"vi": "đến", "en": "to"},
    "h_complete": {"vi": "đủ", "en": "complete"},
    "any_type": {"vi": "mọi loại", "en": "any"},
    "no_type": {"vi": "(không mã)", "en": "(none)"},
    "coverage": {
        "vi": "độ phủ: {n} dãy số, {near} dãy gần đủ (biết >= {pct} các số 1..lớn nhất, biết "
              ">= {min} số): RC201 chỉ ở đó, RC202 ở chỗ khác",
        "en": "coverage: {n} series, {near} near-complete (>= {pct} of numbers 1..max known, "
              ">= {min} known): RC201 only there, RC202 elsewhere"},
    "h_series": {"vi": "dãy số", "en": "series"},
    "h_known": {"vi": "đã biết", "en": "known"},
    "h_max": {"vi": "lớn nhất", "en": "max"},
    "h_density": {"vi": "mật độ", "en": "density"},
    "h_near": {"vi": "gần đủ", "en": "near-complete"},
    "party": {"vi": "đảng", "en": "party"},
    "state": {"vi": "nhà nước", "en": "state"},
    # review
    "no_sources": {
        "vi": "không thấy thư mục data/sources (--sources THƯ-MỤC): không hiện bằng chứng và "
              "mâu thuẫn",
        "en": "no data/sources folder found (--sources DIR): evidence and conflicts not shown"},
    "conflicts": {"vi": "mâu thuẫn đã ghi: {n} ({open} chưa quyết định)",
                  "en": "recorded conflicts: {n} ({open} undecided)"},
    "h_symbol": {"vi": "số ký hiệu", "en": "symbol"},
    "h_stored": {"vi": "ngày đã lưu", "en": "stored"},
    "h_other": {"vi": "ngày khác (số nguồn)", "en": "other (n)"},
    "h_decision": {"vi": "quyết định", "en": "decision"},
    "h_value": {"vi": "giá trị", "en": "value"},
    "h_reason": {"vi": "lý do (như đã ghi)", "en": "reason"},
    "undecided": {"vi": "CHƯA QUYẾT", "en": "UNDECIDED"},
    "d_correct": {"vi": "sửa", "en": "correct"},
    "d_keep": {"vi": "giữ", "en": "keep"},
    "d_add": {"vi": "thêm", "en": "add"},
    "d_disputed": {"vi": "còn tranh chấp", "en": "disputed"},
    "unverified": {"vi": "mục chưa kiểm chứng: {n} (tự chúng không bao giờ là lỗi)",
                   "en": "unverified entries: {n} (never an error on their own)"},
    "h_id": {"vi": "id", "en": "id"},
    "h_date": {"vi": "ngày", "en": "date"},
    "h_sources": {"vi": "số nguồn", "en": "sources"},
    "h_other_dates": {"vi": "ngày khác", "en": "other dates"},
    "h_evidence": {"vi": "bằng chứng", "en": "evidence"},
    # import
    "import_error": {"vi": "{file}: không nhập được: {reason}", "en": "{file}: {reason}"},
    "import_summary": {
        "vi": "{table}: {n} dòng, {entries} mục, {fixes} chỗ sửa, {drops} dòng bỏ{reasons}",
        "en": "{table}: {n} row{n_s}, {entries} entr{entries_ies}, {fixes} fix{fixes_es}, {drops} dropped{reasons}"},
    "imported_from": {"vi": "Nhập từ {name} bằng refcheck catalog import",
                      "en": "Imported from {name} by refcheck catalog import"},
    "wrote": {"vi": "đã ghi {path}", "en": "wrote {path}"},
    # mine
    "mine_no_input": {"vi": "hãy nêu thư mục/tệp hoặc --jsonl TỆP",
                      "en": "give folders/files or --jsonl FILE"},
    "mine_not_json": {"vi": "{where}: dòng không phải JSON", "en": "{where}: not JSON"},
    "mine_counts": {
        "vi": "bài: {articles} ({duplicates} văn bản trùng chỉ tính một lần); trích dẫn có số "
              "ký hiệu và ngày: {citations} ({rejected} ghi ngày trái với năm trong số ký hiệu, "
              "không tính); văn bản: {documents}",
        "en": "articles: {articles} ({duplicates} duplicate texts counted once); citations with "
              "symbol and date: {citations} ({rejected} dated against the year in their symbol, "
              "not counted); documents: {documents}"},
    "mine_result": {
        "vi": "có trong danh mục: {known} (ngày đa số = ngày của một mục đã kiểm chứng: {agree} "
              "trên {total}); đề xuất: {candidates} (>= {min} bài); chỗ vênh nhau: {rows}",
        "en": "in the catalog: {known} (majority date = a verified entry's date: {agree} of "
              "{total}); candidates: {candidates} (>= {min} articles); disagreements: {rows}"},
    "mine_header": {
        "vi": "Các mục đề xuất, được một kho bài xác nhận (refcheck catalog mine).\nMọi mục đều "
              "verified: false; hãy rà soát trước khi dùng.",
        "en": "Candidate entries attested by an archive (refcheck catalog mine).\nEvery entry is "
              "verified: false; review before relying on it."},
    "mine_entry": {
        "vi": "{n} trên {total} bài ghi ngày {date}; các ngày gặp: {seen}\n# các bài: {articles}",
        "en": "{n} of {total} articles give {date}; dates seen: {seen}\n# articles: {articles}"},
    "term": {"vi": "nhiệm kỳ", "en": "term"},
    "attested": {"vi": "được {n} bài xác nhận", "en": "attested by {n} articles"},
}


def t(key: str, lang: str = "vi", **fields) -> str:
    """The text ``key`` in ``lang`` (vi when ``lang`` is neither)."""
    texts = TEXTS[key]
    lang = lang if lang in texts else "vi"
    return texts[lang].format(**plurals({k: _field(v, lang) for k, v in fields.items()}))


def word(value: str, lang: str, prefix: str = "") -> str:
    """A cell value refcheck names (``party``, ``correct``) in ``lang``; others as stored."""
    texts = TEXTS.get(prefix + value)
    return value if texts is None else texts.get(lang, texts["vi"])
