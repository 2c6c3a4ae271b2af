"""Word documents in the 公文 format of GB/T 9704-2012 (党政机关公文格式), built with python-docx.

A4, 天头 37 mm, 订口 28 mm, a 156 × 225 mm text block of 22 lines × 28 characters (the section's document
grid), page numbers 「— 1 —」 in 4号 at the outer edge. Chinese fonts are set as East Asian fonts
(python-docx's `font.name` sets only the Latin slots) and named, never bundled: the 方正/GB2312 faces are
commercial, so the font table names a free fallback (宋体, 仿宋, 黑体, 楷体) Word and WPS use where absent.
"""

import datetime
import io

import docx as docx_lib
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor, Twips

from fuyuan.lib.dates import arabic_date

# 字号 in points.
SIZE_2 = Pt(22)   # 2号: title
SIZE_3 = Pt(16)   # 3号: body
SIZE_4 = Pt(14)   # 4号: page numbers, 版记

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING1_FONT = "黑体"
HEADING2_FONT = "楷体_GB2312"
PAGE_NUMBER_FONT = "宋体"
LATIN_FONT = "Times New Roman"
# The face Word/WPS substitute when the named one is not installed (w:altName in the font table).
FALLBACKS = {TITLE_FONT: "宋体", BODY_FONT: "仿宋", HEADING2_FONT: "楷体", HEADING1_FONT: "SimHei",
             "宋体": "SimSun", "仿宋": "FangSong", "楷体": "KaiTi"}
RED = RGBColor(0xFF, 0x00, 0x00)

TOP, BINDING = Mm(37), Mm(28)            # 天头, 订口
TEXT_WIDTH, TEXT_HEIGHT = Mm(156), Mm(225)
PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
LINES, CHARS = 22, 28
# Grid in twentieths of a point: 225 mm / 22 lines. 28 characters of 3号 (16 pt) would need 158 mm; 156 mm
# holds them at 15.79 pt each. A "linesAndChars" grid (charSpace −849) says so to Word, but LibreOffice 7.4
# sizes that grid from 12 pt and puts each character on two cells (18 a line). So the grid is a line grid
# (charSpace kept for Word's dialog) and the body's character spacing is −0.25 pt: 28 a line in both.
LINE_PITCH = 579
CHAR_SPACE = -849
CHAR_SPACING = -5  # twentieths of a point
CHAR = SIZE_3  # 「空一字」: one body character


def _width(text):
    """Width in body characters: a Chinese character is one, an Arabic digit or Latin letter half of one."""
    return sum(0.5 if ord(char) < 0x2E80 else 1 for char in text)


def set_font(run, east_asia, *, size=None, latin=LATIN_FONT, bold=None, color=None):
    """Give a run its East Asian font (w:eastAsia) as well as the Latin one python-docx sets."""
    run.font.name = latin
    rfonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    rfonts.set(qn("w:eastAsia"), east_asia)
    if size is not None:
        run.font.size = size
    if bold is not None:
        run.font.bold = bold
    if color is not None:
        run.font.color.rgb = color
    return run


