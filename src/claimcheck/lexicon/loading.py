"""Building the Lexicon from the data files: each file's keys checked, one small loader per section, patterns compiled once."""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from claimcheck.errors import ClaimcheckError
from claimcheck.lexicon.text import _alternation, phrase_guard
from claimcheck.lexicon.types import Lexicon, UnitInfo


def _read(directory: Path | None, name: str) -> dict[str, Any]:
    if directory is not None:
        return json.loads((directory / name).read_text(encoding="utf-8"))
    return json.loads(resources.files("claimcheck.data").joinpath(name).read_text("utf-8"))


class LexiconError(ClaimcheckError):
    """A data file the lexicon cannot be built from (a key misspelled, or missing)."""


# The keys each data file may have (its "about" says what each holds). A key not listed is an
# error naming the file and the key, so a misspelling is not silently an empty word list;
# adding a key to a file means adding it here.
KEYS: dict[str, frozenset[str]] = {
    "units.json": frozenset(
        "about canonical units glued case_sensitive currencies scales per_units count_synonyms rate_adverbs "
        "scale_classes supply_nouns rate_adjectives paid_measures".split()
    ),
    "language.json": frozenset(
        "about qualifiers rise_verbs fall_verbs rise_nouns fall_nouns multipliers numbers fractions vague months "
        "weekdays label_words_before_numbers street_words not_count_nouns plurals_without_s after_a_base_year "
        "age_words height_words by_only_verbs phrasal_before_up increment_words amount_fillers speaker_nouns "
        "expectation_verbs reporting_verbs raising_words determiners definite_determiners peak_nouns "
        "incidence_words steady_verbs headline_verbs abstract_noun_endings result_verbs settlement_nouns "
        "study_parts level_verbs forecast_verbs forecast_nouns forecast_participles target_verbs target_nouns "
        "threshold_words targeting_verbs up_particle_verbs estimate_verbs speech_verbs revision_verbs "
        "revision_adverbs comparison_links comparison_openers continuing_words money_words part_of_determiners "
        "added_count_words added_count_openers sentence_adverbs time_openers noun_phrase_breaks bound_joins change_verbs_before_from "
        "compound_denominators counting_ordinals digit_words fold_words fraction_denominators run_words "
        "trailing_bounds trade_counterparties share_verbs_of_people count_span_openers margin_joins".split()
    ),
    "entities.json": frozenset("about entities world designators government_domains".split()),
    "metrics.json": frozenset(
        "about phrases verb_process share_verbs process_nouns anaphora symmetric dangling drop agent_nouns "
        "company_measures not_company_measures dimension_metrics dimension_measures row_measure_heads vague_metrics change_rates period_markers rate_words owned_measures cost_words "
        "measure_nouns extent_words money_words gdp_ratio_nouns class_nouns generic_subjects scope_words "
        "segment_nouns counted_by counted_in count_events vague_words count_concepts measure_function_words "
        "measure_synonyms case_words measure_fillers table_row_heads".split()
    ),
    "furniture.json": frozenset(
        "about social_networks block_headings reference_headings label_lines metadata_prefixes published_prefixes "
        "updated_prefixes abbreviations dateline rank_fields inline_headings".split()
    ),
    "facts.json": frozenset(
        "about titles title_modifiers not_current events life_events once_events event_verbs subordinate_words "
        "name_particles clause_event_verbs relative_days relative_years event_fields event_nouns "
        "object_stop_words portfolio_offices portfolios portfolio_aliases not_before_names reporting_verbs".split()
    ),
    "events.json": frozenset("about named_before named_after heads fixed_measures measures not_names".split()),
}
# The keys without which the lexicon cannot be built
REQUIRED: dict[str, frozenset[str]] = {
    "units.json": frozenset("canonical units currencies scales".split()),
    "language.json": frozenset(
        "qualifiers rise_verbs fall_verbs rise_nouns fall_nouns multipliers numbers fractions vague months weekdays "
        "label_words_before_numbers street_words not_count_nouns plurals_without_s after_a_base_year".split()
    ),
}


