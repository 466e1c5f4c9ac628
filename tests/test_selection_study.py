"""The model-selection studies against the truth they are built on and against independent
implementations: scikit-learn's splitters and trees, NumPy's polynomial fit, optax's Adam, optuna."""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np
import optax
import pytest
from sklearn.model_selection import KFold, TimeSeriesSplit
from sklearn.tree import DecisionTreeRegressor

from landscapes import mlp
from studies import selection as sel
from studies.selection import nets, polyfit, splits, truth
from tests.helpers import assert_no_recompile

# ---- splits: equal to scikit-learn's, and the properties the lecture states


@pytest.mark.parametrize(
    ("n", "k", "seed"), [(10, 2, None), (23, 5, None), (23, 5, 7), (40, 10, 3), (7, 7, 1)]
)
def test_kfold_equals_scikit_learn_and_partitions(n, k, seed):
    ours = splits.kfold_tests(n, k, seed)
    kf = KFold(k, shuffle=seed is not None, random_state=seed)
    theirs = [np.sort(test) for _, test in kf.split(np.zeros(n))]
    assert len(ours) == k
    for a, b in zip(ours, theirs, strict=True):
        np.testing.assert_array_equal(a, b)
    # every sample is in exactly one test fold
    np.testing.assert_array_equal(np.sort(np.concatenate(ours)), np.arange(n))
    fold = splits.kfold_assignment(n, k, seed)
    masks = splits.fold_masks(fold, k)
    np.testing.assert_array_equal(masks.sum(0), np.full(n, k - 1))
    for j, test in enumerate(ours):
        assert not masks[j, test].any() and masks[j].sum() == n - len(test)


@pytest.mark.parametrize(
    ("n", "splits_", "test_size", "gap", "max_train"),
    [(100, 5, None, 0, None), (120, 5, 12, 0, 60), (50, 3, 7, 2, None), (30, 4, 5, 1, 10)],
)
def test_rolling_origin_equals_time_series_split_and_never_trains_on_the_future(
    n, splits_, test_size, gap, max_train
):
    ours = splits.rolling_origin(n, splits_, test_size, gap, max_train)
    tss = TimeSeriesSplit(splits_, test_size=test_size, gap=gap, max_train_size=max_train)
    theirs = list(tss.split(np.zeros(n)))
    assert len(ours) == len(theirs) == splits_
    for (tr, te), (tr2, te2) in zip(ours, theirs, strict=True):
        np.testing.assert_array_equal(tr, tr2)
        np.testing.assert_array_equal(te, te2)
        assert tr.max() < te.min() - gap


def test_split_limits_raise_clear_messages():
    with pytest.raises(ValueError, match="k = 1 folds"):
        splits.kfold_tests(10, 1)
    with pytest.raises(ValueError, match="k = 11 folds"):
        splits.kfold_tests(10, 11)
    with pytest.raises(ValueError, match="do not fit"):
        splits.rolling_origin(10, 5, test_size=3)
    with pytest.raises(ValueError, match="hold-out fraction"):
        splits.holdout_mask(10, 1.0, np.random.default_rng(0))


def test_bootstrap_counts_and_holdout():
    counts = splits.bootstrap_counts(np.random.default_rng(0), 50, (2000,))
    np.testing.assert_array_equal(counts.sum(1), 50)
    # a point is left out of a resample with probability (1 - 1/n)^n (about 36.4% for n = 50)
    np.testing.assert_allclose((counts == 0).mean(), (1 - 1 / 50) ** 50, atol=0.005)
    held = splits.holdout_mask(40, 0.2, np.random.default_rng(1))
    assert held.sum() == 8


# ---- truth, polynomial fits


def test_decomposition_is_an_identity():
    rng = np.random.default_rng(0)
    f = rng.normal(size=30)
    pred = f + 0.3 + rng.normal(size=(3, 50, 30))
    bias2, var = truth.decompose(pred, f)
    np.testing.assert_allclose(bias2 + var, np.mean((pred - f) ** 2, axis=(-2, -1)), rtol=1e-12)
    # variance: unbiased over the sets; bias^2 about 0.3^2
    np.testing.assert_allclose(var, np.mean(np.var(pred, axis=-2, ddof=1), -1), rtol=1e-12)
    assert np.all(np.abs(bias2 - 0.09) < 0.05)


