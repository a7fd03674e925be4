"""Why a file cannot be read or written, in Vietnamese (default) and English.

The reading layer knows no language: it raises errors that carry a :class:`Reason` (a stable
key and its fields), and whoever prints them renders it in the run's language with
:func:`render`. An ``OSError`` is rendered by its ``errno`` (the operating system's own
``strerror`` is English), so "Permission denied" is "không có quyền truy cập" in Vietnamese.
``str()`` of the errors stays English, for library callers and logs.
"""
from __future__ import annotations

import errno
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Reason", "render", "localise", "os_reason", "REASONS"]


@dataclass(frozen=True)
class Reason:
    """A reason by key (a row of :data:`REASONS`) and the fields its texts name."""

    key: str
    fields: dict = field(default_factory=dict)

    def __str__(self) -> str:
        return render(self, "en")


REASONS: dict[str, dict[str, str]] = {
    # ------------------------------------------------------------------ opening the file
    "no_such_file": {"vi": "không có tệp này", "en": "no such file"},
    "vanished_reading": {"vi": "không có tệp này (tệp biến mất trong lúc đọc)",
                         "en": "no such file (it vanished while being read)"},
    "broken_link": {"vi": "liên kết tượng trưng hỏng (đích {target} không tồn tại)",
                    "en": "broken symbolic link (target {target} does not exist)"},
    "permission_denied": {"vi": "không có quyền đọc", "en": "permission denied"},
    "is_dir": {"vi": "là một thư mục, không phải tệp", "en": "is a directory, not a file"},
    "not_regular": {"vi": "không phải tệp thông thường (thiết bị, FIFO hay socket)",
                    "en": "not a regular file"},
    "os_read": {"vi": "không đọc được ({os})", "en": "cannot read ({os})"},
    "too_large": {"vi": "quá lớn để đọc vào bộ nhớ", "en": "too large to read into memory"},
    # ------------------------------------------------------------------ decoding
    "binary": {"vi": "tệp nhị phân ({what}), không phải văn bản",
               "en": "binary file ({what}), not text"},
    "unknown_encoding": {"vi": "không có bảng mã {name!r}", "en": "unknown encoding {name!r}"},
    "not_text_encoding": {
        "vi": "{name!r} không phải bảng mã văn bản (thử cp1258, utf-16-le, latin-1)",
        "en": "{name!r} is not a text encoding (try cp1258, utf-16-le, latin-1)"},
    "cannot_decode": {"vi": "không giải mã được theo bảng mã {encoding} (byte 0x{byte:02X} ở vị trí {pos})",
                      "en": "cannot decode as {encoding} (byte 0x{byte:02X} at offset {pos})"},
    "utf32": {"vi": "chưa hỗ trợ văn bản UTF-32; dùng --encoding utf-32 hoặc chuyển sang UTF-8",
              "en": "UTF-32 text is not supported; pass --encoding utf-32 or convert to UTF-8"},
    "nul_bytes": {
        "vi": "có byte NUL: tệp nhị phân, hoặc văn bản UTF-16 không có dấu thứ tự byte (BOM) "
              "(khi đó dùng --encoding utf-16-le hoặc --encoding utf-16-be)",
        "en": "contains NUL bytes: a binary file, or UTF-16 text without a byte-order mark "
              "(then pass --encoding utf-16-le or --encoding utf-16-be)"},
    "bad_utf16": {"vi": "văn bản {label} hỏng (byte 0x{byte:02X} ở vị trí {pos})",
                  "en": "invalid {label} text (byte 0x{byte:02X} at offset {pos})"},
    "not_utf8": {
        "vi": "không phải UTF-8 hợp lệ (byte 0x{byte:02X} ở dòng {line}); nếu tệp dùng bảng mã "
              "cũ như Windows-1258, hãy dùng --encoding cp1258",
        "en": "not valid UTF-8 (byte 0x{byte:02X} at line {line}); if it is in a legacy "
              "encoding such as Windows-1258, pass --encoding cp1258"},
    "not_utf8_declared": {
        "vi": "không phải UTF-8 hợp lệ (byte 0x{byte:02X} ở dòng {line}); tệp khai báo bảng mã "
              "{declared}, hãy dùng --encoding {declared}",
        "en": "not valid UTF-8 (byte 0x{byte:02X} at line {line}); the file declares "
              "{declared}; pass --encoding {declared}"},
    # ------------------------------------------------------------------ HTML and .docx
    "html_parse": {"vi": "không phân tích được HTML ({kind})", "en": "cannot parse HTML ({kind})"},
    "docx_legacy": {
        "vi": "không phải .docx: tệp Word .doc cũ hoặc tài liệu có mật khẩu (hãy lưu thành .docx)",
        "en": "not a .docx: a legacy Word .doc or a password-protected document (save it as .docx)"},
    "docx_not_zip": {"vi": "không phải .docx (không phải tệp nén zip)",
                     "en": "not a .docx (not a zip archive)"},
    "docx_broken_zip": {"vi": "không phải .docx (tệp nén zip hỏng)",
                        "en": "not a .docx (broken zip archive: {detail})"},
    "docx_no_xml": {"vi": "không phải .docx: tệp nén không có word/document.xml",
                    "en": "not a .docx: the zip archive has no word/document.xml"},
    "docx_too_big": {"vi": "word/document.xml giải nén ra quá {limit} byte; từ chối (bom zip?)",
                     "en": "word/document.xml expands beyond {limit} bytes; refusing (zip bomb?)"},
    "docx_dtd": {"vi": "word/document.xml có DTD; từ chối",
                 "en": "word/document.xml contains a DTD; refusing"},
    "docx_bad_xml": {"vi": "XML hỏng trong word/document.xml (dòng {line}, cột {column})",
                     "en": "bad XML in word/document.xml (line {line}, column {column})"},
    "docx_unreadable": {"vi": "không đọc được tệp .docx ({kind})",
                        "en": "cannot read .docx ({kind})"},
    "docx_utf16": {"vi": "word/document.xml là UTF-16, không phải UTF-8 như Word vẫn ghi; từ chối",
                   "en": "word/document.xml is UTF-16, not UTF-8 as Word writes it; refusing"},
    "docx_declares": {
        "vi": "word/document.xml khai báo bảng mã {declared}, không phải UTF-8 như Word vẫn ghi; từ chối",
        "en": "word/document.xml declares {declared}, not UTF-8 as Word writes it; refusing"},
    # ------------------------------------------------------------------ writing
    "not_regular_write": {"vi": "không phải tệp thông thường (không bao giờ thay thiết bị hay FIFO)",
                          "en": "not a regular file (a device or a FIFO is never replaced)"},
}

