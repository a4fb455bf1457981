"""The work behind ``allyeval agree``: load every rater's profile, measure the agreement, and
print the report, or write the consensus profile (``--consensus``).

Like compare, agree needs all its inputs: every problem in every file is reported, then the
command stops with exit 2 and writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from allyeval.cli.analysis_runs import (
    DOCUMENTS,
    AnalysisOptions,
    _check_samples,
    _load,
    _show,
    _write,
)
from allyeval.cli.runner import diagnose
from allyeval.core.errors import (
    EXIT_BELOW_THRESHOLD,
    EXIT_INPUT_ERROR,
    EXIT_OK,
    InputError,
    Problem,
    UsageError,
)
from allyeval.core.loader import display
from allyeval.core.uncertainty import DEFAULT_SAMPLES
from allyeval.render.common import check_format

if TYPE_CHECKING:
    from allyeval.analysis.agreement import Agreement


@dataclass(frozen=True)
class AgreeOptions(AnalysisOptions):
    seed: int = 0
    samples: int = DEFAULT_SAMPLES
    consensus: bool = False
    fail_under_alpha: float | None = None


def run_agree(options: AgreeOptions) -> int:
    """Measure the raters' agreement; print the report or write the consensus profile.
    Returns the exit code (1 when alpha is below --fail-under-alpha or undefined)."""
    import allyeval.render.agreement as view
    from allyeval.analysis.agreement import NotOnePartnership, agree

    name = str(options.output_format)
    if options.consensus and name != "table":
        raise UsageError(f"--consensus writes a profile (YAML); it takes no --format {name}")
    document = name if name in DOCUMENTS else None
    if document is None:
        check_format(name, (*view.FORMATS, *DOCUMENTS), "agree")
    _check_samples(options.samples)
    if options.fail_under_alpha is not None and not -1 <= options.fail_under_alpha <= 1:
        raise UsageError(
            f"--fail-under-alpha must be from -1 to 1, got {options.fail_under_alpha:g}"
        )
    loaded = _load(options.files, options, "agree")
    if loaded is None:
        return EXIT_INPUT_ERROR
    try:
        result = agree(
            loaded.results, paths=loaded.paths, seed=options.seed, samples=options.samples
        )
    except NotOnePartnership as exc:
        raise InputError([Problem(display(exc.path), str(exc))]) from None
    if options.consensus:
        _write(options.output, _consensus_text(result))
    else:
        _show(view, result, "table" if document else name, document, options, loaded,
              seed=options.seed, samples=options.samples)  # fmt: skip
    return _threshold(result.alpha.value, options.fail_under_alpha)


def _consensus_text(result: Agreement) -> str:
    from allyeval.render.agreement import CONSENSUS_RULE, alpha_text, interval_text
    from allyeval.render.profile_yaml import profile_yaml

    alpha = result.alpha
    header = (
        f"Consensus profile written by `allyeval agree --consensus` from "
        f"{len(result.raters)} raters: {', '.join(r.label for r in result.raters)}.\n"
        f"{CONSENSUS_RULE}\n"
        f"Krippendorff's alpha (ordinal) {alpha_text(alpha.value)}, "
        f"{result.level:.0%} interval {interval_text(alpha)} "
        f"(seed {result.seed}, {result.samples} samples)."
    )
    return profile_yaml(result.consensus.profile, header)


def _threshold(alpha: float | None, fail_under: float | None) -> int:
    if fail_under is None:
        return EXIT_OK
    if alpha is None:
        diagnose(
            f"allyeval: alpha is undefined, so it does not meet --fail-under-alpha {fail_under:g}"
        )
        return EXIT_BELOW_THRESHOLD
    if alpha < fail_under:
        diagnose(f"allyeval: alpha {alpha:.4f} is below --fail-under-alpha {fail_under:g}")
        return EXIT_BELOW_THRESHOLD
    return EXIT_OK