class Gongwen:
    """One 公文 being written: add its parts in order, then `bytes()`."""

    def __init__(self):
        self.document = docx_lib.Document()
        self._page_setup()
        self._styles()
        self._font_table()
        self._page_numbers()

    # --- page ---------------------------------------------------------------------------------------------
    def _page_setup(self):
        section = self.document.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
        section.top_margin, section.left_margin = TOP, BINDING
        section.right_margin = PAGE_WIDTH - BINDING - TEXT_WIDTH            # 26 mm
        section.bottom_margin = PAGE_HEIGHT - TOP - TEXT_HEIGHT            # 35 mm
        section.header_distance = Mm(15)
        # The page number's lower edge sits 7 mm under the text block: the footer starts ~7 mm below it.
        section.footer_distance = Mm(22)
        grid = section._sectPr.find(qn("w:docGrid"))
        if grid is None:
            grid = OxmlElement("w:docGrid")
            section._sectPr.append(grid)
        grid.set(qn("w:type"), "lines")
        grid.set(qn("w:linePitch"), str(LINE_PITCH))
        grid.set(qn("w:charSpace"), str(CHAR_SPACE))

    def _styles(self):
        normal = self.document.styles["Normal"]
        normal.font.name = LATIN_FONT
        normal.font.size = SIZE_3
        rpr = normal.element.get_or_add_rPr()
        rpr.get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            rpr.append(lang)
        lang.set(qn("w:eastAsia"), "zh-CN")
        spacing = OxmlElement("w:spacing")
        spacing.set(qn("w:val"), str(CHAR_SPACING))
        rpr.insert_element_before(spacing, "w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight",
                                  "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl",
                                  "w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath")
        fmt = normal.paragraph_format
        fmt.space_before = fmt.space_after = Pt(0)
        # Exact line pitch as well as the grid: 22 lines whatever the fallback font's own line height.
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Twips(LINE_PITCH)
        fmt.widow_control = False
        # Word and LibreOffice size the character grid from the document defaults, so they say 3号 too.
        defaults = self.document.styles.element.find(qn("w:docDefaults"))
        rpr_default = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
        for tag in ("w:sz", "w:szCs"):
            element = rpr_default.find(qn(tag))
            if element is None:
                element = OxmlElement(tag)
                rpr_default.append(element)
            element.set(qn("w:val"), str(int(SIZE_3.pt * 2)))
        # Theme fonts would win over the named ones: name them outright.
        rfonts = rpr_default.find(qn("w:rFonts"))
        for theme in ("w:asciiTheme", "w:eastAsiaTheme", "w:hAnsiTheme", "w:cstheme"):
            rfonts.attrib.pop(qn(theme), None)
        rfonts.set(qn("w:ascii"), LATIN_FONT)
        rfonts.set(qn("w:hAnsi"), LATIN_FONT)
        rfonts.set(qn("w:eastAsia"), BODY_FONT)
        rpr_default.find(qn("w:lang")).set(qn("w:eastAsia"), "zh-CN")

    def _font_table(self):
        """Name each Chinese face with its fallback (w:altName) and the GB2312 charset."""
        part = next(p for p in self.document.part.package.iter_parts() if p.partname == "/word/fontTable.xml")
        entries = "".join(
            f'<w:font w:name="{name}"><w:altName w:val="{alt}"/><w:charset w:val="86"/>'
            f'<w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>'
            for name, alt in FALLBACKS.items())
        blob = part.blob.decode("utf-8")
        part._blob = blob.replace("</w:fonts>", entries + "</w:fonts>").encode("utf-8")

    def _page_numbers(self):
        """「— 1 —」 in 4号 宋体: odd pages right, even pages left, one character in from the edge."""
        self.document.settings.odd_and_even_pages_header_footer = True
        section = self.document.sections[0]
        for footer, align in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
                              (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
            footer.is_linked_to_previous = False
            paragraph = footer.paragraphs[0]
            paragraph.alignment = align
            if align == WD_ALIGN_PARAGRAPH.RIGHT:
                paragraph.paragraph_format.right_indent = SIZE_4
            else:
                paragraph.paragraph_format.left_indent = SIZE_4
            set_font(paragraph.add_run("— "), PAGE_NUMBER_FONT, size=SIZE_4, latin=PAGE_NUMBER_FONT)
            _page_field(paragraph)
            set_font(paragraph.add_run(" —"), PAGE_NUMBER_FONT, size=SIZE_4, latin=PAGE_NUMBER_FONT)

    # --- 版头 ----------------------------------------------------------------------------------------------
    def masthead(self, mark: str, number: str = ""):
        """发文机关标志 (red, centred) and 发文字号 over the red separator line."""
        size = Pt(min(36, int(TEXT_WIDTH.pt / max(len(mark), 1))))
        paragraph = self._paragraph(WD_ALIGN_PARAGRAPH.CENTER)
        paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.AT_LEAST
        set_font(paragraph.add_run(mark), TITLE_FONT, size=size, color=RED)
        self.blank(2)
        paragraph = self._paragraph(WD_ALIGN_PARAGRAPH.CENTER)
        set_font(paragraph.add_run(number or " "), BODY_FONT)
        _border(paragraph, "bottom", size=12, color="FF0000", space=11)  # 4 mm under 发文字号
        self.blank(1)
        return paragraph

    def masthead_line(self, number: str, issuer: str, day: datetime.date):
        """The head of a 纪要 or 简报 under its name: 第N期, then the issuer and the date over a red line."""
        paragraph = self._paragraph(WD_ALIGN_PARAGRAPH.CENTER)
        set_font(paragraph.add_run(number), BODY_FONT)
        paragraph = self._paragraph()
        paragraph.paragraph_format.tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)
        set_font(paragraph.add_run(f"{issuer}\t{arabic_date(day)}"), BODY_FONT)
        _border(paragraph, "bottom", size=12, color="FF0000", space=11)
        self.blank(1)
        return paragraph

    def title(self, text: str):
        """标题: 2号 小标宋, centred."""
        paragraph = self._paragraph(WD_ALIGN_PARAGRAPH.CENTER)
        set_font(paragraph.add_run(text), TITLE_FONT, size=SIZE_2)
        self.blank(1)
        return paragraph

    def addressee(self, text: str):
        """主送机关: flush left, ending with a full-width colon."""
        paragraph = self._paragraph()
        set_font(paragraph.add_run(text.rstrip("：:") + "："), BODY_FONT)
        return paragraph

    # --- 正文 ----------------------------------------------------------------------------------------------
    def body(self, text: str, *, indent=True):
        """A paragraph of 正文: 3号 仿宋, first line indented two characters."""
        paragraph = self._paragraph()
        if indent:
            paragraph.paragraph_format.first_line_indent = CHAR * 2
        set_font(paragraph.add_run(text), BODY_FONT)
        return paragraph

    def heading1(self, text: str):
        """一级标题 (一、…): 黑体."""
        paragraph = self._paragraph()
        paragraph.paragraph_format.first_line_indent = CHAR * 2
        set_font(paragraph.add_run(text), HEADING1_FONT)
        return paragraph

    def heading2(self, text: str):
        """二级标题 (（一）…): 楷体."""
        paragraph = self._paragraph()
        paragraph.paragraph_format.first_line_indent = CHAR * 2
        set_font(paragraph.add_run(text), HEADING2_FONT)
        return paragraph

    def table(self, headers, rows, widths_mm=None):
        """A bordered table across the text block in 4号 仿宋 (per-unit figures of a 通报, a ranking)."""
        table = self.document.add_table(rows=1, cols=len(headers))
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, headers, strict=True):
            self._cell(cell, text, heading=True)
        for row in rows:
            cells = table.add_row().cells
            for cell, value in zip(cells, row, strict=False):
                self._cell(cell, "" if value is None else str(value), centred=not isinstance(value, str))
        _set_widths(table, widths_mm or [TEXT_WIDTH.mm / len(headers)] * len(headers))
        return table

    def attachments(self, names):
        """附件说明: one blank line under the text, 「附件：1. …」 indented two characters."""
        if not names:
            return
        self.blank(1)
        for index, name in enumerate(names, start=1):
            label = "附件：" if index == 1 else "　　　"
            numbered = f"{index}. {name}" if len(names) > 1 else name
            paragraph = self._paragraph()
            paragraph.paragraph_format.first_line_indent = CHAR * 2
            set_font(paragraph.add_run(label + numbered), BODY_FONT)

    def signature(self, issuer: str, day: datetime.date):
        """发文机关署名 centred over the 成文日期, which stands four characters in from the right."""
        self.blank(2)
        date_text = arabic_date(day)
        offset = max(0.0, 4 + (_width(date_text) - _width(issuer)) / 2)
        paragraph = self._paragraph(WD_ALIGN_PARAGRAPH.RIGHT)
        paragraph.paragraph_format.right_indent = int(CHAR * offset)
        set_font(paragraph.add_run(issuer), BODY_FONT)
        paragraph = self._paragraph(WD_ALIGN_PARAGRAPH.RIGHT)
        paragraph.paragraph_format.right_indent = CHAR * 4
        set_font(paragraph.add_run(date_text), BODY_FONT)
        return paragraph

    def tear_off(self, title: str, rows, note: str = ""):
        """A 回执 (the 附件) below a cutting line: the unit fills it in and sends it back."""
        paragraph = self._paragraph()
        set_font(paragraph.add_run("附件"), HEADING1_FONT)
        self.blank(1)
        paragraph = self._paragraph(WD_ALIGN_PARAGRAPH.CENTER)
        set_font(paragraph.add_run("- - - - - - - - - - - - 沿此线剪下 - - - - - - - - - - - -"), BODY_FONT,
                 size=SIZE_4)
        paragraph = self._paragraph(WD_ALIGN_PARAGRAPH.CENTER)
        set_font(paragraph.add_run(title), HEADING1_FONT)
        table = self.document.add_table(rows=0, cols=2)
        table.style = "Table Grid"
        for label, value in rows:
            cells = table.add_row().cells
            self._cell(cells[0], label, heading=True)
            self._cell(cells[1], value)
        _set_widths(table, [40, 116])
        if note:
            self.body(note)
        return table

    # --- 版记 ----------------------------------------------------------------------------------------------
    def record(self, *, printer: str, printed_on: datetime.date, copy_to=()):
        """版记: 抄送 and 印发机关和印发日期 between a thick first and last line, thin lines between, at the foot
        of the page (GB/T 9704-2012 §7.4: its last element on the page's last line)."""
        first = True
        if copy_to:
            # The lines span the text block; the text stands one character in (a full-width space).
            paragraph = self._paragraph()
            set_font(paragraph.add_run("\u3000抄送：" + "，".join(copy_to) + "。"), BODY_FONT, size=SIZE_4)
            _border(paragraph, "top", size=8)
            _border(paragraph, "bottom", size=6)
            _at_the_foot(paragraph, lines_up=2)
            self.blank(1)  # an unframed paragraph between: LibreOffice would merge adjacent frames and lose both
            first = False
        paragraph = self._paragraph()
        paragraph.paragraph_format.tab_stops.add_tab_stop(TEXT_WIDTH - SIZE_4, WD_TAB_ALIGNMENT.RIGHT)
        set_font(paragraph.add_run(f"\u3000{printer}\t{arabic_date(printed_on)}印发"), BODY_FONT, size=SIZE_4)
        if first:
            _border(paragraph, "top", size=8)
        _border(paragraph, "bottom", size=8)
        _at_the_foot(paragraph, lines_up=1)
        return paragraph

    # --- helpers -------------------------------------------------------------------------------------------
    def page_break(self):
        self.document.add_page_break()

    def blank(self, lines=1):
        for _line in range(lines):
            self._paragraph()

    def bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()

    def _paragraph(self, alignment=None):
        paragraph = self.document.add_paragraph()
        if alignment is not None:
            paragraph.alignment = alignment
        return paragraph

    def _cell(self, cell, text, heading=False, centred=False):
        paragraph = cell.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if heading or centred else None
        set_font(paragraph.add_run(text), HEADING1_FONT if heading else BODY_FONT, size=SIZE_4)


