"""Truth checks of the Regularization lab's math (studies/regularization*.py, landscapes/penalised.py):
each regularizer against its definition or an independent implementation (torch, optax, NumPy)."""

from __future__ import annotations

import importlib

import jax
import jax.numpy as jnp
import numpy as np
import pytest

import landscapes
import optimizers
from landscapes import mlp
from landscapes import penalised as pen
from studies import regularization as reg
from studies import regularization_net as rn
from tests.helpers import assert_no_recompile

SPEC = mlp.make_spec(d_in=2, width=8, depth=2, n_classes=2, activation="tanh")


def _quadratic_problem(seed: int = 0, d: int = 6):
    rng = np.random.default_rng(seed)
    a = rng.normal(size=(12, d))
    b = rng.normal(size=12)
    w0 = rng.normal(size=d)
    return a, b, w0


def _ours(opt_name: str, steps: int, lr: float, l2: float, wd: float):
    """Our regularized_update on f(w) = 0.5 |A w - b|^2 (float64)."""
    a, b, w0 = _quadratic_problem()
    opt = optimizers.get(opt_name)
    with jax.enable_x64(True):
        a_j, b_j = jnp.asarray(a), jnp.asarray(b)
        grad = jax.grad(lambda w: 0.5 * jnp.sum((a_j @ w - b_j) ** 2))
        hp = {k: jnp.asarray(v, jnp.float64) for k, v in opt.validate({"lr": lr}).items()}
        w = jnp.asarray(w0)
        state = opt.init(w, hp)
        for _ in range(steps):
            w, state = rn.regularized_update(
                opt, grad, w, state, hp, l2=jnp.asarray(l2), weight_decay=jnp.asarray(wd)
            )
        return np.asarray(w)


def test_the_l2_penalty_adds_lambda_w_to_the_gradient():
    rng = np.random.default_rng(1)
    w = jnp.asarray(rng.normal(size=20), jnp.float32)
    lam = 0.37
    data = lambda v: jnp.sum(jnp.sin(v) * v**2)
    total = jax.grad(lambda v: data(v) + rn.penalty(v, lam, 0.0))(w)
    np.testing.assert_allclose(total, jax.grad(data)(w) + lam * w, rtol=1e-6, atol=1e-6)
    l1 = jax.grad(lambda v: rn.penalty(v, 0.0, 0.2))(w)
    np.testing.assert_allclose(l1, 0.2 * np.sign(np.asarray(w)), rtol=1e-6)


@pytest.mark.parametrize("wd", [1e-2, 0.3])
def test_decoupled_decay_through_adam_is_torch_and_optax_adamw(wd):
    torch = pytest.importorskip("torch")
    optax = pytest.importorskip("optax")
    a, b, w0 = _quadratic_problem()
    lr, steps = 0.05, 60
    ours = _ours("adam", steps, lr, 0.0, wd)
    p = torch.tensor(w0, dtype=torch.float64, requires_grad=True)
    o = torch.optim.AdamW([p], lr=lr, weight_decay=wd)
    at, bt = torch.tensor(a), torch.tensor(b)
    for _ in range(steps):
        o.zero_grad()
        (0.5 * ((at @ p - bt) ** 2).sum()).backward()
        o.step()
    np.testing.assert_allclose(ours, p.detach().numpy(), rtol=1e-6, atol=1e-9)
    # optax mixes its int32 step count into float math: standard promotion for the oracle only
    with jax.enable_x64(True), jax.numpy_dtype_promotion("standard"):
        tx = optax.adamw(lr, weight_decay=wd, eps=1e-8)
        w = jnp.asarray(w0)
        s = tx.init(w)
        grad = jax.grad(lambda v: 0.5 * jnp.sum((jnp.asarray(a) @ v - jnp.asarray(b)) ** 2))
        for _ in range(steps):
            u, s = tx.update(grad(w), s, w)
            w = optax.apply_updates(w, u)
        np.testing.assert_allclose(ours, np.asarray(w), rtol=1e-6, atol=1e-9)
    # and the registry's own AdamW
    np.testing.assert_allclose(ours, _registry_adamw(steps, lr, wd), rtol=1e-9)