def test_polyfit_equals_numpy_and_counts_equal_repeated_points():
    rng = np.random.default_rng(1)
    x = rng.uniform(-2, 2, 25)
    y = truth.curve(x) + 0.2 * rng.normal(size=25)
    xe = truth.eval_grid(41)
    for d in (0, 1, 3, 7):
        ours = polyfit.predict(polyfit.fit(x, y, d), xe)
        np.testing.assert_allclose(ours, np.polyval(np.polyfit(x, y, d), xe), rtol=1e-7, atol=1e-8)
    counts = splits.bootstrap_counts(rng, 25, ())
    rep_x, rep_y = np.repeat(x, counts), np.repeat(y, counts)
    np.testing.assert_allclose(
        polyfit.predict(polyfit.fit(x, y, 4, counts), xe),
        np.polyval(np.polyfit(rep_x, rep_y, 4), xe),
        rtol=1e-7,
        atol=1e-8,
    )
    with pytest.raises(ValueError, match="degree = 21"):
        polyfit.fit(x, y, 21)


def test_true_slope_equals_the_best_line_through_the_curve():
    from scipy.integrate import quad

    # Cov(x, f) / Var(x) for x uniform on [-2, 2] (E[x] = 0), by numerical quadrature
    cov = quad(lambda x: x * truth.curve(x), -2, 2, epsabs=1e-13)[0] / 4
    np.testing.assert_allclose(sel.true_slope(), cov / (4 / 3), rtol=1e-10)


def test_series_noise_has_the_stated_variance_and_correlation():
    s = truth.make_series(truth.rng_for(0, 1), 400, 200, 12, 0.5, 1.0, 0.5, corr=0.8)
    e = (s.y - s.truth) / 0.5
    np.testing.assert_allclose(e.var(), 1.0, atol=0.05)
    np.testing.assert_allclose(np.mean(e[:, 1:] * e[:, :-1]), 0.8, atol=0.03)


# ---- the network engine


@jax.numpy_dtype_promotion("standard")  # optax 0.2.8 itself mixes Python floats with int counters
def _optax_fit(spec, x, y, w, seed, lr, wd, steps, w0=None):
    """One network trained by a plain loop of optax's Adam on the same objective (from the
    initialisation of ``seed``, or from the flat weights ``w0``)."""
    mask = jnp.asarray(nets.l2_mask(spec))
    w0 = mlp.init_flat(spec, jax.random.PRNGKey(seed)) if w0 is None else jnp.asarray(w0)

    def objective(p):
        out = mlp.apply(spec, mlp.unflatten(spec, p), x)
        return jnp.sum(w * mlp.per_example_loss(spec, out, y)) / jnp.sum(w) + 0.5 * wd * jnp.sum(mask * p * p)

    opt = optax.adam(lr)

    def step(_, carry):
        p, state = carry
        upd, state = opt.update(jax.grad(objective)(p), state)
        return optax.apply_updates(p, upd), state

    p, _ = jax.jit(lambda c: jax.lax.fori_loop(0, steps, step, c))((w0, opt.init(w0)))
    return p, objective(p)


def test_fit_many_equals_an_optax_loop_and_ignores_padding():
    spec = mlp.make_spec(d_in=1, width=5, depth=1, n_classes=0, activation="tanh")
    x, y = (a[0] for a in truth.draw_sets(truth.rng_for(0, 9), 1, 20, 0.3))
    w = np.ones((3, 20), np.float32)
    w[1, :5] = 0.0  # a training mask
    w[2] = splits.bootstrap_counts(np.random.default_rng(2), 20, ())  # a resample
    lr, wd = np.array([0.02, 0.05, 0.01]), np.array([0.0, 1e-3, 0.1])
    out = nets.train(spec, 60, x[:, None], y, w, np.array([0, 1, 2]), lr, wd, x[:4, None])
    for r in range(3):
        p, obj = _optax_fit(
            spec, x[:, None].astype(np.float32), y.astype(np.float32), w[r], r, lr[r], wd[r], 60
        )
        pred = mlp.apply(spec, mlp.unflatten(spec, p), x[:, None].astype(np.float32))[:, 0]
        np.testing.assert_allclose(out.out_train[r], pred, rtol=2e-4, atol=2e-5)
        np.testing.assert_allclose(out.out_eval[r], pred[:4], rtol=2e-4, atol=2e-5)
        np.testing.assert_allclose(out.final_loss[r], obj, rtol=2e-4)
    # the same replicas in a larger bucket (more replicas, more padding) give the same networks
    more = nets.train(
        spec,
        60,
        x[:, None],
        y,
        np.concatenate([w] * 4),
        np.tile([0, 1, 2], 4),
        np.tile(lr, 4),
        np.tile(wd, 4),
        x[:4, None],
    )
    np.testing.assert_allclose(more.out_train[:3], out.out_train, rtol=1e-5, atol=1e-6)