def _set_widths(table, widths_mm):
    """Column widths in the grid (what LibreOffice reads) and in every cell (what Word reads)."""
    table.autofit = False
    for column, width in zip(table._tbl.tblGrid.gridCol_lst, widths_mm, strict=False):
        column.w = Mm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=False):
            cell.width = Mm(width)


def _page_field(paragraph):
    """A PAGE field (the number Word and LibreOffice compute when laying out)."""
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        run = paragraph.add_run()
        set_font(run, PAGE_NUMBER_FONT, size=SIZE_4, latin=PAGE_NUMBER_FONT)
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        elif text == " PAGE ":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        else:
            element = OxmlElement("w:t")
            element.text = text
        run._element.append(element)


_AFTER_PBDR = ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
               "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid",
               "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
               "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId",
               "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")


RECORD_LINE = LINE_PITCH + 40  # a 版记 line: the exact line pitch and its border lines, in twips


def _at_the_foot(paragraph, *, lines_up):
    """Frame the paragraph `lines_up` 版记 lines above the bottom of the text block, across its width.

    A frame anchored to the margin stays on the page of its anchor (where the body ends) whatever the body's
    length, and the body is kept clear of it. Each line is a frame of its own at a fixed offset: the lines'
    height is known (exact pitch), and LibreOffice 7.4 drops the position and borders of consecutive framed
    paragraphs that share one frame (a floating table with tblpYSpec="bottom" it does not place at all)."""
    frame = OxmlElement("w:framePr")
    top = int(TEXT_HEIGHT.twips) - lines_up * RECORD_LINE
    for key, value in (("w", str(int(TEXT_WIDTH.twips))), ("wrap", "notBeside"), ("vAnchor", "margin"),
                       ("hAnchor", "margin"), ("xAlign", "center"), ("y", str(top))):
        frame.set(qn(f"w:{key}"), value)
    ppr = paragraph._element.get_or_add_pPr()
    ppr.insert_element_before(frame, "w:widowControl", "w:numPr", "w:suppressLineNumbers", "w:pBdr",
                              *_AFTER_PBDR)


def _border(paragraph, side, *, size, color="000000", space=1):
    """A line above or below a paragraph (the red separator, the 版记 lines); size in eighths of a point."""
    ppr = paragraph._element.get_or_add_pPr()
    borders = ppr.find(qn("w:pBdr"))
    if borders is None:
        # Schema order matters to Word: pBdr goes before shd, tabs, spacing, ind, jc …
        borders = OxmlElement("w:pBdr")
        ppr.insert_element_before(borders, *_AFTER_PBDR)
    line = OxmlElement(f"w:{side}")
    for key, value in (("val", "single"), ("sz", str(size)), ("space", str(space)), ("color", color)):
        line.set(qn(f"w:{key}"), value)
    borders.append(line)
