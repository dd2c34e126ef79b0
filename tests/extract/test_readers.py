"""read_document: formats by content, Chinese encodings, refusals with their codes, docx/pdf/html blocks.

Every test document is built here: .docx with python-docx, PDFs by hand (a CJK font by name with the
UniGB-UCS2-H encoding, which pdfminer reads without an embedded font), web pages as strings.
"""

from __future__ import annotations

import hashlib
import zipfile
from io import BytesIO

import pytest

from duban.extract import extract
from duban.extract.blocks import Paragraph, Table
from duban.extract.errors import ExtractError
from duban.extract.readers import MAX_BYTES, read_document

PLAN = """某某市人民政府办公室关于印发推进城市更新行动实施方案的通知

一、总体要求
坚持问题导向，统筹推进城市更新。
二、重点任务
（一）加快老旧小区改造。年底前完成改造120个小区。（责任单位：市住房城乡建设局、各区政府）
"""


def paragraphs(doc):
    return [block.text for block in doc.blocks if isinstance(block, Paragraph)]


def tables(doc):
    return [block for block in doc.blocks if isinstance(block, Table)]


def code_of(data: bytes, name: str = "plan.txt") -> str:
    with pytest.raises(ExtractError) as caught:
        read_document(data, name)
    assert caught.value.message  # a sentence for the person, never empty
    return caught.value.code


# --- text and encodings -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoded", "encoding"),
    [
        (PLAN.encode("utf-8"), "utf-8"),
        (PLAN.encode("utf-8-sig"), "utf-8"),
        (PLAN.encode("gbk"), "gbk"),
        ((PLAN + "䶮").encode("gb18030"), "gb18030"),
        (PLAN.encode("utf-16"), "utf-16"),
        (PLAN.encode("utf-16-le"), "utf-16"),
        (PLAN.encode("utf-16-be"), "utf-16"),
    ],
)
def test_text_in_any_chinese_encoding_reads_the_same(encoded, encoding):
    doc = read_document(encoded, "方案.txt")
    assert doc.source.encoding == encoding
    assert doc.source.format == "txt"
    assert doc.source.name == "方案.txt"
    assert doc.source.sha256 == hashlib.sha256(encoded).hexdigest()
    assert paragraphs(doc)[:3] == [
        "某某市人民政府办公室关于印发推进城市更新行动实施方案的通知",
        "一、总体要求",
        "坚持问题导向，统筹推进城市更新。",
    ]


def test_one_paragraph_per_non_empty_line_with_its_line_number():
    doc = read_document(PLAN.encode(), "a.txt")
    assert [(b.line, b.text) for b in doc.blocks][:2] == [
        (0, "某某市人民政府办公室关于印发推进城市更新行动实施方案的通知"),
        (2, "一、总体要求"),
    ]


def test_odd_spaces_zero_width_and_line_endings_are_cleaned():
    raw = "\u3000\u3000一、总体要求\u200b\r\n某某县人民政府办公室\u2003\u2003\u00a0  \r\n年底前\ufeff完成\u2002任务。\r"
    doc = read_document(raw.encode("utf-8"), "a.txt")
    assert paragraphs(doc) == ["一、总体要求", "某某县人民政府办公室", "年底前完成 任务。"]


def test_full_width_letters_and_digits_stay_as_written():
    doc = read_document("完成１２０个，达到ＡＡＡ级。".encode(), "a.txt")
    assert paragraphs(doc) == ["完成１２０个，达到ＡＡＡ级。"]


def test_a_few_broken_bytes_in_utf8_do_not_turn_the_text_into_gbk_mojibake():
    data = (PLAN * 3).encode("utf-8")
    broken = data[:-1]  # the last character cut in half
    doc = read_document(broken, "a.txt")
    assert doc.source.encoding == "utf-8"
    assert paragraphs(doc)[1] == "一、总体要求"


def test_many_broken_bytes_in_utf8_are_refused_not_guessed():
    data = bytearray((PLAN * 4).encode("utf-8"))
    for i in range(10, len(data), 60):
        data[i] = 0xFF
    assert code_of(bytes(data)) == "encoding"


# --- refusals -----------------------------------------------------------------------------------------


def test_empty_and_whitespace_only_files_are_refused():
    assert code_of(b"") == "empty"
    assert code_of(b" \r\n\t \n") == "empty"
    assert code_of("\u3000\u3000\r\n\u200b\n".encode()) == "empty"


def test_too_large_is_refused_before_reading():
    assert code_of(b"\x00" * (MAX_BYTES + 1)) == "too_large"


def test_old_word_doc_gets_the_save_as_docx_message():
    with pytest.raises(ExtractError) as caught:
        read_document(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "方案.doc")
    assert caught.value.code == "old_doc"
    assert "另存为 .docx" in caught.value.message


def test_excel_workbook_is_not_a_plan():
    from openpyxl import Workbook

    out = BytesIO()
    Workbook().save(out)
    assert code_of(out.getvalue(), "任务表.xlsx") == "unsupported"


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n" + bytes(range(256)),
        b"MZ\x90\x00" + bytes(200),
        b"\x7fELF" + bytes(200),
        b"some text\x00with nul\x00bytes\x00here and more",
    ],
)
def test_binaries_are_refused(data):
    assert code_of(data) == "binary"


def test_a_zip_of_other_files_is_refused():
    out = BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("readme.txt", "hello")
    assert code_of(out.getvalue(), "plans.zip") == "binary"


def test_a_txt_name_does_not_hide_a_docx():
    data = _docx_bytes(["一、总体要求"])
    assert read_document(data, "actually-word.txt").source.format == "docx"


# --- docx ---------------------------------------------------------------------------------------------


