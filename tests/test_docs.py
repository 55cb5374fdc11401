"""The README and docs/: relative links lead somewhere, and the README starts as CI reads it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_relative_links_lead_to_files_and_headings(page: Path) -> None:
    text = page.read_text()
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        if re.match(r"[a-z]+:", target):
            continue
        path, _, anchor = target.partition("#")
        file = (page.parent / path).resolve() if path else page
        assert file.exists(), f"{page.name}: {target}"
        if anchor and file.suffix == ".md":
            headings = re.findall(r"^#+ (.+)$", file.read_text(), re.M)
            slugs = {re.sub(r"[^\w\- ]", "", h.lower()).replace(" ", "-") for h in headings}
            assert anchor in slugs, f"{page.name}: {target}"


def test_the_readme_starts_with_two_commands_then_the_tour() -> None:
    text = (ROOT / "README.md").read_text()
    block = re.search(r"^```sh\n(.*?)^```$", text, re.M | re.S)
    assert block and len(block.group(1).splitlines()) == 2  # .ci/run runs exactly these
    sections = re.findall(r"^## (.+)$", text, re.M)
    assert sections[:2] == ["A short tour", "How to read a conflict"]
    assert "What is extracted" not in sections and "## What is extracted" in (ROOT / "docs" / "rules.md").read_text()
