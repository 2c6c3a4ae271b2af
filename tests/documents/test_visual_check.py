"""The documents as a reader sees them: LibreOffice (headless) → PDF → PNG of page 1 of each kind.

The PNGs land in test-artifacts/documents/ for a person to look at. Skipped where LibreOffice or
poppler-utils is missing (CI installs libreoffice-writer-nogui and poppler-utils).
"""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from .test_gongwen_layout import documents

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
TEXT_BOTTOM = (37 + 225) / 25.4 * 72  # the text block's lower edge, in points from the top of the page
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "documents"

pytestmark = [
    pytest.mark.visual,
    pytest.mark.skipif(not (SOFFICE and shutil.which("pdftoppm") and shutil.which("pdftotext")),
                       reason="needs LibreOffice and poppler-utils"),
]


def test_page_one_of_each_kind_renders_on_a4(subjects, tmp_path):
    files = []
    for kind, data in documents(subjects).items():
        path = tmp_path / f"{kind}.docx"
        path.write_bytes(data)
        files.append(path)
    # A profile of its own: a LibreOffice already running for someone else would swallow the conversion.
    profile = f"-env:UserInstallation=file://{tmp_path / 'profile'}"
    subprocess.run([SOFFICE, profile, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                    *map(str, files)], check=True, capture_output=True, timeout=240)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for path in files:
        pdf = path.with_suffix(".pdf")
        assert pdf.exists(), f"{path.name} did not convert"
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        assert "595.3" in info and "841.8" in info, info  # A4 in points
        text = subprocess.run(["pdftotext", "-f", "1", "-l", "1", "-layout", str(pdf), "-"], capture_output=True,
                              text=True, check=True).stdout
        assert "府院联动联席会议办公室" in text
        if path.stem != "minutes":
            assert "号" in text
        # The 版记 stands at the foot of its page: 印发 on the text block's last line (GB/T 9704-2012 §7.4).
        boxes = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True,
                               check=True).stdout
        printed = re.search(r'yMax="([0-9.]+)">[^<]*印发</word>', boxes)
        assert printed and TEXT_BOTTOM - 12 < float(printed.group(1)) <= TEXT_BOTTOM + 2, (path.stem, printed)
        subprocess.run(["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                        str(ARTIFACTS / path.stem)], check=True, timeout=60)
        assert (ARTIFACTS / f"{path.stem}.png").stat().st_size > 10_000