def _docx_bytes(texts: list[str]) -> bytes:
    import docx

    document = docx.Document()
    for text in texts:
        document.add_paragraph(text)
    out = BytesIO()
    document.save(out)
    return out.getvalue()


_W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _add_chinese_outline(document) -> str:
    """Give the document a two-level list "一、" / "（一）" and return its numId."""
    from docx.oxml import parse_xml

    numbering = document.part.numbering_part.element
    numbering.insert(
        0,
        parse_xml(
            f'<w:abstractNum {_W_NS} w:abstractNumId="90">'
            '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
            '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>'
            '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>'
            "</w:abstractNum>"
        ),
    )
    numbering.append(parse_xml(f'<w:num {_W_NS} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    return "90"


def _numbered(document, text: str, num_id: str, level: int) -> None:
    from docx.oxml import parse_xml

    paragraph = document.add_paragraph(text)
    paragraph._p.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {_W_NS}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>')
    )


def test_docx_word_list_numbering_is_put_back_into_the_text():
    import docx

    document = docx.Document()
    num_id = _add_chinese_outline(document)
    document.add_paragraph("某某县农业农村局工作方案")
    _numbered(document, "总体要求", num_id, 0)
    _numbered(document, "重点任务", num_id, 0)
    _numbered(document, "推进高标准农田建设。", num_id, 1)
    _numbered(document, "完成田间道路改造。", num_id, 2)
    _numbered(document, "完成灌溉渠系配套。", num_id, 2)
    _numbered(document, "加强农机推广。", num_id, 1)
    _numbered(document, "保障措施", num_id, 0)
    _numbered(document, "加强组织领导。", num_id, 1)
    for _ in range(8):
        _numbered(document, "其他事项", num_id, 0)
    out = BytesIO()
    document.save(out)
    doc = read_document(out.getvalue(), "方案.docx")
    assert doc.source.format == "docx"
    assert paragraphs(doc)[:9] == [
        "某某县农业农村局工作方案",
        "一、总体要求",
        "二、重点任务",
        "（一）推进高标准农田建设。",
        "1.完成田间道路改造。",
        "2.完成灌溉渠系配套。",
        "（二）加强农机推广。",
        "三、保障措施",
        "（一）加强组织领导。",
    ]
    assert paragraphs(doc)[-1] == "十一、其他事项"


def test_docx_table_keeps_its_place_and_merged_cells_once():
    import docx

    document = docx.Document()
    document.add_paragraph("附件")
    table = document.add_table(rows=3, cols=4)
    for i, name in enumerate(["序号", "重点任务", "牵头单位", "配合单位"]):
        table.cell(0, i).text = name
    table.cell(1, 0).text = "1"
    table.cell(1, 1).text = "建设智慧农业示范基地。"
    table.cell(1, 2).text = "省农业农村厅"
    table.cell(1, 3).text = "省财政厅"
    table.cell(1, 3).add_paragraph("省科技厅")
    table.cell(2, 0).text = "2"
    merged = table.cell(2, 1).merge(table.cell(2, 2))
    merged.text = "完善农机购置补贴政策。"
    table.cell(2, 3).text = "省财政厅"
    document.add_paragraph("抄送：省委办公厅。")
    out = BytesIO()
    document.save(out)
    doc = read_document(out.getvalue(), "分工表.docx")
    assert isinstance(doc.blocks[0], Paragraph) and isinstance(doc.blocks[1], Table)
    assert isinstance(doc.blocks[2], Paragraph)
    table_block = tables(doc)[0]
    assert table_block.header == ["序号", "重点任务", "牵头单位", "配合单位"]
    assert table_block.rows[0] == ["1", "建设智慧农业示范基地。", "省农业农村厅", "省财政厅、省科技厅"]
    assert table_block.rows[1] == ["2", "完善农机购置补贴政策。", "", "省财政厅"]  # still under 配合单位


def test_damaged_docx_is_refused():
    data = bytearray(_docx_bytes(["一、总体要求"]))
    out = BytesIO()
    with zipfile.ZipFile(BytesIO(bytes(data))) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            body = source.read(item)
            if item.filename == "word/document.xml":
                body = body[: len(body) // 2]
            target.writestr(item, body)
    assert code_of(out.getvalue(), "坏.docx") == "binary"


# --- pdf ----------------------------------------------------------------------------------------------


def make_pdf(
    pages: list[list[tuple[float, float, str]]],
    rules: list[list[str]] | None = None,
    identity_font: bool = False,
) -> bytes:
    """A PDF whose pages hold lines (x, y, text) in 12 pt STSong-Light, plus optional drawing operators.

    `identity_font` writes the text with glyph numbers and no Unicode map, as some PDF exporters do.
    """
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    descriptor = add(
        b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [0 -200 1000 900] "
        b"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 80 >>"
    )
    encoding, ordering = (
        (b"/Identity-H", b"(Identity) /Supplement 0")
        if identity_font
        else (b"/UniGB-UCS2-H", b"(GB1) /Supplement 2")
    )
    font = add(
        b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding %s "
        b"/DescendantFonts [<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering %s >> /DW 1000 "
        b"/FontDescriptor %d 0 R >>] >>" % (encoding, ordering, descriptor)
    )
    pages_id = add(b"")
    kids = []
    for number, lines in enumerate(pages):
        ops = [f"BT /F1 12 Tf {x} {y} Td <{text.encode('utf-16-be').hex()}> Tj ET" for x, y, text in lines]
        ops += (rules or [[]] * len(pages))[number] if rules else []
        stream = "\n".join(ops).encode()
        content = add(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
        kids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] "
                b"/Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>" % (pages_id, font, content)
            )
        )
    objects[pages_id - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        " ".join(f"{kid} 0 R" for kid in kids).encode(),
        len(kids),
    )
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        catalog,
        xref,
    )
    return bytes(out)