def test_fit_many_does_not_recompile_on_new_values_inside_a_bucket():
    spec = mlp.make_spec(d_in=1, width=3, depth=1, n_classes=0, activation="tanh")
    x, y = (a[0] for a in truth.draw_sets(truth.rng_for(0, 9), 1, 20, 0.3))
    nets.train(spec, 10, x[:, None], y, np.ones((5, 20)), np.arange(5), 0.01, 0.0, x[:3, None])
    with assert_no_recompile(
        nets.fit_many, what="new data, replicas, samples, lr and weight decay in a bucket"
    ):
        x2, y2 = (a[0] for a in truth.draw_sets(truth.rng_for(1, 9), 1, 18, 0.9))
        nets.train(spec, 10, x2[:, None], y2, np.ones((7, 18)), np.arange(7) + 3, 0.2, 0.5, x2[:3, None])


def _narrow(spec, flat, c):
    """The width-``c`` network held by the first ``c`` hidden units of a one-hidden-layer ``flat``."""
    (l1, l2) = mlp.unflatten(spec, flat)
    narrow = mlp.make_spec(d_in=spec.sizes[0], width=c, depth=1, n_classes=spec.n_classes, activation="tanh")
    p = [{"w": l1["w"][:, :c], "b": l1["b"][:c]}, {"w": l2["w"][:c], "b": l2["b"]}]
    return narrow, mlp.flatten(p)


def test_masked_units_train_exactly_a_network_of_that_width():
    spec = mlp.make_spec(d_in=1, width=8, depth=1, n_classes=0, activation="tanh")
    x, y = (a[0] for a in truth.draw_sets(truth.rng_for(0, 9), 1, 20, 0.3))
    units, lr, wd = np.array([3, 8, 5]), np.array([0.02, 0.05, 0.01]), np.array([0.0, 1e-3, 0.1])
    w = np.ones((3, 20), np.float32)
    out = nets.train(spec, 60, x[:, None], y, w, np.array([0, 1, 2]), lr, wd, x[:4, None], units=units)
    xf, yf = x[:, None].astype(np.float32), y.astype(np.float32)
    for r, c in enumerate(units):
        w0 = nets.initial_weights(spec, r, int(c))
        layers = mlp.unflatten(spec, w0)
        # the masked units start (and stay) at zero; the active ones start as a width-c network
        # would: LeCun variance 1/c in the output layer (the same normal draws, rescaled)
        assert not np.any(np.asarray(layers[0]["w"])[:, c:]) and not np.any(np.asarray(layers[1]["w"])[c:])
        full = mlp.init_params(spec, jax.random.PRNGKey(r))
        np.testing.assert_allclose(layers[1]["w"][:c], full[1]["w"][:c] * np.sqrt(8 / c), rtol=1e-6)
        narrow, start = _narrow(spec, w0, int(c))
        p, obj = _optax_fit(narrow, xf, yf, w[r], r, lr[r], wd[r], 60, w0=start)
        pred = mlp.apply(narrow, mlp.unflatten(narrow, p), xf)[:, 0]
        np.testing.assert_allclose(out.out_train[r], pred, rtol=2e-4, atol=2e-5)
        np.testing.assert_allclose(out.final_loss[r], obj, rtol=2e-4)
    # all units active: exactly the plain network of the spec (landscapes.mlp's initialisation)
    np.testing.assert_array_equal(
        nets.initial_weights(spec, 4, 8), mlp.init_flat(spec, jax.random.PRNGKey(4))
    )


