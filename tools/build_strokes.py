"""Build ``src/assoc_cli/i18n/data/strokes.txt`` from Unicode's Unihan database.

Usage: python tools/build_strokes.py path/to/Unihan_IRGSources.txt

Unihan (https://www.unicode.org/charts/unihan.html, Unicode License v3) gives each
character's total stroke count in ``kTotalStrokes``; the first value is the count for
the mainland (G) glyph, which is what 按姓氏笔画排序 uses. The output holds one line per
stroke count: ``<count><TAB><all characters with that count>``, CJK Unified Ideographs
and Extension A only (about 28,000 characters, ~90 KB), so it ships with the package
and nothing is downloaded at run time.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src/assoc_cli/i18n/data/strokes.txt"


def main(source: str) -> None:
    """Read kTotalStrokes from *source* and write the grouped stroke table."""
    by_count: dict[int, list[str]] = defaultdict(list)
    for line in Path(source).read_text(encoding="utf-8").splitlines():
        if "\tkTotalStrokes\t" not in line:
            continue
        code, _, value = line.split("\t")
        point = int(code[2:], 16)
        if not (0x3400 <= point <= 0x4DBF or 0x4E00 <= point <= 0x9FFF):
            continue
        by_count[int(value.split()[0])].append(chr(point))
    lines = [f"{n}\t{''.join(sorted(chars))}" for n, chars in sorted(by_count.items())]
    header = "# Stroke counts from Unicode Unihan kTotalStrokes (Unicode License v3).\n"
    OUT.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({sum(map(len, by_count.values()))} characters)")


if __name__ == "__main__":
    main(sys.argv[1])
