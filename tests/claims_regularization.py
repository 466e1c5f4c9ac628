"""The Regularization lab's preset claims (merged into CLAIMS by tests/test_preset_claims.py).

Each check reads what the page shows for the preset: the stored result of its job
(presets/precomputed/), or the page's own cached computation for the cheap views.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

import numpy as np

import landscapes
import presets
from studies import regularization as reg
from studies import store
from ui import regularization_model as rm


@functools.cache
def shown(preset_id: str):
    """(control values, what the page computes for them) of a Regularization-lab preset."""
    v = rm.values_with(dict(presets.get(preset_id).values))
    if v["view"] == "capacity" and v["cap_model"] == "poly":
        return v, reg.poly_capacity(
            n_train=int(v["cap_n"]), noise=float(v["cap_noise"]), seeds=int(v["cap_seeds"])
        )
    if v["view"] == "surface":
        return v, rm.surface_view.__wrapped__(v["surf"], float(v["lam"]))
    spec = rm.view_job(v)
    out = store.lookup(spec.func, spec.args)
    assert out is not None, f"{preset_id} is shown from its stored result"
    return v, out


def r3(x) -> float:
    return round(float(x), 3)


def _poly_claims():
    pc = lambda: shown("reg_capacity")[1]
    best = lambda: pc().best - 1
    return [
        (
            "degree 1 to 15 on 8 draws of 30 noisy points",
            lambda: list(pc().degrees) == list(range(1, 16)) and pc().x_train.shape == (8, 30),
        ),
        ("Degree 7 has the least test error", lambda: pc().best == 7),
        (
            "In every draw its test error is below that of degree 1",
            lambda: bool(
                np.all(pc().test_mse[:, best()] < pc().test_mse[:, 0])
                & np.all(pc().test_mse[:, best()] < pc().test_mse[:, -1])
            ),
        ),
        (
            "degree 15 has the lowest training error of all",
            lambda: int(np.argmin(pc().train_mse.mean(axis=0))) == len(pc().degrees) - 1,
        ),
    ]


def _early():
    v, view = shown("reg_early")
    return v, view, reg.stopping(view, int(v["e_patience"]), v["e_metric"]), reg.selection_optimism(view)


def _early_claims():
    return [
        (
            "2-64-64-1 network on 100 points of two moons with 30% flipped labels, "
            "16 runs of 3,000 Adam steps",
            lambda: (
                _early()[1].task
                == reg.early_task(label_noise=0.3, width=64, lr=0.02, steps=3000, seeds=16, records=60)
                and _early()[1].task.depth == 2
                and _early()[1].task.n_train == 100
            ),
        ),
        (
            "test error of 0.117 on average against 0.250",
            lambda: (
                r3(_early()[2].test_best.mean()) == 0.117
                and r3(_early()[2].test_end.mean()) == 0.250
                and _early()[0]["e_patience"] == 5
                and _early()[0]["e_metric"] == "loss"
            ),
        ),
        ("lower in every run", lambda: bool(np.all(_early()[2].test_best < _early()[2].test_end))),
        (
            "the one of least test error reports 0.070 but makes 0.157 on fresh data",
            lambda: (
                _early()[3].candidates == 976
                and r3(_early()[3].by_test_test) == 0.070
                and r3(_early()[3].by_test_fresh) == 0.157
            ),
        ),
        ("the one chosen on validation makes 0.123 there", lambda: r3(_early()[3].by_val_fresh) == 0.123),
    ]


def _surface():
    v, sv = shown("reg_surface")
    return v, sv, landscapes.get("booth")


def _shrink() -> np.ndarray:
    """Each coordinate of the penalised minimum over the original's, in the Hessian's eigenbasis."""
    _, sv, _ = _surface()
    vec = sv.base_min.eigenvectors
    return (vec.T @ np.asarray(sv.pen_min.xy)) / (vec.T @ np.asarray(sv.base_min.xy))


def _surface_claims():
    return [
        (
            "the minimum moves from (1, 3) to (1.280, 1.851)",
            lambda: (
                np.allclose(_surface()[1].base_min.xy, (1, 3), atol=1e-9)
                and [r3(c) for c in _surface()[1].pen_min.xy] == [1.280, 1.851]
            ),
        ),
        (
            "rise from 2 and 18 to 7 and 23, each by exactly λ = 5",
            lambda: (
                np.allclose(_surface()[1].base_min.eigenvalues, (2, 18), atol=1e-9)
                and np.allclose(
                    np.asarray(_surface()[1].pen_min.eigenvalues) - _surface()[1].base_min.eigenvalues,
                    5.0,
                    atol=1e-9,
                )
            ),
        ),
        (
            "its coordinate by 2/7, the steep one by 18/23",
            lambda: np.allclose(_shrink(), (2 / 7, 18 / 23), atol=1e-9),
        ),
    ]


def _pairs():
    v, view = shown("reg_l2_adamw")
    return v, view.pairs


def _pair_claims():
    def at(name, what):
        _, p = _pairs()
        return getattr(p, what)[p.optimizers.index(name)].mean()

    return [
        ("The same λ = 0.001", lambda: _pairs()[1].lam == 0.001 and _pairs()[0]["weight_decay"] == 0.001),
        (
            "both end with norm 14.02",
            lambda: (
                [round(float(at("sgd", "norm_l2")), 2), round(float(at("sgd", "norm_decay")), 2)]
                == [14.02, 14.02]
            ),
        ),
        (
            "the L2 run ends with norm 8.2 and test error 0.089, "
            "the AdamW run with norm 32.3 and test error 0.111",
            lambda: (
                [
                    round(float(at("adam", "norm_l2")), 1),
                    r3(at("adam", "test_l2")),
                    round(float(at("adam", "norm_decay")), 1),
                    r3(at("adam", "test_decay")),
                ]
                == [8.2, 0.089, 32.3, 0.111]
            ),
        ),
    ]


def _sweep():
    return shown("reg_wd_sweep")[1]


def _sweep_claims():
    test = lambda: _sweep().error("test").mean(axis=1)
    return [
        (
            "from 1e-6 to 1 in 13 steps, 6 seeds each",
            lambda: (
                np.isclose(_sweep().values[0], 1e-6)
                and np.isclose(_sweep().values[-1], 1.0)
                and len(_sweep().values) == 13
                and _sweep().task.seeds == 6
                and _sweep().task.label_noise == 0.2
            ),
        ),
        (
            "The least validation error is at 0.316, where the test error is 0.090, below 0.118 at 1e-6",
            lambda: (
                r3(_sweep().values[_sweep().best]) == 0.316
                and r3(test()[_sweep().best]) == 0.090
                and r3(test()[0]) == 0.118
            ),
        ),
        ("0.155 at 1", lambda: r3(test()[-1]) == 0.155 and test()[-1] > test()[_sweep().best]),
        (
            "the training error rises to 0.268",
            lambda: (
                r3(_sweep().error("train").mean(axis=1)[-1]) == 0.268
                and _sweep().error("train").mean(axis=1)[-1] == _sweep().error("train").mean(axis=1).max()
            ),
        ),
    ]


def _all():
    view = shown("reg_all")[1]
    return view, reg.summary(view.trained, view.top_eig)


def _all_claims():
    def err(name):
        view, sm = _all()
        return r3(sm["test_error"][view.labels.index(name), 0])

    def regularized() -> list[int]:
        view, _ = _all()
        return [i for i, n in enumerate(view.labels) if n != "none"]

    def col(name: str) -> np.ndarray:
        return _all()[1][name][:, 0]

    def flattest() -> list[str]:
        view, sm = _all()
        return [view.labels[i] for i in np.argsort(sm["top_eig"][:, 0])[:2]]

    none = lambda: _all()[0].labels.index("none")
    return [
        (
            "20% flipped labels, a 2-32-32-1 ReLU network, 2,000 Adam steps, 3 seeds",
            lambda: _all()[0].task._replace(records=40) == reg.Task() and _all()[0].labels[0] == "none",
        ),
        ("Without one the test error is 0.121", lambda: err("none") == 0.121),
        (
            "Every regularizer lowers it, to between 0.084 (input noise) and 0.108 (label smoothing)",
            lambda: (
                bool(np.all(col("test_error")[regularized()] < col("test_error")[none()]))
                and _all()[0].labels[int(np.argmin(col("test_error")))] == "input_noise"
                and err("input_noise") == 0.084
                and max(regularized(), key=lambda i: col("test_error")[i])
                == _all()[0].labels.index("label_smoothing")
                and err("label_smoothing") == 0.108
            ),
        ),
        (
            "Every one also ends at a smaller top Hessian eigenvalue than no regularization (3.75)",
            lambda: (
                bool(np.all(col("top_eig")[regularized()] < col("top_eig")[none()]))
                and round(float(col("top_eig")[none()]), 2) == 3.75
            ),
        ),
        (
            "dropout (0.81) and mixup (0.86) end flattest",
            lambda: (
                flattest() == ["dropout", "mixup"]
                and [round(float(col("top_eig")[_all()[0].labels.index(n)]), 2) for n in flattest()]
                == [0.81, 0.86]
            ),
        ),
        (
            "No regularization ends with the largest weight norm (33.2)",
            lambda: int(np.argmax(col("norm"))) == none() and round(float(col("norm")[none()]), 1) == 33.2,
        ),
    ]


def claims() -> dict[str, list[tuple[str, Callable[[], bool]]]]:
    """Preset id -> [(a phrase of its English lesson, a check of the numbers)]."""
    return {
        "reg_capacity": _poly_claims(),
        "reg_early": _early_claims(),
        "reg_surface": _surface_claims(),
        "reg_l2_adamw": _pair_claims(),
        "reg_wd_sweep": _sweep_claims(),
        "reg_all": _all_claims(),
    }
