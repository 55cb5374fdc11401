"""An invented news article, its lightly edited copies and independent reports (near-copy tests)."""

from __future__ import annotations

from pathlib import Path

BODY = [
    "The harbour authority of Valdrex published its annual report on Tuesday, and the figures surprised the council.",
    "Storm Kelda closed the eastern quay for nine days in February, and ferries were sent to the northern pier instead.",
    "Officials said the dredging of the main channel would continue through the summer despite complaints from fishermen.",
    "{fact}",
    "The mayor, Anton Mirko, told reporters that the port would need new cranes before the next winter season began.",
    "Several shipping firms have asked for lower fees, arguing that the storm damage made the quays harder to use.",
    "A spokesperson for the authority declined to comment on the fees but promised a public meeting in the autumn.",
    "Local traders welcomed the report and said the market by the water had its busiest year since the old bridge reopened.",
    "The report also describes the repairs to the lighthouse, which was struck twice during the winter gales.",
    "Engineers from the coastal agency inspected the breakwater in March and found cracks along its outer wall.",
    "Their recommendations, published as an annex, include a new concrete apron and sensors that measure the swell.",
    "The council has not yet said how it would pay for the work, which would take at least two building seasons.",
    "Fishermen's associations said they would oppose any plan that closed the inner basin during the herring run.",
    "The authority's director said the port had kept its customers despite the storm and expected traffic to grow.",
    "Passenger numbers on the island ferry rose for the third year in a row, helped by a new timetable.",
    "The next report is due in the spring, when the authority will also publish its plan for the western docks.",
]
REWORDED = "This line of the report was rewritten by the editors of the {n} edition for their own readers."
COPY_FACT = "Borduria had a population of 5.2 million people in 2025."


def article(fact: str, byline: str | None = None, reworded: int | None = None, n: int = 0) -> str:
    """The article, with a byline added and one sentence (not the fact) rewritten if asked."""
    body = [REWORDED.format(n=f"number {n}") if i == reworded else s.format(fact=fact) for i, s in enumerate(BODY)]
    head = ["# Valdrex harbour report", byline] if byline else ["# Valdrex harbour report"]
    return "\n\n".join([*head, " ".join(body[:8]), " ".join(body[8:])]) + "\n"


def independent(author: str, angle: str) -> str:
    """An independent report of the census: other words, another figure."""
    return (
        f"# Census notes by {author}\n\n"
        f"The statistics office of Borduria finished its count this month, {angle}. "
        "Borduria had a population of 6.8 million people in 2025. "
        f"{author} wrote that the office had used new methods and that the figure for the capital "
        "was revised as well after a long review of the old registers.\n"
    )


def write_corpus(folder: Path, copies: int = 20) -> None:
    """The original, `copies` lightly edited copies of it and two independent reports."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "original.txt").write_text(article(COPY_FACT))
    for i in range(copies):
        reworded = [0, 1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15][i % 15]
        (folder / f"copy{i:02}.txt").write_text(article(COPY_FACT, f"By staff writer {i}", reworded, i))
    (folder / "census_a.txt").write_text(independent("Mirela Sand", "after a delay of two years"))
    (folder / "census_b.txt").write_text(independent("Otto Brenn", "with help from the islands"))