def wrap(
    text: str, top: float, first_indent: bool = True, per_line: int = 36
) -> list[tuple[float, float, str]]:
    """Lay a paragraph out as the printer would: 36 characters a line, the first line indented by two."""
    lines, y, rest, first = [], top, text, True
    while rest:
        room = per_line - 2 if first and first_indent else per_line
        x = 72 + 24 if first and first_indent else 72
        lines.append((x, y, rest[:room]))
        rest, y, first = rest[room:], y - 20, False
    return lines


def test_pdf_lines_are_joined_into_paragraphs_and_page_furniture_dropped():
    body = (
        "为进一步推进全市重点工作任务落实，切实提高工作质量和效率，结合本市实际情况，现就有关事项通知如下。"
    )
    task = "（一）加快推进老旧小区改造，年底前完成改造100个小区，同步完善小区周边道路、停车和充电等配套设施。"
    header = (72, 800, "某某市人民政府办公室文件")
    page1 = [
        header,
        (72, 770, "一、总体要求"),
        *wrap(body, 745),
        (72, 680, "二、重点任务"),
        *wrap(task, 655),
        (280, 40, "- 1 -"),
    ]
    page2 = [header, (96, 770, "（二）做好政策宣传解读工作。"), (280, 40, "- 2 -")]
    page3 = [header, (72, 770, "三、保障措施"), (280, 40, "- 3 -")]
    doc = read_document(make_pdf([page1, page2, page3]), "方案.pdf")
    assert doc.source.format == "pdf"
    assert paragraphs(doc) == [
        "一、总体要求",
        body,
        "二、重点任务",
        task,
        "（二）做好政策宣传解读工作。",
        "三、保障措施",
    ]


def test_pdf_sentence_running_over_a_page_break_is_joined():
    text = (
        "全面推进农村人居环境整治提升，加快补齐农村基础设施短板，持续改善农民群众生产生活条件，" * 2
        + "确保取得实效。"
    )
    lines = wrap(text, 120)
    page1 = [(72, 770, "一、重点任务"), *lines[:-1]]
    page2 = [(lines[-1][0], 770, lines[-1][2])]
    doc = read_document(make_pdf([page1, page2]), "a.pdf")
    assert paragraphs(doc) == ["一、重点任务", text]


def _grid(x_edges: list[float], y_edges: list[float]) -> list[str]:
    ops = [f"{x_edges[0]} {y} m {x_edges[-1]} {y} l S" for y in y_edges]
    ops += [f"{x} {y_edges[0]} m {x} {y_edges[-1]} l S" for x in x_edges]
    return ops


def test_pdf_ruled_table_becomes_a_table_block_without_repeating_its_text():
    cells = [
        ["序号", "重点任务", "牵头单位"],
        ["1", "建设数字乡村", "市农业农村局"],
        ["2", "推进电商进村", "市商务局"],
    ]
    lines = [(72, 780, "附件：重点任务分工表")]
    xs, ys = [70, 120, 300, 450], [760, 735, 710, 685]
    for r, row in enumerate(cells):
        for c, text in enumerate(row):
            lines.append((xs[c] + 4, ys[r] - 18, text))
    lines.append((72, 640, "抄送：市委办公室。"))
    doc = read_document(make_pdf([lines], rules=[_grid(xs, ys)]), "表.pdf")
    assert paragraphs(doc) == ["附件：重点任务分工表", "抄送：市委办公室。"]
    (table,) = tables(doc)
    assert table.header == cells[0]
    assert table.rows == cells[1:]


def test_pdf_without_a_text_layer_is_a_scan():
    page = [["q 100 0 0 100 50 50 cm 0 0 1 1 re f Q"]]
    assert code_of(make_pdf([[]], rules=page), "扫描件.pdf") == "scanned_pdf"


def test_damaged_pdf_is_refused():
    assert code_of(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage", "坏.pdf") in {
        "unreadable",
        "scanned_pdf",
    }


def test_text_lines_without_positions_join_until_a_sentence_or_item_ends():
    from duban.extract.readers.pdf import join_text_lines

    lines = ["二、重点任务", "（一）推进老旧小区改造，年底前完成改造", "100个小区。", "（二）做好宣传。"]
    assert join_text_lines(lines) == [
        "二、重点任务",
        "（一）推进老旧小区改造，年底前完成改造100个小区。",
        "（二）做好宣传。",
    ]


# --- html ---------------------------------------------------------------------------------------------


PAGE = """<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>某某市人民政府</title><style>.x{color:red}</style><script>var menu = "首页政务公开互动交流";</script></head>
<body><div id="topnav"><a>首页</a><a>政务公开</a><a>政策文件</a><a>办事服务</a><a>互动交流</a></div>
<div class="crumbs">当前位置：首页 &gt; 政策文件</div>
<div class="main"><h1>某某市推进数字政府建设工作方案</h1>
<div class="share">分享到：微信 微博</div>
<div id="zoom"><p>为加快数字政府建设，结合本市实际，制定本方案。</p>
<p>一、工作目标</p><p>到2025年，政务服务事项全程网办率达到90%以上。<br/>二、重点任务</p>
<table border="1"><tr><td colspan="3">重点任务分工</td></tr>
<tr><td>序号</td><td>重点任务</td><td>责任单位</td></tr>
<tr><td>1</td><td>建设一体化政务服务平台</td><td><p>市政务服务数据管理局</p><p>市财政局</p></td></tr>
<tr><td>2</td><td>推进电子证照应用</td><td>各区人民政府</td></tr></table>
</div></div>
<div class="footer">主办：某某市人民政府办公室 版权所有 网站标识码 备案号</div></body></html>"""