def test_widths_of_a_bucket_and_new_values_share_one_program():
    assert [nets.width_bucket(c) for c in (1, 3, 4, 5, 8, 9, 64, 65, 256)] == [
        4,
        4,
        4,
        8,
        8,
        16,
        64,
        128,
        256,
    ]
    cfg = sel.BVConfig(model="mlp", capacities=(3, 5), n_train=20, sets=6, steps=20)
    sel.run_bias_variance(cfg)  # compiles the width buckets 4 and 8
    with assert_no_recompile(nets.fit_many, what="new widths inside their buckets, noise, lr, seed, sets"):
        sel.run_bias_variance(cfg._replace(capacities=(4, 7)))
        sel.run_bias_variance(cfg._replace(capacities=(1, 6), noise=0.7, lr=0.03, seed=5, sets=7))


def test_net_limits():
    spec = mlp.make_spec(d_in=1, width=3, depth=1, n_classes=0, activation="tanh")
    x = np.zeros((4, 1))
    with pytest.raises(ValueError, match="steps = 0"):
        nets.train(spec, 0, x, np.zeros(4), np.ones((1, 4)), [0], 0.1, 0.0, x)
    with pytest.raises(ValueError, match="non-negative"):
        nets.train(spec, 5, x, np.zeros(4), -np.ones((1, 4)), [0], 0.1, 0.0, x)
    with pytest.raises(ValueError, match="weight decay"):
        nets.train(spec, 5, x, np.zeros(4), np.ones((1, 4)), [0], 0.1, -1.0, x)
    assert [nets.bucket(n) for n in (1, 8, 9, 16, 17, 33, 100)] == [8, 8, 10, 16, 20, 40, 112]
    for n in range(9, 3000):
        assert n <= nets.bucket(n) <= 1.25 * n


# ---- bias-variance


@pytest.mark.parametrize("source", ["fresh", "bootstrap"])
def test_bias2_plus_variance_plus_noise_is_the_measured_test_error(source):
    calls = []
    cfg = sel.BVConfig(capacities=(1, 3, 5, 9, 12), n_train=40, noise=0.4, sets=300, source=source, seed=3)
    r = sel.run_bias_variance(cfg, progress=lambda f, info: calls.append(info[1]["c"]))
    assert calls == [1, 3, 5, 9, 12]
    np.testing.assert_allclose(r.bias2 + r.variance, r.sq_err.mean(1), rtol=1e-10)
    # measured on fresh noisy labels: equal within Monte Carlo error
    z = np.abs(r.bias2 + r.variance + r.noise - r.test_mse) / r.test_se
    assert z.max() < 4, z
    if source == "fresh":
        # the lecture's shape: bias falls and variance grows with the degree
        assert r.bias2[0] > 5 * r.bias2[-1] and r.variance[-1] > 5 * r.variance[0]
        assert 0 < r.best < len(cfg.capacities) - 1
        assert np.all(np.diff(r.train_mse) < 1e-12)  # nested least squares: training error never rises


def test_bias_variance_with_networks_of_several_widths_in_one_call():
    cfg = sel.BVConfig(model="mlp", capacities=(1, 16), n_train=30, noise=0.3, sets=24, steps=300, lr=0.03)
    r = sel.run_bias_variance(cfg)
    z = np.abs(r.bias2 + r.variance + r.noise - r.test_mse) / r.test_se
    assert z.max() < 4 and np.all(r.variance > 0)
    assert r.bias2[0] > r.bias2[1]  # one tanh unit cannot follow sin 3x
    assert r.curves.shape == (2, 20, truth.EVAL_POINTS)
    # width 1 trained with width 3 in their bucket's call: the same networks as width 1 alone
    both = sel.run_bias_variance(cfg._replace(capacities=(1, 3)))
    alone = sel.run_bias_variance(cfg._replace(capacities=(1,)))
    np.testing.assert_allclose(both.curves[0], alone.curves[0], rtol=1e-4, atol=1e-5)


def test_bias_variance_limits():
    for bad, msg in [
        (sel.BVConfig(model="tree"), "Unknown model"),
        (sel.BVConfig(capacities=(1, 21)), "capacity 21"),
        (sel.BVConfig(capacities=(1, 1)), "different capacities"),
        (sel.BVConfig(sets=1), "sets = 1"),
        (sel.BVConfig(noise=3.0), "noise = 3.0"),
        (sel.BVConfig(source="jackknife"), "Unknown source"),
    ]:
        with pytest.raises(ValueError, match=msg):
            sel.run_bias_variance(bad)


# ---- bootstrap