#: What ``binary`` names, by the file's magic bytes (see ``refcheck.io.read``).
BINARY_KINDS: dict[str, dict[str, str]] = {
    "png": {"vi": "ảnh PNG", "en": "a PNG image"},
    "jpeg": {"vi": "ảnh JPEG", "en": "a JPEG image"},
    "gif": {"vi": "ảnh GIF", "en": "a GIF image"},
    "pdf": {"vi": "tài liệu PDF", "en": "a PDF document"},
    "zip": {"vi": "tệp nén zip; nếu là .docx, hãy đặt đuôi .docx",
            "en": "a zip archive (a .docx? name it .docx)"},
    "empty_zip": {"vi": "tệp nén zip rỗng", "en": "an empty zip archive"},
    "doc": {"vi": "tệp Word .doc cũ hoặc tệp Office có mật khẩu; hãy lưu thành .docx",
            "en": "a legacy Word .doc or encrypted Office file (save it as .docx)"},
    "elf": {"vi": "chương trình chạy được", "en": "an executable"},
    "gzip": {"vi": "tệp nén gzip", "en": "a gzip archive"},
    "7z": {"vi": "tệp nén 7z", "en": "a 7z archive"},
    "rar": {"vi": "tệp nén RAR", "en": "a RAR archive"},
    "riff": {"vi": "tệp âm thanh hay hình ảnh RIFF", "en": "a RIFF media file"},
}

