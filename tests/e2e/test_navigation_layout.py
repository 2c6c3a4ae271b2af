"""The navigation on a desktop: too many entries for one row wrap as whole entries, never a label split
after its first character (首/页), at the widths office PCs have."""

from tests.e2e.conftest import sign_in

# For each entry, how many lines its label's text takes.
LABEL_LINES = """() => [...document.querySelectorAll('.navbar .nav-link')].map(link => {
  const text = [...link.childNodes].find(node => node.nodeType === Node.TEXT_NODE && node.textContent.trim());
  if (!text) return [link.textContent.trim(), 1];
  const range = document.createRange();
  range.selectNodeContents(text);
  return [text.textContent.trim(), new Set([...range.getClientRects()].map(rect => Math.round(rect.top))).size];
})"""


def test_no_navigation_label_is_split(page, live_server, e2e_world, shot):
    sign_in(page, live_server, "office")  # the longest navigation: thirteen entries
    for width in (1024, 1280, 1366, 1920):
        page.set_viewport_size({"width": width, "height": 800})
        lines = page.evaluate(LABEL_LINES)
        assert len(lines) >= 13
        assert [label for label, count in lines if count > 1] == [], f"labels split at {width} px"
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.set_viewport_size({"width": 1280, "height": 800})
    shot("navigation-1280")