def test_bootstrap_interval_covers_the_true_slope_at_about_its_level():
    r = sel.run_bootstrap(
        sel.BootConfig(statistic="slope", n=30, noise=0.5, resamples=500, repeats=400, level=0.9)
    )
    np.testing.assert_allclose(r.true_value, sel.true_slope())
    # 400 intervals: the binomial standard error at 0.9 is 0.015
    assert abs(r.coverage - 0.9) < 0.05, r.coverage
    assert r.interval[0] < r.estimate < r.interval[1]
    np.testing.assert_allclose(r.interval, np.quantile(r.boot, [0.05, 0.95]))
    # the bootstrap spread estimates the true sampling spread
    assert 0.7 < r.boot.std() / r.fresh.std() < 1.4
    assert abs(r.fresh.mean() - r.true_value) < 4 * r.fresh.std() / np.sqrt(len(r.fresh))
    np.testing.assert_array_equal(r.counts.sum(1), 30)


def test_bootstrap_of_the_test_error_is_exact_per_resample_and_pessimistic():
    cfg = sel.BootConfig(statistic="error", degree=3, n=30, noise=0.5, resamples=200, fresh=300, repeats=0)
    r = sel.run_bootstrap(cfg)
    # the first resample's statistic recomputed from its counts: a degree-3 fit's exact test error
    coef = np.polyfit(np.repeat(r.x, r.counts[0]), np.repeat(r.y, r.counts[0]), 3)
    xe = truth.eval_grid()
    exact = np.mean((np.polyval(coef, xe) - truth.curve(xe)) ** 2) + 0.25
    np.testing.assert_allclose(r.boot[0], exact, rtol=1e-8)
    assert r.boot.mean() > r.fresh.mean()  # fewer distinct points per resample: a worse model
    assert r.cover_lo.size == 0


# ---- bagging


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_bagging_trees_lowers_the_variance_and_the_bias_stays_small(seed):
    r = sel.run_bagging(sel.BagConfig(model="tree", seed=seed))
    assert r.var_bagged < 0.8 * r.var_single
    assert r.bias2_bagged < 0.2 * r.var_single  # the bias stays small next to what bagging removes
    # bias^2 + variance of the single models is their mean squared distance from the truth
    np.testing.assert_allclose(r.bias2_single + r.var_single, np.mean((r.single - r.truth) ** 2), rtol=1e-10)
    np.testing.assert_allclose(r.single_test, np.mean((r.single - r.truth) ** 2, 1) + r.noise, rtol=1e-10)
    # out-of-bag error estimates the bagged model's test error
    assert abs(r.oob.mean() - r.bagged_test.mean()) < 0.25 * r.bagged_test.mean()


def test_a_weighted_tree_is_the_tree_of_the_resample():
    rng = np.random.default_rng(0)
    x, y = (a[0] for a in truth.draw_sets(rng, 1, 30, 0.3))
    counts = splits.bootstrap_counts(rng, 30, ())
    xe = truth.eval_grid()
    weighted = DecisionTreeRegressor(random_state=0).fit(x[:, None], y, sample_weight=counts)
    repeated = DecisionTreeRegressor(random_state=0).fit(np.repeat(x, counts)[:, None], np.repeat(y, counts))
    np.testing.assert_allclose(weighted.predict(xe[:, None]), repeated.predict(xe[:, None]))


@pytest.mark.parametrize("seed", [0, 1])
def test_bagging_networks_lowers_the_variance_on_the_default_setting(seed):
    r = sel.run_bagging(sel.BagConfig(seed=seed))
    assert r.var_bagged < r.var_single
    # the variance of the average of b members falls with b; the bias hardly moves
    assert r.var_by_members[-1] < 0.5 * r.var_by_members[0]
    assert abs(r.bias2_bagged - r.bias2_single) < 0.5 * (r.var_single - r.var_bagged)
    # a point is in all 16 resamples of 30 with probability (1 - (29/30)^30)^16 < 0.001
    assert r.oob_coverage.mean() > 0.99


def test_bagging_limits():
    with pytest.raises(ValueError, match="members = 1"):
        sel.run_bagging(sel.BagConfig(members=1))
    with pytest.raises(ValueError, match="Unknown model"):
        sel.run_bagging(sel.BagConfig(model="forest"))


# ---- boosting


