#!/usr/bin/env python3
"""Rewrite README's settings table from widget/settings/ (tests/test_docs.py checks it)."""

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from widget.settings import settings_table  # noqa: E402

readme = ROOT / "README.md"
text = readme.read_text()
new = re.sub(
    r"(<!-- settings-table.*?-->\n)(.*?)(\n<!-- /settings-table -->)",
    lambda m: m.group(1) + settings_table() + m.group(3),
    text,
    flags=re.S,
)
readme.write_text(new)
print("README settings table", "updated" if new != text else "unchanged")
