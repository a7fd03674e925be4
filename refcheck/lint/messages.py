"""What the command line itself says on stderr, in Vietnamese (default) and English.

Finding texts live in ``refcheck.rules.registry``; these are the run's own notices (fixes
applied or refused, usage errors). Keys are stable; ``say(key, lang, **fields)`` fills one.
"""
from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "no_paths": {
        "vi": "chưa nêu tệp hay thư mục nào để kiểm tra (thử: refcheck check drafts/)",
        "en": "no paths given (try: refcheck check drafts/)"},
    "write_baseline_needs": {
        "vi": "--write-baseline cần --baseline TỆP",
        "en": "--write-baseline needs --baseline FILE"},
    "baseline_written": {
        "vi": "đã ghi baseline vào {path}",
        "en": "baseline written to {path}"},
    "baseline_not_written": {
        "vi": "{path}: không ghi baseline vì {n} tệp không đọc được",
        "en": "{path}: baseline not written: {n} file(s) could not be read"},
    "fixes_applied": {
        "vi": "{path}: đã sửa {n} chỗ",
        "en": "{path}: {n} fix(es) applied"},
    "fix_not_for_kind": {
        "vi": "{path}: không tự sửa được tệp {kind}; {n} chỗ cần sửa tay (xem báo cáo)",
        "en": "{path}: fixes are not applied to {kind} files; {n} to make by hand (see the report)"},
    "output_is_input": {
        "vi": "-o {output}: đây là một tệp đầu vào ({input}); không ghi đè, hãy chọn tệp khác",
        "en": "-o {output}: that is an input file ({input}); refusing to overwrite it"},
    "cannot_write_report": {
        "vi": "{path}: không ghi được báo cáo ({reason})",
        "en": "{path}: cannot write the report ({reason})"},
    "interrupted": {
        "vi": "đã dừng (Ctrl-C); không tệp nào bị ghi dở",
        "en": "interrupted (Ctrl-C); no file was left half-written"},
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
    "hard_links": {
        "vi": "{path}: tệp có {n} liên kết cứng (hard link); sửa sẽ tách chúng ra nên không sửa",
        "en": "{path}: has {n} hard links; a fix would split them, so it is not written"},
    "link_outside": {
        "vi": "{path}: liên kết tượng trưng trỏ ra ngoài thư mục được kiểm tra ({target}); không sửa",
        "en": "{path}: symbolic link to {target}, outside the checked folders; not fixed"},
    "cannot_encode": {
        "vi": "{path}: bảng mã {encoding} của tệp không chứa được “{char}”; không sửa",
        "en": "{path}: the file's encoding {encoding} cannot hold “{char}”; not fixed"},
    "cannot_write": {
        "vi": "{path}: không ghi được ({reason}); không sửa",
        "en": "{path}: cannot write ({reason}); not fixed"},
    "stdin_fixed": {
        "vi": "{path}: đã sửa {n} chỗ; văn bản đã sửa in ra đầu ra chuẩn",
        "en": "{path}: {n} fix(es) applied; the fixed text is on standard output"},
}


def say(key: str, lang: str = "vi", **fields) -> str:
    texts = MESSAGES[key]
    return texts.get(lang, texts["vi"]).format(**fields)
