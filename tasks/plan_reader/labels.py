"""Labels: the vocabulary of label words by role (lead, responsible, deadline, person), labels read from a
paragraph (own line, trailing parenthetical, tail), and lead units named in prose."""

import re
from dataclasses import dataclass, field

from .deadlines import DEADLINE_NONE, parse_deadline
from .text import spaced, to_label_script
from .units import _LEAD_ROLE, _RESPONSIBLE_ROLE, _STRIP, _UNIT_ENDINGS, _top_level_pieces, split_units

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
    "(?:主要|具体)?(?:" + "|".join(spaced(w) for w in sorted(_LABEL_KIND, key=len, reverse=True))
    # Label words outside the vocabulary, accepted by shape: a few characters ending like a label.
    + r"|[\u4e00-\u9fff]{1,4}(?:单位|部门|处室|时限|期限|领导))"
)
# 牵头单位：X, or 【牵头单位】X where the brackets make the colon optional.
LABEL_RE = re.compile(
    rf"(?:[【\[](?P<bracketed>{_WORDS_RE})[】\]]\s*[：:]?|(?P<word>{_WORDS_RE})\s*[：:])\s*"
)


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
    return parse_deadline(text)[0] != DEADLINE_NONE


def _unit_shaped(text: str) -> bool:
    """True when text is a list of unit names only (each ends like a unit name, 3+ characters)."""
    units = split_units(text)
    return bool(units) and all(len(u) >= 3 and to_label_script(u)[-1] in _UNIT_ENDINGS for u in units)


def _role_pieces(text: str, bare_units: bool = False) -> Labels | None:
    """Parse 市法制局牵头，市编办配合，2005年完成 style text; None if any piece is not a label.

    A piece made only of unit names takes the role word of the piece after it (「A、B，C负责」: the comma
    sits inside one list).  With ``bare_units``, units without any role word are responsible units
    (「。（市司法局、市法院，2023年底前）」), noted as a guess.
    """
    labels, held = Labels(), ""
    for piece in _top_level_pieces(text, "，,；;"):
        piece = piece.strip(_STRIP)
        mapped = to_label_script(piece)
        if not piece:
            continue
        if _LEAD_ROLE.search(mapped):
            labels.add(LEAD, held + piece)
        elif _RESPONSIBLE_ROLE.search(mapped):
            labels.add(RESPONSIBLE, held + piece)
        elif _looks_like_deadline(piece):
            labels.add(DEADLINE, piece)
            continue
        elif _unit_shaped(piece):
            held += piece + "、"
            continue
        else:
            return None
        held = ""
    if held:
        if not bare_units:
            return None
        labels.add(RESPONSIBLE, held)
        labels.notes.append("括号中的单位未注明职责，按责任单位读取")
    return labels


def parse_label_region(text: str, bare_units: bool = False) -> Labels | None:
    """Parse a region made only of labels; None when the region holds anything else."""
    mapped = to_label_script(text)
    matches = list(LABEL_RE.finditer(mapped))
    head_end = matches[0].start() if matches else len(text)
    labels = _role_pieces(text[:head_end], bare_units=bare_units and not matches)
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


def _closing_parentheticals(line: str) -> tuple[str, list[Labels]]:
    """Peel the label-only parentheticals that close a paragraph, last first: 「…。（牵头单位：A）（责任单位：B）」.

    A parenthetical of unit names alone counts only where it stands after the full stop (「…机制。（A、B）」),
    so that a name such as 各乡镇（街道） closing a sentence is never read as a label.
    """
    found: list[Labels] = []
    while (start := _trailing_paren_start(line)) is not None:
        inner = line[start + 1 : len(line.rstrip(_STRIP)) - 1]
        after_stop = line[:start].rstrip().endswith(("。", "；", "！")) or bool(found)
        labels = parse_label_region(inner, bare_units=after_stop)
        if labels is None:
            break
        found.append(labels)
        line = line[:start].rstrip()
    return line, found


_TAIL_LABEL = re.compile(r"(?:^|(?<=[。；，\s]))" + LABEL_RE.pattern)


def split_labels(line: str) -> tuple[str, Labels]:
    """Separate a paragraph into its text and the labels on it (own line, trailing (…) or tail)."""
    mapped = to_label_script(line)
    if LABEL_RE.match(mapped):
        return "", parse_label_region(line) or Labels()
    text, found = _closing_parentheticals(line)
    if found:
        labels = Labels()
        for one in reversed(found):
            labels.extend(one)
        return text, labels
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
