"""What ``--help`` says, in Vietnamese (default) and English: the commands, their options and
arguments, and click's own words ("Usage:", "Options:", "Show this message and exit.").

Data only; ``refcheck.lint.helpfmt`` lays it out. :data:`HELP` is keyed by the command's
path below ``refcheck`` ("" for ``refcheck`` itself, "catalog stats"), then by "" for the
command's description, ":short" for its line in the parent's list, and a parameter's name
(as click names it) for that option or argument; :data:`COMMON` serves the parameters most
commands share. Every parameter of every command has a text in both languages
(``tests/test_i18n_session6.py`` walks the commands).
"""
from __future__ import annotations

#: click's own words, and the names of values in the options' metavars.
WORDS: dict[str, dict[str, str]] = {
    "usage": {"vi": "Cách dùng: ", "en": "Usage: "},
    "options": {"vi": "Tùy chọn", "en": "Options"},
    "arguments": {"vi": "Đối số", "en": "Arguments"},
    "commands": {"vi": "Lệnh", "en": "Commands"},
    "OPTIONS": {"vi": "[TÙY-CHỌN]", "en": "[OPTIONS]"},
    "COMMAND": {"vi": "LỆNH [ĐỐI-SỐ]...", "en": "COMMAND [ARGS]..."},
    "default": {"vi": "mặc định: {value}", "en": "default: {value}"},
    "required": {"vi": "bắt buộc", "en": "required"},
    "version": {"vi": "{prog}, phiên bản {version}", "en": "{prog}, version {version}"},
    # metavars (click's names for an option's value)
    "FILE": {"vi": "TỆP", "en": "FILE"},
    "DIRECTORY": {"vi": "THƯ-MỤC", "en": "DIRECTORY"},
    "PATH": {"vi": "ĐƯỜNG-DẪN", "en": "PATH"},
    "TEXT": {"vi": "CHUỖI", "en": "TEXT"},
    "INTEGER": {"vi": "SỐ", "en": "INTEGER"},
    "ADDRESS": {"vi": "ĐỊA-CHỈ", "en": "ADDRESS"},
    "YYYY-MM-DD": {"vi": "NNNN-TT-NN", "en": "YYYY-MM-DD"},
}


def _t(vi: str, en: str) -> dict[str, str]:
    return {"vi": vi, "en": en}


COMMON: dict[str, dict[str, str]] = {
    "help": _t("In trợ giúp này rồi thoát.", "Show this message and exit."),
    "version": _t("In phiên bản rồi thoát.", "Show the version and exit."),
    "lang": _t("Ngôn ngữ của các thông báo (mặc định: vi).",
               "Language of the messages (default: vi)."),
    "catalogs": _t("Thêm một danh mục chồng lên danh mục mặc định (dùng được nhiều lần).",
                   "Extra catalog stacked over the default (repeatable)."),
    "no_default_catalog": _t("Không nạp danh mục mặc định đi kèm.",
                             "Do not load the embedded default catalog."),
    "text_field": _t("Trường chứa văn bản trong JSONL.", "JSON-lines text field."),
    "id_field": _t("Trường chứa mã bài trong JSONL.", "JSON-lines id field."),
    "date_field": _t("Trường chứa ngày trong JSONL.", "JSON-lines date field."),
}

#: Argument names as shown in the usage line.
ARGS: dict[str, dict[str, str]] = {
    "paths": _t("ĐƯỜNG-DẪN", "PATHS"),
    "code": _t("MÃ", "CODE"),
    "query": _t("TRUY-VẤN", "QUERY"),
    "files": _t("TỆP", "FILES"),
    "file": _t("TỆP", "FILE"),
}