def _registry_adamw(steps, lr, wd):
    a, b, w0 = _quadratic_problem()
    opt = optimizers.get("adamw")
    with jax.enable_x64(True):
        grad = jax.grad(lambda w: 0.5 * jnp.sum((jnp.asarray(a) @ w - jnp.asarray(b)) ** 2))
        hp = {k: jnp.asarray(v, jnp.float64) for k, v in opt.validate({"lr": lr, "weight_decay": wd}).items()}
        w = jnp.asarray(w0)
        state = opt.init(w, hp)
        for _ in range(steps):
            w, state, _ = opt.update(grad, w, state, hp)
        return np.asarray(w)


def test_coupled_l2_differs_from_adamw_under_adam_and_equals_it_under_sgd():
    lam = 0.3
    sgd_l2, sgd_wd = _ours("sgd", 50, 0.02, lam, 0.0), _ours("sgd", 50, 0.02, 0.0, lam)
    np.testing.assert_allclose(sgd_l2, sgd_wd, rtol=1e-12, atol=1e-12)
    adam_l2, adam_wd = _ours("adam", 50, 0.05, lam, 0.0), _ours("adam", 50, 0.05, 0.0, lam)
    assert np.max(np.abs(adam_l2 - adam_wd)) > 1e-2
    torch = pytest.importorskip("torch")  # torch's Adam(weight_decay) is the coupled form
    a, b, w0 = _quadratic_problem()
    p = torch.tensor(w0, dtype=torch.float64, requires_grad=True)
    o = torch.optim.Adam([p], lr=0.05, weight_decay=lam)
    for _ in range(50):
        o.zero_grad()
        (0.5 * ((torch.tensor(a) @ p - torch.tensor(b)) ** 2).sum()).backward()
        o.step()
    np.testing.assert_allclose(adam_l2, p.detach().numpy(), rtol=1e-6, atol=1e-9)


def _params(seed=0):
    return rn.init_params(SPEC, jax.random.PRNGKey(seed))


def test_inverted_dropout_keeps_the_expected_activation_and_is_off_at_evaluation():
    spec = mlp.make_spec(d_in=2, width=16, depth=1, n_classes=2, activation="relu")
    params = rn.init_params(spec, jax.random.PRNGKey(3))
    x = jnp.asarray(np.random.default_rng(0).normal(size=(5, 2)), jnp.float32)
    state = rn.init_state(spec)
    clean, _ = rn.forward(spec, params, state, x)
    np.testing.assert_allclose(clean, mlp.apply(spec, params["layers"], x), rtol=1e-6)  # the plain MLP
    p = 0.4
    draws = 20_000
    u = jax.random.uniform(jax.random.PRNGKey(1), (draws, 1, 5, 16))  # one mask per draw, one hidden layer
    outs = jax.vmap(lambda ui: rn.forward(spec, params, state, x, train=True, dropout=p, uniforms=ui)[0])(u)
    mean, se = np.asarray(outs).mean(0), np.asarray(outs).std(0) / np.sqrt(draws)
    assert np.all(np.abs(mean - np.asarray(clean)) < 4 * se + 1e-6), (mean, clean, se)
    assert np.asarray(outs).std(0).min() > 0  # the masks did something
    off, _ = rn.forward(spec, params, state, x, dropout=p, uniforms=u[0])  # evaluation mode
    np.testing.assert_array_equal(off, clean)


def test_label_smoothing_cross_entropy_equals_the_closed_form():
    rng = np.random.default_rng(2)
    z = jnp.asarray(rng.normal(size=(7, 1)) * 3, jnp.float32)
    y = jnp.asarray(rng.integers(0, 2, 7), jnp.int32)
    eps = 0.2
    got = rn.soft_loss(SPEC, z, rn.soft_targets(SPEC, y, eps))
    s = 1 / (1 + np.exp(-np.asarray(z[:, 0], np.float64)))
    t = np.asarray(y) * (1 - eps) + eps / 2
    np.testing.assert_allclose(got, -(t * np.log(s) + (1 - t) * np.log(1 - s)), rtol=1e-5)
    np.testing.assert_allclose(
        rn.soft_loss(SPEC, z, rn.soft_targets(SPEC, y, 0.0)), mlp.per_example_loss(SPEC, z, y), rtol=1e-6
    )
    spec3 = mlp.make_spec(d_in=2, width=4, depth=1, n_classes=4)
    out = jnp.asarray(rng.normal(size=(6, 4)), jnp.float32)
    y3 = jnp.asarray(rng.integers(0, 4, 6), jnp.int32)
    logp = np.asarray(jax.nn.log_softmax(out), np.float64)
    ce = -logp[np.arange(6), np.asarray(y3)]
    closed = (1 - eps) * ce + eps * (-logp.mean(axis=1))  # (1 - eps) CE + eps * uniform CE
    np.testing.assert_allclose(rn.soft_loss(spec3, out, rn.soft_targets(spec3, y3, eps)), closed, rtol=1e-5)