def test_html_main_content_without_navigation_in_a_gbk_page():
    doc = read_document(PAGE.encode("gbk"), "zhengce.htm")
    assert doc.source.format == "html"
    assert doc.source.encoding == "gb2312"
    texts = paragraphs(doc)
    assert texts == [
        "某某市推进数字政府建设工作方案",
        "为加快数字政府建设，结合本市实际，制定本方案。",
        "一、工作目标",
        "到2025年，政务服务事项全程网办率达到90%以上。",
        "二、重点任务",
        "重点任务分工",
    ]
    (table,) = tables(doc)
    assert table.header == ["序号", "重点任务", "责任单位"]
    assert table.rows == [
        ["1", "建设一体化政务服务平台", "市政务服务数据管理局、市财政局"],
        ["2", "推进电子证照应用", "各区人民政府"],
    ]


def test_html_rowspan_leaves_the_cell_below_empty_for_the_parser_to_inherit():
    page = """<html><body><table>
    <tr><th>序号</th><th>任务类别</th><th>具体任务</th><th>牵头单位</th></tr>
    <tr><td>1</td><td rowspan="2">产业升级</td><td>培育龙头企业</td><td>市工业和信息化局</td></tr>
    <tr><td>2</td><td>建设产业园区</td><td>市发展改革委</td></tr></table></body></html>"""
    (table,) = tables(read_document(page.encode(), "a.html"))
    assert table.rows == [
        ["1", "产业升级", "培育龙头企业", "市工业和信息化局"],
        ["2", "", "建设产业园区", "市发展改革委"],
    ]


def test_markup_is_recognised_without_an_html_suffix():
    page = "<html><head><meta charset='utf-8'></head><body><p>一、总体要求</p></body></html>"
    doc = read_document(page.encode(), "download")
    assert doc.source.format == "html"
    assert paragraphs(doc) == ["一、总体要求"]


def test_html_page_laid_out_with_tables_still_finds_its_content():
    menu = "".join(f"<tr><td><a>栏目{i}：政务公开信息</a></td></tr>" for i in range(6))
    page = f"""<html><body><table width="100%"><tr><td><table>{menu}</table></td>
    <td><table><tr><td><p>某某区养老服务提升行动方案</p><p>一、重点任务</p>
    <p>（一）完善社区养老服务网络，年底前建成社区养老服务站15个。</p>
    <p>（二）推进居家适老化改造，全年完成改造500户以上。</p></td></tr></table></td></tr></table></body></html>"""
    texts = paragraphs(read_document(page.encode(), "a.html"))
    assert texts == [
        "某某区养老服务提升行动方案",
        "一、重点任务",
        "（一）完善社区养老服务网络，年底前建成社区养老服务站15个。",
        "（二）推进居家适老化改造，全年完成改造500户以上。",
    ]


def test_html_rowspan_in_a_unit_column_gives_every_row_its_unit():
    page = """<html><body><table>
    <tr><th>序号</th><th>具体任务</th><th>牵头单位</th><th>完成时限</th></tr>
    <tr><td>1</td><td>培育龙头企业</td><td rowspan="2">市工业和信息化局</td><td rowspan="2">2026年底前</td></tr>
    <tr><td>2</td><td>建设产业园区</td></tr></table></body></html>"""
    (table,) = tables(read_document(page.encode(), "a.html"))
    assert table.rows == [
        ["1", "培育龙头企业", "市工业和信息化局", "2026年底前"],
        ["2", "建设产业园区", "市工业和信息化局", "2026年底前"],
    ]


def test_docx_vertical_merge_repeats_units_but_prints_a_category_once():
    import docx

    document = docx.Document()
    table = document.add_table(rows=4, cols=3)
    for i, name in enumerate(["序号", "任务类别", "牵头单位"]):
        table.cell(0, i).text = name
    for r in range(1, 4):
        table.cell(r, 0).text = str(r)
    table.cell(1, 1).merge(table.cell(2, 1)).text = "产业升级"
    table.cell(3, 1).text = "民生保障"
    table.cell(1, 2).merge(table.cell(3, 2)).text = "市发展改革委"
    out = BytesIO()
    document.save(out)
    (block,) = tables(read_document(out.getvalue(), "a.docx"))
    assert block.rows == [
        ["1", "产业升级", "市发展改革委"],
        ["2", "", "市发展改革委"],
        ["3", "民生保障", "市发展改革委"],
    ]


def _ruled_table_page(rows: list[list[str]], top: float) -> tuple[list[tuple[float, float, str]], list[str]]:
    """Text and rules of a table; "|" in a cell breaks it over two lines, as a narrow column does."""
    xs, ys = [70, 110, 330, 520], [top - 40 * i for i in range(len(rows) + 1)]
    lines = [
        (xs[c] + 3, ys[r] - 15 - 14 * k, part)
        for r, row in enumerate(rows)
        for c, cell in enumerate(row)
        for k, part in enumerate(cell.split("|"))
    ]
    return lines, _grid(xs, ys)


def test_pdf_table_over_a_page_break_is_one_table_with_wrapped_unit_cells_joined():
    header = ["序号", "重点任务", "责任单位"]
    lines1, rules1 = _ruled_table_page(
        [header, ["1", "建设智慧农业示范基地", "市农业农村局、|市财政局"]], 780
    )
    lines2, rules2 = _ruled_table_page([header, ["2", "推进农村电商发展", "市商务局|市邮政管理局"]], 780)
    doc = read_document(make_pdf([[(72, 800, "附件"), *lines1], lines2], rules=[rules1, rules2]), "表.pdf")
    assert paragraphs(doc) == ["附件"]
    (table,) = tables(doc)
    assert table.header == header
    assert table.rows == [
        ["1", "建设智慧农业示范基地", "市农业农村局、市财政局"],
        ["2", "推进农村电商发展", "市商务局、市邮政管理局"],
    ]


