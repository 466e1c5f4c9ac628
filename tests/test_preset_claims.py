"""Every classroom preset says only what its numbers show.

Each preset's lesson is split into sentences; every sentence with a number or a comparison must
contain one of the preset's claims below, and every claim is checked against what the page
computes for that preset (the same config: the race it runs, the study it shows, the stored result
it loads). The Korean lesson must carry the same numbers as the English one.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

import numpy as np
import pytest

import landscapes
import optimizers
import presets
from landscapes import activations as act_fns
from studies import batch, endings, store
from studies.activations import inputs as act_inputs
from studies.activations import signal as act_signal
from studies.activations.dying import nanmean as dying_nanmean
from tests import claims_explorer_hd, claims_regularization
from ui import activations_model as am
from ui import batch_model as bm
from ui import lr_model as lm
from ui import race_model as rm
from ui import selection_model as sm

COMPARATIVE = re.compile(
    r"\d|\b(than|faster|sooner|slower|only|never|every|all|most|none|no|larger|smaller|closer|far|first|"
    r"above|below|more|less|fewer|within|grows?|shrinks?|rises?|stalls?|stops?|diverges?|converges?|"
    r"arrives?|reach(es)?|escapes?|fastest|sweet|inside|much)\b",
    re.IGNORECASE,
)
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?;])\s+", text) if s.strip()]


# ------------------------------------------------------------------------------------------------
# What each page computes for a preset


@functools.cache
def race(preset_id: str):
    cfg = rm.config_for(dict(presets.get(preset_id).values))
    res = rm.simulate_config(cfg)
    s = rm.surface_for(cfg.surf, cfg.expr, cfg.params)
    found = rm.surface_minima(cfg.surf, cfg.expr, cfg.params)
    return cfg, res, s, found, endings.endings(res.final_w, res.final_loss, res.diverged_at, found, s)


def _lr_values(preset_id: str) -> dict:
    v = {p.name: p.default for p in lm.base_schema()}
    v.update(presets.get(preset_id).values)
    return {**{p.name: p.default for p in lm.surface_schema(v["surf"])}, **v}


def _where(v: dict) -> lm.Where:
    s = landscapes.get(v["surf"])
    params = tuple((n, float(v[f"{v['surf']}.{n}"])) for n, _, _ in s.param_spec)
    return lm.Where(v["surf"], params, (float(v[f"{v['surf']}.x0"]), float(v[f"{v['surf']}.y0"])))


@functools.cache
def lr(preset_id: str):
    v = _lr_values(preset_id)
    w, steps, mu = _where(v), int(v["steps"]), float(v["mu"])
    view = v["view"]
    if view == "panels":
        return v, lm.panels(w, v["opt"], mu, steps)
    if view == "sweep":
        return v, lm.sweep(
            w,
            tuple(v["sw_opts"]),
            mu,
            float(v["sw_lo"]),
            float(v["sw_hi"]),
            int(v["sw_n"]),
            steps,
            float(v["tol"]),
        )
    if view == "phase":
        return v, lm.phase(w, v["ph_opt"], int(v["ph_n"]), float(v["ph_lo"]), float(v["ph_hi"]), steps)
    if view == "schedules":
        return v, schedules_at(v, float(v["sc_lr"]))
    return v, lm.search(w, v["se_pair"], int(v["se_budget"]), int(v["se_seed"]), steps)


def schedules_at(v: dict, lr: float):
    """The schedules view of values ``v`` at base rate ``lr`` (what the page computes)."""
    noise = lm.Noise(int(v["sc_batch"]), float(v["sc_noise"]), int(v["sc_seed"]))
    return lm.schedules(
        _where(v), v["opt"], float(v["mu"]), lr, tuple(v["sc_kinds"]), int(v["steps"]), float(v["tol"]), noise
    )


@functools.cache
def stored(preset_id: str):
    v = bm.values_with(dict(presets.get(preset_id).values))
    if v["view"] == "concept":
        return v, batch.concept_curves(shift=float(v["c_shift"]), sharp_width=float(v["c_sharp"]))
    spec = bm.view_job(v)
    out = store.lookup(spec.func, spec.args)
    assert out is not None, f"{preset_id} is shown from its stored result"
    return v, out


@functools.cache
def act(preset_id: str):
    """What the Activations lab shows for a preset: the input surfaces, the selected pair and the
    every-pair table (stored), or a view's stored job result."""
    v = am.values_with(dict(presets.get(preset_id).values))
    if v["view"] == "inputs":
        return v, act_inputs.run(am.inputs_config(v))
    if v["view"] == "signal":
        one = store.lookup(am.SIGNAL_FUNC, (am.signal_config(v),))
        grid = store.lookup(*am.pairs_job(v)[1:3])
        assert one is not None and grid is not None, f"{preset_id} is shown from its stored results"
        return v, (one, grid)
    spec = am.view_job(v)
    out = store.lookup(spec.func, spec.args)
    assert out is not None, f"{preset_id} is shown from its stored result"
    return v, out


def _pair_row(grid, activation: str, init: str) -> int:
    return list(zip(grid.activations, grid.inits, strict=True)).index((activation, init))


def _per_layer(q: np.ndarray) -> float:
    """The geometric mean of q_(l+1) / q_l over the depth."""
    return float(np.exp(np.mean(np.diff(np.log(q)))))


def _sigmoid():
    one = act("act_sigmoid_vanishing")[1][0]
    measured = one.grad_log10[0, 0] - one.grad_log10[0, -1]
    theory = one.theory_grad_log10[0, 0] - one.theory_grad_log10[0, -1]
    return one, measured, theory


def _he_relu():
    grid = act("act_he_relu")[1][1]
    lecun, xavier, he = (_pair_row(grid, "relu", i) for i in ("lecun", "xavier", "he"))
    return grid, lecun, xavier, he


@functools.cache
def _lecun_relu_exact():
    """The float32 pass of LeCun + ReLU on the preset's network and draws (the grid multiplies in
    bfloat16; the page's selected pair, He + ReLU, is float32)."""
    one = act("act_he_relu")[1][0]
    return act_signal.propagate(one.config._replace(init="lecun"))


def _dying():
    out = act("act_dying_relu")[1]
    lrs, biases = list(out.config.lrs), list(out.config.biases)
    return out, lrs, biases, out.final_loss > 0.6, np.isnan(out.final_loss)


def _pct(x: float) -> int:
    return int(round(100 * float(x)))


# ------------------------------------------------------------------------------------------------
# Claims: (a phrase of the English lesson, a check of the numbers)


def step_lengths(path: np.ndarray) -> np.ndarray:
    return np.linalg.norm(np.diff(path, axis=1), axis=-1)


def about(x: float, target: float, rel: float = 0.05) -> bool:
    return abs(x - target) <= rel * abs(target)


def _adagrad():
    cfg, r, s, found, ends = race("adagrad_stalls")
    st = step_lengths(r.path)
    t = np.array([100, 400, 900])
    scaled = st[0, t] * np.sqrt(t)
    return cfg, r, st, scaled


def _cliff():
    cfg, r, s, found, ends = race("cliff_exploding_gradient")
    return r, np.abs(np.diff(r.path, axis=1)), step_lengths(r.path), s