HELP: dict[str, dict[str, dict[str, str]]] = {
    "": {
        "": _t("Tìm, nhận diện và kiểm tra các trích dẫn văn bản của Đảng và Nhà nước.",
               "Find, resolve and check citations of Vietnamese Party and State documents."),
    },
    "check": {
        "": _t("Kiểm tra các tệp và thư mục ĐƯỜNG-DẪN ('-' đọc đầu vào chuẩn).",
               "Check the files and folders in PATHS ('-' reads standard input)."),
        ":short": _t("Kiểm tra các tệp và thư mục.", "Check files and folders."),
        "fmt": _t("Định dạng báo cáo (mặc định: 'grouped').", "Output format (default: grouped)."),
        "output": _t("Ghi báo cáo vào TỆP thay vì đầu ra chuẩn.",
                     "Write the report to FILE instead of standard output."),
        "statistics": _t("In số vấn đề theo từng mã.", "Print the number of findings per code."),
        "article_date": _t("Ngày của các bài không tự ghi ngày.",
                           "Date of the articles when they carry none of their own."),
        "fail_level": _t("Mức nghiêm trọng thấp nhất làm lượt chạy thất bại (mặc định: 'error').",
                         "Lowest severity that makes the run fail (default: error)."),
        "exit_zero": _t("Thoát với mã 0 cả khi có vấn đề.", "Exit 0 even when there are findings."),
        "select": _t("Các mã hay tiền tố mã cần kiểm tra, cách nhau bởi dấu phẩy.",
                     "Comma-separated codes or prefixes to check."),
        "ignore": _t("Các mã hay tiền tố mã bỏ qua, cách nhau bởi dấu phẩy.",
                     "Comma-separated codes or prefixes to skip."),
        "extend_select": _t("Các mã hay tiền tố mã thêm vào lựa chọn.",
                            "Codes or prefixes to add to the selection."),
        "config_file": _t("Dùng tệp cấu hình này thay vì tự tìm.",
                          "Use this configuration file instead of searching for one."),
        "show_settings": _t("In các thiết lập đang dùng rồi thoát.",
                            "Print the settings in force and exit."),
        "fix": _t("Sửa các chỗ sửa an toàn ngay trong tệp (ghi nguyên khối).",
                  "Apply safe fixes to the files (atomically)."),
        "diff": _t("In các chỗ sửa an toàn dưới dạng diff; không ghi gì.",
                   "Show the safe fixes as a diff; write nothing."),
        "encoding": _t("Bảng mã dự phòng cho tệp không phải UTF-8 (ví dụ cp1258).",
                       "Decode input files with this codec (e.g. cp1258)."),
        "stdin_filename": _t("Tên báo cáo cho văn bản đọc từ '-'.",
                             "Name to report for input read from '-'."),
        "baseline": _t("Ẩn các vấn đề đã ghi trong tệp baseline này.",
                       "Hide findings recorded in this baseline file."),
        "write_baseline": _t("Ghi các vấn đề hiện có vào --baseline.",
                             "Record the current findings in --baseline."),
        "jsonl": _t("Chế độ lưu trữ: ĐƯỜNG-DẪN là tệp JSONL (nén gzip cũng được), mỗi dòng "
                    "một bài.",
                    "Archive mode: PATHS are JSON-lines files (gzip ok), one article per line."),
        "jobs": _t("Số tiến trình (0 = mọi lõi). Thư mục: các lõi đang rảnh khi có đủ việc; chế "
                   "độ lưu trữ: 1.",
                   "Worker processes (0 = all cores). Folders: the idle cores when there is "
                   "enough to check; archive mode: 1."),
        "dask_address": _t("Chế độ lưu trữ trên một cụm Dask (địa chỉ bộ lập lịch, hoặc "
                           "'local').",
                           "Archive mode on a Dask cluster (scheduler address, or 'local')."),
        "no_progress": _t("Không bao giờ hiện thanh tiến độ.", "Never show a progress bar."),
        "no_cache": _t("Kiểm tra lại mọi tệp thay vì dùng lại kết quả của tệp không đổi.",
                       "Check every file again instead of reusing results of unchanged files."),
        "no_respect_gitignore": _t("Kiểm tra cả các tệp mà .gitignore loại ra.",
                                   "Also check files that .gitignore excludes."),
        "quiet": _t("Chỉ in các vấn đề và lỗi (không in tệp sạch, tổng số hay ghi chú).",
                    "Print the findings and errors only (no clean files, totals or notices)."),
        "color": _t("Tô màu báo cáo (auto: trên màn hình, trừ khi đặt NO_COLOR).",
                    "Colour the report (auto: on a terminal, unless NO_COLOR is set)."),
    },
    "rule": {
        "": _t("Giải thích một mã vấn đề như RC201, hoặc liệt kê mọi mã.",
               "Explain a finding code such as RC201, or list them all."),
        ":short": _t("Giải thích một mã vấn đề.", "Explain a finding code."),
    },
    "lsp": {
        "": _t("Chạy máy chủ ngôn ngữ (LSP) qua đầu vào/đầu ra chuẩn (cần gói phụ lsp).",
               "Run the language server over standard input/output (needs the lsp extra)."),
        ":short": _t("Chạy máy chủ ngôn ngữ cho trình soạn thảo.",
                     "Run the language server for editors."),
        "lang": _t("Ngôn ngữ của thông báo và chú giải (mặc định: của cấu hình, hoặc của trình "
                   "soạn thảo).",
                   "Language of messages and hover (default: the config's, or the editor's)."),
        "stdio": _t("Nhận cho các trình soạn thảo có truyền nó; chỉ có đường truyền stdio.",
                    "Accepted for editors that pass it; stdio is the only transport."),
    },
    "catalog": {
        "": _t("Xem, kiểm tra và dựng danh mục văn bản.",
               "Inspect, check and build document catalogs."),
        ":short": _t("Xem, kiểm tra và dựng danh mục văn bản.",
                     "Inspect, check and build document catalogs."),
    },
    "catalog validate": {
        "": _t("Kiểm tra các TỆP danh mục (mặc định: danh mục đi kèm); thoát mã 2 khi có lỗi.",
               "Check catalog FILEs (default: the embedded catalog); exit 2 on any error."),
        ":short": _t("Kiểm tra tệp danh mục.", "Check catalog files."),
    },
    "catalog show": {
        "": _t("Liệt kê mọi mục khớp một SỐ KÝ HIỆU (mọi khóa / ngày), một ID hay một tên khác.",
               "List every entry matching a SYMBOL (all terms / dates), an ID or an alias."),
        ":short": _t("Xem các mục của một số ký hiệu.", "Show the entries of a symbol."),
        "as_json": _t("In JSON thay vì văn bản.", "Print JSON instead of text."),
    },
    "catalog stats": {
        "": _t("Đếm theo hệ thống, mã loại, mã cơ quan và kiểm chứng; độ phủ theo dãy số.",
               "Counts by system, type code, issuer code and verified; coverage by series."),
        ":short": _t("Thống kê danh mục.", "Catalog statistics."),
        "n_series": _t("Số dãy số liệt kê trong bảng độ phủ (0: tất cả).",
                       "How many numbering series to list in the coverage table (0: all)."),
    },
    "catalog review": {
        "": _t("Các mục chưa kiểm chứng cùng bằng chứng, và mọi mâu thuẫn, quyết định đã ghi.",
               "Unverified entries with their evidence, and every recorded conflict and "
               "decision."),
        ":short": _t("Các mục chưa kiểm chứng và mâu thuẫn.", "Unverified entries and conflicts."),
        "sources": _t("Thư mục 'data/sources' chứa các dòng nguồn (mặc định: của bản mã nguồn).",
                      "The data/sources folder holding the source rows (default: the "
                      "checkout's)."),
        "limit": _t("Số mục chưa kiểm chứng liệt kê (0: tất cả).",
                    "Unverified entries to list (0: all)."),
        "as_tsv": _t("Phân cách bằng tab, mọi mục, để mở bằng bảng tính.",
                     "Tab-separated, every entry, for a sheet."),
    },
    "catalog import": {
        "": _t("Biến một bảng .tsv/.csv thành danh mục; các chỗ sửa và dòng bỏ in ra stderr.",
               "Turn a .tsv/.csv table into a catalog; fixes and drops go to stderr."),
        ":short": _t("Nhập một bảng thành danh mục.", "Import a table as a catalog."),
        "colmap": _t("Trường danh mục = cột, phân cách bằng dấu phẩy, ví dụ "
                     "'symbol=number,date=date,title=title'",
                     "Catalog field = column, e.g. symbol=number,type=type,date=date,"
                     "issuer=issuer,title=title"),
        "system": _t("Hệ thống của mọi dòng (mặc định: đoán từ từng số ký hiệu).",
                     "System of every row (default: guessed from each symbol)."),
        "name": _t("Tên danh mục (mặc định: tên tệp).", "Catalog name (default: the file's stem)."),
        "output": _t("Ghi danh mục vào đây (mặc định: đầu ra chuẩn).",
                     "Write the catalog here (default: stdout)."),
    },
    "catalog mine": {
        "": _t("Các mục đề xuất từ một kho bài: trích dẫn có số ký hiệu và ngày, bỏ phiếu theo "
               "văn bản qua các bài độc lập ('verified: false'; mục của danh mục luôn thắng).",
               "Candidate entries from an archive: citations with a symbol and a date, voted "
               "per document across independent articles (verified: false; catalog entries "
               "always win)."),
        ":short": _t("Đề xuất mục mới từ một kho bài.", "Candidate entries from an archive."),
        "jsonl": _t("Một kho JSONL (nén gzip cũng được), mỗi dòng một bài (dùng được nhiều "
                    "lần).",
                    "A JSON-lines archive (gzip accepted), one article per line (repeatable)."),
        "output": _t("Ghi danh mục đề xuất vào đây (mặc định: đầu ra chuẩn).",
                     "Write the candidate catalog here (default: stdout)."),
        "min_count": _t("Số bài độc lập cần có cho ngày của một đề xuất.",
                        "Independent articles needed for a candidate's date."),
        "disagree_path": _t("Ghi mọi chỗ vênh nhau (giữa các bài, hoặc với danh mục) ra TSV.",
                            "Write every disagreement (between articles, or with the catalog) "
                            "as TSV."),
    },
}


def text(command: str, name: str, lang: str):
    """The help of parameter ``name`` (or "" / ":short") of ``command`` in ``lang``, or None."""
    texts = HELP.get(command, {}).get(name) or COMMON.get(name)
    if texts is None:
        return None
    return texts.get(lang, texts["vi"])


def word(key: str, lang: str) -> str:
    texts = WORDS.get(key)
    return key if texts is None else texts.get(lang, texts["vi"])
