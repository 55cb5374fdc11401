"""The lexicon: built once from the data files, checked as it is read, never changed after."""

from __future__ import annotations

import dataclasses
import json
import shutil
from importlib import resources
from pathlib import Path

import pytest

from claimcheck.errors import ClaimcheckError
from claimcheck.lexicon import KEYS, LexiconError, default_lexicon, load_lexicon


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A copy of the package's data files, to spoil."""
    out = tmp_path / "data"
    out.mkdir()
    for name in KEYS:
        shutil.copy(str(resources.files("claimcheck.data").joinpath(name)), out / name)
    return out


def _edit(path: Path, change) -> None:  # type: ignore[no-untyped-def]
    content = json.loads(path.read_text(encoding="utf-8"))
    change(content)
    path.write_text(json.dumps(content), encoding="utf-8")


def test_the_copy_loads_as_the_package_data_does(data: Path) -> None:
    lex = load_lexicon(data)
    assert lex.unit_names == default_lexicon().unit_names and lex.rise == default_lexicon().rise


@pytest.mark.parametrize(
    ("name", "wrong"),
    [("language.json", "age_wrods"), ("units.json", "glue"), ("facts.json", "titels"), ("metrics.json", "phrase")],
)
def test_a_misspelled_key_is_an_error_naming_the_file_and_the_key(data: Path, name: str, wrong: str) -> None:
    _edit(data / name, lambda d: d.update({wrong: ["Valdrex"]}))
    with pytest.raises(LexiconError, match=rf"{name}: unknown key '{wrong}'") as caught:
        load_lexicon(data)
    assert isinstance(caught.value, ClaimcheckError)  # shown to a user as a message, not a traceback


def test_a_missing_section_is_an_error(data: Path) -> None:
    _edit(data / "language.json", lambda d: d.pop("months"))
    with pytest.raises(LexiconError, match=r"language.json: missing key 'months'"):
        load_lexicon(data)


def test_every_key_of_the_package_data_is_known() -> None:
    for name, known in KEYS.items():
        content = json.loads(resources.files("claimcheck.data").joinpath(name).read_text("utf-8"))
        assert set(content) <= known, (name, sorted(set(content) - known))


def test_the_lexicon_is_frozen() -> None:
    lex = default_lexicon()
    with pytest.raises(dataclasses.FrozenInstanceError):
        lex.rise = frozenset({"soared"})  # type: ignore[misc]
    assert default_lexicon() is lex  # loaded and compiled once per process


def test_phrase_guard_passes_a_text_holding_every_word_of_one_phrase() -> None:
    from claimcheck.lexicon import may_match, phrase_guard, words_of

    guard = phrase_guard(["dozens of", "a few", "several", "Valdrex"])
    assert may_match(guard, words_of("Dozens of ferries left Borduria"))
    assert may_match(guard, words_of("SEVERAL ferries"))  # a one-word phrase, folded
    assert may_match(guard, words_of("the valdrex line"))
    assert not may_match(guard, words_of("dozens left"))  # no "of"
    assert not may_match(guard, words_of("a ferry left"))  # "a" alone is not "a few"
    assert may_match(phrase_guard(["%", "few"]), words_of("no words here"))  # a phrase without letters


def test_memo_keeps_what_was_asked_for_lately_and_stays_bounded(lex) -> None:
    from claimcheck.lexicon import recall

    calls: list[int] = []

    def compute(i: int) -> int:
        calls.append(i)
        return i * 2

    for i in range(10):
        recall(lex, "test-generations", i, lambda i=i: compute(i), size=4)
        assert recall(lex, "test-generations", 0, lambda: compute(-1), size=4) == 0  # asked for all along
    assert calls == list(range(10))  # 0 was never computed again after a table filled up
    memo = lex.memos["test-generations"]
    assert len(memo) + len(memo.older) <= 2 * 4
    assert recall(lex, "test-generations", 1, lambda: compute(100), size=4) == 200  # long forgotten
