"""The marks that open a list item or a heading line: "- ", "* ", "2) ", "(b) ", "## "."""

from __future__ import annotations

import re

LIST_MARK = re.compile(r"(?:[-*•▪◦‣]\s+|\(?\d{1,2}[.)]\s+|\(?[a-z][.)]\s+|#+\s+)")
