"""People's titles: "French President Emmanuel Macron" -> subject Emmanuel Macron, value
President, object France; in apposition, office first, held over stated years, and in a
document's headline. The office list is data (`data/facts.json`).
"""

from __future__ import annotations

import re
from dataclasses import replace

from claimcheck.extract.fact_rules import MONTHS, NOT_NAME, WEEKDAYS, FactRules, Office, fact_claim
from claimcheck.model import Claim, Sentence
from claimcheck.normalize.lemmas import lemma


def title_claims(s: Sentence, rules: FactRules) -> list[Claim]:
    """Title claims in one sentence: office + person (+ organisation before the office)."""
    out: list[Claim] = []
    # "Mokgweetsi Masisi, the president of Botswana, ...": an office in any case, between commas
    titled = rules.title_word_any_case_rx.search(s.text.lower()) is not None  # a cheap test before the office patterns
    apposed = _apposition_titles(s, rules) if titled and "," in s.text else []
    if not titled:
        return apposed
    apposed += [c for c in _office_first_titles(s, rules) if c.subject not in {a.subject for a in apposed}]
    for m in rules.title_rx.finditer(s.text):
        said = m.group("title")
        office = rules.offices[rules.office_of[" ".join(said.split()).lower()]]
        portfolio, at = _portfolio_before(s.text, m.start("title"), office, rules)
        if portfolio and _modifier_before(s.text, at, rules):
            continue  # "former Health Minister X"
        if not said[0].isupper() and not (portfolio and portfolio[0].isupper()) and not _named_before(s.text, at):
            continue  # "FEMA administrator Anton Mirko", but not "the administrator Anton Mirko"
        if said not in rules.offices and said[0].isupper():
            continue  # ("DIRECTOR Anton", "Chief executive X": an office is written one way or all lower-case)
        mod = (m.group("mod") or "").lower().rstrip("-")
        if mod in rules.not_current or mod + "-" in rules.not_current:
            continue
        name = _clean_name(m.group("name"), rules)
        if name is None or (
            not office.exclusive and " " not in name and _NOUN_AFTER.match(s.text, m.start("name") + len(name))
        ):
            continue  # ("Head Start programs": a programme's name, not a head named Start)
        before = s.text[:at].split()
        if not m.group("mod") and before and before[-1] in rules.subordinate:
            continue  # "Deputy Foreign Minister X" is not the Foreign Minister
        org, start = _organisation_before(s.text, at if not m.group("mod") else m.start(), rules)
        end = m.start("name") + len(name)
        if generation := _GENERATION.match(s.text, end):  # "Robert F. Kennedy, Jr.": the son
            name, end = f"{name} {generation.group(1)}", generation.end()
        out.append(_title_claim(s, name, org, _of_portfolio(office, portfolio, rules), start, end))
    named = {c.subject for c in out}  # ("Antony Blinken, the US Secretary of State": read once)
    return out + [c for c in apposed if c.subject not in named]


def _named_before(text: str, pos: int) -> bool:
    """Whether an organisation's name (a capitalised word, not a sentence's first "The") or a
    possessive stands right before `pos`: what makes a lower-case office a title."""
    m = re.search(r"(\S+)\s+$", text[:pos])
    return (
        bool(m)
        and (m.group(1)[:1].isupper() and m.group(1) not in ("The", "A", "An"))
        or bool(m and re.search(r"(?:'s|’s)$", m.group(1)))
    )


def _office_first_titles(s: Sentence, rules: FactRules) -> list[Claim]:
    """ "The World Food Program director for West Africa, Jane Doe, said": the office first,
    then the name between commas."""
    if "," not in s.text:
        return []
    found = (
        _matched_title(s, m, rules, ("org1", "org2"), m.start(), m.end("name"))
        for m in rules.office_first_rx.finditer(s.text)
    )
    return [c for c in found if c is not None]


def _matched_title(
    s: Sentence, m: re.Match[str], rules: FactRules, orgs: tuple[str, str], start: int, end: int
) -> Claim | None:
    """The title claim a title pattern's match states: its name (when it is one whole name),
    its office, and the organisation of the first of `orgs` that matched."""
    name = _clean_name(m.group("name"), rules)
    if name is None or name != " ".join(m.group("name").split()):
        return None
    office = rules.offices[rules.office_of[" ".join(m.group("title").split()).lower()]]
    portfolio, _ = _portfolio_before(s.text, m.start("title"), office, rules)
    after = rules.portfolio_after_rx.match(s.text, m.end("title")) if office.title in rules.portfolio_offices else None
    if after:  # "the Minister of Finance", "the Minister for Health"
        portfolio = after.group("portfolio")
    org_text = next((t for t in (_without_portfolio(m.group(g), portfolio) for g in orgs) if t), None)
    org = rules.entities.resolve(org_text) if org_text else None
    return _title_claim(s, name, org, _of_portfolio(office, portfolio, rules), start, end)