CLAIMS: dict[str, list[tuple[str, Callable[[], bool]]]] = {
    "adagrad_stalls": [
        (
            "Same learning rate 0.05",
            lambda: [dict(hp)["lr"] for _, hp in race("adagrad_stalls")[0].runs] == [0.05, 0.05],
        ),
        ("shrink like 1/√t", lambda: np.ptp(_adagrad()[3]) < 0.3 * _adagrad()[3].mean()),
        (
            "stalls near x ≈ −6.9",
            lambda: (
                about(float(race("adagrad_stalls")[1].final_w[0, 0]), -6.9, 0.02)
                and race("adagrad_stalls")[1].hit_at[0] == -1
            ),
        ),
        ("far from the minimum at (0, 0)", lambda: race("adagrad_stalls")[3][0].xy == (0.0, 0.0)),
        ("near η or above until it is close", lambda: np.all(_adagrad()[2][1, 10:80] >= 0.5 * 0.05)),
        ("arrives at step 116", lambda: about(race("adagrad_stalls")[1].hit_at[1], 116)),
    ],
    "momentum_vs_nag": [
        ("A bowl stretched 25 times", lambda: dict(race("momentum_vs_nag")[0].params)["condition"] == 25.0),
        (
            "swings past the centre",
            lambda: np.any(np.diff(np.sign(race("momentum_vs_nag")[1].path[0, :, 0]))),
        ),
        (
            "arrives about four times sooner",
            lambda: 3.5 <= race("momentum_vs_nag")[1].hit_at[0] / race("momentum_vs_nag")[1].hit_at[1] <= 4.5,
        ),
    ],
    "adam_vs_sgd_rosenbrock": [
        (
            "All three reach the banana valley within 100 steps",
            lambda: np.all(_off_the_floor("adam_vs_sgd_rosenbrock", 100) < 0.1),
        ),
        (
            "SGD's step is η = 0.001 times it",
            lambda: dict(race("adam_vs_sgd_rosenbrock")[0].runs[0][1])["lr"] == 0.001,
        ),
        (
            "after 2,000 steps SGD is still far from (1, 1)",
            lambda: (
                race("adam_vs_sgd_rosenbrock")[1].hit_at[0] == -1
                and np.hypot(*(race("adam_vs_sgd_rosenbrock")[1].final_w[0] - 1)) > 0.5
            ),
        ),
        (
            "arrives first, at step 666",
            lambda: (
                about(race("adam_vs_sgd_rosenbrock")[1].hit_at[1], 666)
                and race("adam_vs_sgd_rosenbrock")[1].hit_at[1] < race("adam_vs_sgd_rosenbrock")[1].hit_at[2]
            ),
        ),
        ("arrives at step 914", lambda: about(race("adam_vs_sgd_rosenbrock")[1].hit_at[2], 914)),
    ],
    "saddle_escape": [
        ("Started 10⁻⁶ off the ridge line", lambda: race("saddle_escape")[0].start[1] == 1e-6),
        (
            "both leave several times sooner",
            lambda: race("saddle_escape")[1].hit_at[0] > 3 * max(race("saddle_escape")[1].hit_at[1:]),
        ),
        (
            "the gradient norm dip towards 0",
            lambda: (
                np.nanmin(race("saddle_escape")[1].grad_norm[0])
                < 1e-3 * race("saddle_escape")[1].grad_norm[0, 0]
            ),
        ),
    ],
    "lr_stability_limit": [
        ("curvatures 1 and 10", lambda: dict(race("lr_stability_limit")[0].params)["condition"] == 10.0),
        ("stable for η < 2/10 = 0.2", lambda: optimizers.get("sgd").stability({}) / 10 == 0.2),
        (
            "At η = 0.18 it zig-zags across the steep direction but converges",
            lambda: (
                race("lr_stability_limit")[1].diverged_at[0] == -1
                and race("lr_stability_limit")[1].hit_at[0] > 0
                and np.any(np.diff(np.sign(race("lr_stability_limit")[1].path[0, :20, 1])))
            ),
        ),
        (
            "every zig-zag is 20% larger than the last",
            lambda: np.allclose(
                np.abs(
                    race("lr_stability_limit")[1].path[1, 2:15, 1]
                    / race("lr_stability_limit")[1].path[1, 1:14, 1]
                ),
                1.2,
                rtol=1e-3,
            ),
        ),
        ("the run diverges", lambda: race("lr_stability_limit")[1].diverged_at[1] > 0),
    ],
    "adadelta_no_lr": [
        ("η stays 1", lambda: all(dict(hp)["lr"] == 1.0 for n, hp in race("adadelta_no_lr")[0].runs[:2])),
        (
            "with the default 10⁻⁶ it arrives at step 783",
            lambda: (
                dict(race("adadelta_no_lr")[0].runs[0][1])["eps"] == 1e-6
                and about(race("adadelta_no_lr")[1].hit_at[0], 783)
            ),
        ),
        (
            "with 10⁻⁴ (nothing else changed) at step 169",
            lambda: (
                {k: v for k, v in race("adadelta_no_lr")[0].runs[1][1] if k != "eps"}
                == {k: v for k, v in race("adadelta_no_lr")[0].runs[0][1] if k != "eps"}
                and about(race("adadelta_no_lr")[1].hit_at[1], 169)
            ),
        ),
        ("SGD (η = 0.05)", lambda: race("adadelta_no_lr")[0].runs[2] == ("sgd", (("lr", 0.05),))),
    ],
    "sam_flat_minimum": [
        ("a sharp one (curvature ≈ 28)", lambda: about(race("sam_flat_minimum")[3][0].curvature, 28, 0.03)),
        (
            "slightly deeper than a wide one",
            lambda: (
                0 < race("sam_flat_minimum")[3][1].value - race("sam_flat_minimum")[3][0].value < 0.15
                and race("sam_flat_minimum")[3][1].curvature < 0.1 * race("sam_flat_minimum")[3][0].curvature
            ),
        ),
        (
            "SGD and momentum fall into the sharp basin",
            lambda: [e.kind for e in race("sam_flat_minimum")[4][:2]] == ["global", "global"],
        ),
        ("ends in the flat basin", lambda: race("sam_flat_minimum")[4][2].kind == "local"),
        ("Two gradient evaluations per SAM step", lambda: race("sam_flat_minimum")[1].grad_evals[2] == 2),
    ],
    "adam_eps_plateau": [
        (
            "The gradient at the start is only 4·10⁻⁴",
            lambda: about(race("adam_eps_plateau")[1].grad_norm[0, 0], 4e-4, 0.1),
        ),
        (
            "full steps of about η",
            lambda: about(step_lengths(race("adam_eps_plateau")[1].path)[1, 5], 0.05 * np.sqrt(2), 0.2),
        ),
        ("arrives at step 57", lambda: about(race("adam_eps_plateau")[1].hit_at[1], 57)),
        (
            "start far smaller",
            lambda: (
                step_lengths(race("adam_eps_plateau")[1].path)[2, 0]
                < 0.2 * step_lengths(race("adam_eps_plateau")[1].path)[1, 0]
            ),
        ),
        ("arrives at step 217", lambda: about(race("adam_eps_plateau")[1].hit_at[2], 217)),
        ("ε = 0.1 (larger than the gradient)", lambda: 0.1 > race("adam_eps_plateau")[1].grad_norm[0, 0]),
        (
            "never arrives in 1,000 steps",
            lambda: (
                list(race("adam_eps_plateau")[1].hit_at[[0, 3]]) == [-1, -1]
                and race("adam_eps_plateau")[0].steps == 1000
            ),
        ),
    ],
    "cliff_exploding_gradient": [
        (
            "over a hundred times the slope's at the start",
            lambda: (
                np.nanmax(race("cliff_exploding_gradient")[1].grad_norm[0])
                > 100 * race("cliff_exploding_gradient")[1].grad_norm[0, 0]
            ),
        ),
        ("one step throws it about 17 units away", lambda: about(np.nanmax(_cliff()[2][0]), 17, 0.1)),
        (
            "off the map",
            lambda: (
                np.nanmax(np.abs(race("cliff_exploding_gradient")[1].path[0, :, 0]))
                > _cliff()[3].bounds[0][1]
            ),
        ),
        ("walks back and arrives", lambda: race("cliff_exploding_gradient")[1].hit_at[0] > 0),
        ("carries the kick over several steps", lambda: np.sum(_cliff()[2][1] > 0.3) >= 3),
        ("never exceed η in either coordinate", lambda: np.nanmax(_cliff()[1][2]) <= 0.05 * (1 + 1e-5)),
    ],
    "gd_sgd_minibatch": [
        (
            "128 samples (noise σ = 2, one seed), η = 0.05 for all",
            lambda: (
                optimizers.N_SAMPLES == 128
                and race("gd_sgd_minibatch")[0].noise == 2.0
                and {dict(hp)["lr"] for _, hp in race("gd_sgd_minibatch")[0].runs} == {0.05}
                and len({spec.seed for spec in race("gd_sgd_minibatch")[1].runs}) == 1
            ),
        ),
        (
            "GD uses all 128 per step, SGD one (B = 1), mini-batch SGD 32",
            lambda: [spec.batch_size for spec in race("gd_sgd_minibatch")[1].runs] == [128, 1, 32],
        ),
        ("GD's path is smooth and ends exactly at the minimum", lambda: _gd_is_exact("gd_sgd_minibatch")),
        (
            "SGD's zig-zags and never settles",
            lambda: np.all(step_lengths(race("gd_sgd_minibatch")[1].path)[1, -100:].mean() > 0.05),
        ),
        (
            "mean loss over the last 100 steps: SGD 0.12, mini-batch 0.003, GD 0",
            lambda: (
                [round(x, 3 - (i == 1)) for i, x in enumerate(_tail_means("gd_sgd_minibatch", 100))]
                == [0.0, 0.12, 0.003]
                and _tail_means("gd_sgd_minibatch", 100)[0] < 1e-6
            ),
        ),
        (
            "Per epoch (the x-axis here)",
            lambda: presets.get("gd_sgd_minibatch").values["xaxis"] == "epoch",
        ),
        (
            "SGD is far ahead: after one epoch its loss is 0.23 (128 steps), mini-batch's 0.85 (4 steps), "
            "GD's 8.9 (1 step)",
            lambda: _after_one_epoch("gd_sgd_minibatch") == ([1, 128, 4], [8.9, 0.23, 0.85]),
        ),
    ],
    "local_minimum_trap": [
        (
            "a local minimum on the right (f = 0.294), the global one on the left (f = −0.305) "
            "and a saddle point between them",
            lambda: _double_well_marks("local_minimum_trap"),
        ),
        (
            "SGD (η = 0.02) and Adam (η = 0.05) roll into the nearest minimum and stay there at f = 0.294",
            lambda: (
                [dict(hp)["lr"] for _, hp in race("local_minimum_trap")[0].runs[:2]] == [0.02, 0.05]
                and [e.kind for e in race("local_minimum_trap")[4][:2]] == ["local", "local"]
                and all(e.at for e in race("local_minimum_trap")[4][:2])
                and [round(float(f), 3) for f in race("local_minimum_trap")[1].final_loss[:2]] == [0.294] * 2
                and np.all(np.abs(race("local_minimum_trap")[1].path[:2, -100:, 0] - 0.96) < 0.01)
            ),
        ),
        (
            "the gradient there is zero",
            lambda: np.all(race("local_minimum_trap")[1].grad_norm[:2, -1] < 1e-3),
        ),
        (
            "rolls over the saddle and reaches the global minimum (f = −0.305) at step 54",
            lambda: (
                dict(race("local_minimum_trap")[0].runs[2][1]) == {"lr": 0.02, "momentum": 0.9}
                and race("local_minimum_trap")[4][2].kind == "global"
                and round(float(race("local_minimum_trap")[1].final_loss[2]), 3) == -0.305
                and race("local_minimum_trap")[1].hit_at[2] == 54
            ),
        ),
    ],
    # ---- learning-rate lab
    "lr_three_regimes": [
        (
            "a bowl stretched 25 times",
            lambda: lr("lr_three_regimes")[1].lam_start == pytest.approx(25.0, rel=1e-4),
        ),
        ("lr × λ_max must stay below 2", lambda: lr("lr_three_regimes")[1].limit_factor == 2.0),
        (
            "At 1.25 × the limit",
            lambda: (
                lr("lr_three_regimes")[1].lrs[2]
                == pytest.approx(1.25 * lr("lr_three_regimes")[1].lr_limit, rel=1e-6)
            ),
        ),
        (
            "the very first step jumps across the valley and the loss rises",
            lambda: lr("lr_three_regimes")[1].rises[2][0].step == 0,
        ),
        (
            "λ_max above c / lr from the start until it diverges",
            lambda: bool(np.all(_unstable_until_divergence(lr("lr_three_regimes")[1]))),
        ),
    ],
    "lr_momentum_rises": [
        (
            "the marked steps go against the gradient",
            lambda: any(r.reason == "uphill" for r in lr("lr_momentum_rises")[1].rises[1]),
        ),
        (
            "The limit is (2 + 2μ) / λ_max",
            lambda: lr("lr_momentum_rises")[1].limit_factor == pytest.approx(3.8),
        ),
    ],
    "lr_sweep_rosenbrock": [
        (
            "4 optimizers × 4,096 rates × 1,000 steps",
            lambda: (
                lr("lr_sweep_rosenbrock")[1].lrs.size == 4096
                and len(lr("lr_sweep_rosenbrock")[1].names) == 4
                and lr("lr_sweep_rosenbrock")[1].steps == 1000
            ),
        ),
        (
            "the best rate within 10% of the edge",
            lambda: np.all(
                np.abs(lr("lr_sweep_rosenbrock")[1].best_lr[:3] / lr("lr_sweep_rosenbrock")[1].edge[:3] - 1)
                <= 0.10
            ),
        ),
        (
            "Adam does not diverge anywhere up to lr = 1",
            lambda: (
                np.isnan(lr("lr_sweep_rosenbrock")[1].edge[3]) and lr("lr_sweep_rosenbrock")[1].lrs[-1] == 1.0
            ),
        ),
    ],
    "lr_phase_quadratic": [
        (
            "A quadratic with κ = 100",
            lambda: lr("lr_phase_quadratic")[1].theory.kappa == pytest.approx(100.0),
        ),
        ("each setting's exact contraction", lambda: lr("lr_phase_quadratic")[1].source == "theory"),
        (
            "ρ = 9/11 ≈ 0.818",
            lambda: (
                lr("lr_phase_quadratic")[1].optimum.rate == pytest.approx(9 / 11)
                and _best_shown("lr_phase_quadratic") == pytest.approx(9 / 11, rel=0.01)
            ),
        ),
        ("99/101 ≈ 0.980", lambda: lr("lr_phase_quadratic")[1].theory.gd_rate == pytest.approx(99 / 101)),
        (
            "It lies just inside the stability edge",
            lambda: _optimum_edge("lr_phase_quadratic")[0] < _optimum_edge("lr_phase_quadratic")[1],
        ),
        (
            "(1 + √μ)² ≈ 3.31 against 2 + 2μ ≈ 3.34",
            lambda: [round(x, 2) for x in _optimum_edge("lr_phase_quadratic")] == [3.31, 3.34],
        ),
    ],
    "lr_warmup": [
        (
            "Momentum at lr = 0.003",
            lambda: lr("lr_warmup")[0]["opt"] == "momentum" and lr("lr_warmup")[0]["sc_lr"] == 0.003,
        ),
        ("it diverges within a few steps", lambda: 0 < lr("lr_warmup")[1].diverged_at[0] <= 10),
        (
            "and so do the decaying schedules",
            lambda: np.all(
                (lr("lr_warmup")[1].diverged_at[1:5] > 0) & (lr("lr_warmup")[1].diverged_at[1:5] <= 10)
            ),
        ),
        (
            "Only warm-up starts small",
            lambda: lr("lr_warmup")[1].lr[5, 0] == 0.0 and lr("lr_warmup")[1].diverged_at[5] == -1,
        ),
        (
            "finishes closest to the minimum",
            lambda: (
                np.nanargmin(
                    np.where(lr("lr_warmup")[1].diverged_at >= 0, np.nan, lr("lr_warmup")[1].final_loss)
                )
                == 5
            ),
        ),
    ],
    "lr_decay_noise": [
        (
            "(B = 1, noise σ = 4)",
            lambda: (lr("lr_decay_noise")[0]["sc_batch"], lr("lr_decay_noise")[0]["sc_noise"]) == (1, 4.0),
        ),
        (
            "starts next to the local minimum of a tilted double well (f = 0.294)",
            lambda: _starts_by_the_local_minimum("lr_decay_noise"),
        ),
        (
            "At η = 0.1 every schedule leaves the local minimum within 35 steps, while its rate is "
            "still at least half of η",
            lambda: _leaves_early("lr_decay_noise"),
        ),
        (
            "The constant rate then keeps bouncing between the wells: its mean loss over the last "
            "50 steps is 0.94",
            lambda: (
                lr("lr_decay_noise")[1].schedules[0].kind == "constant"
                and round(float(lr("lr_decay_noise")[1].tail_loss[0]), 2) == 0.94
                and lr("lr_decay_noise")[0]["steps"] // 10 == 50
                and np.any(lr("lr_decay_noise")[1].path[0, -50:, 0] > 0)
                and np.any(lr("lr_decay_noise")[1].path[0, -50:, 0] < 0)
            ),
        ),
        (
            "Every decaying schedule shrinks its steps and settles in the global well, with a mean "
            "loss between −0.30 and −0.27 (the minimum is −0.305)",
            lambda: _decays_settle("lr_decay_noise"),
        ),
        (
            "Try η = 0.02: no schedule leaves the local minimum",
            lambda: np.all(schedules_at(lr("lr_decay_noise")[0], 0.02).path[:, :, 0] > _saddle_x()),
        ),
    ],
    "lr_random_search": [
        (
            "the learning rate matters, ε",
            lambda: (
                lr("lr_random_search")[1].importance[0] > 3 and lr("lr_random_search")[1].importance[1] < 0.1
            ),
        ),
        (
            "With 16 runs the grid tries only 4 learning rates",
            lambda: lr("lr_random_search")[1].distinct("grid")[0] == 4,
        ),
        (
            "random search tries 16 and lands closer to the best one",
            lambda: (
                lr("lr_random_search")[1].distinct("random")[0] == 16
                and lr("lr_random_search")[1].best("random")[1] < lr("lr_random_search")[1].best("grid")[1]
            ),
        ),
    ],
    # ---- batch lab
    "batch_concept": [
        ("shifted by 0.25", lambda: stored("batch_concept")[0]["c_shift"] == 0.25),
        (
            "A flat minimum and a slightly deeper sharp one",
            lambda: 0 < _depths("batch_concept")[0] - _depths("batch_concept")[1] < 0.1,
        ),
    ],
    "batch_keskar": [
        ("10% flipped training labels", lambda: stored("batch_keskar")[0]["label_noise"] == 0.1),
        (
            "the SAME 16,384 steps for B = 16, 64, 256 and 2048, 4 seeds",
            lambda: (
                list(stored("batch_keskar")[1].result.batch_sizes) == [16, 64, 256, 2048]
                and stored("batch_keskar")[1].result.config.steps == 16384
                and stored("batch_keskar")[1].result.config.seeds == 4
            ),
        ),
        (
            "train loss 0.13 vs 0.36 at B = 16",
            lambda: _means("batch_keskar", "train_loss", [-1, 0], 2) == [0.13, 0.36],
        ),
        (
            "its gap is +0.48 vs −0.19",
            lambda: _means("batch_keskar", "gap_loss", [-1, 0], 2) == [0.48, -0.19],
        ),
        (
            "its top Hessian eigenvalue 24 vs 2",
            lambda: _means("batch_keskar", "top_eig", [-1, 0], 0) == [24, 2],
        ),
        ("in every seed", lambda: _every_seed("batch_keskar")),
        (
            "B = 256 does not memorise yet (train loss 0.34)",
            lambda: (
                _means("batch_keskar", "train_loss", [2], 2) == [0.34]
                and stored("batch_keskar")[1].summary["gap_loss"][2, 0] < 0
            ),
        ),
    ],
    "batch_short": [
        ("only 2,000 steps", lambda: stored("batch_short")[1].result.config.steps == 2000),
        (
            "every train loss above 0.34",
            lambda: np.all(stored("batch_short")[1].result.train_loss[..., -1] > 0.34),
        ),
        ("every gap is negative", lambda: np.all(stored("batch_short")[1].result.gap_loss < 0)),
        (
            "the mean top eigenvalues all lie between 2 and 4",
            lambda: np.all(
                (stored("batch_short")[1].summary["top_eig"][:, 0] > 2)
                & (stored("batch_short")[1].summary["top_eig"][:, 0] < 4)
            ),
        ),
    ],
    "batch_sgd_sharpness": [
        (
            "512 moons with 20% flipped labels, SGD η = 0.5, 4,000 steps at B = 8, 32, 128, 512, 4 seeds",
            lambda: (
                stored("batch_sgd_sharpness")[1].result.config
                == batch.StudyConfig(
                    n_train=512,
                    n_test=512,
                    noise=0.2,
                    label_noise=0.2,
                    optimizer="sgd",
                    hp=(("lr", 0.5),),
                    batch_sizes=(8, 32, 128, 512),
                    seeds=4,
                    steps=4000,
                    records=40,
                )
            ),
        ),
        (
            "grows 0.31 → 0.66 → 1.45 → 3.91",
            lambda: (
                [round(float(x), 2) for x in stored("batch_sgd_sharpness")[1].summary["top_eig"][:, 0]]
                == [0.31, 0.66, 1.45, 3.91]
            ),
        ),
        ("near 2/η = 4", lambda: abs(stored("batch_sgd_sharpness")[1].summary["top_eig"][-1, 0] - 4) < 0.2),
        (
            "the gap grows only a little (−0.23 → −0.19, in every seed)",
            lambda: (
                _means("batch_sgd_sharpness", "gap_loss", [0, -1], 2) == [-0.23, -0.19]
                and np.all(
                    stored("batch_sgd_sharpness")[1].result.gap_loss[-1]
                    > stored("batch_sgd_sharpness")[1].result.gap_loss[0]
                )
            ),
        ),
        (
            "no batch size memorises the flipped labels in 4,000 steps",
            lambda: np.all(stored("batch_sgd_sharpness")[1].result.train_loss[..., -1] > 0.4),
        ),
    ],
    "batch_escape": [
        ("Every run starts in the narrow well", lambda: _starts_in_the_sharp_well("batch_escape")),
        ("gradient noise σ = 4", lambda: stored("batch_escape")[0]["b_noise"] == 4.0),
        (
            "80% and 70% of 100",
            lambda: (
                list(np.round(stored("batch_escape")[1].flat_fraction[0, :2], 2)) == [0.8, 0.7]
                and stored("batch_escape")[1].final_w.shape[2] == 100
            ),
        ),
        (
            "from B = 4 on almost none do (1%)",
            lambda: (
                stored("batch_escape")[1].flat_fraction[0, 2] == 0.01
                and np.all(stored("batch_escape")[1].flat_fraction[0, 2:] <= 0.01)
            ),
        ),
        (
            "exact gradients never do",
            lambda: (
                stored("batch_escape")[1].batch_sizes[-1] == 128
                and stored("batch_escape")[1].flat_fraction[0, -1] == 0.0
            ),
        ),
        (
            "87% at B = 4, 34% at B = 8",
            lambda: list(np.round(stored("batch_escape")[1].flat_fraction[1, 2:4], 2)) == [0.87, 0.34],
        ),
    ],
    # ---- activations lab
    "act_data_norm": [
        (
            "on a scale 10 times larger than feature 1",
            lambda: (
                act("act_data_norm")[1].config.scale == 10.0
                and np.allclose(act("act_data_norm")[1].feature_std, [1.0, 10.0], rtol=0.1)
            ),
        ),
        ("the Hessian's condition number is 99", lambda: round(act("act_data_norm")[1].raw.condition) == 99),
        (
            "gradient descent (η = 1.5/λ_max) zig-zags for 194 steps before it reaches the minimum",
            lambda: (
                act("act_data_norm")[1].raw.arrived == 194
                and act("act_data_norm")[1].raw.lr
                == pytest.approx(1.5 / np.linalg.eigvalsh(act("act_data_norm")[1].raw.hessian)[-1])
                and np.sum(np.diff(np.sign(np.diff(act("act_data_norm")[1].raw.path[:20, 1])))) != 0
            ),
        ),
        (
            "Standardised, the condition number is 1.04 and the same rule arrives in 5 steps",
            lambda: (
                round(act("act_data_norm")[1].standard.condition, 2) == 1.04
                and act("act_data_norm")[1].standard.arrived == 5
            ),
        ),
    ],
    "act_sigmoid_vanishing": [
        (
            "Sigmoid with Xavier initialization, 50 layers of 512 units",
            lambda: (
                act("act_sigmoid_vanishing")[1][0].config[:2] == ("sigmoid", "xavier")
                and act("act_sigmoid_vanishing")[1][0].config.depth == 50
                and act("act_sigmoid_vanishing")[1][0].config.width == 512
            ),
        ),
        (
            "the spread of z at layer 50 is 0.53 of layer 1's",
            lambda: round(act_signal.verdict(_sigmoid()[0]).signal_ratio, 2) == 0.53,
        ),
        (
            "what reaches layer 1 is about 10^-31 of what layer 50 receives",
            lambda: round(_sigmoid()[1]) == -31,
        ),
        ("each layer multiplies it by about 0.24", lambda: round(10 ** (_sigmoid()[1] / 49), 2) == 0.24),
        ("(sigmoid's slope is at most 1/4)", lambda: act_fns.MAX_SLOPE["sigmoid"] == 0.25),
        (
            "The mean-field theory predicts the same exponent",
            lambda: round(_sigmoid()[2]) == round(_sigmoid()[1]),
        ),
    ],
    "act_he_relu": [
        (
            "ReLU, 50 layers of 512 units",
            lambda: (
                act("act_he_relu")[1][0].config[:2] == ("relu", "he")
                and act("act_he_relu")[1][1].q.shape[1] == 50
                and act("act_he_relu")[1][1].config.width == 512
            ),
        ),
        (
            "With LeCun or Xavier (Var(W) = 1/n_in here) the theory halves the variance of z at every layer",
            lambda: (
                np.array_equal(_he_relu()[0].q[_he_relu()[1]], _he_relu()[0].q[_he_relu()[2]])
                and np.allclose(
                    np.diff(np.log(_he_relu()[0].theory_q[_he_relu()[1]])), np.log(0.5), atol=1e-6
                )
            ),
        ),
        (
            "it shrinks by 0.49 per layer",
            lambda: round(_per_layer(_he_relu()[0].q[_he_relu()[1]]), 2) == 0.49,
        ),
        (
            "after 50 layers the spread is 2e-08 of the first layer's",
            lambda: f"{act_signal.verdict(_he_relu()[0], _he_relu()[1]).signal_ratio:.0e}" == "2e-08",
        ),
        (
            "He's 2/n_in multiplies every layer's ratio by exactly 2",
            lambda: (
                act("act_he_relu")[1][0].inits == ("he",)
                and np.allclose(
                    act("act_he_relu")[1][0].q[0] / _lecun_relu_exact().q[0],
                    2.0 ** np.arange(1, 51),
                    rtol=1e-4,
                )
                # and the every-pair grid, whose products round to bfloat16, within 1% per layer
                and np.allclose(
                    np.diff(np.log(_he_relu()[0].q[_he_relu()[3]] / _he_relu()[0].q[_he_relu()[1]])),
                    np.log(2.0),
                    atol=0.01,
                )
            ),
        ),
        (
            "the theory keeps the variance constant, and the measured ratio is 0.97 per layer",
            lambda: (
                np.ptp(_he_relu()[0].theory_q[_he_relu()[3]]) < 1e-6
                and round(_per_layer(_he_relu()[0].q[_he_relu()[3]]), 2) == 0.97
            ),
        ),
        (
            "The table compares every activation and initializer on the same random weights",
            lambda: len(_he_relu()[0].activations) == 18,
        ),
    ],
    "act_dying_relu": [
        (
            "A ReLU network of 8 layers × 16 units on two moons, mini-batch SGD for 1,000 steps, "
            "4 seeds per cell",
            lambda: (
                _dying()[0].config[:5] == ("moons", 256, 0.2, 16, 8)
                and _dying()[0].config.steps == 1000
                and _dying()[0].config.seeds == 4
            ),
        ),
        (
            "With every bias starting at 0, 12% of the hidden units are dead before any training",
            lambda: _pct(_dying()[0].dead_start[0, :, _dying()[2].index(0.0)].mean()) == 12,
        ),
        (
            "At learning rates up to 0.3 (biases −0.1 to 0.5) the dead share ends between 3% and 28%",
            lambda: [_pct(f(_dying()[0].mean_dead[0, :4, 1:])) for f in (np.min, np.max)] == [3, 28],
        ),
        (
            "at η = 1 it ends between 41% and 77%, 12 of 20 ReLU runs end at the chance loss and 7 diverge",
            lambda: (
                [_pct(f(_dying()[0].mean_dead[0, 4])) for f in (np.min, np.max)] == [41, 77]
                and int(_dying()[3][0, 4].sum()) == 12
                and int(_dying()[4][0, 4].sum()) == 7
            ),
        ),
        (
            "Starting every bias at −0.5 kills 51% of the units at once, and 3 of 4 ReLU runs stay at the "
            "chance loss at every rate up to 0.3",
            lambda: (
                _pct(_dying()[0].dead_start[0, :, 0].mean()) == 51
                and _dying()[2][0] == -0.5
                and np.all(_dying()[3][0, :4, 0].sum(axis=-1) == 3)
            ),
        ),
        ("Leaky ReLU's inactive units still pass 1% of the gradient", lambda: act_fns.LEAKY_SLOPE == 0.01),
        (
            "at η = 0.3 only 1 of 4 leaky runs stays there",
            lambda: int(_dying()[3][1, 3, 0].sum()) == 1,
        ),
        (
            "their mean loss is 0.30 against ReLU's 0.54",
            lambda: (
                [round(float(dying_nanmean(_dying()[0].final_loss[k, 3, 0])), 2) for k in (1, 0)]
                == [0.30, 0.54]
            ),
        ),
    ],
    "act_batch_norm": [
        (
            "ReLU with LeCun initialization, 10 layers of 32 units, mini-batch SGD for 500 steps at 8 "
            "learning rates, 2 seeds each",
            lambda: (
                act("act_batch_norm")[1].config[3:7] == (32, 10, "relu", "lecun")
                and len(act("act_batch_norm")[1].config.lrs) == 8
                and act("act_batch_norm")[1].config.seeds == 2
                and act("act_batch_norm")[1].config.steps == 500
            ),
        ),
        (
            "Without normalization the spread of the activations falls from 0.51 at layer 1 to 0.022 at "
            "layer 10",
            lambda: (
                [round(float(x), 3) for x in act("act_batch_norm")[1].h_std_start[0, [0, -1]]]
                == [0.507, 0.022]
            ),
        ),
        (
            "with batch norm or layer norm it stays between 0.53 and 0.64",
            lambda: (
                0.53 <= act("act_batch_norm")[1].h_std_start[1:].min()
                and act("act_batch_norm")[1].h_std_start[1:].max() <= 0.64
            ),
        ),
        (
            "Without normalization SGD trains only at η from 0.03 to 0.3",
            lambda: (
                list(np.asarray(act("act_batch_norm")[1].config.lrs)[act("act_batch_norm")[1].trains[0]])
                == [0.03, 0.1, 0.3]
            ),
        ),
        (
            "layer norm trains at every rate up to 0.3 and batch norm up to 3, ten times larger",
            lambda: (
                list(act("act_batch_norm")[1].trains[2]) == [True] * 5 + [False] * 3
                and list(act("act_batch_norm")[1].largest[1:]) == [3.0, 0.3]
            ),
        ),
    ],
}