@pytest.fixture(scope="module")
def boost():
    cfg = sel.BoostConfig(n_train=200, rounds=200, rate=0.1, compare=(1.0, 0.03), label_noise=0.2, depth=2)
    return cfg, sel.run_boosting(cfg)


def test_boosting_curves_equal_a_model_refitted_with_fewer_rounds(boost):
    from sklearn.ensemble import GradientBoostingClassifier
    from sklearn.metrics import log_loss

    from landscapes import data as data_mod

    cfg, r = boost
    np.testing.assert_array_equal(r.rates, [1.0, 0.1, 0.03])
    ds = data_mod.make(
        cfg.dataset,
        n_train=cfg.n_train,
        n_test=sel.boosting.N_TEST,
        noise=cfg.noise,
        label_noise=cfg.label_noise,
        seed=cfg.seed,
    )
    np.testing.assert_array_equal(r.x_train, ds.x_train)
    for m in (1, 37):
        model = GradientBoostingClassifier(
            learning_rate=0.1, n_estimators=m, max_depth=2, random_state=cfg.seed
        )
        model.fit(ds.x_train, ds.y_train)
        np.testing.assert_allclose(r.train_err[1, m - 1], np.mean(model.predict(ds.x_train) != ds.y_train))
        np.testing.assert_allclose(r.test_err[1, m - 1], np.mean(model.predict(ds.x_test) != ds.y_test))
        np.testing.assert_allclose(
            r.train_loss[1, m - 1], log_loss(ds.y_train, model.predict_proba(ds.x_train)), rtol=1e-9
        )
        if m in r.snapshots:
            s = int(np.flatnonzero(r.snapshots == m)[0])
            np.testing.assert_allclose(
                r.residual[s], np.abs(ds.y_train - model.predict_proba(ds.x_train)[:, 1])
            )
    assert r.grid_prob.shape == (len(r.snapshots), sel.boosting.GRID, sel.boosting.GRID)


def test_boosting_training_loss_falls_every_round_at_small_shrinkage(boost):
    _, r = boost
    for i in (1, 2):  # learning rates 0.1 and 0.03
        assert np.all(np.diff(r.train_loss[i]) <= 1e-12), np.diff(r.train_loss[i]).max()
    assert r.train_loss[2, -1] > r.train_loss[1, -1]  # smaller steps: more rounds for the same fit


def test_boosting_overfits_noisy_labels_when_rounds_grow(boost):
    _, r = boost
    fast = 0  # learning rate 1: memorises the flipped labels
    assert r.test_err[fast, -1] > r.test_err[fast].min() + 0.02
    assert r.train_err[fast, -1] < r.train_err[fast, r.best_round(fast) - 1]
    assert r.train_err[fast, -1] < 0.8 * r.config.label_noise  # the flipped labels are being fitted


def test_boosting_limits():
    for bad, msg in [
        (sel.BoostConfig(dataset="blobs"), "Unknown data set"),
        (sel.BoostConfig(rounds=0), "rounds = 0"),
        (sel.BoostConfig(depth=5), "depth = 5"),
        (sel.BoostConfig(rate=0.0), "learning rate 0.0"),
        (sel.BoostConfig(compare=(0.5,) * 6), "at most 5"),
    ]:
        with pytest.raises(ValueError, match=msg):
            sel.run_boosting(bad)


# ---- cross-validation


@pytest.fixture(scope="module")
def cv():
    cfg = sel.CVConfig(n=24, k=6, repeats=8, holdout=0.25, loo=True, width=8, steps=300, seed=1)
    return cfg, sel.run_cv(cfg)


def test_cv_folds_are_scikit_learns_and_the_estimates_are_their_averages(cv):
    cfg, r = cv
    for rep in range(cfg.repeats):
        kf = KFold(cfg.k, shuffle=True, random_state=cfg.seed * sel.cv.MAX_REPEATS + rep)
        for j, (_, test) in enumerate(kf.split(np.zeros(cfg.n))):
            np.testing.assert_array_equal(np.flatnonzero(r.folds[rep] == j), np.sort(test))
    sizes = np.bincount(r.folds[0], minlength=cfg.k)
    np.testing.assert_allclose(r.kfold_est, (r.fold_mse * sizes).sum(1) / cfg.n, rtol=1e-10)
    assert np.all(r.held.sum(1) == 6)
    assert np.all(np.isfinite(r.loo_sq)) and r.loo_sq.shape == (cfg.n,)