def _without_portfolio(org: str | None, portfolio: str | None) -> str | None:
    """An organisation's name without the office's portfolio the pattern took into it ("of
    Finance" is the office's portfolio; "Borduria's Health" names Borduria)."""
    if org and portfolio and org.lower().endswith(portfolio.lower()):
        return re.sub(r"(?:'s|’s)$", "", org[: -len(portfolio)].strip()) or None
    return org


def _portfolio_before(text: str, pos: int, office: Office, rules: FactRules) -> tuple[str | None, int]:
    """The portfolio written before an office that takes one ("Health Minister"), and where
    the whole title starts; (None, pos) when there is none."""
    if office.title not in rules.portfolio_offices:
        return None, pos
    m = rules.portfolio_before_rx.search(text, max(0, pos - 40), pos)
    return (m.group("portfolio"), m.start()) if m else (None, pos)


def _modifier_before(text: str, pos: int, rules: FactRules) -> bool:
    """Whether a title that starts at `pos` is one no longer held ("former", "ex-")."""
    m = re.search(r"(\S+?)[\s-]*$", text[max(0, pos - 20) : pos])
    word = m.group(1).lower() if m else ""
    return word in rules.not_current or word + "-" in rules.not_current


def _of_portfolio(office: Office, portfolio: str | None, rules: FactRules) -> Office:
    """The office of a portfolio, written one way however the text puts it: "Health Minister",
    "the Minister for Health" and "the health minister" are all the Health Minister, and one
    holder at a time."""
    if portfolio is None:
        return office
    said = rules.portfolios[" ".join(portfolio.split()).lower()]
    return Office(f"{said} {office.title}", True)


def held_claims(s: Sentence, rules: FactRules) -> list[Claim]:
    """Offices held over stated years: "X served as Chancellor of Germany from 2005 to 2021",
    "X became president in 2019" (since then), "X has been CEO since 2014"."""
    out = []
    for m in rules.held_rx.finditer(s.text):
        name = _clean_name(m.group("name"), rules)
        if name is None or name.lower() in _PRONOUNS or name != " ".join(m.group("name").split()):
            continue
        start = m.group("from") or m.group("btw") or m.group("since") or m.group("year")
        end = m.group("to") or m.group("and")
        if m.group("year") and m.group("verb") != "became":
            end = start  # "was president in 2019": that year; "became president in 2019": since
        said = " ".join(m.group("title").split()).lower()
        org1 = m.group("org1")
        if org1 and f"{org1.lower()} {said}" in rules.office_of:
            said, org1 = f"{org1.lower()} {said}", None  # "Vice President": one office, not Vice's
        org_text = m.group("org2") or org1
        org = rules.entities.resolve(org_text) if org_text else None
        claim = _title_claim(s, name, org, rules.offices[rules.office_of[said]], m.start("name"), m.end())
        out.append(replace(claim, period_start=start, period_end=end, period_text=m.group("when")))
    return out


_PRONOUNS = frozenset(["he", "she", "they", "it", "we", "i", "you"])


def _apposition_titles(s: Sentence, rules: FactRules) -> list[Claim]:
    """Titles in apposition: "Mokgweetsi Masisi, the president of Botswana, ..."."""
    out = []
    for m in rules.apposition_rx.finditer(s.text):
        before = s.text[: m.start("name")].split()
        if before and before[-1] in rules.not_before_names:
            continue  # "across Borduria, the Minister of Finance, ...": a place, not a person
        if _NAME_OF_AND.search(s.text, max(0, m.start("name") - 80), m.start("name")):
            continue  # "the Secretary of Housing and Urban Development, Secretary of ...": a body's name
        mod = (m.group("mod") or "").lower().rstrip("-")
        if mod in rules.not_current or mod + "-" in rules.not_current:
            continue  # "Joe Biden, the former vice president,"
        claim = _matched_title(s, m, rules, ("org2", "org1"), m.start("name"), m.end("title"))
        if claim is not None:
            out.append(claim)
    return out


