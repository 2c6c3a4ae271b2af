"""Text normalisation for plan reading.

Two views of a text are used throughout:
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


def spaced(word: str) -> str:
    """Regex for a label word whose characters may be separated by spaces (责 任 单 位)."""
    return r"\s*".join(word)