def test_big5_text_is_not_read_as_gb18030_mojibake():
    plan = (
        "某某縣人民政府辦公室關於印發城市更新行動實施方案的通知\n一、總體要求\n堅持問題導向，統籌推進城市更新。\n"
        * 5
    )
    try:
        doc = read_document(plan.encode("big5"), "a.txt")
    except ExtractError as error:  # refusing is honest too; mojibake is not
        assert error.code == "encoding"
        return
    assert doc.source.encoding not in ("gbk", "gb18030")
    assert "一、總體要求" in doc.text


@pytest.mark.parametrize(
    ("data", "name", "code"),
    [
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "Workbook".encode("utf-16-le") + bytes(600),
            "表.xls",
            "unsupported",
        ),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "WordDocument".encode("utf-16-le") + bytes(600),
            "方案.wps",
            "old_doc",
        ),
        (b"{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 SimSun;}} plan}", "方案.rtf", "unsupported"),
        (
            b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=x\r\n\r\n--x\r\n",
            "方案.mht",
            "unsupported",
        ),
    ],
)
def test_other_office_formats_get_their_own_message(data, name, code):
    assert code_of(data, name) == code


def test_ofd_layout_file_is_refused_with_an_export_hint():
    out = BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("OFD.xml", "<ofd:OFD/>")
    with pytest.raises(ExtractError) as caught:
        read_document(out.getvalue(), "通知.ofd")
    assert caught.value.code == "unsupported" and "PDF" in caught.value.message


def test_text_that_happens_to_start_like_a_file_signature_is_still_text():
    doc = read_document("BM模式推进方案\n一、总体要求\n".encode(), "a.txt")
    assert paragraphs(doc) == ["BM模式推进方案", "一、总体要求"]


def _hard_wrap(text: str, columns: int = 60) -> str:
    """Wrap every line at a fixed width, as text saved from a PDF or a mail client is."""
    out = []
    for line in text.split("\n"):
        current, width = "", 0
        for ch in line:
            step = 1 if ch.isascii() else 2
            if width + step > columns:
                out.append(current)
                current, width = "", 0
            current, width = current + ch, width + step
        out.append(current)
    return "\n".join(out)


WRAPPED_PLAN = "\n".join(
    [
        "某某县推进农村供水保障工作方案",
        "一、工作目标",
        "到2026年底，全县农村自来水普及率达到98%以上，规模化供水工程覆盖农村人口比例达到85%，"
        "水质达标率持续提升，农村供水管理体制机制更加健全。",
        "二、重点任务",
        "（一）实施规模化供水工程建设。统筹城乡供水规划，推进城镇管网向农村延伸，新建和改造"
        "规模化水厂6座，年底前完成管网延伸120公里。（责任单位：县水利局、县发展改革局）",
        "（二）加强水源保护。划定农村集中式饮用水水源保护区，开展水源地环境问题排查整治，"
        "建立健全水源地巡查制度，确保水源安全稳定。（责任单位：县生态环境局、各乡镇人民政府）",
        "（三）完善运行管护机制。落实县级统管责任，推行专业化管护，健全水价形成和水费收缴机制，"
        "保障工程长期稳定运行。（责任单位：县水利局、县财政局）",
        "三、保障措施",
        "各乡镇、各有关部门要高度重视农村供水保障工作，明确责任分工，加强协调配合，确保各项任务按期完成。",
    ]
)


def test_hard_wrapped_text_is_rejoined_into_paragraphs():
    doc = read_document(_hard_wrap(WRAPPED_PLAN).encode("utf-8"), "供水.txt")
    assert paragraphs(doc) == WRAPPED_PLAN.split("\n")


def test_whole_paragraph_lines_are_never_joined():
    doc = read_document(WRAPPED_PLAN.encode("utf-8"), "供水.txt")
    assert paragraphs(doc) == WRAPPED_PLAN.split("\n")


def test_html_source_line_breaks_inside_a_paragraph_do_not_split_it():
    page = "<html><body><p>一、重点任务</p><p>（一）推进老旧小区\n    改造，完成 2026\n年度计划。</p></body></html>"
    assert paragraphs(read_document(page.encode(), "a.html")) == [
        "一、重点任务",
        "（一）推进老旧小区改造，完成 2026 年度计划。",
    ]


def test_html_table_typed_as_one_paragraph_per_cell_is_regrouped():
    cells = [
        "序号",
        "重点任务",
        "责任单位",
        "完成时限",
        "1",
        "建设社区食堂10个。",
        "区民政局",
        "2026年底前",
        "2",
        "推进老年助餐服务。",
        "区民政局、",
        "各街道办事处",
        "长期坚持",
    ]
    page = (
        "<html><body><p>附件</p>"
        + "".join(f"<p>{cell}</p>" for cell in cells)
        + "<p>三、保障措施</p></body></html>"
    )
    doc = read_document(page.encode(), "a.html")
    assert [type(b).__name__ for b in doc.blocks] == ["Paragraph", "Table", "Paragraph"]
    assert doc.blocks[1].rows == [
        ["1", "建设社区食堂10个。", "区民政局", "2026年底前"],
        ["2", "推进老年助餐服务。", "区民政局、各街道办事处", "长期坚持"],
    ]


def test_docx_numbering_that_comes_from_the_paragraph_style():
    import docx

    document = docx.Document()
    for text in ["完善管网。", "改造水厂。"]:
        document.add_paragraph(text, style="List Number")
    document.add_paragraph("以上任务年底前完成。")
    out = BytesIO()
    document.save(out)
    assert paragraphs(read_document(out.getvalue(), "a.docx")) == [
        "1.完善管网。",
        "2.改造水厂。",
        "以上任务年底前完成。",
    ]