def read_checked(directory: Path | None, name: str) -> dict[str, Any]:
    """A data file's contents, its keys checked against KEYS and REQUIRED."""
    data = _read(directory, name)
    where = str(directory / name) if directory is not None else name
    if not isinstance(data, dict):
        raise LexiconError(f"{where}: expected a JSON object of named sections")
    unknown = sorted(set(data) - KEYS[name])
    if unknown:
        raise LexiconError(
            f"{where}: unknown key {unknown[0]!r} (misspelled? a new key is added to KEYS in "
            f"claimcheck/lexicon/loading.py); the keys it may have are {', '.join(sorted(KEYS[name]))}"
        )
    missing = sorted(REQUIRED.get(name, frozenset()) - set(data))
    if missing:
        raise LexiconError(f"{where}: missing key {missing[0]!r}")
    return data


def load_lexicon(directory: str | Path | None = None) -> Lexicon:
    """Load and compile every data file (from `directory`, or the package's own data)."""
    d = Path(directory) if directory else None
    units, lang = read_checked(d, "units.json"), read_checked(d, "language.json")
    fields: dict[str, Any] = {}
    fields.update(_units(units))
    fields.update(_numbers(lang))
    fields.update(_word_lists(lang))
    fields.update(_goal_patterns(lang, fields))
    fields.update(_other_files(d))
    fields.update(_patterns(units, lang, fields))
    return Lexicon(raw={"units": units, "language": lang}, **fields)


def _units(units: dict[str, Any]) -> dict[str, Any]:
    """units.json: units by symbol and by name, currencies, scale words, rates, count synonyms."""
    cs = set(units.get("case_sensitive", []))
    infos, names, names_cs = {}, {}, {}
    for u in units["units"]:
        infos[u["symbol"]] = UnitInfo(u["symbol"], u["dimension"], float(u["factor"]))
        for name in u["names"]:
            if name in cs:
                names_cs[name] = u["symbol"]
            else:
                names[name.lower()] = u["symbol"]
    cur = units["currencies"]
    scale_words = {k.lower(): float(v) for k, v in units["scales"]["words"].items()}
    scale_words.setdefault("hundred", 100.0)
    return dict(
        units=infos,
        unit_names=names,
        unit_names_cs=names_cs,
        glued_units=dict(units.get("glued", {})),
        canonical=dict(units["canonical"]),
        currency_symbols=dict(cur["symbols"]),
        currency_names={k.lower(): v for k, v in cur["names"].items()},
        currency_codes={c: cur.get("code_aliases", {}).get(c, c) for c in cur["codes"]},
        scale_words=scale_words,
        scale_suffixes={k: float(v) for k, v in units["scales"]["suffixes"].items()},
        per_units={k.lower(): v for k, v in units.get("per_units", {}).items()},
        count_synonyms={k.lower(): v for k, v in units.get("count_synonyms", {}).items()},
    )


def _numbers(lang: dict[str, Any]) -> dict[str, Any]:
    """language.json's numbers in words: qualifiers, multipliers, number words, fractions, vague amounts, months."""
    return dict(
        qualifier_of={p.lower(): qual for qual, phrases in lang["qualifiers"].items() for p in phrases},
        multipliers={k: float(v) for k, v in lang["multipliers"].items()},
        number_words={k: float(v) for k, v in lang["numbers"].items()},
        fractions={k: float(v) for k, v in lang["fractions"].items()},
        vague={k: (float(a), float(b)) for k, (a, b) in lang["vague"].items()},
        months=dict(lang["months"]),
        weekdays=frozenset(lang["weekdays"]),
    )


# Lexicon field -> language.json key, for the word lists read as they are
_WORD_LISTS = {
    "rise": "rise_verbs",
    "fall": "fall_verbs",
    "rise_nouns": "rise_nouns",
    "fall_nouns": "fall_nouns",
    "not_count": "not_count_nouns",
    "plurals_without_s": "plurals_without_s",
    "after_base_year": "after_a_base_year",
    "age_words": "age_words",
    "by_only": "by_only_verbs",
    "phrasal_up": "phrasal_before_up",
    "height_words": "height_words",
    "increment_words": "increment_words",
    "speaker_nouns": "speaker_nouns",
    "level_verbs": "level_verbs",
    "target_nouns": "target_nouns",
    "headline_verbs": "headline_verbs",
    "result_verbs": "result_verbs",
    "settlement_nouns": "settlement_nouns",
    "study_parts": "study_parts",
    "forecast_nouns": "forecast_nouns",
    "reporting_verbs": "reporting_verbs",
    "raising_words": "raising_words",
    "steady_verbs": "steady_verbs",
    "determiners": "determiners",
    "definite_determiners": "definite_determiners",
    "speech_verbs": "speech_verbs",
    "estimate_verbs": "estimate_verbs",
    "up_particle_verbs": "up_particle_verbs",
    "continuing_words": "continuing_words",
}


