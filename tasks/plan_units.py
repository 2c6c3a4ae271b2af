"""Text normalisation, unit/deadline labels and unit-list splitting for plan parsing.

Pure string logic shared by ``tasks.plan_parser`` and ``tasks.plan_deadlines``.

Two views of a text are used throughout:

* the *canonical* text (``normalize_text``): full-width forms folded to ASCII, then the Chinese
  punctuation that plans use for structure (（）：，；？！) restored to full width, so that a plan
  typed with ASCII punctuation and one typed with full-width punctuation give identical results;
* the *label script* (``to_label_script``): the canonical text with a handful of traditional
  characters mapped to simplified ones.  The map is one character to one character, so a match
  found in the label script can be sliced out of the printed text at the same offsets; that is
  how unit names keep their printed (possibly traditional) characters.
"""

import re
from dataclasses import dataclass, field

# Only the characters of label, deadline and table-header words; unit names are never rewritten.
_TRADITIONAL = str.maketrans(
    "牽頭責負單門協辦長堅時間續進開週個內參與職節點號編類別領稱項務導聯",
    "牵头责负单门协办长坚时间续进开周个内参与职节点号编类别领称项务导联",
)

_STRUCTURAL_PUNCT = {"(": "（", ")": "）", ";": "；", "?": "？", "!": "！"}
_BETWEEN_DIGITS = re.compile(r"(?<!\d)[,:]|[,:](?!\d)")
_SPACES = re.compile(r"[\t\u00a0\u2002\u2003\u2009\u3000]")
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\ufeff\r]")
# Enclosed numbers some word processors emit for list numbering.
_ENCLOSED = {chr(0x2474 + i): f"（{i + 1}）" for i in range(20)}  # ⑴..⒇
_ENCLOSED.update({chr(0x2488 + i): f"{i + 1}." for i in range(20)})  # ⒈..⒛
_ENCLOSED.update({chr(0x3220 + i): f"（{c}）" for i, c in enumerate("一二三四五六七八九十")})  # ㈠..㈩


def normalize_text(text: str) -> str:
    """Fold full-/half-width variants into one canonical form (see module docstring)."""
    text = _INVISIBLE.sub("", text)
    text = _SPACES.sub(" ", text)
    text = "".join(_ENCLOSED.get(ch, ch) for ch in text)
    # Full-width ASCII block (！..～) to ASCII; this also folds full-width digits.
    text = "".join(chr(ord(ch) - 0xFEE0) if "\uff01" <= ch <= "\uff5e" else ch for ch in text)
    text = "".join(_STRUCTURAL_PUNCT.get(ch, ch) for ch in text)
    # "1,000" and "09:45" keep their ASCII separators; everywhere else they are Chinese punctuation.
    return _BETWEEN_DIGITS.sub(lambda m: "，" if m.group() == "," else "：", text)


def to_label_script(text: str) -> str:
    """Map the traditional characters of label words to simplified ones, keeping every offset."""
    return text.translate(_TRADITIONAL)


def _spaced(word: str) -> str:
    """Regex for a label word whose characters may be separated by spaces (责 任 单 位)."""
    return r"\s*".join(word)


LEAD = "lead"
RESPONSIBLE = "responsible"
DEADLINE = "deadline"
PERSON = "person"  # 牵头领导, 责任人: a person, never a unit

# The vocabulary of labels by role.  Longest words first so that 牵头单位 wins over 牵头.
_LABEL_WORDS = {
    LEAD: ("牵头责任单位", "牵头单位", "牵头部门", "主责单位", "主责部门", "主办单位", "主办部门", "牵头"),
    RESPONSIBLE: ("协同责任单位", "配合责任单位", "市直责任单位", "县直责任单位", "区直责任单位", "旗直责任单位",
                  "责任单位", "责任部门", "配合单位", "配合部门", "协办单位", "协办部门", "协助单位", "协同单位",
                  "协同部门", "参与单位", "参与部门"),
    DEADLINE: ("完成时限", "完成时间", "完成期限", "时间节点", "时限要求", "时间要求", "时间进度", "进度安排",
               "办结时限", "时限"),
    PERSON: ("牵头领导", "责任领导", "分管领导", "包联领导", "联系领导", "责任人", "联系人"),
}
_LABEL_KIND = {word: kind for kind, words in _LABEL_WORDS.items() for word in words}
_WORDS_RE = (
    "(?:主要|具体)?(?:" + "|".join(_spaced(w) for w in sorted(_LABEL_KIND, key=len, reverse=True))
    # Label words outside the vocabulary, accepted by shape: a few characters ending like a label.
    + r"|[\u4e00-\u9fff]{1,4}(?:单位|部门|处室|时限|期限|领导))"
)
# 牵头单位：X, or 【牵头单位】X where the brackets make the colon optional.
LABEL_RE = re.compile(
    rf"(?:[【\[](?P<bracketed>{_WORDS_RE})[】\]]\s*[：:]?|(?P<word>{_WORDS_RE})\s*[：:])\s*"
)

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
_ETC_SUFFIX = re.compile(r"等(?:有关|相关)?(?:部门|单位)?$")
_OPENERS, _CLOSERS = "（(【[《“‘〔", "）)】]》”’〕"
_SEPARATORS = "、，,；;"
# 和/及/与 separate two units only when the left side already ends like a unit name;
# 市政务服务和大数据管理局 and 市文化广电和旅游局 therefore stay whole.
_CONJUNCTION = re.compile(r"以及|及(?!其)|和|与")
_UNIT_ENDINGS = "局院委办会府部门室心组队所站厅处科行司社团联庭馆校区县镇乡道位关构署"
_STRIP = " 。.，,；;、：:"