def test_html_content_is_kept_even_when_its_class_sounds_like_furniture():
    page = """<html><body><div class="nav"><a>首页</a><a>政务公开</a></div>
    <div class="article-share-wrap"><article><header><h1>某某区垃圾分类工作方案</h1></header>
    <p>一、工作目标</p><p>年底前实现全区居住区垃圾分类全覆盖，回收利用率达到40%以上。</p></article></div>
    <footer>某某区人民政府 版权所有</footer></body></html>"""
    assert paragraphs(read_document(page.encode(), "a.html")) == [
        "某某区垃圾分类工作方案",
        "一、工作目标",
        "年底前实现全区居住区垃圾分类全覆盖，回收利用率达到40%以上。",
    ]


def test_docx_tracked_insertions_are_read_and_deletions_are_not():
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    paragraph = document.add_paragraph("年底前完成")
    paragraph._p.append(
        parse_xml(f'<w:ins {_W_NS} w:id="1" w:author="a"><w:r><w:t>改造100个</w:t></w:r></w:ins>')
    )
    paragraph._p.append(
        parse_xml(f'<w:del {_W_NS} w:id="2" w:author="a"><w:r><w:delText>50个</w:delText></w:r></w:del>')
    )
    paragraph.add_run("小区。")
    out = BytesIO()
    document.save(out)
    assert paragraphs(read_document(out.getvalue(), "a.docx")) == ["年底前完成改造100个小区。"]


def test_pdf_paragraphs_are_cut_by_indentation_not_by_a_full_stop_at_the_margin():
    opening = "坚持系统推进，统筹城乡发展，切实加强农村供水工程建设管理，确保群众喝上放心水"[:33] + "。"
    first = opening + "持续完善农村供水工程运行管护机制，落实管护主体、人员和经费，保障工程长期发挥效益。"
    second = "到2026年，农村自来水普及率达到98%以上，建设“智慧水务”平台，实现全县供水工程统一调度。"
    third = "各乡镇要加强组织领导，明确责任分工，加强协调配合，确保各项任务按期完成，取得实效。"
    lines = [*wrap(first, 760), *wrap(second, 680), *wrap(third, 600)]
    assert lines[0][2].endswith("。") and lines[1][0] == 72  # a full line ends a sentence, the next runs on
    doc = read_document(make_pdf([lines]), "a.pdf")
    assert paragraphs(doc) == [first, second, third]


def test_text_lines_wrapped_inside_a_number_are_joined_without_a_space():
    from duban.extract.readers.pdf import join_text_lines

    assert join_text_lines(["（一）全面推进，到2", "026年完成。"]) == ["（一）全面推进，到2026年完成。"]


def test_docx_layout_table_without_column_names_is_read_as_paragraphs():
    import docx

    document = docx.Document()
    layout = document.add_table(rows=2, cols=2)
    layout.cell(0, 0).text = "某某市人民政府办公室文件"
    layout.cell(0, 1).text = "某政办发〔2026〕3号"
    layout.cell(1, 0).merge(layout.cell(1, 1)).text = "某某市人民政府办公室关于印发某某工作方案的通知"
    document.add_paragraph("一、总体要求")
    out = BytesIO()
    document.save(out)
    doc = read_document(out.getvalue(), "a.docx")
    assert tables(doc) == []
    assert paragraphs(doc) == [
        "某某市人民政府办公室文件",
        "某政办发〔2026〕3号",
        "某某市人民政府办公室关于印发某某工作方案的通知",
        "一、总体要求",
    ]


def test_html_two_row_header_names_the_columns_under_a_merged_one():
    page = """<html><body><table>
    <tr><th rowspan="2">序号</th><th rowspan="2">重点任务</th><th colspan="2">责任单位</th><th rowspan="2">完成时限</th></tr>
    <tr><th>牵头单位</th><th>配合单位</th></tr>
    <tr><td>1</td><td>建设城市绿道50公里。</td><td>市园林局</td><td>各区人民政府</td><td>2026年底前</td></tr>
    </table></body></html>"""
    (table,) = tables(read_document(page.encode(), "a.html"))
    assert table.header == ["序号", "重点任务", "牵头单位", "配合单位", "完成时限"]
    assert table.rows == [["1", "建设城市绿道50公里。", "市园林局", "各区人民政府", "2026年底前"]]


def test_pdf_whose_font_has_no_character_codes_is_refused_not_read_as_cid_numbers():
    lines = [(72, 700 - 20 * i, "推进老旧小区改造，年底前完成改造任务。") for i in range(5)]
    with pytest.raises(ExtractError) as caught:
        read_document(make_pdf([lines], identity_font=True), "a.pdf")
    assert caught.value.code == "encoding"


def test_a_web_page_name_on_plain_text_reads_as_text():
    doc = read_document("一、总体要求\n坚持统筹推进。\n".encode(), "方案.html")
    assert doc.source.format == "txt"
    assert paragraphs(doc) == ["一、总体要求", "坚持统筹推进。"]


def test_docx_heading_styles_linked_to_a_multilevel_list_get_their_level_numbers():
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.insert(
        0,
        parse_xml(
            f'<w:abstractNum {_W_NS} w:abstractNumId="91">'
            '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:pStyle w:val="Heading1"/>'
            '<w:lvlText w:val="%1、"/></w:lvl>'
            '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:pStyle w:val="Heading2"/>'
            '<w:lvlText w:val="（%2）"/></w:lvl></w:abstractNum>'
        ),
    )
    numbering.append(parse_xml(f'<w:num {_W_NS} w:numId="91"><w:abstractNumId w:val="91"/></w:num>'))
    for style_name in ("Heading 1", "Heading 2"):
        style = document.styles[style_name]
        style.element.get_or_add_pPr().append(parse_xml(f'<w:numPr {_W_NS}><w:numId w:val="91"/></w:numPr>'))
    document.add_paragraph("总体要求", style="Heading 1")
    document.add_paragraph("重点任务", style="Heading 1")
    document.add_paragraph("推进数字乡村建设", style="Heading 2")
    document.add_paragraph("加快农村电商发展", style="Heading 2")
    out = BytesIO()
    document.save(out)
    assert paragraphs(read_document(out.getvalue(), "a.docx")) == [
        "一、总体要求",
        "二、重点任务",
        "（一）推进数字乡村建设",
        "（二）加快农村电商发展",
    ]