def _word_lists(lang: dict[str, Any]) -> dict[str, Any]:
    """language.json's word lists, as sets (and the money words, by verb and by noun)."""
    fields: dict[str, Any] = {field: frozenset(lang.get(key, ())) for field, key in _WORD_LISTS.items()}
    fields["labels"] = frozenset(w.rstrip(".") for w in lang["label_words_before_numbers"])
    fields["streets"] = frozenset(w.rstrip(".") for w in lang["street_words"])
    fields["forecast_verbs"] = frozenset(lang.get("forecast_verbs", [])) - fields["forecast_nouns"]
    fields["money_verbs"] = dict(lang.get("money_words", {}).get("verbs", {}))
    fields["money_nouns"] = dict(lang.get("money_words", {}).get("nouns", {}))
    return fields


def _goal_patterns(lang: dict[str, Any], words: dict[str, Any]) -> dict[str, Any]:
    """What makes a figure a forecast, an expectation or a target, not a fact."""
    forecast_re = re.compile(
        r"\b(?:"
        + _alternation(sorted(words["speaker_nouns"]))
        + r")\b[^.;!?]{0,80}?\bhad\s+(?:been\s+)?(?:"
        + _alternation(lang.get("expectation_verbs", []))
        + r")\b[^.;!?]*$",
        re.I,
    )
    # "aims to cut emissions by 55% by 2030", "a binding target of 42.5%", "its 2% target": a goal
    target_nouns = _alternation(sorted(words["target_nouns"]))
    target_re = re.compile(
        r"\b(?:(?:"
        + _alternation(sorted(lang.get("target_verbs", [])))
        + r")\s+to|(?:"
        + _alternation(sorted(lang.get("targeting_verbs", [])))
        + r")|(?:"
        + target_nouns
        + r")\s+(?:of|for|to|at|is|was|remains))\s[^.;:!?\d,]{0,80}$",
        re.I,
    )
    target_after_re = re.compile(  # "the Bank's 2% target", "the 95% needed to prevent outbreaks"
        r"\s+(?:(?:[a-z-]+\s+){0,2}(?:"
        + target_nouns
        + r")|(?:"
        + _alternation(sorted(lang.get("threshold_words", [])))
        + r"))\b",
        re.I,
    )
    # (an ending in a word of at least 9 letters: "Florence" and "Lawrence" are names)
    abstract_noun_re = re.compile(r"(?=.{9}).*(?:" + _alternation(lang.get("abstract_noun_endings", [])) + ")$")
    # after a word that is a noun too ("forecasts", "projects"), what makes it the verb: "that"
    # and a noun phrase, or a measure and "of"/"to" ("forecasts growth of"), not a verb of
    # its own ("Construction projects fell to", "projects that opened")
    verbs_after = _alternation(
        sorted(words["rise"] | words["fall"] | {"is", "are", "was", "were", "has", "have", "had"})
    )
    as_verb = (
        r"(?=\s+(?:that\s+(?:the|an?|its|their|(?-i:[A-Z]))|(?!(?:" + verbs_after + r")\b)[a-z]+\s+(?:of|to|at)\b))"
    )
    # up to the figure: no other figure and no comma ("forecasts growth of 3.2% in 2025 after
    # 2.8% in 2024"; "Tesla, which expects slower growth, delivered 1.8 million"), and not in
    # a relative clause ("Farmers who expect rain planted ...")
    projection_re = re.compile(
        r"(?<!\bwhich\s)(?<!\bwho\s)(?<!\bthat\s)\b(?:(?:"
        + _alternation(sorted(words["forecast_verbs"]))
        + r")|(?:"
        + _alternation(sorted(words["forecast_nouns"]))
        + as_verb
        + r")|(?:is|are|was|were|be|been|being)\s+(?:"
        + _alternation(lang.get("forecast_participles", []))
        + r")\s+to)\s[^.;:!?\d,]{0,100}$",
        re.I,
    )
    goal_words = [
        *lang.get("target_verbs", []),
        *lang.get("targeting_verbs", []),
        *words["target_nouns"],
        *lang.get("threshold_words", []),
        *words["forecast_verbs"],
        *words["forecast_nouns"],
        *lang.get("forecast_participles", []),
    ]
    return dict(
        forecast_re=forecast_re,
        goal_guard=phrase_guard(goal_words),  # what target_re, target_after_re and projection_re need
        target_re=target_re,
        target_after_re=target_after_re,
        abstract_noun_re=abstract_noun_re,
        forecast_noun_as_verb=as_verb,
        projection_re=projection_re,
    )


