"""LibreOffice headless as the stand-in for Excel, WPS and Word: convert what assoc writes
the way a person's office suite opens and saves it, and read back what it made.

``make test`` skips these tests with the reason when LibreOffice is missing; ``.ci/run``
installs it (libreoffice-calc, libreoffice-writer, fonts-noto-cjk, poppler-utils) and sets
ASSOC_REQUIRE_OFFICE=1, so there they must run.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

INSTALL = "apt-get install libreoffice-calc libreoffice-writer fonts-noto-cjk poppler-utils"
# One profile for the whole test session: LibreOffice's first start builds it (seconds).
_PROFILE = Path(tempfile.gettempdir()) / f"assoc-test-lo-profile-{os.getuid()}"

# LibreOffice's numbers for the character set of a CSV filter.
UTF8 = 76
GB18030 = 85  # (the superset of GBK that Chinese Excel writes as "CSV (逗号分隔)")


def require_office() -> str:
    """The soffice program, or skip (fail when ASSOC_REQUIRE_OFFICE is set, as in CI)."""
    program = shutil.which("soffice") or shutil.which("libreoffice")
    tools = program and shutil.which("pdftotext") and shutil.which("pdfinfo")
    if not tools:
        reason = f"LibreOffice and poppler-utils are needed for this test: {INSTALL}"
        if os.environ.get("ASSOC_REQUIRE_OFFICE"):
            pytest.fail(reason)
        pytest.skip(reason)
    assert program is not None
    return program


def convert(source: Path, to: str, folder: Path, *, infilter: str | None = None) -> Path:
    """*source* opened in LibreOffice and saved as *to* (``xlsx``, ``pdf``, ``csv:…``) in
    *folder*; returns the file it wrote."""
    return convert_all([source], to, folder, infilter=infilter)[0]


def convert_all(
    sources: list[Path], to: str, folder: Path, *, infilter: str | None = None
) -> list[Path]:
    """Many files of one kind opened and saved as *to* in one LibreOffice start (each
    start costs about a second): the files it wrote, in the order of *sources*."""
    program = require_office()
    folder.mkdir(parents=True, exist_ok=True)
    if infilter is None and sources and sources[0].suffix.lower() == ".csv":
        # Our CSV is UTF-8 with a BOM, which Excel and WPS recognise when a person opens it;
        # LibreOffice needs to be told. Column types are left to its guesses, as Excel's.
        infilter = f"CSV:44,34,{UTF8},1"
    command = [
        program,
        f"-env:UserInstallation=file://{_PROFILE}",
        "--headless",
        "--norestore",
        "--convert-to",
        to,
        "--outdir",
        str(folder),
        *([f"--infilter={infilter}"] if infilter else []),
    ]
    result = subprocess.run(
        [*command, *map(str, sources)], capture_output=True, text=True, timeout=300, check=False
    )
    extension = to.split(":", 1)[0]
    targets = [folder / f"{source.stem}.{extension}" for source in sources]
    missing = [target.name for target in targets if not target.exists()]
    assert not missing, f"LibreOffice did not convert {missing}: {result.stderr}"
    return targets


def csv_as_saved_by_excel(source: Path, folder: Path, charset: int = GB18030) -> Path:
    """*source* (CSV or XLSX) opened and saved again as CSV in *charset* — as a Chinese
    Excel's "CSV (逗号分隔)" does (GBK): its own guesses of numbers and dates included."""
    return convert(source, f"csv:Text - txt - csv (StarCalc):44,34,{charset},1", folder)


def sheet_cells(path: Path) -> list[list[tuple[Any, str]]]:
    """The first sheet of an .xlsx as (value, openpyxl data type) per cell."""
    from openpyxl import load_workbook

    workbook = load_workbook(path)
    try:
        sheet = workbook.worksheets[0]
        return [[(cell.value, cell.data_type) for cell in row] for row in sheet.iter_rows()]
    finally:
        workbook.close()


@dataclass(frozen=True)
class Pdf:
    """What a PDF made by LibreOffice holds: pages, their size in mm, the text."""

    pages: int
    width_mm: float
    height_mm: float
    text: str


def pdf_of(document: Path, folder: Path) -> Pdf:
    """*document* (.docx) printed to PDF by LibreOffice Writer, and what that PDF holds."""
    pdf = convert(document, "pdf", folder)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    pages = int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.M).group(1))  # type: ignore[union-attr]
    size = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+) pts", info.stdout, re.M)
    assert size is not None, info.stdout
    points = 25.4 / 72
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return Pdf(pages, float(size.group(1)) * points, float(size.group(2)) * points, text)