def test_docx_lists_sharing_a_definition_continue_unless_one_restarts():
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    _add_chinese_outline(document)  # abstractNum 90, numId 90
    numbering = document.part.numbering_part.element
    numbering.append(parse_xml(f'<w:num {_W_NS} w:numId="92"><w:abstractNumId w:val="90"/></w:num>'))
    numbering.append(
        parse_xml(
            f'<w:num {_W_NS} w:numId="93"><w:abstractNumId w:val="90"/>'
            '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
        )
    )
    _numbered(document, "总体要求", "90", 0)
    _numbered(document, "重点任务", "92", 0)  # WPS often gives each paragraph its own numId
    document.add_paragraph("附件")
    _numbered(document, "任务清单", "93", 0)
    out = BytesIO()
    document.save(out)
    assert paragraphs(read_document(out.getvalue(), "a.docx")) == [
        "一、总体要求",
        "二、重点任务",
        "附件",
        "一、任务清单",
    ]


def test_docx_text_inside_content_controls_is_read_in_place():
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    document.add_paragraph("某某县人民政府办公室文件")
    control = parse_xml(
        f"<w:sdt {_W_NS}><w:sdtPr/><w:sdtContent><w:p><w:r><w:t>某政办发〔2026〕5号</w:t></w:r></w:p>"
        "</w:sdtContent></w:sdt>"
    )
    document.element.body.insert(1, control)
    document.add_paragraph("一、总体要求")
    out = BytesIO()
    document.save(out)
    assert paragraphs(read_document(out.getvalue(), "a.docx")) == [
        "某某县人民政府办公室文件",
        "某政办发〔2026〕5号",
        "一、总体要求",
    ]


def test_html_two_row_header_finishes_split_names_and_keeps_names_under_a_spanning_one():
    page = """<html><body><table>
    <tr><th rowspan="2">序号</th><th rowspan="2">重点任务</th><th>牵头</th><th colspan="2">责任单位</th>
    <th>完成</th></tr>
    <tr><th>单位</th><th>区级部门</th><th>街镇</th><th>时限</th></tr>
    <tr><td>1</td><td>建设社区食堂10个</td><td>区民政局</td><td>区市场监管局</td><td>各街道</td>
    <td>2026年底前</td></tr>
    <tr><td>序号</td><td>重点任务</td><td>牵头单位</td><td>区级部门</td><td>街镇</td><td>完成时限</td></tr>
    <tr><td>2</td><td>开展老年助餐服务</td><td>区民政局</td><td>区财政局</td><td>各街道</td><td>长期坚持</td></tr>
    </table></body></html>"""
    (table,) = tables(read_document(page.encode(), "a.html"))
    assert table.header == ["序号", "重点任务", "牵头单位", "区级部门", "街镇", "完成时限"]
    assert [row[0] for row in table.rows] == ["1", "2"]


def test_html_table_typed_as_paragraphs_with_bars_is_regrouped():
    cells = [
        "序号 |",
        "重点任务 |",
        "牵头单位 |",
        "完成时限 |",
        "1 |",
        "建设口袋公园10个。 |",
        "区城市管理局 |",
    ]
    cells += ["2026年底前 |", "2 |", "改造提升社区公园3个。 |", "区城市管理局 |", "2027年底前 |"]
    page = "<html><body>" + "".join(f"<p>{cell}</p>" for cell in cells) + "<p>三、保障措施</p></body></html>"
    doc = read_document(page.encode(), "a.html")
    (table,) = tables(doc)
    assert table.header == ["序号", "重点任务", "牵头单位", "完成时限"]
    assert table.rows[1] == ["2", "改造提升社区公园3个。", "区城市管理局", "2027年底前"]
    assert paragraphs(doc) == ["三、保障措施"]


def test_pdf_two_row_header_repeated_on_the_next_page_is_not_a_task_row():
    upper, lower = ["序号", "重点任务", "牵头"], ["", "", "单位"]
    lines1, rules1 = _ruled_table_page([upper, lower, ["1", "建设城市书房10个", "市文化旅游局"]], 780)
    lines2, rules2 = _ruled_table_page([upper, lower, ["2", "举办全民阅读活动", "市委宣传部"]], 780)
    doc = read_document(make_pdf([lines1, lines2], rules=[rules1, rules2]), "表.pdf")
    (table,) = tables(doc)
    assert table.header == ["序号", "重点任务", "牵头单位"]
    assert table.rows == [["1", "建设城市书房10个", "市文化旅游局"], ["2", "举办全民阅读活动", "市委宣传部"]]


def test_docx_table_typed_with_tab_stops_becomes_a_table():
    import docx

    document = docx.Document()
    document.add_paragraph("二、任务分工")
    for line in [
        "序号\t重点任务\t牵头单位\t完成时限",
        "1\t修订街道物业管理工作规程。\t街道城市管理办公室\t2026年6月底前",
        "2\t建立物业纠纷调解机制。\t街道司法所\t2026年底前",
    ]:
        document.add_paragraph(line)
    document.add_paragraph("三、工作要求")
    out = BytesIO()
    document.save(out)
    doc = read_document(out.getvalue(), "a.docx")
    (table,) = tables(doc)
    assert table.header == ["序号", "重点任务", "牵头单位", "完成时限"]
    assert table.rows[1] == ["2", "建立物业纠纷调解机制。", "街道司法所", "2026年底前"]
    assert paragraphs(doc) == ["二、任务分工", "三、工作要求"]