#: The operating system's reasons in Vietnamese, by errno (English: its own ``strerror``).
_OS_VI: dict[int, str] = {
    errno.ENOENT: "không có tệp hay thư mục này",
    errno.EACCES: "không có quyền truy cập",
    errno.EPERM: "thao tác không được phép",
    errno.EISDIR: "là một thư mục",
    errno.ENOTDIR: "một phần của đường dẫn không phải thư mục",
    errno.ENAMETOOLONG: "tên tệp quá dài",
    errno.ENOSPC: "ổ đĩa hết chỗ trống",
    errno.EROFS: "hệ thống tệp chỉ cho đọc",
    errno.EEXIST: "đã có",
    errno.EIO: "lỗi vào/ra của thiết bị",
    errno.ELOOP: "quá nhiều liên kết tượng trưng lồng nhau",
    errno.EMFILE: "mở quá nhiều tệp cùng lúc",
    errno.ENFILE: "mở quá nhiều tệp cùng lúc",
    errno.EXDEV: "không cùng một hệ thống tệp",
    errno.EBUSY: "thiết bị hay tài nguyên đang bận",
    errno.ETXTBSY: "tệp đang được dùng",
    errno.EDQUOT: "vượt hạn mức đĩa",
    errno.EINVAL: "tham số không hợp lệ",
    errno.EFBIG: "tệp quá lớn",
    errno.EBADF: "bộ mô tả tệp không hợp lệ (đã đóng)",
    errno.ETIMEDOUT: "hết thời gian chờ",
    errno.ECONNREFUSED: "kết nối bị từ chối",
    errno.EAGAIN: "tài nguyên tạm thời không có",
    errno.ENXIO: "không có thiết bị hay địa chỉ này",
    errno.EPIPE: "đường ống đã đóng",
}


def os_reason(exc: BaseException, lang: str = "vi") -> str:
    """An ``OSError`` in one line of ``lang``: the system's ``strerror`` in English, the
    errno's Vietnamese text in Vietnamese (its symbolic name when unknown)."""
    code = getattr(exc, "errno", None)
    if lang == "en":
        return " ".join(str(getattr(exc, "strerror", None) or exc or type(exc).__name__).split())
    if isinstance(code, int):
        return _OS_VI.get(code, f"lỗi hệ thống {errno.errorcode.get(code, code)}")
    return "lỗi vào/ra"


def localise(value: Any, lang: str) -> Any:
    """A message field in ``lang``: a :class:`Reason`, an error carrying one (``why``) or an
    ``OSError`` rendered; anything else as it is."""
    if isinstance(value, Reason):
        return render(value, lang)
    why = getattr(value, "why", None)
    if isinstance(why, Reason):
        return render(why, lang)
    if isinstance(value, OSError):
        return os_reason(value, lang)
    return value


def render(reason: "Reason | str", lang: str = "vi") -> str:
    """``reason`` in ``lang`` (``"vi"`` or ``"en"``); a plain string is returned as is."""
    if not isinstance(reason, Reason):
        return str(reason)
    texts = REASONS.get(reason.key) or BINARY_KINDS[reason.key]
    lang = lang if lang in texts else "vi"
    fields = {k: localise(v, lang) for k, v in reason.fields.items()}
    if reason.key == "binary" and isinstance(fields.get("what"), str) \
            and fields["what"] in BINARY_KINDS:
        fields["what"] = BINARY_KINDS[fields["what"]][lang]
    return " ".join(texts[lang].format(**fields).split())