def _kind_of(m: re.Match) -> str:
    """Label kind of a LABEL_RE match (the word may be spaced out)."""
    word = re.sub(r"\s+", "", m.group("word") or m.group("bracketed"))
    word = word.removeprefix("主要").removeprefix("具体")
    return _LABEL_KIND.get(word) or _unknown_label_kind(word)


def _unknown_label_kind(word: str) -> str:
    """The role of a label word outside the vocabulary, judged by its shape."""
    if re.search(r"领导|责任人|联系人", word):
        return PERSON
    if re.search(r"时限|时间|期限|节点|进度", word):
        return DEADLINE
    if re.search(r"牵头|主责|主办|主抓", word):
        return LEAD
    return RESPONSIBLE


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


@dataclass
class Labels:
    """Label values found in one paragraph: printed texts per kind, in order."""

    lead: list[str] = field(default_factory=list)
    responsible: list[str] = field(default_factory=list)
    deadline: list[str] = field(default_factory=list)
    person: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # where the reading was a guess

    def add(self, kind: str, text: str) -> None:
        """Record one printed value (empty values still mark the label as present).

        A unit list that ends in a deadline sentence (牵头单位：某局。2023年底前完成) gives both.
        """
        text = text.strip(_STRIP)
        if kind in (LEAD, RESPONSIBLE):
            units, deadline = _split_trailing_deadline(text)
            if deadline:
                self.deadline.append(deadline)
                text = units
        getattr(self, kind).append(text)

    def extend(self, other: "Labels") -> None:
        """Append another paragraph's values."""
        for kind in (LEAD, RESPONSIBLE, DEADLINE, PERSON):
            getattr(self, kind).extend(getattr(other, kind))
        self.notes.extend(n for n in other.notes if n not in self.notes)

    def __bool__(self) -> bool:
        return bool(self.lead or self.responsible or self.deadline or self.person)


def _split_trailing_deadline(text: str) -> tuple[str, str]:
    """(units, deadline) of 某局。2023年底前完成 / 某局，长期坚持; ("...", "") when there is none."""
    pieces = _top_level_pieces(text, "。，,；;")
    if len(pieces) < 2:
        return text, ""
    tail = pieces[-1].strip(_STRIP)
    if tail and _looks_like_deadline(tail):
        return text[: len(text) - len(pieces[-1]) - 1].strip(_STRIP), tail
    return text, ""


def _looks_like_deadline(text: str) -> bool:
    """True when text parses as a deadline phrase."""
    # Imported here because plan_deadlines imports the normalisers from this module.
    from .plan_deadlines import DEADLINE_NONE, parse_deadline

    return parse_deadline(text)[0] != DEADLINE_NONE


def _role_pieces(text: str) -> Labels | None:
    """Parse 市法制局牵头，市编办配合，2005年完成 style text; None if any piece is not a label."""
    labels = Labels()
    for piece in _top_level_pieces(text, "，,；;"):
        piece = piece.strip(_STRIP)
        mapped = to_label_script(piece)
        if not piece:
            continue
        if _LEAD_ROLE.search(mapped):
            labels.add(LEAD, piece)
        elif _RESPONSIBLE_ROLE.search(mapped):
            labels.add(RESPONSIBLE, piece)
        elif _looks_like_deadline(piece):
            labels.add(DEADLINE, piece)
        else:
            return None
    return labels


def parse_label_region(text: str) -> Labels | None:
    """Parse a region made only of labels; None when the region holds anything else."""
    mapped = to_label_script(text)
    matches = list(LABEL_RE.finditer(mapped))
    head_end = matches[0].start() if matches else len(text)
    labels = _role_pieces(text[:head_end])
    if labels is None:
        return None
    ends = [m.start() for m in matches[1:]] + [len(text)]
    for m, end in zip(matches, ends, strict=False):  # ends has one extra item when matches is empty
        labels.add(_kind_of(m), text[m.end() : end])
        word = re.sub(r"\s+", "", m.group("word") or m.group("bracketed"))
        if word.removeprefix("主要").removeprefix("具体") not in _LABEL_KIND:
            labels.notes.append(f"未知标注「{word}」按位置识别")
    return labels if (labels or matches) else None


def _trailing_paren_start(text: str) -> int | None:
    """Offset of the （ that opens a parenthetical closing the paragraph, if any."""
    body = text.rstrip(_STRIP)
    if not body.endswith(("）", ")")):
        return None
    depth = 0
    for i in range(len(body) - 1, -1, -1):
        if body[i] in "）)":
            depth += 1
        elif body[i] in "（(":
            depth -= 1
            if depth == 0:
                return i
    return None