def _gd_is_exact(preset_id: str) -> bool:
    """The B = 128 run is plain gradient descent (the noise averages away exactly) and arrives."""
    cfg, r, s, _, _ = race(preset_id)
    exact = optimizers.simulate(s, [("sgd", dict(cfg.runs[0][1]))], start=cfg.start, steps=cfg.steps)
    same = np.allclose(r.path[0], exact.path[0], rtol=1e-5, atol=1e-6)
    return bool(same and r.final_loss[0] < 1e-6 and r.hit_at[0] > 0)


def _tail_means(preset_id: str, n: int) -> list[float]:
    """Each run's mean loss over its last ``n`` steps."""
    return [float(x) for x in np.mean(race(preset_id)[1].loss[:, -n:], axis=1)]


def _after_one_epoch(preset_id: str) -> tuple[list[int], list[float]]:
    """Each run's steps in one epoch (N / B) and its loss then, rounded as the lesson writes it (GD's,
    the large one, to 2 significant digits)."""
    r = race(preset_id)[1]
    steps = [optimizers.N_SAMPLES // spec.batch_size for spec in r.runs]
    losses = [float(r.loss[i, k]) for i, k in enumerate(steps)]
    return steps, [round(x, 1 if k == 1 else 2) for x, k in zip(losses, steps, strict=True)]


def _double_well_marks(preset_id: str) -> bool:
    marks = rm.surface_landmarks(*(race(preset_id)[0][:3]))
    (glob, local), (saddle,) = marks.minima, marks.saddles
    return (
        glob.is_global
        and not local.is_global
        and (round(local.value, 3), round(glob.value, 3)) == (0.294, -0.305)
        and glob.xy[0] < saddle[0] < local.xy[0]
    )


def _saddle_x() -> float:
    (saddle,) = rm.surface_landmarks("double_well", "", ()).saddles
    return saddle[0]


def _starts_by_the_local_minimum(preset_id: str) -> bool:
    v = lr(preset_id)[0]
    start = np.array([v["double_well.x0"], v["double_well.y0"]])
    local = next(m for m in rm.surface_landmarks("double_well", "", ()).minima if not m.is_global)
    return bool(np.hypot(*(start - local.xy)) < 0.05 and round(local.value, 3) == 0.294)


def _leaves_early(preset_id: str) -> bool:
    """Every schedule's first step past the saddle comes within 35 steps, at a rate >= half the base."""
    v, c = lr(preset_id)
    x = c.path[:, :, 0]
    first = [int(np.argmax(row < _saddle_x())) if np.any(row < _saddle_x()) else -1 for row in x]
    return v["sc_lr"] == 0.1 and all(
        0 < k <= 35 and c.lr[i, k - 1] >= 0.5 * v["sc_lr"] for i, k in enumerate(first)
    )


def _decays_settle(preset_id: str) -> bool:
    c = lr(preset_id)[1]
    decays = [i for i, s in enumerate(c.schedules) if s.kind != "constant"]
    glob = rm.surface_landmarks("double_well", "", ()).minima[0]
    tail = [round(float(c.tail_loss[i]), 2) for i in decays]
    return (
        len(decays) == 5
        and all(np.all(np.diff(c.lr[i]) <= 1e-12) or c.schedules[i].kind == "warmup_cosine" for i in decays)
        and c.lr[decays, -1].max() < 0.2 * c.lr[0, -1]
        and all(-0.30 <= x <= -0.27 for x in tail)
        and np.all(c.path[decays, -50:, 0] < _saddle_x())
        and round(glob.value, 3) == -0.305
    )


CLAIMS.update(claims_regularization.claims())  # the Regularization lab's presets
CLAIMS.update(claims_explorer_hd.claims())  # the Landscape explorer's high-dimension presets


# ------------------------------------------------------------------------------------------------
# The Landscape explorer: what the page computes for each preset (ui.explorer_model's cached calls)


@functools.cache
def _ex_values(preset_id: str) -> dict:
    from ui import explorer_model as em

    v = {p.name: p.default for p in em.base_schema()}
    v.update(presets.get(preset_id).values)
    return v


@functools.cache
def _ex_critical(preset_id: str):
    from studies import explorer as ex
    from ui import explorer_model as em

    v = _ex_values(preset_id)
    return ex.critical_view(em.where_for(v).landscape(), n_seeds=int(v["seeds"]))


@functools.cache
def _ex_basins(preset_id: str):
    from studies import explorer as ex
    from ui import explorer_model as em

    v = _ex_values(preset_id)
    w = em.where_for(v)
    found = endings.minima(w.landscape())
    return [
        ex.basin_map(
            w.landscape(),
            v[f"{s}_opt"],
            dict(em.hp_for(v[f"{s}_opt"], v[f"{s}_lr"], v[f"{s}_mu"])),
            n=int(v["b_n"]),
            steps=int(v["b_steps"]),
            minima=found,
        )
        for s in em.SIDES
    ]


@functools.cache
def _ex_escape(preset_id: str):
    from ui import explorer_model as em

    v = _ex_values(preset_id)
    view = _ex_critical(preset_id)
    (i,) = [j for j, k in enumerate(view.kind) if k == "saddle"]
    p = (float(view.xy[i, 0]), float(view.xy[i, 1]))
    return em.escape(em.where_for(v), p, float(v["e_lr"]), float(v["e_radius"]), int(v["e_steps"]))


def _ex_counts(preset_id: str) -> dict:
    v = _ex_critical(preset_id)
    return {k: v.count(k) for k in ("minimum", "maximum", "saddle", "degenerate")}


def _ex_global_pct(preset_id: str) -> list[int]:
    from studies import explorer as ex

    return [round(100 * ex.global_share(b)) for b in _ex_basins(preset_id)]


def _ex_monkey():
    (h,) = [h for h in _ex_critical("explorer_monkey_saddle").higher if h is not None]
    return h


CLAIMS.update(
    {
        "explorer_himmelblau_points": [
            (
                "9 critical points: 4 minima of equal depth, 4 saddles and 1 maximum",
                lambda: (
                    _ex_counts("explorer_himmelblau_points")
                    == {"minimum": 4, "maximum": 1, "saddle": 4, "degenerate": 0}
                    and np.ptp(
                        [
                            p.value
                            for p in _ex_critical("explorer_himmelblau_points").points
                            if p.kind == "minimum"
                        ]
                    )
                    < 1e-9
                ),
            ),
        ],
        "explorer_monkey_saddle": [
            (
                "The only critical point of x³ − 3xy² has a zero Hessian: both eigenvalues are 0",
                lambda: (
                    _ex_counts("explorer_monkey_saddle")["degenerate"] == 1
                    and len(_ex_critical("explorer_monkey_saddle").points) == 1
                    and np.all(np.abs(_ex_critical("explorer_monkey_saddle").eigenvalues) < 1e-12)
                ),
            ),
            ("changes sign 6 times", lambda: _ex_monkey().cubic_sign_changes == 6),
            (
                "3 ways down and 3 ways up, a saddle, not a minimum",
                lambda: _ex_monkey().down_sectors == 3 and _ex_monkey().verdict == "saddle",
            ),
        ],
        "explorer_camel_basins": [
            (
                "has 6 minima, 2 of them global",
                lambda: (
                    len(_ex_basins("explorer_camel_basins")[0].minima) == 6
                    and sum(m.is_global for m in _ex_basins("explorer_camel_basins")[0].minima) == 2
                ),
            ),
            (
                "Gradient descent (lr 0.01) takes 60% of the starts",
                lambda: _ex_global_pct("explorer_camel_basins")[0] == 60,
            ),
            (
                "momentum (lr 0.01, μ 0.9) takes more, 64%",
                lambda: (
                    _ex_global_pct("explorer_camel_basins")[1] == 64
                    and _ex_global_pct("explorer_camel_basins")[1]
                    > _ex_global_pct("explorer_camel_basins")[0]
                ),
            ),
        ],
        "explorer_saddle_escape": [
            ("Gradient descent (lr 0.05)", lambda: _ex_values("explorer_saddle_escape")["e_lr"] == 0.05),
            (
                "1 + lr·|λ_min| = 1.1 per step",
                lambda: about(1 + 0.05 * abs(_ex_escape("explorer_saddle_escape").lam_min), 1.1, 1e-6),
            ),
            (
                "every factor of 10 closer costs about 24 more steps",
                lambda: (
                    about(np.log(10) / np.log(1.1), 24, 0.01)
                    and np.all(np.abs(np.diff(_ex_escape("explorer_saddle_escape").steps[::2]) + 24) <= 1)
                ),
            ),
            (
                "within 1 step of log(r/δ) / log(1.1) for every δ from 4e-9 to 0.04",
                lambda: (
                    np.all(
                        np.abs(
                            _ex_escape("explorer_saddle_escape").steps
                            - _ex_escape("explorer_saddle_escape").theory
                        )
                        <= 1
                    )
                    and about(_ex_escape("explorer_saddle_escape").deltas[0], 4e-9, 0.01)
                    and about(_ex_escape("explorer_saddle_escape").deltas[-1], 0.04, 0.01)
                ),
            ),
        ],
    }
)


@functools.cache
def _ex_net(preset_id: str):
    """The explorer's network view for a preset: what the page's job computes."""
    from studies import explorer_net as en
    from ui import explorer_net_model as enm

    cfg = enm.config(dict(presets.get(preset_id).values))
    out = store.lookup("studies.explorer_net:run", (cfg,))
    return out if out is not None else en.run(cfg)


CLAIMS.update(
    {
        "explorer_net_pca": [
            (
                "Adam trains a 2-32-32-1 network on the two moons for 500 steps",
                lambda: (
                    _ex_net("explorer_net_pca").config.optimizer == "adam"
                    and _ex_net("explorer_net_pca").config.dataset == "moons"
                    and _ex_net("explorer_net_pca").config.steps == 500
                    and _ex_net("explorer_net_pca").n_params == 2 * 32 + 32 + 32 * 32 + 32 + 32 + 1
                ),
            ),
            (
                "training loss 0.74 → 0.06",
                lambda: (
                    [round(float(_ex_net("explorer_net_pca").loss[i]), 2) for i in (0, -1)] == [0.74, 0.06]
                ),
            ),
            (
                "hold 98% of the path's squared displacement, the first alone 89%",
                lambda: (
                    round(100 * _ex_net("explorer_net_pca").pca.captured) == 98
                    and round(100 * _ex_net("explorer_net_pca").explained[0]) == 89
                ),
            ),
            (
                "in a space of 1185 weights the path is nearly flat",
                lambda: _ex_net("explorer_net_pca").n_params == 1185,
            ),
        ],
        "explorer_net_random": [
            (
                "only 0.3% of the path's squared displacement, against 98% for the PCA plane",
                lambda: (
                    round(100 * _ex_net("explorer_net_random").random.captured, 1) == 0.3
                    and round(100 * _ex_net("explorer_net_random").pca.captured) == 98
                ),
            ),
            (
                "In 1185 dimensions two random directions are nearly orthogonal to the path and catch about "
                "2/d = 0.17% of it",
                lambda: (
                    _ex_net("explorer_net_random").n_params == 1185
                    and round(100 * 2 / 1185, 2) == 0.17
                    and _ex_net("explorer_net_random").random.captured < 3 * 2 / 1185
                ),
            ),
        ],
    }
)


def _depths(preset_id: str) -> list[float]:
    """The flat and the sharp minimum's training loss (the concept picture)."""
    c = stored(preset_id)[1]
    return [float(batch.concept_loss(m, sharp_width=0.15)) for m in c.minima]


def _off_the_floor(preset_id: str, step: int) -> np.ndarray:
    """How far above the Rosenbrock valley's floor y = x^2 each run is at ``step``: the steep term
    100 (y - x^2)^2 of the loss (0 on the floor)."""
    x, y = race(preset_id)[1].path[:, step].T
    return 100 * (y - x**2) ** 2


def _starts_in_the_sharp_well(preset_id: str) -> bool:
    out = stored(preset_id)[1]
    sharp = out.minima.points[int(np.argmax(out.minima.top_eig))]
    return bool(np.all(np.linalg.norm(out.starts - sharp, axis=1) < 0.3))


def _unstable_until_divergence(p) -> np.ndarray:
    """The too-large panel: λ_max above c / lr at every iterate from the start until it diverged."""
    st = p.stability[2]
    d = st.diverged_at if st.diverged_at >= 0 else len(st.lam)
    return st.unstable[:d] if d > 0 else np.array([False])


def _best_shown(preset_id: str) -> float:
    pm = lr(preset_id)[1]
    i, j = lm.best_cell(pm)
    return float(pm.shown[i, j])


def _optimum_edge(preset_id: str) -> tuple[float, float]:
    pm = lr(preset_id)[1]
    o = pm.optimum
    return o.lr * pm.theory.l_max, 2 + 2 * o.mu


def _means(preset_id: str, what: str, rows, digits: int) -> list:
    out = stored(preset_id)[1]
    col = out.summary[what][:, 0]
    return [round(float(col[i]), digits) if digits else int(round(float(col[i]))) for i in rows]


def _every_seed(preset_id: str) -> bool:
    out = stored(preset_id)[1]
    r, e = out.result, out.sharp.top_eig
    return bool(
        np.all(r.train_loss[-1, :, -1] < r.train_loss[0, :, -1])
        and np.all(r.gap_loss[-1] > r.gap_loss[0])
        and np.all(e[-1] > e[0])
    )


@functools.cache
def selection(preset_id: str):
    """The Model-selection lab's result for a preset: what the page shows (stored, or computed)."""
    from ui.jobs import resolve

    spec = sm.view_job(sm.values_with(dict(presets.get(preset_id).values)))
    out = store.lookup(spec.func, spec.args)
    return out if out is not None else resolve(spec.func)(*spec.args)


def _r(x: float, digits: int) -> float:
    return round(float(x), digits)


SELECTION_CLAIMS: dict[str, list[tuple[str, Callable[[], bool]]]] = {
    "sel_kfold": [
        (
            "40 points of the known curve, a network of 16 hidden units, 20 shuffles",
            lambda: (
                selection("sel_kfold").config[:4] == (40, 0.3, 10, 20)
                and selection("sel_kfold").config.width == 16
            ),
        ),
        ("20% hold-out", lambda: selection("sel_kfold").config.holdout == 0.2),
        (
            "8.1 times that of 10-fold",
            lambda: (
                _r(np.std(selection("sel_kfold").holdout_est) / np.std(selection("sel_kfold").kfold_est), 1)
                == 8.1
            ),
        ),
        (
            "sd 0.14 vs 0.017",
            lambda: (
                (
                    _r(np.std(selection("sel_kfold").holdout_est), 2),
                    _r(np.std(selection("sel_kfold").kfold_est), 3),
                )
                == (0.14, 0.017)
            ),
        ),
        (
            "Both estimates sit above the true test error",
            lambda: (
                min(selection("sel_kfold").kfold_est.mean(), selection("sel_kfold").holdout_est.mean())
                > selection("sel_kfold").true_err
            ),
        ),
        ("all 40 points (0.13)", lambda: _r(selection("sel_kfold").true_err, 2) == 0.13),
    ],
    "sel_ts_leak": [
        (
            "16 series of 120 steps",
            lambda: (
                (selection("sel_ts_leak").config.series, selection("sel_ts_leak").config.length) == (16, 120)
            ),
        ),
        ("(0.8 between neighbours)", lambda: selection("sel_ts_leak").config.corr == 0.8),
        ("Shuffled 5-fold", lambda: selection("sel_ts_leak").config.folds == 5),
        ("forecast error of 0.29", lambda: _r(selection("sel_ts_leak").shuffled_est.mean(), 2) == 0.29),
        ("rolling origin 1.49", lambda: _r(selection("sel_ts_leak").rolling_est.mean(), 2) == 1.49),
        (
            "later 12 steps gives 1.37 (means over 16 series)",
            lambda: (
                selection("sel_ts_leak").config.horizon == 12
                and _r(selection("sel_ts_leak").later_err.mean(), 2) == 1.37
                and len(selection("sel_ts_leak").later_err) == 16
            ),
        ),
        (
            "lower than rolling origin in every series",
            lambda: bool(
                np.all(selection("sel_ts_leak").shuffled_est < selection("sel_ts_leak").rolling_est)
            ),
        ),
    ],
    "sel_bias_variance": [
        (
            "degree 1 to 12, each fitted to 100 training sets of 50 points with noise σ = 0.3",
            lambda: (
                selection("sel_bias_variance").config[:6]
                == ("poly", tuple(range(1, 13)), 50, 0.3, 100, "fresh")
            ),
        ),
        (
            "lowest at degree 7",
            lambda: selection("sel_bias_variance").capacities[selection("sel_bias_variance").best] == 7,
        ),
        (
            "bias² falls from 0.44 to 0.047",
            lambda: (
                (
                    _r(selection("sel_bias_variance").bias2[0], 2),
                    _r(selection("sel_bias_variance").bias2[-1], 3),
                )
                == (0.44, 0.047)
            ),
        ),
        (
            "variance grows from 0.020 to 11.5",
            lambda: (
                (
                    _r(selection("sel_bias_variance").variance[0], 3),
                    _r(selection("sel_bias_variance").variance[-1], 1),
                )
                == (0.02, 11.5)
            ),
        ),
    ],
    "sel_bias_variance_nets": [
        (
            "Networks of 1 to 64 hidden units, each trained on 100 training sets of 50 points with noise "
            "σ = 0.3",
            lambda: (
                selection("sel_bias_variance_nets").config.model == "mlp"
                and (
                    selection("sel_bias_variance_nets").capacities[0],
                    selection("sel_bias_variance_nets").capacities[-1],
                )
                == (1, 64)
                and selection("sel_bias_variance_nets").config[2:6] == (50, 0.3, 100, "fresh")
            ),
        ),
        (
            "lowest at 12 units (0.129)",
            lambda: (
                selection("sel_bias_variance_nets").capacities[selection("sel_bias_variance_nets").best] == 12
                and _r(selection("sel_bias_variance_nets").test_mse.min(), 3) == 0.129
            ),
        ),
        (
            "bias² falls from 0.34 to 0.0003",
            lambda: (
                (
                    _r(selection("sel_bias_variance_nets").bias2[0], 2),
                    _r(selection("sel_bias_variance_nets").bias2[-1], 4),
                )
                == (0.34, 0.0003)
                and bool(np.all(np.diff(selection("sel_bias_variance_nets").bias2[:-1]) < 0))
            ),
        ),
        (
            "the variance only moves between 0.032 and 0.062",
            lambda: (
                (
                    _r(selection("sel_bias_variance_nets").variance.min(), 3),
                    _r(selection("sel_bias_variance_nets").variance.max(), 3),
                )
                == (0.032, 0.062)
            ),
        ),
        (
            "Unlike the polynomials, the wide networks do not blow up: from 4 units on, the test error stays "
            "within 0.005 of its lowest",
            lambda: bool(
                np.all(
                    selection("sel_bias_variance_nets").test_mse[
                        selection("sel_bias_variance_nets").capacities >= 4
                    ]
                    < selection("sel_bias_variance_nets").test_mse.min() + 0.005
                )
                # the polynomials' test error at their largest degree is far above their lowest
                and selection("sel_bias_variance").test_mse[-1]
                > 10 * selection("sel_bias_variance").test_mse.min()
            ),
        ),
    ],
    "sel_bootstrap": [
        (
            "One data set of 30 points with noise σ = 0.5",
            lambda: selection("sel_bootstrap").config[:4] == ("slope", 3, 30, 0.5),
        ),
        ("least-squares line is 0.017", lambda: _r(selection("sel_bootstrap").estimate, 3) == 0.017),
        (
            "The 90% percentile interval of 1000 bootstrap resamples, -0.16 to 0.24, contains the true slope "
            "0.048",
            lambda: (
                (selection("sel_bootstrap").config.level, selection("sel_bootstrap").config.resamples)
                == (0.9, 1000)
                and tuple(_r(v, 2) for v in selection("sel_bootstrap").interval) == (-0.16, 0.24)
                and _r(selection("sel_bootstrap").true_value, 3) == 0.048
                and selection("sel_bootstrap").interval[0]
                <= selection("sel_bootstrap").true_value
                <= selection("sel_bootstrap").interval[1]
            ),
        ),
        (
            "The bootstrap sd (0.13) is close to the true sd over 1000 fresh data sets (0.12)",
            lambda: (
                _r(selection("sel_bootstrap").boot.std(), 2) == 0.13
                and _r(selection("sel_bootstrap").fresh.std(), 2) == 0.12
                and len(selection("sel_bootstrap").fresh) == 1000
            ),
        ),
        (
            "Repeated on 200 fresh data sets, 90% of the intervals contain the true slope",
            lambda: (
                len(selection("sel_bootstrap").covered) == 200
                and round(100 * selection("sel_bootstrap").coverage) == 90
            ),
        ),
    ],
    "sel_bagging_trees": [
        (
            "24 training sets of 30 points",
            lambda: (
                (selection("sel_bagging_trees").config.sets, selection("sel_bagging_trees").config.n_train)
                == (24, 30)
            ),
        ),
        ("Averaging 16 bootstrap trees", lambda: selection("sel_bagging_trees").config.members == 16),
        (
            "from 0.11 to 0.070",
            lambda: (
                (
                    _r(selection("sel_bagging_trees").var_single, 2),
                    _r(selection("sel_bagging_trees").var_bagged, 3),
                )
                == (0.11, 0.07)
            ),
        ),
        (
            "stays small (0.0057 to 0.010)",
            lambda: (
                (
                    _r(selection("sel_bagging_trees").bias2_single, 4),
                    _r(selection("sel_bagging_trees").bias2_bagged, 3),
                )
                == (0.0057, 0.01)
                and selection("sel_bagging_trees").bias2_bagged
                < 0.2 * selection("sel_bagging_trees").var_single
            ),
        ),
        (
            "falls from 0.21 to 0.17",
            lambda: (
                (
                    _r(selection("sel_bagging_trees").single_test.mean(), 2),
                    _r(selection("sel_bagging_trees").bagged_test.mean(), 2),
                )
                == (0.21, 0.17)
            ),
        ),
        (
            "(0.16) is within 0.01",
            lambda: (
                _r(selection("sel_bagging_trees").oob.mean(), 2) == 0.16
                and abs(
                    selection("sel_bagging_trees").oob.mean()
                    - selection("sel_bagging_trees").bagged_test.mean()
                )
                < 0.01
            ),
        ),
    ],
    "sel_boosting": [
        (
            "Two moons with 15% flipped training labels, trees of depth 2, 500 rounds",
            lambda: selection("sel_boosting").config[:6] == ("moons", 300, 0.15, 0.15, 2, 500),
        ),
        (
            "lowest at round 5 (0.069)",
            lambda: (
                selection("sel_boosting").rates[0] == 1.0
                and selection("sel_boosting").best_round(0) == 5
                and f"{selection('sel_boosting').test_err[0].min():.3f}" == "0.069"
            ),
        ),
        ("0.15 after 500 rounds", lambda: _r(selection("sel_boosting").test_err[0, -1], 2) == 0.15),
        (
            "every training label is fitted (training error 0)",
            lambda: selection("sel_boosting").train_err[0, -1] == 0,
        ),
        (
            "(0.058) comes at round 437",
            lambda: (
                selection("sel_boosting").rates[-1] == 0.03
                and selection("sel_boosting").best_round(3) == 437
                and _r(selection("sel_boosting").test_err[3].min(), 3) == 0.058
            ),
        ),
        ("(training error 0.063)", lambda: _r(selection("sel_boosting").train_err[3, -1], 3) == 0.063),
        (
            "falls every round at every learning rate",
            lambda: bool(np.all(np.diff(selection("sel_boosting").train_loss, axis=1) <= 0)),
        ),
    ],
    "sel_search": [
        (
            "32 hidden units on two moons",
            lambda: (
                (selection("sel_search").config.width, selection("sel_search").config.dataset)
                == (32, "moons")
            ),
        ),
        (
            "train 16 networks, repeated 30 times",
            lambda: (
                (selection("sel_search").config.budget, selection("sel_search").config.repeats) == (16, 30)
            ),
        ),
        (
            "grid 0.132, random 0.127, TPE 0.124",
            lambda: (
                [
                    _r(selection("sel_search").best_so_far[m][:, -1].mean(), 3)
                    for m in ("grid", "random", "tpe")
                ]
                == [0.132, 0.127, 0.124]
            ),
        ),
        ("(best of the lattice 0.121)", lambda: _r(selection("sel_search").val_loss.min(), 3) == 0.121),
        (
            "grid tries only 4 learning rates",
            lambda: bool(np.all(selection("sel_search").distinct("grid")[:, 1] == 4)),
        ),
        (
            "random search tries 11.3 on average",
            lambda: _r(selection("sel_search").distinct("random")[:, 1].mean(), 1) == 11.3,
        ),
        (
            "within 5% of the best in 80% and 83% of the repetitions, the grid in none",
            lambda: (
                [
                    round(
                        100
                        * np.mean(
                            selection("sel_search").best_so_far[m][:, -1]
                            <= 1.05 * selection("sel_search").val_loss.min()
                        )
                    )
                    for m in ("random", "tpe", "grid")
                ]
                == [80, 83, 0]
            ),
        ),
    ],
}

CLAIMS.update(SELECTION_CLAIMS)


@pytest.mark.parametrize("preset", presets.all_presets(), ids=lambda p: p.id)
def test_every_number_and_comparison_in_a_lesson_is_a_checked_claim(preset):
    claims = CLAIMS.get(preset.id, [])
    text = preset.lesson["en"]
    for phrase, _ in claims:
        assert phrase in text, f"{preset.id}: the claim {phrase!r} is not in the lesson any more"
    unclaimed = [s for s in sentences(text) if COMPARATIVE.search(s) and not any(p in s for p, _ in claims)]
    assert not unclaimed, (
        f"{preset.id}: sentences with numbers or comparisons that no test checks: {unclaimed}"
    )
    en, ko = (sorted(set(NUMBER.findall(preset.lesson[lang]))) for lang in ("en", "ko"))
    assert en == ko, f"{preset.id}: the Korean lesson's numbers differ: {en} vs {ko}"


@pytest.mark.parametrize(
    ("preset_id", "phrase"),
    [(pid, phrase) for pid, claims in CLAIMS.items() for phrase, _ in claims],
    ids=lambda x: x[:40],
)
def test_claim_holds(preset_id, phrase):
    (check,) = [c for p, c in CLAIMS[preset_id] if p == phrase]
    assert check(), f"{preset_id}: {phrase!r} is not what the numbers show"


# ------------------------------------------------------------------------------------------------
# Automatic verdicts: computed from the numbers, in either direction


@pytest.mark.parametrize(
    ("e_small", "e_large", "g_small", "g_large", "want"),
    [
        (2.0, 24.0, -0.19, 0.48, ("sharper", "larger")),  # Keskar's effect
        (3.63, 1.85, -0.17, -0.18, ("flatter", "same")),  # the default view: half as sharp
        (2.0, 2.2, -0.20, -0.25, ("same", "smaller")),
        (0.31, 3.91, -0.23, -0.19, ("sharper", "larger")),
        (1.0, 1.19, 0.0, 0.019, ("same", "same")),  # just under both thresholds
    ],
)
def test_batch_verdict_keys_follow_the_numbers(e_small, e_large, g_small, g_large, want):
    assert bm.verdict_keys(e_small, e_large, g_small, g_large) == want


def test_the_default_batch_view_says_what_its_numbers_show():
    """The default view's largest batch is clearly flatter than its smallest (mean top eigenvalue
    2.18 vs 3.19): the page must say so, not "neither clearly sharper"."""
    from ui.testing import app_test, errors, settle

    out = store.lookup(*bm.view_job(bm.values_with({}))[1:3])
    e = out.summary["top_eig"][:, 0]
    assert e[-1] < e[0] / 1.2
    at = settle(app_test(None, "pages/batch_lab.py").run())
    assert not errors(at), errors(at)
    text = " ".join(m.value for m in at.markdown)
    assert "Not the lecture's picture here." in text and "found a flatter minimum than the smallest" in text
    assert f"top eigenvalue {e[-1]:.3g} vs {e[0]:.3g}" in text


@pytest.mark.parametrize("seed", range(4))
def test_search_verdict_names_the_method_that_found_the_lower_loss(seed):
    w = lm.default_where()
    r = lm.search(w, "momentum_lr_mu", 16, seed, 300)
    g, rnd = r.best("grid")[1], r.best("random")[1]
    key = lm.search_verdict(r)
    winner = key.split("_")[0]
    if max(g, rnd) <= lm.SAME_LOSS * min(g, rnd):
        assert winner == "tie"
    else:
        assert winner == ("random" if rnd < g else "grid")
    assert key.endswith("_both")  # on the bowl both lr and momentum matter