def test_mixup_targets_are_the_convex_combination_and_lambda_is_beta():
    rng = np.random.default_rng(4)
    x = jnp.asarray(rng.normal(size=(6, 2)), jnp.float32)
    t = jnp.asarray(rng.uniform(size=6), jnp.float32)
    partner = jnp.asarray([3, 0, 5, 1, 2, 4])
    lam = jnp.asarray(rng.uniform(size=6), jnp.float32)
    xm, tm = rn.mix(x, t, partner, lam)
    np.testing.assert_allclose(xm, lam[:, None] * x + (1 - lam[:, None]) * x[partner], rtol=1e-6)
    np.testing.assert_allclose(tm, lam * t + (1 - lam) * t[partner], rtol=1e-6)
    t2 = jax.nn.one_hot(jnp.asarray([0, 1, 2, 0, 1, 2]), 3)
    np.testing.assert_allclose(rn.mix(x, t2, partner, lam)[1].sum(axis=1), 1.0, rtol=1e-6)
    for alpha in (0.2, 1.0, 3.0):
        s = np.asarray(rn.mixup_weights(jax.random.key(0, impl=rn.PRNG), jnp.float32(alpha), (200_000,)))
        var = 1 / (4 * (2 * alpha + 1))  # Beta(a, a): mean 1/2, variance 1 / (4 (2a + 1))
        assert abs(s.mean() - 0.5) < 5 * np.sqrt(var / len(s))
        assert abs(s.var() - var) < 0.02 * var
        assert s.min() >= 0 and s.max() <= 1
    assert np.all(np.asarray(rn.mixup_weights(jax.random.key(0, impl=rn.PRNG), jnp.float32(0.0), (10,))) == 1)


def test_batch_norm_normalises_in_training_tracks_the_data_and_uses_the_averages_at_evaluation():
    rng = np.random.default_rng(5)
    z = jnp.asarray(rng.normal(3.0, 2.0, size=(64, 5)), jnp.float32)
    out, mean, var = rn.batch_norm_train(z, jnp.ones(5), jnp.zeros(5))
    np.testing.assert_allclose(np.asarray(out).mean(0), 0, atol=1e-5)
    np.testing.assert_allclose(np.asarray(out).var(0), 1, atol=1e-3)
    spec = mlp.make_spec(d_in=2, width=4, depth=1, n_classes=2)
    params = rn.init_params(spec, jax.random.PRNGKey(0))
    loc, scale = np.array([1.5, -0.5]), np.array([2.0, 0.5])
    state = rn.init_state(spec)
    step = jax.jit(lambda st, xb: rn.forward(spec, params, st, xb, bn_on=1.0, train=True)[1])
    for _ in range(300):
        state = step(state, jnp.asarray(loc + scale * rng.normal(size=(128, 2)), jnp.float32))
    w, b = np.asarray(params["layers"][0]["w"]), np.asarray(params["layers"][0]["b"])
    np.testing.assert_allclose(state.mean[0], loc @ w + b, atol=0.05)  # pre-activation mean of the data
    np.testing.assert_allclose(state.var[0], (scale**2) @ w**2, rtol=0.05)
    x = jnp.asarray(rng.normal(size=(3, 2)), jnp.float32)
    got, same = rn.forward(spec, params, state, x, bn_on=1.0)
    zz = np.asarray(x) @ w + b
    h = np.tanh(
        (zz - np.asarray(state.mean[0])) / np.sqrt(np.asarray(state.var[0]) + rn.BN_EPS)
    )  # gamma 1, beta 0
    want = h @ np.asarray(params["layers"][1]["w"]) + np.asarray(params["layers"][1]["b"])
    np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-6)
    assert same is state  # evaluation leaves the averages alone


