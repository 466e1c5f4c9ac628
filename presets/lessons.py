"""Lessons: ordered lists of classroom presets across pages, and their compact form in a link.

The notes' lesson (:data:`NOTES`) follows the Korean lecture notes (``shared/lecture-notes``: the core
lecture 001 and the day notes 004): gradient descent first, then the optimizers in the notes' order
(momentum, NAG, Adagrad with RMSprop as its fix, Adadelta, Adam), the learning rate and its schedules,
saddle points, batch size, sharp and flat minima and generalisation, then over-fitting, early
stopping and the regularizers (lecture 2-3), activations and initialization, and last model
selection (validation, bias and variance, bootstrap and bagging: the notes 000 to 002). Each section
lists preset ids; a preset that another engineer adds later goes into the section it teaches (a test checks
that every id exists).

A teacher's own lesson travels in a link as one short text: each preset's 4-character code
(:func:`code`, a hash of its id, so adding a preset never changes another's code), concatenated.
No server-side store: a link outlives a server restart.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable, Sequence
from typing import NamedTuple

CODE_LEN = 4  # characters per preset in a lesson link: 32**4 codes, so ids rarely collide (a test checks)
# A preset whose hashed code collides with another's gets a hand-picked one here (none so far).
CODE_OVERRIDES: dict[str, str] = {}
MAX_STEPS = 60  # steps a lesson link may carry (a longer one is cut, with a notice)


class Section(NamedTuple):
    """A part of a lesson: an i18n key for its title and the presets it shows, in order."""

    key: str  # i18n key of the title, "lesson.section.<name>"
    presets: tuple[str, ...]


# The lecture notes' order (see the module docstring).
NOTES: tuple[Section, ...] = (
    Section("lesson.section.gd", ("lr_three_regimes", "gd_sgd_minibatch")),
    Section(
        "lesson.section.optimizers",
        (
            "momentum_vs_nag",
            "lr_momentum_rises",
            "adagrad_stalls",
            "adadelta_no_lr",
            "adam_vs_sgd_rosenbrock",
            "adam_eps_plateau",
        ),
    ),
    Section(
        "lesson.section.lr",
        (
            "lr_stability_limit",
            "cliff_exploding_gradient",
            "lr_sweep_rosenbrock",
            "lr_phase_quadratic",
            "lr_warmup",
            "lr_decay_noise",
            "lr_random_search",
        ),
    ),
    Section(
        "lesson.section.saddles",
        (
            "explorer_himmelblau_points",
            "explorer_monkey_saddle",
            "saddle_escape",
            "explorer_saddle_escape",
            "explorer_hd_saddles",
            "explorer_hd_quartic",
            "local_minimum_trap",
            "explorer_camel_basins",
            "explorer_net_pca",
            "explorer_net_random",
        ),
    ),
    Section(
        "lesson.section.batch",
        (
            "batch_concept",
            "batch_escape",
            "batch_sgd_sharpness",
            "batch_keskar",
            "batch_short",
            "sam_flat_minimum",
        ),
    ),
    Section(
        "lesson.section.regularization",
        ("reg_capacity", "reg_early", "reg_surface", "reg_l2_adamw", "reg_wd_sweep", "reg_all"),
    ),
    Section(
        "lesson.section.activations",
        ("act_data_norm", "act_sigmoid_vanishing", "act_he_relu", "act_dying_relu", "act_batch_norm"),
    ),
    Section(
        "lesson.section.selection",
        (
            "sel_kfold",
            "sel_ts_leak",
            "sel_bias_variance",
            "sel_bias_variance_nets",
            "sel_bootstrap",
            "sel_bagging_trees",
            "sel_boosting",
            "sel_search",
        ),
    ),
)


def notes_steps() -> tuple[str, ...]:
    """The notes' lesson as one ordered tuple of preset ids."""
    return tuple(pid for section in NOTES for pid in section.presets)


def section_of(preset_id: str) -> str | None:
    """The i18n key of the notes' section that shows ``preset_id`` (None if it is in none)."""
    for section in NOTES:
        if preset_id in section.presets:
            return section.key
    return None


def code(preset_id: str) -> str:
    """A preset's short code in lesson links: 4 characters of base32 (a-z, 2-7) of a hash of its id."""
    if preset_id in CODE_OVERRIDES:
        return CODE_OVERRIDES[preset_id]
    digest = hashlib.blake2b(preset_id.encode(), digest_size=5).digest()
    return base64.b32encode(digest).decode().lower()[:CODE_LEN]


def codes(ids: Iterable[str]) -> dict[str, str]:
    """code -> preset id for ``ids``; raises ValueError naming two ids that share a code."""
    out: dict[str, str] = {}
    for pid in ids:
        c = code(pid)
        if c in out and out[c] != pid:
            raise ValueError(
                f"presets {out[c]!r} and {pid!r} share the lesson code {c!r} (set one in CODE_OVERRIDES)"
            )
        out[c] = pid
    return out


def encode_steps(steps: Sequence[str]) -> str:
    """A lesson as link text: the presets' codes in order (see :func:`decode_steps`)."""
    return "".join(code(pid) for pid in steps)


def decode_steps(text: str, known: Iterable[str]) -> tuple[tuple[str, ...], list[str]]:
    """Read a lesson from link text.

    Args:
        text: concatenated codes (:func:`encode_steps`).
        known: the preset ids that exist.

    Returns:
        ``(steps, bad)``: the preset ids found, in order (at most :data:`MAX_STEPS`), and the pieces
        of the text that name no preset (an unknown code, a trailing fragment, steps past the limit).
    """
    table = codes(known)
    text = text.strip().lower()
    steps: list[str] = []
    bad: list[str] = []
    for i in range(0, len(text), CODE_LEN):
        piece = text[i : i + CODE_LEN]
        pid = table.get(piece)
        if pid is None or len(steps) >= MAX_STEPS:
            bad.append(piece)
        else:
            steps.append(pid)
    return tuple(steps), bad
