"""Scores extract() with the project's own scorer; fails below the bars.

Two sets: the shared dev corpus (skipped where shared/ is not beside the checkout) and the real plans
kept in tests/extract/heldout, heldout2 and heldout3 (plans outside the dev corpus, with hand-written gold).
Deselect with `-m "not corpus"`.
"""

import importlib.util
import json
from pathlib import Path

import pytest

from duban.extract import ExtractError, extract

SHARED = Path(__file__).parents[3] / "shared"
CORPUS = SHARED / "corpus" / "dev"
HELDOUT = [Path(__file__).parent / name for name in ("heldout", "heldout2", "heldout3")]
SCORER = SHARED / "eval" / "score.py"
INPUT_SUFFIXES = (".txt", ".docx", ".pdf", ".html", ".htm")
BARS = {
    "task_f1": 0.95,
    "unit_f1": 0.95,
    "target_f1": 0.90,
    "deadline_acc": 0.90,
    "section_f1": 0.90,
    "meta_acc": 0.90,
}

pytestmark = [
    pytest.mark.corpus,
    pytest.mark.skipif(not SCORER.is_file(), reason="shared/eval/score.py not present"),
]


def _scorer():
    spec = importlib.util.spec_from_file_location("duban_corpus_score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _input_for(gold: Path) -> Path | None:
    stem = gold.name[: -len(".gold.json")]
    found = [
        p for p in gold.parent.glob(stem + ".*") if p.suffix in INPUT_SUFFIXES and ".blind." not in p.name
    ]
    return found[0] if found else None


def _predict(path: Path) -> dict:
    try:
        return extract(path).to_dict()
    except ExtractError:
        return {"tasks": [], "sections": [], "meta": {}}


@pytest.mark.parametrize("folder", [CORPUS, *HELDOUT], ids=["dev", "heldout", "heldout2", "heldout3"])
def test_corpus_figures_stay_above_the_bars(folder):
    if not folder.is_dir():
        pytest.skip(f"{folder} not present")
    score = _scorer()
    total = score.Counts()
    per_document = {}
    for gold_path in sorted(folder.glob("*.gold.json")):
        source = _input_for(gold_path)
        if source is None:
            continue
        counts = score.Counts()
        score.score_doc(json.loads(gold_path.read_text(encoding="utf-8")), _predict(source), counts)
        for key, value in counts.items():
            total.add(key, value)
        per_document[source.name] = score.figures(counts)
    assert per_document, "no corpus document with a gold file"
    figures = score.figures(total)
    low = {k: figures[k] for k, bar in BARS.items() if figures[k] < bar}
    worst = {
        name: {k: f[k] for k in BARS} for name, f in per_document.items() if any(f[k] < BARS[k] for k in BARS)
    }
    assert not low, f"below the bars: {low}; documents: {worst}"


# Lead suggestion on the blind variants (per-task units removed, each section's units listed once).
# The product's bar is 0.80 (0.867 measured when this was set).
BLIND_LEAD_FLOOR = 0.80


@pytest.mark.skipif(not CORPUS.is_dir(), reason="shared dev corpus not present")
def test_blind_lead_suggestion_does_not_slip():
    score = _scorer()
    total = score.Counts()
    for blind in sorted(CORPUS.glob("*.blind.txt")):
        gold = blind.with_name(blind.name.replace(".blind.txt", ".gold.json"))
        score.score_doc(json.loads(gold.read_text(encoding="utf-8")), _predict(blind), total)
    assert score.figures(total)["lead_acc"] >= BLIND_LEAD_FLOOR


# The same measure on the blind variants of the held-out plans (heldout 1–6; all outside the dev
# corpus). 65 of 80 leads when this was set; heldout4/01's mojibake numerals merge six items.
HELDOUT_BLIND_LEAD_FLOOR = 0.78
BLIND_SETS = [Path(__file__).parent / f"heldout{n}" for n in ("", "2", "3", "4", "5", "6")]


def test_blind_lead_suggestion_on_held_out_plans_does_not_slip():
    score = _scorer()
    total = score.Counts()
    for folder in BLIND_SETS:
        for blind in sorted(folder.glob("*.blind.txt")):
            gold = blind.with_name(blind.name.replace(".blind.txt", ".gold.json"))
            score.score_doc(json.loads(gold.read_text(encoding="utf-8")), _predict(blind), total)
    assert total["lead_gold"] >= 80
    assert score.figures(total)["lead_acc"] >= HELDOUT_BLIND_LEAD_FLOOR