def test_cv_networks_equal_separately_trained_ones(cv):
    cfg, r = cv
    spec = mlp.make_spec(d_in=1, width=cfg.width, depth=1, n_classes=0, activation="tanh")
    # fold 0 of repeat 0, trained alone on its training points only (no zero weights, no padding)
    train = r.folds[0] != 0
    alone = nets.train(
        spec,
        cfg.steps,
        r.x[train, None],
        r.y[train],
        np.ones((1, train.sum())),
        [cfg.seed],
        cfg.lr,
        0.0,
        r.x[~train, None],
    )
    np.testing.assert_allclose(r.fold_mse[0, 0], np.mean((alone.out_eval[0] - r.y[~train]) ** 2), rtol=1e-3)
    # leave-one-out: point 5 left out
    keep = np.arange(cfg.n) != 5
    loo = nets.train(
        spec,
        cfg.steps,
        r.x[keep, None],
        r.y[keep],
        np.ones((1, cfg.n - 1)),
        [cfg.seed],
        cfg.lr,
        0.0,
        r.x[5:6, None],
    )
    np.testing.assert_allclose(r.loo_sq[5], (loo.out_eval[0, 0] - r.y[5]) ** 2, rtol=1e-3, atol=1e-7)
    # the true error of the final model is exact: check it against many fresh noisy points
    rng = np.random.default_rng(0)
    xt = rng.uniform(-2, 2, 200_000)
    yt = truth.curve(xt) + cfg.noise * rng.normal(size=xt.size)
    pred = np.interp(xt, r.x_eval, r.full_fit)
    np.testing.assert_allclose(r.true_err, np.mean((pred - yt) ** 2), rtol=0.02)


def test_kfold_is_steadier_than_one_holdout_split():
    r = sel.run_cv(sel.CVConfig(n=40, k=10, repeats=20, loo=False, steps=600, seed=0))
    assert np.std(r.holdout_est) > 1.5 * np.std(r.kfold_est)


def test_cv_limits():
    with pytest.raises(ValueError, match="k = 41"):
        sel.run_cv(sel.CVConfig(n=40, k=41))
    with pytest.raises(ValueError, match="hold-out fraction"):
        sel.run_cv(sel.CVConfig(holdout=0.9))


# ---- time series


@pytest.fixture(scope="module")
def ts():
    cfg = sel.TSConfig(length=96, noise=0.5, corr=0.8, folds=4, horizon=12, series=12, steps=800, seed=0)
    return cfg, sel.run_time_series(cfg)


def test_time_series_folds_never_train_on_the_future(ts):
    cfg, r = ts
    assert r.window == cfg.length - cfg.folds * cfg.horizon
    tss = TimeSeriesSplit(cfg.folds, test_size=cfg.horizon, max_train_size=r.window)
    for (lo, hi), (train, test) in zip(r.blocks, tss.split(np.zeros(cfg.length)), strict=True):
        assert (lo, hi) == (test[0], test[-1] + 1) and train.max() < lo
    tested = np.isfinite(r.rolling_pred[0])
    assert tested.sum() == cfg.folds * cfg.horizon and not tested[: r.window].any()


def test_shuffled_kfold_is_optimistic_and_rolling_origin_is_honest(ts):
    cfg, r = ts
    # shuffled folds fill gaps between neighbours (correlated noise included): lower in every series
    assert np.all(r.shuffled_est < r.rolling_est)
    assert r.shuffled_est.mean() < 0.5 * r.later_err.mean()
    # rolling origin's mean agrees with the error on the truly later period
    assert abs(r.rolling_est.mean() - r.later_err.mean()) < 0.35 * r.later_err.mean()


def test_the_final_forecaster_is_a_network_trained_on_the_window_alone(ts):
    cfg, r = ts
    n = cfg.length
    x = sel.features(r.t, n, r.window, cfg.period)
    spec = mlp.make_spec(d_in=3, width=cfg.width, depth=1, n_classes=0, activation="tanh")
    lo = n - r.window
    alone = nets.train(
        spec, cfg.steps, x[lo:n], r.y[0, lo:n], np.ones((1, r.window)), [cfg.seed], cfg.lr, 0.0, x
    )
    np.testing.assert_allclose(r.final_pred[0], alone.out_eval[0], rtol=1e-3, atol=1e-3)


