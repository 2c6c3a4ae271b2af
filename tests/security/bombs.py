"""Hostile uploads built in memory, and a subprocess that reads one and reports its peak memory and time.

The measurement runs in a fresh interpreter : the cost reported is its peak resident size
(VmHWM, reset through /proc/self/clear_refs just before; C allocations of libxml2 and zlib included —
tracemalloc sees only Python objects) minus its resident size before the upload was read, so the upload's
own bytes count too.
"""

import io
import json
import os
import random
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import openpyxl

ROOT = Path(__file__).resolve().parents[2]


def _replace_member(data: bytes, name: str, content_chunks, *, edits=None) -> bytes:
    """Copy an Office zip, writing member `name` from streamed chunks (never held whole in memory).

    `edits` {member: (old, new)} patches other members' bytes.
    """
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as target:
        for item in source.infolist():
            if item.filename != name:
                content = source.read(item.filename)
                if edits and item.filename in edits:
                    content = content.replace(*edits[item.filename])
                target.writestr(item.filename, content)
        info = zipfile.ZipInfo(name)
        info.compress_type = zipfile.ZIP_DEFLATED
        with target.open(info, "w", force_zip64=True) as member:
            for chunk in content_chunks:
                member.write(chunk)
    return out.getvalue()


def _docx_shell() -> bytes:
    buffer = io.BytesIO()
    docx.Document().save(buffer)
    return buffer.getvalue()


def _xlsx_shell() -> bytes:
    book = openpyxl.Workbook()
    book.active.append(["用户名", "姓名"])
    book.active.append(["a", "b"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


W = b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'


def docx_bomb(megabytes=400) -> bytes:
    """The probe's bomb: document.xml of `megabytes` MB of one repeated paragraph (compresses ~1000×)."""
    paragraph = b"<w:p><w:r><w:t>" + "府院联动".encode() * 50 + b"</w:t></w:r></w:p>"
    chunk = paragraph * (2**20 // len(paragraph))

    def chunks():
        yield W
        for _ in range(megabytes):
            yield chunk
        yield b"</w:body></w:document>"
    return _replace_member(_docx_shell(), "word/document.xml", chunks())


def docx_long_but_legal(megabytes=32) -> bytes:
    """Within every zip limit (low ratio) but far past the character cap: must stop while reading."""
    rng = random.Random(1)
    # One random megabyte repeated: deflate's 32 KB window cannot see the repeats, so the ratio stays ~4.
    text = bytes(rng.choices(range(16), k=2**20 // 3)).decode("latin-1").translate(
        {n: 0x4E00 + n for n in range(64)}).encode()
    paragraph = b"<w:p><w:r><w:t>" + text + b"</w:t></w:r></w:p>"

    def chunks():
        yield W
        for _ in range(megabytes):
            yield paragraph
        yield b"</w:body></w:document>"
    return _replace_member(_docx_shell(), "word/document.xml", chunks())


def docx_entities() -> bytes:
    """A billion-laughs DOCTYPE in document.xml."""
    laughs = b'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "ha">'
    for n in range(1, 12):
        laughs += b'<!ENTITY a%d "%s">' % (n, (b"&a%d;" % (n - 1) if n > 1 else b"&a;") * 10)
    laughs += b"]>" + W + b"<w:p><w:r><w:t>&a11;</w:t></w:r></w:p></w:body></w:document>"
    return _replace_member(_docx_shell(), "word/document.xml", [laughs])


def docx_malformed() -> bytes:
    return _replace_member(_docx_shell(), "word/document.xml", [W + b"<w:p><w:r><w:t>unclosed"])


SHEET = (b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
         b'<row r="1"><c r="A1" t="inlineStr"><is><t>\xe7\x94\xa8\xe6\x88\xb7\xe5\x90\x8d</t></is></c>'
         b'<c r="B1" t="inlineStr"><is><t>\xe5\xa7\x93\xe5\x90\x8d</t></is></c></row>')


def xlsx_bomb(megabytes=400) -> bytes:
    """The probe's workbook: a sheet of `megabytes` MB of identical rows."""
    def chunks():
        yield SHEET
        row = b'<row><c t="inlineStr"><is><t>x</t></is></c><c t="inlineStr"><is><t>y</t></is></c></row>'
        block = row * (2**20 // len(row))
        for _ in range(megabytes):
            yield block
        yield b"</sheetData></worksheet>"
    return _replace_member(_xlsx_shell(), "xl/worksheets/sheet1.xml", chunks())


def xlsx_many_rows(rows=200_000) -> bytes:
    """Varied rows (low ratio) within the zip limits: must stop at the row limit, not read them all."""
    rng = random.Random(2)

    def chunks():
        yield SHEET
        for start in range(2, rows + 2, 1000):
            yield b"".join(
                b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>u%x</t></is></c>'
                b'<c r="B%d" t="inlineStr"><is><t>n%x</t></is></c></row>'
                % (n, n, rng.getrandbits(40), n, rng.getrandbits(40)) for n in range(start, start + 1000))
        yield b"</sheetData></worksheet>"
    return _replace_member(_xlsx_shell(), "xl/worksheets/sheet1.xml", chunks())


def xlsx_shared_strings(count=1_000_000) -> bytes:
    """A shared-string table as large as the zip limits allow (openpyxl loads it whole)."""
    rng = random.Random(3)

    def chunks():
        yield (b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" '
               b'uniqueCount="%d">' % (count, count))
        for _ in range(count // 1000):
            yield b"".join(b"<si><t>s%x</t></si>" % rng.getrandbits(44) for _ in range(1000))
        yield b"</sst>"
    override = (b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
    return _replace_member(_xlsx_shell(), "xl/sharedStrings.xml", chunks(),
                           edits={"[Content_Types].xml": (b"</Types>", override)})


def xlsx_shared_strings_at_limit() -> bytes:
    """The largest shared-string table accepted."""
    return xlsx_shared_strings(count=50_000)


READERS = {
    "xlsx": "from fuyuan.accounts.importing import HEADERS, REQUIRED\n"
            "from fuyuan.lib.excel_read import read_table\n"
            "call = lambda data: read_table(data, HEADERS, REQUIRED)",
    "docx": "from tasks.plan_reader import read_docx\ncall = read_docx",
}

SCRIPT = """
import json, os, sys, time
import django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fuyuan.settings")
django.setup()
{reader}
def status(key):
    return next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith(key + ":"))
with open("/proc/self/clear_refs", "w") as clear:
    clear.write("5")  # resets the high-water mark (VmHWM) to the current size
base = status("VmRSS")
data = open(sys.argv[1], "rb").read()
start = time.process_time()  # CPU seconds: what the worker spends, not how busy the machine is
try:
    call(data)
    outcome = "read"
except Exception as error:
    outcome = type(error).__name__ + ": " + str(error)
seconds = time.process_time() - start
peak = status("VmHWM")
print(json.dumps({{"outcome": outcome, "seconds": seconds, "mb": (peak - base) / 1024, "peak_mb": peak / 1024}}))
"""


def measure(kind: str, data: bytes, tmp_path) -> dict:
    """Read `data` as `kind` in a fresh interpreter: {"outcome", "seconds" (CPU), "mb" (growth), "peak_mb"}."""
    path = tmp_path / f"upload.{kind}"
    path.write_bytes(data)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-c", SCRIPT.format(reader=READERS[kind]), str(path)],
                            capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout.strip().splitlines()[-1])
