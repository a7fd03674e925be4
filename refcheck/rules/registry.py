"""The one table of finding codes: name, default severity, messages and docs in vi and en.

Messages are ``str.format`` templates; the rule functions in ``rules.py`` fill them. The CLI's
``refcheck rule CODE``, every reporter (including SARIF rule metadata) and the docs read this
table and nothing else.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class RuleDef:
    code: str
    name: str
    severity: str  # default severity: info | warning | error
    message: dict[str, str]  # lang -> template
    summary: dict[str, str]  # lang -> one line
    explanation: dict[str, str]  # lang -> paragraph
    example: str  # a real citation that triggers it
    fix: str = ""  # example of the corrected form, when there is one


def _r(code, name, severity, vi_msg, en_msg, vi_sum, en_sum, vi_exp, en_exp, example, fix=""):
    return RuleDef(code, name, severity, {"vi": vi_msg, "en": en_msg}, {"vi": vi_sum, "en": en_sum},
                   {"vi": vi_exp, "en": en_exp}, example, fix)


RULES: dict[str, RuleDef] = {r.code: r for r in (
    _r("RC001", "article-date-unknown", "info",
       "Không xác định được ngày của bài viết; bỏ qua các kiểm tra phụ thuộc ngày ({checks}).",
       "The article's date is unknown; date-dependent checks skipped ({checks}).",
       "Không rõ ngày bài viết", "Article date unknown",
       "refcheck tìm ngày bài viết ở front matter `date:`, tùy chọn `--article-date`, rồi dòng "
       "ngày ở đầu bài (`02/10/2020`). Không có ngày thì không thể kiểm tra văn bản ban hành sau "
       "ngày bài viết, văn bản đã bị thay thế, hay xác định văn bản Đảng theo nhiệm kỳ.",
       "refcheck takes the article date from Markdown front matter `date:`, then "
       "`--article-date`, then a dateline near the top (`02/10/2020`). Without it, it cannot tell "
       "whether a document is dated after the article, was already replaced, or which term a "
       "Party symbol without a date belongs to.",
       "Chỉ thị số 35-CT/TW (bài không có dòng ngày)"),
    _r("RC101", "unparsable-citation", "warning",
       "Trích dẫn không đọc được: “{text}”.",
       "Citation-like text that cannot be parsed: “{text}”.",
       "Không phân tích được trích dẫn", "Citation cannot be parsed",
       "Đoạn văn trông giống số hiệu văn bản nhưng không khớp cách ghi số hiệu nào của Đảng hay "
       "Nhà nước. Kiểm tra lại số, ký hiệu loại văn bản và cơ quan ban hành.",
       "The text looks like a document symbol but matches no Party or State notation. Check the "
       "number, the type code and the issuer code.",
       "Nghị quyết số 18-NQ/ ngày 25/10/2017"),
    _r("RC102", "non-canonical-spelling", "warning",
       "Số hiệu viết chưa chuẩn: “{found}” → “{canonical}”.",
       "Non-canonical spelling: “{found}” → “{canonical}”.",
       "Số hiệu viết chưa chuẩn", "Non-canonical spelling",
       "Theo quy tắc trình bày (Nghị định 30/2020/NĐ-CP; Hướng dẫn 36-HD/VPTW), số hiệu không có "
       "dấu cách, dùng chữ Đ (U+0110) chứ không phải Ð (U+00D0) hay D, và không có dấu hai chấm "
       "sau “số”. refcheck --fix sửa an toàn các lỗi này.",
       "Symbols are written without spaces, with Đ (U+0110) rather than the look-alike Ð (U+00D0) "
       "or a plain D, and without a colon after “số”. `refcheck --fix` applies these safely.",
       "Chỉ thị số 45 - CT/TW ngày 20/6/2020", "Chỉ thị số 45-CT/TW ngày 20/6/2020"),
    _r("RC103", "crossed-notation", "warning",
       "Văn bản {system_found} nhưng số hiệu viết theo kiểu {system_style}: “{found}” (nên là “{canonical}”).",
       "A {system_found} document written in {system_style} style: “{found}” (should be “{canonical}”).",
       "Số hiệu Đảng viết kiểu Nhà nước hoặc ngược lại", "Party symbol in State style or the reverse",
       "Văn bản của Đảng ghi `số-LOẠI/CƠ QUAN` (35-CT/TW); văn bản của Nhà nước ghi "
       "`số/năm/LOẠI-CƠ QUAN` (30/2020/NĐ-CP). Ghi lẫn hai kiểu (09/NQ-TW, 19-2017/NQ-CP) là sai.",
       "Party documents are numbered `NN-TYPE/ISSUER` (35-CT/TW); State documents "
       "`NN/YYYY/TYPE-ISSUER` (30/2020/NĐ-CP). Mixing the two (09/NQ-TW, 19-2017/NQ-CP) is wrong.",
       "Nghị quyết 19-2017/NQ-CP ngày 6/2/2017", "Nghị quyết 19/NQ-CP ngày 6/2/2017"),
    _r("RC201", "unknown-document", "warning",
       "Không tìm thấy {symbol} trong danh mục {catalog}.",
       "{symbol} is not in the {catalog} catalog.",
       "Văn bản không có trong danh mục", "Unknown document",
       "Cơ quan ban hành thuộc phạm vi danh mục tuyên bố bao quát, nhưng không có văn bản nào khớp "
       "số hiệu này. Có thể số hiệu bị ghi sai. Lỗi (error) nếu danh mục tuyên bố đầy đủ "
       "(`complete: true`), cảnh báo nếu không.",
       "The issuer is inside the scope a catalog claims to cover, yet no document there has this "
       "symbol: it may be mistyped. An error where the scope is declared complete, a warning "
       "otherwise.",
       "Chỉ thị số 99-CT/TW ngày 30/5/2019 của Bộ Chính trị"),
    _r("RC202", "unverifiable", "info",
       "Không kiểm chứng được {symbol}: ngoài phạm vi các danh mục.",
       "{symbol} cannot be verified: outside every catalog's scope.",
       "Không kiểm chứng được", "Cannot be verified",
       "Không danh mục nào tuyên bố bao quát loại văn bản hoặc cơ quan ban hành này (ví dụ văn bản "
       "của đảng ủy cơ sở, hoặc nghị định mà danh mục mặc định chưa đủ). Đây chỉ là thông tin.",
       "No catalog claims to cover this issuer or type (a local Party committee, or decrees the "
       "default catalog does not hold completely). Information only.",
       "Kế hoạch số 01-KH/ĐU ngày 31/12/2019"),
    _r("RC203", "ambiguous", "warning",
       "{symbol} ứng với nhiều văn bản ({candidates}); hãy ghi thêm ngày ban hành.",
       "{symbol} matches several documents ({candidates}); add the date.",
       "Trích dẫn mơ hồ", "Ambiguous citation",
       "Số văn bản của Đảng bắt đầu lại từ 01 mỗi nhiệm kỳ, nên cùng một số hiệu có thể là nhiều "
       "văn bản (35-CT/TW năm 2019 và năm 2024). Ghi ngày ban hành hoặc khóa để người đọc biết văn "
       "bản nào.",
       "Party numbers restart every term, so one symbol can name several documents (35-CT/TW of "
       "2019 and of 2024). Give the date or the term.",
       "Chỉ thị số 35-CT/TW (bài không rõ ngày)"),
    _r("RC301", "type-mismatch", "error",
       "Loại văn bản “{type}” không khớp ký hiệu {type_code} trong {symbol}.",
       "Type word “{type}” contradicts the type code {type_code} in {symbol}.",
       "Loại văn bản mâu thuẫn với ký hiệu", "Type word contradicts the type code",
       "Ký hiệu loại trong số hiệu (CT = Chỉ thị, NQ = Nghị quyết, KL = Kết luận, QĐ = Quyết định "
       "hoặc Quy định, NĐ = Nghị định…) phải khớp với tên loại văn bản viết trước nó.",
       "The type code inside the symbol (CT = Chỉ thị, NQ = Nghị quyết, KL = Kết luận, QĐ = "
       "Quyết định or Quy định, NĐ = Nghị định…) must agree with the type word before it.",
       "Chỉ thị số 35-NQ/TW ngày 30/5/2019", "Chỉ thị số 35-CT/TW ngày 30/5/2019"),
    _r("RC302", "issuer-mismatch", "error",
       "Cơ quan ban hành “{issuer}” không khớp với {symbol} ({expected}).",
       "Issuer “{issuer}” contradicts {symbol} ({expected}).",
       "Cơ quan ban hành mâu thuẫn", "Issuer contradicts the code or catalog",
       "Cơ quan ghi sau “của” phải khớp với mã cơ quan trong số hiệu (CP = Chính phủ, TTg = Thủ "
       "tướng…) và với danh mục (35-CT/TW năm 2019 là của Bộ Chính trị, không phải Ban Bí thư).",
       "The body named after “của” must agree with the issuer code (CP = Chính phủ, TTg = Thủ "
       "tướng…) and with the catalog (35-CT/TW of 2019 is a Bộ Chính trị directive, not a Ban Bí "
       "thư one).",
       "Chỉ thị số 35-CT/TW ngày 30/5/2019 của Ban Bí thư",
       "Chỉ thị số 35-CT/TW ngày 30/5/2019 của Bộ Chính trị"),
    _r("RC303", "inconsistent-citations", "warning",
       "{symbol} được trích dẫn khác nhau trong cùng bài: {detail}.",
       "{symbol} is cited with different details in one article: {detail}.",
       "Một văn bản, nhiều cách ghi", "One document cited two ways",
       "Trong một bài, cùng một văn bản được ghi với ngày, loại hoặc cơ quan ban hành khác nhau; "
       "ít nhất một chỗ sai.",
       "Within one article the same document appears with different dates, types or issuers; at "
       "least one of them is wrong.",
       "Chỉ thị số 35-CT/TW ngày 30/5/2019 … Chỉ thị số 35-CT/TW ngày 3/5/2019"),
    _r("RC304", "term-mismatch", "error",
       "Khóa {khoa} không khớp: {detail}.",
       "Term (khóa) {khoa} contradicts {detail}.",
       "Khóa mâu thuẫn", "Term contradicts date or catalog",
       "Khóa ghi kèm văn bản (hoặc hội nghị) phải khớp với ngày ban hành và với danh mục: mỗi khóa "
       "kéo dài từ Đại hội này đến Đại hội sau.",
       "The term (khóa) written with a document or plenum must agree with its date and the "
       "catalog: a term runs from one Party Congress to the next.",
       "Nghị quyết số 39-NQ/TW của Bộ Chính trị (khóa XII) — văn bản năm 2015, khóa XI"),
    _r("RC305", "title-mismatch", "error",
       "Số hiệu {symbol} là của {catalog_title}, không phải “{title}”.",
       "{symbol} is the symbol of {catalog_title}, not “{title}”.",
       "Số hiệu thuộc văn bản khác", "Symbol belongs to another document",
       "Tên luật ghi kèm số hiệu phải là tên của chính văn bản mang số hiệu đó trong danh mục.",
       "The title written with a symbol must be the title of the document that carries that "
       "symbol in the catalog.",
       "Luật Đầu tư số 68/2014/QH13 (68/2014/QH13 là Luật Doanh nghiệp)",
       "Luật Doanh nghiệp số 68/2014/QH13"),
    _r("RC401", "date-mismatch", "error",
       "Ngày {found} không khớp danh mục: {symbol} ban hành ngày {expected}.",
       "Date {found} differs from the catalog: {symbol} is dated {expected}.",
       "Sai ngày ban hành", "Date differs from the catalog",
       "Ngày ghi trong trích dẫn khác ngày ban hành trong danh mục.",
       "The date written in the citation is not the document's date in the catalog.",
       "Quy định số 102-QĐ/TW ngày 15/12/2017", "Quy định số 102-QĐ/TW ngày 15/11/2017"),
    _r("RC402", "dated-after-article", "error",
       "{symbol} đề ngày {found}, sau ngày bài viết ({article_date}).",
       "{symbol} is dated {found}, after the article ({article_date}).",
       "Văn bản đề ngày sau bài viết", "Document dated after the article",
       "Một bài viết không thể trích dẫn văn bản ban hành sau ngày của chính nó.",
       "An article cannot cite a document issued after its own date.",
       "Chỉ thị số 45-CT/TW ngày 20/6/2020 trong bài ngày 02/10/2019"),
    _r("RC403", "impossible-date", "error",
       "Ngày không hợp lệ: “{found}” ({detail}).",
       "Impossible or truncated date: “{found}” ({detail}).",
       "Ngày không hợp lệ", "Impossible or truncated date",
       "Ngày không tồn tại (31/2/2019) hoặc năm bị cắt (4/5/20).",
       "The date does not exist (31/2/2019) or its year is truncated (4/5/20).",
       "Nghị quyết 379/2017/UBTVQH14 ban hành ngày 4/5/20"),
    _r("RC404", "symbol-year-mismatch", "error",
       "Năm {year} trong số hiệu {symbol} khác năm của ngày {found}.",
       "Year {year} in {symbol} contradicts the date {found}.",
       "Năm trong số hiệu khác năm ban hành", "Year in the symbol contradicts the date",
       "Văn bản quy phạm pháp luật (trừ luật, nghị quyết của Quốc hội) đánh số theo năm: năm "
       "trong số hiệu phải bằng năm ký ban hành.",
       "Legal documents numbered per calendar year carry that year in their symbol: it must be "
       "the year of the signing date.",
       "Nghị định số 30/2020/NĐ-CP ngày 5/3/2019", "Nghị định số 30/2020/NĐ-CP ngày 5/3/2020"),
    _r("RC405", "replaced-document", "warning",
       "{symbol} đã được thay thế bởi {replaced_by} trước ngày bài viết.",
       "{symbol} had been replaced by {replaced_by} before the article's date.",
       "Văn bản đã bị thay thế", "Document replaced before the article",
       "Danh mục ghi văn bản này đã được thay thế (hoặc hết hiệu lực) trước ngày bài viết; có thể "
       "nên dẫn văn bản mới.",
       "The catalog records that this document was replaced (or expired) before the article's "
       "date; the newer document may be meant.",
       "Luật Đất đai số 45/2013/QH13 (trong bài năm 2025)"),
    _r("RC406", "unknown-version", "error",
       "Không có {title} năm {year}; các phiên bản có: {versions}.",
       "There is no {title} of {year}; versions: {versions}.",
       "Không có phiên bản luật năm đó", "No version of the law that year",
       "Tên luật kèm năm phải ứng với một phiên bản có thật của luật đó.",
       "A law named with a year must match a version of that law that exists.",
       "Luật Đất đai 2012", "Luật Đất đai 2013"),
    _r("RC501", "unresolved-short-form", "info",
       "“{text}” không ứng với trích dẫn đầy đủ nào trước đó trong bài.",
       "“{text}” matches no earlier full citation in the article.",
       "Dạng rút gọn không xác định", "Short form without antecedent",
       "Dạng rút gọn (Nghị định 100, Chỉ thị 35) chỉ rõ nghĩa khi trước đó trong bài đã có trích "
       "dẫn đầy đủ.",
       "A short form (Nghị định 100, Chỉ thị 35) is clear only after a full citation earlier in "
       "the same article.",
       "Chỉ thị 35 (không có Chỉ thị số 35-CT/TW trước đó)"),
    _r("RC901", "unused-suppression", "warning",
       "Chỉ thị bỏ qua “{directive}” không bỏ qua phát hiện nào.",
       "Suppression “{directive}” suppresses nothing.",
       "Chỉ thị bỏ qua không dùng", "Unused suppression",
       "Một chú thích `refcheck: ignore` không khớp phát hiện nào; hãy xóa nó.",
       "A `refcheck: ignore` comment matches no finding; remove it.",
       "<!-- refcheck: ignore RC401 --> trên một dòng không có lỗi RC401"),
)}


def message(code: str, lang: str = "vi", **fields) -> str:
    template = RULES[code].message.get(lang) or RULES[code].message["vi"]
    try:
        return template.format(**fields)
    except (KeyError, IndexError):  # a missing field must never crash a run
        return template