_TAIL_LABEL = re.compile(r"(?:^|(?<=[。；，\s]))" + LABEL_RE.pattern)


def split_labels(line: str) -> tuple[str, Labels]:
    """Separate a paragraph into its text and the labels on it (own line, trailing (…) or tail)."""
    mapped = to_label_script(line)
    if LABEL_RE.match(mapped):
        return "", parse_label_region(line) or Labels()
    start = _trailing_paren_start(line)
    if start is not None:
        inner = line[start + 1 : len(line.rstrip(_STRIP)) - 1]
        labels = parse_label_region(inner)
        if labels is not None:
            return line[:start].rstrip(), labels
    m = _TAIL_LABEL.search(mapped)
    if m:
        labels = parse_label_region(line[m.start() :])
        if labels is not None:
            return line[: m.start()].rstrip(), labels
    return line, Labels()


# 由 but not 由于 / 自由 / 理由 ...
_PROSE_LEAD = re.compile(r"(?<![自理缘来经])由(?![于此])([^，。；：！？\n]{1,40}?)牵头")


# X牵头负责 / X负责落实 where X opens a clause and ends like a unit name.
_CLAUSE_LEAD = re.compile(
    r"(?:^|(?<=[。；，：\n（]))([^，。；：！？\n（）]{2,40}?)(?:牵头负责|负责牵头|牵头落实|负责落实)"
)


def prose_leads(body: str) -> list[str]:
    """Lead units named in the text (由X牵头, X牵头负责, X负责落实), in order."""
    units: list[str] = []
    mapped = to_label_script(body)
    for m in _PROSE_LEAD.finditer(mapped):
        units += [u for u in split_units(body[m.start(1) : m.end(1)]) if u not in units]
    if units:
        return units
    for m in _CLAUSE_LEAD.finditer(mapped):
        candidate = [u for u in split_units(body[m.start(1) : m.end(1)]) if u not in units]
        if candidate and all(to_label_script(u)[-1] in _UNIT_ENDINGS for u in candidate):
            units += candidate
    return units


def units_of(texts: list[str]) -> list[str]:
    """Units of several printed lists, duplicates dropped."""
    units: list[str] = []
    for text in texts:
        units += [u for u in split_units(text) if u not in units]
    return units


# ---------------------------------------------------------------- task tables in .docx

_COLUMN_ROLES = (  # header words -> role of a column in a task table
    ("number", re.compile(r"序号|编号")),
    ("category", re.compile(r"类别|分类|领域|板块")),
    ("lead", re.compile(r"牵头|主责")),
    ("responsible", re.compile(r"责任|配合|协办|参与")),
    ("deadline", re.compile(r"时限|时间|期限|节点")),
    ("task", re.compile(r"任务|事项|内容|措施|工作|名称")),
)
_TABLE_LABELS = {"lead": "牵头单位", "responsible": "责任单位", "deadline": "完成时限"}


def header_role(cell: str) -> str | None:
    """The role a table header cell names (序号, 工作内容, 牵头单位 …), or None."""
    mapped = to_label_script(cell)
    return next((r for r, regex in _COLUMN_ROLES if regex.search(mapped)), None) if len(cell) <= 8 else None


def column_roles(header: list[str]) -> dict[str, int]:
    """Map column roles to indexes, for a header row that names unit or deadline columns."""
    roles: dict[str, int] = {}
    for index, cell in enumerate(header):
        mapped = to_label_script(cell)
        role = next((r for r, regex in _COLUMN_ROLES if regex.search(mapped)), None)
        if role and role not in roles:
            roles[role] = index
    return roles if roles.keys() & _TABLE_LABELS.keys() else {}


def table_lines(rows: list[list[str]]) -> list[str]:
    """A task table as numbered items with label lines; any other table as one line per row."""
    roles = column_roles(rows[0]) if rows else {}
    if not roles:
        return ["\t".join(_dedupe_adjacent(row)) for row in rows]
    lines, category, categories = [], None, 0
    for index, row in enumerate(rows[1:], start=1):
        cell = {role: row[i] if i < len(row) else "" for role, i in roles.items()}
        if "category" in cell and cell["category"] and cell["category"] != category:
            category, categories = cell["category"], categories + 1
            lines.append(f"（{_cn_numeral(categories)}）{category}")
        number = re.sub(r"\D", "", cell.get("number", "")) or str(index)
        lines.append(f"{number}.{cell.get('task', '')}")
        lines += [f"{label}：{cell[role]}" for role, label in _TABLE_LABELS.items() if cell.get(role)]
    return lines


def _dedupe_adjacent(cells: list[str]) -> list[str]:
    """Drop repeats produced by horizontally merged cells."""
    return [c for i, c in enumerate(cells) if i == 0 or c != cells[i - 1]]


def _cn_numeral(value: int) -> str:
    """1..99 as Chinese numerals (一, 十二, 二十)."""
    digits = "零一二三四五六七八九"
    tens, ones = divmod(value, 10)
    if not tens:
        return digits[ones]
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")