def test_time_series_limits():
    with pytest.raises(ValueError, match="leave nothing to train on"):
        sel.run_time_series(sel.TSConfig(length=60, folds=5, horizon=12))
    with pytest.raises(ValueError, match="series = 0"):
        sel.run_time_series(sel.TSConfig(series=0))


# ---- hyperparameter search


@pytest.fixture(scope="module")
def search():
    cfg = sel.SearchConfig(n_train=100, n_val=100, width=8, steps=100, side=9, budget=9, repeats=6, startup=3)
    return cfg, sel.run_search(cfg)


def test_search_surface_is_the_networks_validation_loss(search):
    from landscapes import data as data_mod

    cfg, r = search
    np.testing.assert_allclose(r.lr, np.geomspace(*cfg.lr_range, cfg.side))
    ds = data_mod.make(
        cfg.dataset,
        n_train=cfg.n_train + cfg.n_val,
        n_test=sel.search.N_TEST,
        noise=cfg.noise,
        label_noise=cfg.label_noise,
        seed=cfg.seed,
    )
    spec = mlp.make_spec(d_in=2, width=cfg.width, depth=1, n_classes=2, activation="tanh")
    i, j = 4, 6
    p, _ = _optax_fit_cls(spec, ds, cfg, r.lr[j], r.wd[i])
    xv, yv = ds.x_train[cfg.n_train :], ds.y_train[cfg.n_train :]
    val = mlp.loss(spec, mlp.unflatten(spec, p), xv, yv)
    np.testing.assert_allclose(r.val_loss[i, j], val, rtol=1e-3)
    assert not r.diverged[i, j]


def _optax_fit_cls(spec, ds, cfg, lr, wd):
    x, y = ds.x_train[: cfg.n_train], ds.y_train[: cfg.n_train]
    return _optax_fit(spec, x, y, jnp.ones(cfg.n_train), cfg.seed, lr, wd, cfg.steps)


def test_search_methods_spend_the_budget_on_the_lattice(search):
    cfg, r = search
    g = sel.grid_points(cfg.side, 3)
    np.testing.assert_array_equal(g, [1, 4, 7])
    np.testing.assert_array_equal(
        r.picks["grid"][0], np.stack(np.meshgrid(g, g, indexing="ij"), -1).reshape(-1, 2)
    )
    np.testing.assert_allclose(r.best_so_far["grid"][:, -1], r.val_loss[np.ix_(g, g)].min())
    for m in ("random", "tpe"):
        p = r.picks[m]
        assert p.shape == (cfg.repeats, cfg.budget, 2) and p.min() >= 0 and p.max() < cfg.side
        np.testing.assert_allclose(
            r.best_so_far[m], np.minimum.accumulate(r.val_loss[p[..., 0], p[..., 1]], 1)
        )
        assert np.all(r.best_so_far[m] >= r.val_loss.min())
    # grid search tries 3 values per axis; random search tries nearly as many values as its budget
    assert np.all(r.distinct("grid") == 3)
    assert r.distinct("random").mean() > 5
    c = r.chosen("random")
    np.testing.assert_allclose(r.val_loss[c[:, 0], c[:, 1]], r.best_so_far["random"][:, -1])


def test_tpe_picks_are_optunas(search):
    import optuna

    cfg, r = search
    study = optuna.create_study(
        sampler=optuna.samplers.TPESampler(
            n_startup_trials=cfg.startup, seed=cfg.seed * sel.search.MAX_REPEATS + 0
        )
    )

    def objective(trial):
        i, j = trial.suggest_int("wd", 0, cfg.side - 1), trial.suggest_int("lr", 0, cfg.side - 1)
        return float(r.val_loss[i, j])

    study.optimize(objective, n_trials=cfg.budget)
    theirs = np.array([(t.params["wd"], t.params["lr"]) for t in study.trials])
    np.testing.assert_array_equal(r.picks["tpe"][0], theirs)


def test_search_limits():
    with pytest.raises(ValueError, match="two-class"):
        sel.run_search(sel.SearchConfig(dataset="regression"))
    with pytest.raises(ValueError, match="larger than"):
        sel.run_search(sel.SearchConfig(side=3, budget=10))
    with pytest.raises(ValueError, match="0 < low < high"):
        sel.run_search(sel.SearchConfig(lr_range=(0.1, 0.01)))
