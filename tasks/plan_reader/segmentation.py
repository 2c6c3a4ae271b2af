"""Segmentation: a document's text (or .docx) into the lines the outline reader uses: furniture dropped,
flattened tables expanded, inline (1)(2) items split, the closing signature block removed."""

import re

from .labels import split_labels
from .tables import expand_tables, table_lines
from .text import normalize_text

_FURNITURE = re.compile(
    r"^(?:【?(?:发布时间|发布日期|发布机构|来源|信息来源|索引号|主题分类|访问量|浏览次数|阅读次数|字体|字号|打印|"
    r"关闭|分享|扫一扫|责任编辑|附件下载)|(?:打印本页|关闭窗口|【?大】?\s*【?中】?\s*【?小】?)$|抄送|印发|"
    r"（此件[^）]*）$)"
)
# A pinyin reading left after a character by a script-conversion tool: 實（shí）, 聯（lián）.  One syllable:
# an optional initial, vowels (tone-marked or not), an optional final nasal.
_PINYIN_GLOSS = re.compile(
    r"(?<=[\u4e00-\u9fff])（(?:[zcs]h|[bpmfdtnlgkhjqxrzcsyw])?[aeiouüvāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]{1,3}(?:ng|n|r)?）"
)
_MIN_GLOSSES = 3  # one "（a）" is a list letter; a document full of them is conversion debris
_DATE_LINE = re.compile(r"^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$")
_INLINE_ITEM = "（{}）"


def _is_furniture(line: str) -> bool:
    """Page headers, print links, 抄送/印发 lines (a closing date goes with the signature block)."""
    return bool(_FURNITURE.match(line))


def _split_inline_items(line: str) -> list[str]:
    """Split 「1.改革。（1）…（某局牵头）（2）…」 into its items, when the items carry labels."""
    positions, k, start = [], 1, 1
    while (found := line.find(_INLINE_ITEM.format(k), start)) > 0:
        positions.append(found)
        k, start = k + 1, found + 3
    if len(positions) < 2:
        return [line]
    bounds = [0, *positions, len(line)]
    pieces = [line[a:b].strip() for a, b in zip(bounds, bounds[1:], strict=False)]
    if not any(split_labels(piece)[1] for piece in pieces[1:]):
        return [line]
    return [piece for piece in pieces if piece]


def drop_pinyin_glosses(text: str) -> str:
    """Remove the pinyin readings a conversion tool left after characters, when the text is full of them."""
    if len(_PINYIN_GLOSS.findall(text)) < _MIN_GLOSSES:
        return text
    return _PINYIN_GLOSS.sub("", text)


def prepare_lines(text: str) -> list[str]:
    """Non-empty normalised lines, furniture and pinyin glosses dropped, inline (1)(2) items split."""
    lines = []
    for line in drop_pinyin_glosses(normalize_text(text)).split("\n"):
        line = line.strip()
        if line and not _is_furniture(line):
            lines += _split_inline_items(line)
    return _drop_signature(expand_tables(lines))


def _drop_signature(lines: list[str]) -> list[str]:
    """Drop the closing 发文机关署名 above a trailing date (short lines without punctuation)."""
    end = len(lines)
    while end and _DATE_LINE.match(lines[end - 1]):
        end -= 1
    while end and len(lines[end - 1]) <= 25 and not re.search(r"[。；，：]", lines[end - 1]) and end < len(lines):
        end -= 1
    return lines[:end]




def read_docx(source) -> str:
    """Text of a .docx (path, bytes or file-like): paragraphs and table rows in order, joined by newlines."""
    # Streamed with a size and length cap (fuyuan.lib.docx_read): an uploaded plan may be a decompression bomb.
    from fuyuan.lib.docx_read import read_docx_text

    return read_docx_text(source, table_lines=table_lines)