def test_small_form_punctuation_reads_like_the_usual_marks():
    text = "二、主要任务\n1﹒新建学校3所﹐年底前完成﹔\n2﹒改造道路10公里﹒\n".encode()
    doc = read_document(text, "plan.txt")
    lines = [b.text for b in doc.blocks]
    assert "1.新建学校3所,年底前完成;" in lines
    assert "2.改造道路10公里." in lines


# --- run-on headings (line breaks lost) ----------------------------------------------------------------

RUN_ON_HEAD = "某某县农业农村局文件\n某农发〔2024〕3号\n关于印发《2024年农业农村工作要点》的通知\n"
RUN_ON_BODY = (
    "2024年全县农业农村工作的总体思路是：坚持稳中求进，全面推进乡村振兴，力争全年投入2.5亿元，"
    "农民人均可支配收入增长6.5%以上，为建设农业强县打下坚实基础。 "
    "一、稳定粮食生产 1.落实粮食播种面积。全年粮食播种面积稳定在45万亩以上，确保2024年粮食总产稳中有增。"
    " 2.加强高标准农田建设。新建高标准农田3.2万亩，完成投资1.8亿元，12月底前全部验收。"
    " 二、推进产业融合发展 1.培育农业龙头企业。新增市级以上龙头企业5家，带动农户1.2万户增收。"
    " 2.发展乡村旅游。打造精品线路3条，年接待游客增长10%。"
    " 三、强化保障措施 各乡镇要压实责任，按月报送进展情况，确保各项任务落到实处。"
)


def test_headings_run_inline_after_lost_line_breaks_get_their_own_lines():
    doc = read_document((RUN_ON_HEAD + RUN_ON_BODY).encode(), "要点.txt")
    texts = paragraphs(doc)
    assert texts[3].startswith("2024年全县农业农村工作的总体思路是") and texts[3].endswith("坚实基础。")
    assert [text[:6] for text in texts[4:]] == [
        "一、稳定粮食",
        "1.落实粮食",
        "2.加强高标",
        "二、推进产业",
        "1.培育农业",
        "2.发展乡村",
        "三、强化保障",
    ]
    # amounts, rates and years stay inside their sentences
    assert "新建高标准农田3.2万亩，完成投资1.8亿元，12月底前全部验收。" in texts[6]
    assert "力争全年投入2.5亿元，农民人均可支配收入增长6.5%以上" in texts[3]


def test_pieces_of_a_run_on_line_keep_the_line_number_of_the_file():
    doc = read_document((RUN_ON_HEAD + RUN_ON_BODY).encode(), "要点.txt")
    lines = [block.line for block in doc.blocks]
    assert lines == [0, 1, 2] + [3] * 8


def test_numerals_that_do_not_continue_a_sequence_do_not_break_a_run_on_line():
    body = (
        "全县共有行政村128个，其中 3.5万人居住在山区，按照上级部署分三批推进整治工作。 "
        "2.完成时限另行通知，各乡镇要做好前期摸底、宣传发动和资金筹措工作。 "
        "4.具体要求见附件，请各单位认真对照执行，遇到问题及时向县农业农村局报告，不得拖延。"
    ) * 2
    doc = read_document((RUN_ON_HEAD + body).encode(), "a.txt")
    assert paragraphs(doc)[3] == body.strip()


def test_inline_enumeration_in_a_plan_that_kept_its_line_breaks_is_not_split():
    long_item = (
        "（一）加强高标准农田建设。1.新建高标准农田3.2万亩，同步配套建设灌溉排水、田间道路和农田防护设施，"
        "提高耕地质量等级和抗灾能力。2.完成投资1.8亿元，统筹整合涉农资金，鼓励社会资本参与建设和管护，"
        "建立健全建后管护长效机制，确保农田建成一块、管好一块、见效一块。各乡镇要结合实际制定年度实施计划，"
        "明确项目清单、建设时序和管护主体，按月报送建设进度，年底前全部完成验收并上图入库。"
        "（责任单位：县农业农村局、县财政局）"
    )
    short_item = "（二）推进农业社会化服务。培育服务组织，扩大托管面积。（责任单位：县农业农村局）"
    plan = (
        "一、主要任务\n"
        + long_item
        + "\n"
        + "\n".join([short_item] * 6)
        + "\n二、保障措施\n各乡镇要压实责任。\n"
    )
    doc = read_document(plan.encode(), "a.txt")
    assert len(long_item) >= 200
    assert paragraphs(doc)[1] == long_item
    assert len(paragraphs(doc)) == 10


def test_a_table_copied_from_a_web_page_with_single_spaces_between_cells():
    text = (
        "2016年量化指标任务分工\n\n序号 工 作 任 务 牵头负责部门\n"
        "1 居民消费价格涨幅3%左右 发展改革委\n2 城镇新增就业1000万人以上 人力资源社会保障部\n"
        "3 公路投资1.65万亿元 交通运输部\n"
    )
    plan = extract(text.encode(), name="分工.txt")
    assert [(t.text, t.units) for t in plan.tasks] == [
        ("居民消费价格涨幅3%左右", ["发展改革委"]),
        ("城镇新增就业1000万人以上", ["人力资源社会保障部"]),
        ("公路投资1.65万亿元", ["交通运输部"]),
    ]
    assert [(t.value, t.unit) for t in plan.tasks[2].targets] == [(1.65, "万亿元")]