def _other_files(d: Path | None) -> dict[str, Any]:
    """The data files stages read as they are: entities, metrics, furniture, facts, events."""
    entities = read_checked(d, "entities.json")
    furniture = read_checked(d, "furniture.json")
    return dict(
        entities=entities,
        metrics=read_checked(d, "metrics.json"),
        furniture=furniture,
        facts=read_checked(d, "facts.json"),
        events=read_checked(d, "events.json"),
        # longest first, so "Ltd." is removed whole rather than leaving a full stop
        designators=tuple(sorted(entities.get("designators", []), key=len, reverse=True)),
        abbreviations=frozenset(a.lower() for a in furniture.get("abbreviations", [])),
    )


def _patterns(units: dict[str, Any], lang: dict[str, Any], f: dict[str, Any]) -> dict[str, Any]:
    """The patterns the quantity scanner runs: units, currencies, scale words, qualifiers,
    numbers in words, vague amounts, fractions, multipliers, months."""
    # Units follow a number after optional space or a hyphen ("3485-kilometer").
    end = r"(?![A-Za-z²³])"
    sym = _alternation(list(f["currency_symbols"]))
    codes = _alternation(list(f["currency_codes"]))
    # "$5bn", "US$ 5.7 billion" (a space is house style at some agencies), "USD 5bn"
    currency = r"(?:(" + sym + r")[ \t\u00a0\u202f]?|\b(" + codes + r")[ \t]?)"
    tens = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
    ones = "one|two|three|four|five|six|seven|eight|nine"
    simple = [w for w in f["number_words"] if " " in w or w not in tens.split("|")]
    token = r"(?:(?:" + tens + r")(?:[- ](?:" + ones + r"))?|" + _alternation(simple) + ")"
    scale = r"(?:hundred|thousand|million|billion|trillion|dozen)"
    names = _alternation(list(units["currencies"]["names"]))
    return dict(
        unit_re=re.compile(r"[ \t]*-?[ \t]*(" + _alternation(list(f["unit_names"])) + ")" + end, re.I),
        unit_cs_re=re.compile(r"[ \t]*-?[ \t]*(" + _alternation(list(f["unit_names_cs"])) + ")" + end),
        currency_pre_re=re.compile(currency + "$"),  # right before a number
        currency_at_re=re.compile(currency + r"(?=\d)"),  # where a number follows
        currency_post_re=re.compile(r"[ \t]+(" + names + "|" + codes + r")(?![A-Za-z])", re.I),
        scale_word_re=re.compile(r"[ \t]*-?[ \t]*(" + _alternation(list(f["scale_words"])) + r")\b", re.I),
        qualifier_re=re.compile(r"(?:^|(?<=[\s(]))(" + _alternation(list(f["qualifier_of"])) + r")\s*$", re.I),
        # "a hundred and two", "three million, two hundred & forty", "twenty-five"
        number_word_re=re.compile(
            r"\b" + token + r"(?:(?:\s+(?:and\s+|&\s+)?|\s*&\s*|,\s+)(?:" + token + "|" + scale + r"))*\b", re.I
        ),
        vague_re=re.compile(r"\b(" + _alternation(list(f["vague"])) + r")\s", re.I),
        fraction_re=re.compile(r"\b(" + _alternation(list(f["fractions"])) + r")\s+of\b", re.I),
        multiplier_re=re.compile(r"\b(" + _alternation(list(f["multipliers"])) + r")\b", re.I),
        number_word_guard=phrase_guard([*tens.split("|"), *simple]),  # a match begins with one of them
        vague_guard=phrase_guard(f["vague"]),
        fraction_guard=phrase_guard(f["fractions"]),
        multiplier_guard=phrase_guard(f["multipliers"]),
        amount_filler_re=re.compile(r"(?:^|\s)(?:" + _alternation(lang.get("amount_fillers", [])) + r")\s*$", re.I),
        month_re=re.compile(r"\b(" + _alternation([m.title() for m in f["months"]]) + r")\.?(?![a-z])"),
    )


@cache
def default_lexicon() -> Lexicon:
    """The package's own lexicon, loaded once per process."""
    return load_lexicon()
