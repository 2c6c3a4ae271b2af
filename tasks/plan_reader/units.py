"""Unit lists: split a printed list into unit names, drop role words, keep collective names whole."""

import re

from .text import normalize_text, to_label_script

_LEAD_ROLE = re.compile(r"(?:牵头负责|负责牵头|牵头|组织(?:有关|相关)?(?:部门|单位)?(?:进行|实施|落实))$")
_RESPONSIBLE_ROLE = re.compile(
    r"(?:按职责分工(?:分别)?负责|分工负责|分别负责|共同负责|配合|协办|协助|参与|负责|负责落实"
    r"|按职责(?:分工)?落实)$"
)
_ROLE_SUFFIX = re.compile(
    r"(?:[（(]\s*(?:牵头|配合|负责)\s*[)）]|按职责分工(?:分别)?负责|分工负责|分别负责|共同负责|牵头负责|负责牵头"
    r"|组织(?:有关|相关)?(?:部门|单位)?(?:进行|实施|落实)|按职责(?:分工)?落实|负责落实"
    r"|牵头|配合|协办|协助|参与|负责)$"
)
# 等 closing a list, alone or with a bare class word (等有关部门, 等各相关单位): "and others".
_BARE_CLASS = r"(?:其他|其它)?(?:[\d一二三四五六七八九十百]+[个家])?各?(?:有关|相关)?(?:职能)?(?:部门|单位)"
_ETC_SUFFIX = re.compile(rf"等(?:{_BARE_CLASS})?$")
# 等 followed by a qualified class (市民政局等需进行系统对接的各有关单位): the examples, then the class as a
# collective entry of its own.  A bare class after 等 adds nothing and is dropped (_ETC_SUFFIX).
_QUALIFIED_CLASS = re.compile(r"[^、，,；;]{2,30}(?:单位|部门|机关|机构)")
_OPENERS, _CLOSERS = "（(【[《“‘〔", "）)】]》”’〕"
_SEPARATORS = "、，,；;"
# 和/及/与 separate two units only when the left side already ends like a unit name;
# 市政务服务和大数据管理局 and 市文化广电和旅游局 therefore stay whole.
_CONJUNCTION = re.compile(r"以及|及(?!其)|和|与")
_UNIT_ENDINGS = "局院委办会府部门室心组队所站厅处科行司社团联庭馆校区县镇乡道位关构署"
_STRIP = " 。.，,；;、：:"


def _top_level_pieces(text: str, separators: str) -> list[str]:
    """Split on separators that are not inside any bracket or quote."""
    pieces, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in _OPENERS:
            depth += 1
        elif ch in _CLOSERS:
            depth = max(depth - 1, 0)
        elif depth == 0 and ch in separators:
            pieces.append(text[start:i])
            start = i + 1
    pieces.append(text[start:])
    return pieces


def _split_conjunctions(piece: str) -> list[str]:
    """Split one 、-free piece on 和/及/与 where both sides look like unit names."""
    mapped = to_label_script(piece)
    parts, start = [], 0
    for m in _CONJUNCTION.finditer(mapped):
        left, right = _unit_stem(piece[start : m.start()]), mapped[m.end() :].strip()
        if _bracket_depth(mapped[: m.start()]) == 0 and len(left) >= 2 and len(right) >= 2:
            if left[-1] in _UNIT_ENDINGS:
                parts.append(piece[start : m.start()])
                start = m.end()
    parts.append(piece[start:])
    return parts


def _split_etc(piece: str) -> list[str]:
    """Split 「A等B」 into A and B when A ends like a unit name and B is a qualified class of units."""
    mapped = to_label_script(piece)
    for m in re.finditer("等", mapped):
        left, right = _unit_stem(piece[: m.start()]), to_label_script(_clean_unit(piece[m.end() :]))
        if _bracket_depth(mapped[: m.start()]) or len(left) < 2 or left[-1] not in _UNIT_ENDINGS:
            continue
        if _QUALIFIED_CLASS.fullmatch(right) and not re.fullmatch(_BARE_CLASS, right):
            return [piece[: m.start()], piece[m.end() :]]
    return [piece]


def _unit_stem(text: str) -> str:
    """A unit name without role words or a closing bracket group: 各乡镇（街道） -> 各乡镇."""
    return re.sub(r"[（(][^（）()]*[）)]$", "", to_label_script(_clean_unit(text)))


def _bracket_depth(text: str) -> int:
    """Open-bracket depth at the end of text."""
    depth = 0
    for ch in text:
        if ch in _OPENERS:
            depth += 1
        elif ch in _CLOSERS:
            depth = max(depth - 1, 0)
    return depth


def _clean_unit(piece: str) -> str:
    """Trim whitespace, a leading 由, role words and a trailing 等 from one unit name."""
    piece = piece.strip(_STRIP).removeprefix("由")
    while piece:
        mapped = to_label_script(piece)
        m = _ROLE_SUFFIX.search(mapped) or _ETC_SUFFIX.search(mapped)
        if not m:
            break
        piece = piece[: m.start()].strip(_STRIP)
    return piece


# 各县、市、区政府 is one collective name, not three units.
_GROUP_LIST = re.compile(r"[县市区旗乡镇街](?:、[县市区旗乡镇街]){1,3}(?=(?:人民)?政府|党委|法院|检察院)")
_KEEP = "\x00"


def _raw_unit_pieces(text: str) -> list[str]:
    """Unit-sized pieces of text before cleaning."""
    text = normalize_text(text).strip().strip(_STRIP)
    text = _GROUP_LIST.sub(lambda m: m.group().replace("、", _KEEP), text)
    return [
        part.replace(_KEEP, "、")
        for piece in _top_level_pieces(text, _SEPARATORS)
        for part in _split_conjunctions(piece)
        for part in _split_etc(part)
    ]


def split_units(text: str) -> list[str]:
    """Split a printed unit list into unit names (order kept, duplicates and role words dropped)."""
    units: list[str] = []
    for piece in _raw_unit_pieces(text):
        unit = _clean_unit(piece)
        if unit and unit not in units:
            units.append(unit)
    return units


def marked_leads(text: str) -> list[str]:
    """Units in a responsible list that are marked as lead, e.g. 市发改委（牵头）."""
    pieces = _raw_unit_pieces(text)
    marked = [p for p in pieces if _LEAD_ROLE.search(to_label_script(p).strip(_STRIP + "（()）"))]
    return [u for u in (_clean_unit(p) for p in marked) if u]


def units_of(texts: list[str]) -> list[str]:
    """Units of several printed lists, duplicates dropped."""
    units: list[str] = []
    for text in texts:
        units += [u for u in split_units(text) if u not in units]
    return units