# a lower-case noun or a list's comma right after a one-word "name" ("Head Start programs", "Head Start, rental ...")
_NOUN_AFTER = re.compile(r"(?:\s+[a-z][a-z-]*s\b|,\s+[a-z])")
# the end of a body's name that runs on after "and": "of Housing and " (Urban Development)
_NAME_OF_AND = re.compile(r"\bof\s+(?:the\s+)?(?:[A-Z][\w'’-]*\s+){1,3}and\s+$")


def _title_claim(s: Sentence, name: str, org: str | None, office: Office, start: int, end: int) -> Claim:
    unit = "office" if office.exclusive else "role"
    return fact_claim(s, "title", name, "title", org, unit, "exact", start, end, office.title)


_GENERATION = re.compile(r",?\s+(Jr\.|Sr\.|II|III|IV)(?![\w])")


def _clean_name(raw: str, rules: FactRules) -> str | None:
    tokens = raw.split()
    kept: list[str] = []
    for t in tokens:
        bare = re.sub(r"(?:'s|’s)$", "", t)
        if bare in NOT_NAME or rules.entities.canonical.get(bare) or bare in MONTHS or bare in WEEKDAYS:
            break
        if len(kept) >= 2 and _headline_verb(bare):
            break  # "President Anton J. Mirko Secures ...": a headline's verb ends the name
        kept.append(bare)
        if bare != t:
            break  # a possessive ends the name: "Joe Biden's efforts"
    if not kept or all(len(t.rstrip(".")) <= 1 for t in kept):
        return None
    name = " ".join(kept)
    if rules.entities.canonical.get(name):
        return None
    return name


def _headline_verb(word: str) -> bool:
    """A capitalised verb of a headline in Title Case ("Secures", "Establishes"): a word in -s
    whose dictionary form is another word (surnames such as "Collins" are their own)."""
    low = word.lower()
    return word[:1].isupper() and len(low) > 3 and low.endswith("s") and lemma(low) != low


def _organisation_before(text: str, pos: int, rules: FactRules) -> tuple[str | None, int]:
    """'US' / 'Mongolia's' / 'Mongolian' / 'Tesla's' right before the office."""
    before = text[max(0, pos - 60) : pos]
    m = re.search(r"((?:[A-Z][\w.&-]*\s+){0,2}[A-Z][\w.&-]*?)(?:'s|’s)?\s+$", before)
    if not m:
        return None, pos
    cand = m.group(1)
    ents = rules.entities.mentions(cand + " x")
    if ents and ents[-1].end == len(cand):
        return ents[-1].name, pos - (len(before) - m.start(1))
    if re.search(r"(?:'s|’s)\s+$", before) and cand.split()[0] not in ("The", "A", "An"):
        return rules.entities.resolve(cand), pos - (len(before) - m.start(1))
    return None, pos


def headline_titles(headline: str, rules: FactRules) -> list[Claim]:
    """'Statement from President Anton Mirko on ...' in a front matter's title: the titles it
    names. The title is not in the stored text, so the claim's span there is empty and its
    subject says where it came from."""
    s = Sentence(" ".join(headline.split()), 0, 0)
    return [
        replace(c, quote="", char_end=0, surface="", surface_start=0, surface_end=0, subject_how="document title")
        for c in title_claims(s, rules)
    ]


def own_former_titles(s: Sentence, rules: FactRules, speaker: Claim | None) -> list[Claim]:
    """ "From my time as Attorney General of Valdrex and a Senator, I ...", "As Governor, I
    signed ...": a signed statement's speaker (the one person its headline titles) speaking
    of an office other than the one the headline gives: an office held before. A former
    office contradicts no other (unit 'role'), and says when: 'formerly'."""
    if speaker is None or not speaker.subject or " as " not in f" {s.text.lower()}":
        return []
    out = []
    for m in rules.own_office_rx.finditer(s.text):
        for n in ("1", "2"):
            said = m.group("title" + n)
            if said is None:
                continue
            title = rules.offices[rules.office_of[" ".join(said.split()).lower()]].title
            if title == speaker.value_text:
                continue  # ("As President, I ..." by the President: the office held now)
            org_text = m.group(f"org{n}b") or m.group(f"org{n}a")
            org = rules.entities.resolve(org_text) if org_text else None
            claim = _title_claim(s, speaker.subject, org, Office(title, False), m.start(), m.end())
            out.append(replace(claim, period_text="formerly", subject_how="speaker"))
    return out


def speaker_of(headline_claims: list[Claim]) -> Claim | None:
    """The title claim of a signed statement's speaker: the one person its headline titles
    ('Statement from Vice President Anton Mirko on ...'), else None."""
    people = {c.subject for c in headline_claims}
    return headline_claims[0] if len(people) == 1 else None