def test_batch_norm_matches_torch_in_training_mode():
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(6)
    z = rng.normal(1.0, 3.0, size=(16, 4)).astype(np.float32)
    bn = torch.nn.BatchNorm1d(4)
    want = bn(torch.from_numpy(z)).detach().numpy()
    spec = mlp.make_spec(d_in=4, width=4, depth=1, n_classes=2)
    params = rn.init_params(spec, jax.random.PRNGKey(0))
    params["layers"][0] = {"w": jnp.eye(4), "b": jnp.zeros(4)}
    means, vars_ = [], []
    got = rn._bn_layer(jnp.asarray(z), params["bn"][0], rn.init_state(spec), 0, True, means, vars_)
    np.testing.assert_allclose(got, want, rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(means[0], bn.running_mean.numpy(), rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(vars_[0], bn.running_var.numpy(), rtol=1e-5)


@pytest.mark.parametrize(
    ("val", "patience", "best", "stop"),
    [
        ([5, 4, 3, 3.5, 3.6, 3.7, 2, 1], 3, 2, 5),  # stops before the later, lower minimum
        ([5, 4, 3, 3.5, 3.6, 3.7, 2, 1], 4, 7, 7),  # more patience reaches it
        ([1, 2, 3], 1, 0, 1),
        ([3, 2, 2, 2], 2, 1, 3),  # an equal value is no improvement
        ([3, np.nan, 2.5, 2.4], 1, 0, 1),  # NaN never improves
        ([4, 3, 2, 1], 10, 3, 3),
    ],
)
def test_early_stopping_patience_on_hand_made_curves(val, patience, best, stop):
    assert reg.early_stop(np.asarray(val, float), patience) == (best, stop)


def test_early_stopping_keeps_exactly_the_recorded_validation_minimum():
    rng = np.random.default_rng(7)
    for _ in range(200):
        val = rng.uniform(size=rng.integers(2, 40))
        patience = int(rng.integers(1, 8))
        best, stop = reg.early_stop(val, patience)
        assert best == int(np.argmin(val[: stop + 1]))  # the minimum of what was seen
        assert stop == len(val) - 1 or stop - best == patience  # stopped exactly when patience ran out
        assert reg.early_stop(val, len(val))[0] == int(np.argmin(val))
    assert reg.early_stop(np.array([3, 2.95, 2.9, 1.0]), 2, min_delta=0.1) == (0, 2)
    with pytest.raises(ValueError, match="patience"):
        reg.early_stop(np.ones(3), 0)


def test_polynomial_capacity_is_the_textbook_u():
    pc = reg.poly_capacity()
    b = pc.best - 1
    assert 1 < pc.best < pc.degrees[-1]
    assert np.all(pc.test_mse[:, b] < pc.test_mse[:, 0]) and np.all(pc.test_mse[:, b] < pc.test_mse[:, -1])
    assert np.all(np.diff(pc.train_mse.mean(axis=0)) <= 1e-12)  # nested models: training error never rises
    # against NumPy's own fit in the monomial basis (low degrees, where it is well conditioned)
    c = np.polyfit(pc.x_train[0], pc.y_train[0], 3)
    np.testing.assert_allclose(
        np.mean((np.polyval(c, pc.x_train[0]) - pc.y_train[0]) ** 2), pc.train_mse[0, 2], rtol=1e-8
    )


def test_the_teacher_chooses_which_polynomial_fits_are_drawn():
    default = reg.poly_capacity()
    assert default.shown == (1, default.best, 15)
    pc = reg.poly_capacity(shown=(9, 2, 5))
    assert pc.shown == (2, 5, 9) and pc.fits.shape == (3, len(pc.x_grid))
    # each drawn curve is the least-squares fit of that degree to the first draw (NumPy's own fit)
    for d, fit in zip(pc.shown, pc.fits, strict=True):
        c = np.polynomial.legendre.legfit(pc.x_train[0] / 2.0, pc.y_train[0], d)
        np.testing.assert_allclose(fit, np.polynomial.legendre.legval(pc.x_grid / 2.0, c), atol=1e-8)
    np.testing.assert_array_equal(pc.test_mse, default.test_mse)  # the choice changes only the drawing
    with pytest.raises(ValueError, match="at most 3"):
        reg.poly_capacity(shown=(1, 2, 3, 4))
    with pytest.raises(ValueError, match="16 is not among"):
        reg.poly_capacity(shown=(2, 16))
    with pytest.raises(ValueError, match="0 is not among"):
        reg.choose_shown(range(1, 16), 7, (0,))
    assert reg.choose_shown([1, 2, 4], 2, (4, 4, 1)) == (1, 4)  # duplicates count once


def test_the_capacity_band_on_a_log_axis_is_geometric_and_positive():
    from viz import regularization as vr

    rng = np.random.default_rng(3)
    v = np.exp(rng.normal(0.0, 1.5, size=(8, 5)))  # spread over decades: mean - std < 0
    mean, low, high = vr.spread(v)
    assert np.any(low <= 0)  # why an arithmetic band cannot be drawn on a log axis
    center, low, high = vr.spread(v, geometric=True)
    assert np.all(low > 0)
    np.testing.assert_allclose(center, scipy_gmean(v), rtol=1e-12)
    # symmetric on the log axis: log(center) -/+ the std of log v
    np.testing.assert_allclose(np.log(high) - np.log(center), np.log(v).std(axis=0), rtol=1e-12)
    np.testing.assert_allclose(np.log(center) - np.log(low), np.log(v).std(axis=0), rtol=1e-12)
    fig = vr.capacity_figure(np.arange(1, 6), v, v, best=2, log_y=True)
    line = next(d for d in fig.data if d.name == "test")
    np.testing.assert_allclose(line.y, center, rtol=1e-12)
    assert all(np.all(np.asarray(d.y) > 0) for d in fig.data if d.fill == "toself")
    with pytest.raises(ValueError, match=">= 0"):
        vr.spread(-v, geometric=True)


def scipy_gmean(v):
    from scipy.stats import gmean

    return gmean(v, axis=0)


def test_the_teacher_chooses_which_network_fits_are_drawn():
    cfg = reg.CapacityConfig(widths=(1, 4, 16), n_train=16, steps=30, seeds=2)
    mc = reg.mlp_capacity(cfg)
    assert mc.best in cfg.widths and mc.shown == tuple(sorted({1, mc.best, 16}))
    assert mc.grid_values.shape[0] == 3  # every width's fit: choosing needs no training
    widths, values = mc.fits((4,))
    alone = reg.mlp_capacity(cfg._replace(widths=(4,)))  # the same width and seeds trained by itself
    assert widths == (4,)
    np.testing.assert_allclose(values[0], alone.grid_values[0], rtol=1e-5, atol=1e-6)
    assert mc.fits()[0] == mc.shown
    with pytest.raises(ValueError, match="8 is not among"):
        mc.fits((1, 8))


def test_weight_decay_surface_gradient_curvature_and_minimum():
    s = landscapes.get("booth")
    lam = 3.0
    p = pen.penalised(s, lam)
    rng = np.random.default_rng(8)
    for xy in rng.uniform(-4, 4, size=(5, 2)):
        w = jnp.asarray(xy, jnp.float32)
        np.testing.assert_allclose(jax.grad(p.fn)(w), jax.grad(s.fn)(w) + lam * w, rtol=1e-5, atol=1e-4)
        np.testing.assert_allclose(
            jax.hessian(p.fn)(w), jax.hessian(s.fn)(w) + lam * np.eye(2), rtol=1e-5, atol=1e-4
        )
    h, w_star = (
        np.array([[10.0, 8.0], [8.0, 10.0]]),
        np.array([1.0, 3.0]),
    )  # Booth: 1/2 (w - w*)' H (w - w*) + c
    (m,) = [c for c in landscapes.critical_points(p) if c.kind == "minimum"]
    np.testing.assert_allclose(m.xy, np.linalg.solve(h + lam * np.eye(2), h @ w_star), rtol=1e-10)
    path = pen.minimum_path(s, (1.0, 3.0), [0.0, 1.0, lam, 10.0])
    np.testing.assert_allclose(path[2], m.xy, rtol=1e-10)
    assert np.all(np.diff(np.linalg.norm(path, axis=1)) < 0)  # towards the origin as lambda grows
    with pytest.raises(ValueError, match="outside"):
        pen.penalised(s, -1.0)


def test_lambda_is_traced_on_the_surface():
    s = landscapes.get("rosenbrock")
    pen.minimum_path(s, (1.0, 1.0), [0.0, 0.5])
    landscapes.grid(pen.penalised(s, 0.5), 20)
    grid_mod = importlib.import_module("landscapes.grid")  # the module, not landscapes.grid()
    with assert_no_recompile(pen._follow, grid_mod._eval, what="a new lambda"):
        pen.minimum_path(s, (1.0, 1.0), [0.0, 2.5])
        landscapes.grid(pen.penalised(s, 7.0), 20)


def _tiny_task(**kw):
    return reg.Task(n_train=64, n_val=32, n_test=32, width=8, depth=1, steps=40, seeds=2, records=4, **kw)


def test_new_strengths_and_learning_rates_do_not_recompile():
    task = _tiny_task()
    sets = reg.make_sets(task)
    regs = np.array([rn.strengths(dropout=0.2, l2=1e-3), rn.strengths(dropout=0.5, l2=0.0)], np.float32)
    reg.train(task, regs, sets)
    with assert_no_recompile(rn.train_runs, what="new strengths and learning rate"):
        reg.train(task._replace(lr=0.003), regs * np.float32(0.5), sets)


def test_configurations_are_grouped_by_their_costly_regularizers():
    rows = [rn.strengths()] + [
        rn.strengths(**{n: 1.0 if n == "batch_norm" else 0.1}) for n in rn.REGULARIZERS
    ]
    rows.append(rn.strengths(dropout=0.2, mixup=0.3, l2=1e-3))
    got = [(active, list(idx)) for active, idx in reg.groups(np.array(rows, np.float32))]
    cheap = rn.CHEAP  # switched on by some row: in every program
    assert (
        got
        == [
            (cheap, [0, 1, 2, 3, 7]),  # none, l2, weight decay, l1, label smoothing
            ((*cheap[:3], "dropout", "label_smoothing"), [4]),
            ((*cheap[:3], "input_noise", "label_smoothing"), [5]),
            ((*cheap[:3], "weight_noise", "label_smoothing"), [6]),
            ((*cheap, "mixup"), [8]),
            ((*cheap, "batch_norm"), [9]),
            ((*cheap[:3], "dropout", "label_smoothing", "mixup"), [10]),
        ]
    )
    assert sorted(set(rn.CHEAP) | set(rn.COSTLY)) == sorted(rn.REGULARIZERS)
    # no cheap one switched on: the programs hold only the costly ones
    plain = [(a, list(i)) for a, i in reg.groups(np.array([rn.strengths(), rn.strengths(dropout=0.1)]))]
    assert plain == [((), [0]), (("dropout",), [1])]


def _count_traces(fn):
    """A listener counting traces of the jitted ``fn`` and the list it appends to."""
    from tests.helpers import TRACE_EVENT

    name, seen = fn.__name__, []

    def listen(event, _duration, **kw):
        if event == TRACE_EVENT and kw.get("fun_name") == name:
            seen.append(name)

    return listen, seen


def test_one_program_per_group_and_switching_one_off_reuses_the_others():
    task = _tiny_task(batch=16)
    sets = reg.make_sets(task)
    regs = np.array(
        [rn.strengths(), rn.strengths(l2=1e-3), rn.strengths(dropout=0.2), rn.strengths(mixup=0.4)],
        np.float32,
    )
    listen, seen = _count_traces(rn.train_runs)
    jax.monitoring.register_event_duration_secs_listener(listen)
    try:
        reg.train(task, regs, sets)
    finally:
        jax.monitoring.unregister_event_duration_listener(listen)
    assert len(seen) == len(reg.groups(regs)) == 3
    # mixup switched off, the other strengths moved: the remaining groups' programs are reused
    fewer = regs[:3] * np.float32(0.5)
    with assert_no_recompile(rn.train_runs, what="one regularizer switched off, strengths moved"):
        reg.train(task, fewer, sets)


def test_grouped_training_equals_one_program_holding_every_regularizer():
    task = _tiny_task(batch=16)
    sets = reg.make_sets(task)
    regs = np.array(
        [
            rn.strengths(),
            rn.strengths(l2=1e-2, label_smoothing=0.1),
            rn.strengths(dropout=0.3),
            rn.strengths(weight_noise=0.1),
            rn.strengths(mixup=0.4, input_noise=0.2),
            rn.strengths(batch_norm=1.0, weight_decay=0.1),
        ],
        np.float32,
    )
    grouped = reg.train(task, regs, sets)
    spec = reg.make_spec(task, sets.n_classes)
    ev = tuple(
        (jnp.asarray(x), jnp.asarray(y))
        for x, y in ((sets.x_train, sets.y_train), (sets.x_val, sets.y_val), (sets.x_test, sets.y_test))
    )
    w, st, rec = rn.train_runs(
        spec,
        task.optimizer,
        16,
        task.steps,
        reg.every_of(task),
        ev[0],
        ev,
        reg._hp(task),
        jnp.asarray(regs),
        jnp.arange(task.seeds, dtype=jnp.uint32),
        active=rn.REGULARIZERS,
    )
    # strength 0 is an exact no-op, and a seed's random numbers do not depend on the program
    np.testing.assert_allclose(grouped.final_w, np.asarray(w), rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(grouped.curves, np.asarray(rec), rtol=1e-4, atol=1e-5)
    # batch norm's running averages (used only where it is on)
    np.testing.assert_allclose(grouped.bn_var[0][5], np.asarray(st.var[0])[5], rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(grouped.bn_mean[0][5], np.asarray(st.mean[0])[5], rtol=1e-4, atol=1e-5)


def test_strength_zero_is_no_regularization_and_runs_are_paired():
    task = _tiny_task()
    sets = reg.make_sets(task)
    a = reg.train(task, np.zeros((1, len(rn.REGULARIZERS)), np.float32), sets)
    both = reg.train(task, np.array([rn.strengths(), rn.strengths(dropout=0.3)], np.float32), sets)
    # the same seed: the same start and the same mini-batches, whichever program trains it
    np.testing.assert_allclose(both.final_w[0], a.final_w[0], rtol=1e-4, atol=1e-5)
    np.testing.assert_array_equal(both.curves[0, :, 0], both.curves[1, :, 0])
    assert not np.allclose(both.final_w[1], both.final_w[0])
    # every regularizer in the program (mixup's Beta sampler, noise, masks, batch norm) at strength 0
    all_on = rn.strengths(
        l2=1e-3,
        weight_decay=1e-3,
        l1=1e-4,
        dropout=0.1,
        input_noise=0.1,
        weight_noise=0.1,
        label_smoothing=0.1,
        mixup=0.4,
        batch_norm=1.0,
    )
    every = reg.train(task, np.array([rn.strengths(), all_on], np.float32), sets)
    assert rn.active_of(every.regs) == rn.REGULARIZERS
    np.testing.assert_allclose(every.final_w[0], a.final_w[0], rtol=1e-4, atol=1e-5)
    assert np.all(np.isfinite(every.curves)) and not np.allclose(every.final_w[1], every.final_w[0])


@pytest.mark.parametrize("chunk_floats", [rn.CHUNK_NOISE_FLOATS, 0])
def test_weight_noise_drawn_by_chunk_or_by_step(monkeypatch, chunk_floats):
    # a chunk's noise in one draw, or (over the size limit) a draw per step: both are the same
    # N(0, sigma^2) perturbation, switched off at strength 0
    monkeypatch.setattr(rn, "CHUNK_NOISE_FLOATS", chunk_floats)
    rn.train_runs.clear_cache()  # the limit is read when tracing
    task = _tiny_task(batch=16)
    sets = reg.make_sets(task)
    tr = reg.train(
        task, np.array([rn.strengths(), rn.strengths(weight_noise=0.0), rn.strengths(weight_noise=0.3)]), sets
    )
    rn.train_runs.clear_cache()  # no program of this limit left for the other tests
    np.testing.assert_allclose(tr.final_w[1], tr.final_w[0], rtol=1e-4, atol=1e-5)
    assert np.all(np.isfinite(tr.curves)) and not np.allclose(tr.final_w[2], tr.final_w[0], atol=1e-3)


def test_strengths_are_checked():
    with pytest.raises(ValueError, match="dropout"):
        rn.strengths(dropout=0.95)
    with pytest.raises(ValueError, match="Unknown regularizer"):
        rn.strengths(dropuot=0.1)
    with pytest.raises(ValueError, match="batch_norm"):
        rn.strengths(batch_norm=0.5)
    with pytest.raises(ValueError, match="n_train"):
        reg.check_task(reg.Task(n_train=3))
