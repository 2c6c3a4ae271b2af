"""Numbering: the list-number styles of plans (一、 （一） 1. 1、 （1） ① …) and the outline they build."""

import functools
import re
from dataclasses import dataclass, field

from .labels import Labels, split_labels

_CN_NUM = "一二三四五六七八九十百零〇两"
# (style, rank, regex); the number is group 1.  Order matters: 1.1 before 1.
_MARKERS = (
    ("cn", 0.0, re.compile(rf"([{_CN_NUM}]+)[、.]\s*")),
    ("cn_paren", 1.0, re.compile(rf"（([{_CN_NUM}]+)）\s*")),
    ("decimal", 2.5, re.compile(r"(\d{1,2}(?:\.\d{1,2}){1,3})(?:、|\s+)")),
    ("arabic", 2.0, re.compile(r"(\d{1,3})(?:、|\.(?![\d%]))\s*")),
    ("arabic_paren", 3.0, re.compile(r"（(\d{1,3})）\s*")),
    ("arabic_half", 3.5, re.compile(r"(\d{1,3})）\s*")),
    ("circled", 4.0, re.compile(r"([①-⑳])\s*")),
)
_NUMBER_FORMAT = {"cn_paren": "（{}）", "arabic_paren": "（{}）", "arabic_half": "{}）"}


@dataclass(eq=False)
class _Node:
    """An outline item: its number, its own paragraphs and its sub-items."""

    style: str
    rank: float
    numeral: str
    marker: str
    lines: list[str]
    line_numbers: list[int] = field(default_factory=list)
    parent: "_Node | None" = None
    children: list["_Node"] = field(default_factory=list)

    @property
    def number(self) -> str:
        """The number as printed, without the 、/. after it."""
        return _NUMBER_FORMAT.get(self.style, "{}").format(self.numeral)

    @functools.cached_property
    def parts(self) -> list[tuple[str, Labels]]:
        """(text without labels, labels) for each of the node's own paragraphs."""
        return [split_labels(line) for line in self.lines]

    def walk(self):
        """This node and all nodes below it, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()


def _match_marker(line: str) -> tuple[str, float, re.Match] | None:
    """The list-number style a paragraph starts with, if any."""
    for style, rank, regex in _MARKERS:
        m = regex.match(line)
        if m:
            return style, rank, m
    return None


def _build_outline(lines: list[str]) -> _Node:
    """Nest numbered paragraphs by style rank; unnumbered paragraphs join the open item."""
    root = _Node("root", -1.0, "", "", [])
    stack = [root]
    for number, line in enumerate(lines):
        found = _match_marker(line)
        if not found:
            stack[-1].lines.append(line)
            stack[-1].line_numbers.append(number)
            continue
        style, rank, m = found
        while stack[-1].rank >= rank:
            stack.pop()
        node = _Node(style, rank, m.group(1), m.group(0), [line[m.end() :]], [number], parent=stack[-1])
        stack[-1].children.append(node)
        stack.append(node)
    return root


def _numeral_value(numeral: str) -> int | None:
    """Integer value of 12 / 十二 / ⑫ (None for 1.1 or unusual numerals)."""
    if numeral.isdigit() and numeral.isascii():
        return int(numeral)
    if len(numeral) == 1 and "①" <= numeral <= "⑳":
        return ord(numeral) - ord("①") + 1
    digits = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
    if numeral == "十" or (set(numeral) <= set(digits) | {"十"} and numeral.count("十") == 1):
        tens, _, ones = numeral.partition("十")
        return digits.get(tens, 1) * 10 + digits.get(ones, 0)
    return digits.get(numeral) if len(numeral) == 1 else None

