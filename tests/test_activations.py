"""The Activations lab's math: initializers against their definitions and jax.nn.initializers, the
mean-field recursion against measured networks (Xavier + tanh, He + ReLU at width 512), He keeps
ReLU's variance while LeCun halves it, the back-propagated gradient against autodiff, a linear stack
against its product matrix, dead-unit counting, normalization layers, the input-normalization
surfaces, and no recompiles when a value changes."""

from __future__ import annotations

import math

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from landscapes import activations as acts
from landscapes import deep
from studies.activations import _train, inputs, linear, meanfield, norm
from studies.activations import signal as sg
from tests.helpers import assert_no_recompile

KEY = jax.random.PRNGKey(7)


# ---------------------------------------------------------------------------------------------
# Initializers


@pytest.mark.parametrize(("init", "want"), [("lecun", 1 / 300), ("xavier", 2 / 500), ("he", 2 / 300)])
def test_variance_follows_fan_in_and_fan_out(init, want):
    assert acts.variance(init, 300, 200) == pytest.approx(want, rel=1e-12)
    assert acts.variance(init, 300, 200, gain=1.5) == pytest.approx(2.25 * want, rel=1e-12)
    assert acts.uniform_bound(init, 300, 200) == pytest.approx(math.sqrt(3 * want), rel=1e-12)


def test_the_lectures_uniform_bounds():
    # the notes: Xavier U(+-sqrt(6 / (n_in + n_out))), He U(+-sqrt(6 / n_in))
    assert acts.uniform_bound("xavier", 300, 200) == pytest.approx(math.sqrt(6 / 500))
    assert acts.uniform_bound("he", 300, 200) == pytest.approx(math.sqrt(6 / 300))


@pytest.mark.parametrize(
    ("init", "dist", "reference"),
    [
        ("lecun", "uniform", jax.nn.initializers.lecun_uniform()),
        ("xavier", "uniform", jax.nn.initializers.glorot_uniform()),
        ("he", "uniform", jax.nn.initializers.he_uniform()),
        ("lecun", "normal", jax.nn.initializers.variance_scaling(1.0, "fan_in", "normal")),
        ("xavier", "normal", jax.nn.initializers.variance_scaling(1.0, "fan_avg", "normal")),
        ("he", "normal", jax.nn.initializers.variance_scaling(2.0, "fan_in", "normal")),
    ],
)
def test_initializers_draw_what_jax_draws_with_the_same_key(init, dist, reference):
    ours = np.asarray(acts.init_weights(KEY, init, dist, 300, 200))
    np.testing.assert_allclose(
        ours, np.asarray(reference(KEY, (300, 200), jnp.float32)), rtol=1e-5, atol=1e-7
    )


@pytest.mark.parametrize(
    ("init", "truncated"),
    [
        ("lecun", jax.nn.initializers.lecun_normal()),
        ("xavier", jax.nn.initializers.glorot_normal()),
        ("he", jax.nn.initializers.he_normal()),
    ],
)
def test_normal_initializers_have_the_variance_of_jaxs_truncated_ones(init, truncated):
    n_in, n_out = 400, 300
    ours = np.asarray(acts.init_weights(KEY, init, "normal", n_in, n_out))
    theirs = np.asarray(truncated(jax.random.PRNGKey(8), (n_in, n_out), jnp.float32))
    want = acts.variance(init, n_in, n_out)
    se = want * math.sqrt(2 / ours.size)  # standard error of a sample variance
    assert abs(ours.var() - want) < 5 * se and abs(theirs.var() - want) < 5 * se


def test_uniform_draws_stay_inside_the_bound_and_fill_it():
    w = np.asarray(acts.init_weights(KEY, "he", "uniform", 256, 256, gain=0.5))
    a = acts.uniform_bound("he", 256, 256, gain=0.5)
    assert np.abs(w).max() <= a * (1 + 1e-6) and np.abs(w).max() > 0.99 * a
    assert abs(np.mean(np.abs(w) < a / 2) - 0.5) < 0.01  # flat: half the mass within half the bound


def test_bad_initializer_names_the_choices():
    with pytest.raises(ValueError, match="choose one of: lecun, xavier, he"):
        acts.variance("glorot", 3, 3)
    with pytest.raises(ValueError, match="choose one of"):
        acts.apply("swish", jnp.ones(2))


# ---------------------------------------------------------------------------------------------
# Mean-field theory


def test_gauss_hermite_gives_relus_closed_forms():
    q = np.array([0.1, 1.0, 7.0])
    np.testing.assert_allclose(meanfield.second_moment("relu", q), q / 2, rtol=1e-6)
    np.testing.assert_allclose(meanfield.slope_moment("relu", q), 0.5, rtol=1e-6)
    np.testing.assert_allclose(meanfield.second_moment("leaky_relu", q), q * (1 + 0.01**2) / 2, rtol=1e-6)
    np.testing.assert_allclose(meanfield.second_moment("linear", q), q, rtol=1e-6)


def test_gauss_hermite_matches_monte_carlo_for_smooth_activations():
    z = np.random.default_rng(0).normal(size=2_000_000) * math.sqrt(0.8)
    for name in ("tanh", "sigmoid", "gelu", "elu"):
        mc = np.mean(np.asarray(acts.apply(name, jnp.asarray(z, jnp.float32)), np.float64) ** 2)
        assert meanfield.second_moment(name, 0.8) == pytest.approx(mc, rel=3e-3), name


def _log_curves(pair: tuple[str, str], seeds: range, n_inputs: int = 256):
    logs, theory = [], None
    for s in seeds:
        cfg = sg.SignalConfig(pair[0], pair[1], depth=50, width=512, n_inputs=n_inputs, seed=s)
        p = sg.propagate(cfg)
        logs.append(np.log(p.q[0]))
        theory = np.log(p.theory_q[0])
    return np.array(logs), theory


@pytest.mark.parametrize("pair", [("tanh", "xavier"), ("relu", "he")])
def test_measured_variance_follows_the_mean_field_recursion_at_width_512(pair):
    logs, theory = _log_curves(pair, range(6))
    mean = logs.mean(axis=0)
    se = logs.std(axis=0, ddof=1) / math.sqrt(len(logs))
    # within 4 standard errors of the seeds' mean (plus a 2% floor for the first layers, where the
    # seeds agree to 1e-3), at every one of the 50 layers
    assert np.all(np.abs(mean - theory) <= 4 * se + 0.02), np.max(np.abs(mean - theory) / (se + 1e-9))


def test_the_mean_field_check_can_fail():
    # LeCun + ReLU measured against He + ReLU's theory: far outside the same tolerance
    logs, _ = _log_curves(("relu", "lecun"), range(3))
    _, he_theory = _log_curves(("relu", "he"), range(1))
    se = logs.std(axis=0, ddof=1) / math.sqrt(len(logs))
    assert np.sum(np.abs(logs.mean(axis=0) - he_theory) > 4 * se + 0.02) > 40


def test_he_keeps_relus_variance_and_lecun_halves_it_per_layer():
    # per layer, ln(q_{l+1} / q_l) has a standard deviation of at most sqrt(5 / n) (a ReLU layer of n
    # units, even when every input is alike); the mean of 49 such ratios is within 4 sd of the truth
    n = 512
    tol = 4 * math.sqrt(5 / n / 49)
    for init, want in (("he", 0.0), ("lecun", math.log(0.5))):
        p = sg.propagate(sg.SignalConfig("relu", init, depth=50, width=n, n_inputs=256, seed=3))
        ratio = np.mean(np.diff(np.log(p.q[0])))
        assert abs(ratio - want) < tol, (init, ratio, want, tol)


def test_backpropagated_gradient_equals_autodiff():
    cfg = sg.SignalConfig("tanh", "he", gain=1.3, sigma_b=0.2, depth=6, width=32, n_inputs=256, seed=1)
    p = sg.propagate(cfg)
    w, b, x, g = sg.base_draws(cfg.seed, cfg.dist, cfg.width, cfg.n_inputs)
    std = math.sqrt(sg.sigma_w2(cfg.init, cfg.width, cfg.gain) / cfg.width)

    def top(shifts):
        h = x
        for i in range(cfg.depth):
            h = jnp.tanh(std * (h @ w[i]) + cfg.sigma_b * b[i][None, :] + shifts[i])
        return jnp.sum(g * h)

    grads = jax.grad(top)(jnp.zeros((cfg.depth,) + x.shape))  # dL/dz_l, layer by layer
    rms = np.sqrt(np.mean(np.asarray(grads, np.float64) ** 2, axis=(1, 2)))
    np.testing.assert_allclose(p.grad_log10[0], np.log10(rms), atol=2e-5)


def test_tiny_gradients_are_measured_not_underflowed():
    p = sg.propagate(sg.SignalConfig("sigmoid", "xavier", depth=50, width=64, n_inputs=256))
    assert np.all(np.isfinite(p.grad_log10[0])) and p.grad_log10[0, 0] < -30  # below float32's range
    np.testing.assert_allclose(p.grad_log10[0], p.theory_grad_log10[0], atol=0.5)


def test_histogram_counts_match_numpy_on_the_same_data():
    rng = np.random.default_rng(5)
    edges = sg.bin_edges(-0.7, 2.1, 40)
    # values everywhere, beyond both ends, and exactly on every edge (NumPy's half-open bins)
    v = np.concatenate([rng.normal(0.5, 1.0, 20_000), edges, [-5.0, 9.0]]).astype(np.float32)
    got = np.asarray(jax.jit(sg.histogram_counts)(jnp.asarray(v), jnp.asarray(edges)))
    want, _ = np.histogram(np.clip(v, edges[0], edges[-1]), edges)
    np.testing.assert_array_equal(got, want)
    assert got.sum() == v.size


def test_gradient_counts_are_exact_zeros_then_log_bins():
    rng = np.random.default_rng(6)
    edges = sg.bin_edges(-40.0, -30.0, 20)  # half a decade per bin, far below float32's range
    scale = np.float32(-35.0)
    # log10 |g| in the middle third of a bin (no rounding can move it), plus beyond both ends
    logs = np.concatenate(
        [rng.integers(0, 20, 5000) * 0.5 - 40.0 + 0.25 + rng.uniform(-0.08, 0.08, 5000), [-47.0, -21.0]]
    )
    delta = (10.0 ** (logs - scale) * rng.choice([-1.0, 1.0], logs.size)).astype(np.float32)
    delta = np.concatenate([delta, np.zeros(123, np.float32)])
    got = np.asarray(jax.jit(sg.gradient_counts)(jnp.asarray(delta), scale, jnp.asarray(edges)))
    want, _ = np.histogram(np.clip(logs, edges[0], edges[-1]), edges)
    assert got[0] == 123
    np.testing.assert_array_equal(got[1:], want)


def test_layer_histograms_count_every_value_and_match_numpy():
    cfg = sg.SignalConfig("relu", "he", sigma_b=0.3, depth=6, width=32, n_inputs=256, seed=2)
    p = sg.propagate(cfg)
    n = cfg.n_inputs * cfg.width
    for share in (p.hist[0], p.grad_hist[0]):
        counts = share * n
        np.testing.assert_allclose(counts, np.rint(counts), atol=1e-3)  # whole values
        np.testing.assert_array_equal(np.rint(counts).sum(axis=1), n)  # every value once, per layer
    # the same network and gradient, computed apart (NumPy activations, autodiff gradient)
    w, b, x, g = (
        np.asarray(a, np.float64) for a in sg.base_draws(cfg.seed, cfg.dist, cfg.width, cfg.n_inputs)
    )
    std = math.sqrt(sg.sigma_w2(cfg.init, cfg.width, cfg.gain) / cfg.width)
    edges = sg.bin_edges(*p.hist_range[0], sg.N_BINS)
    h = x
    for i in range(cfg.depth):
        z = std * (h @ w[i]) + cfg.sigma_b * b[i][None, :]
        h = np.maximum(z, 0.0)
        # the one-read statistics (per-unit sums combined) against NumPy's two-pass ones
        got = (p.q[0, i], p.z_std[0, i], p.h_std[0, i], p.h_mean[0, i])
        np.testing.assert_allclose(got, (np.mean(z * z), z.std(), h.std(), h.mean()), rtol=2e-5)
        want, _ = np.histogram(np.clip(h, edges[0], edges[-1]), edges)
        assert np.abs(np.rint(p.hist[0, i] * n) - want).sum() <= 2, i  # float32 vs float64 at an edge

    def top(shifts):
        h = jnp.asarray(x, jnp.float32)
        for i in range(cfg.depth):
            h = jax.nn.relu(std * (h @ w[i].astype(np.float32)) + cfg.sigma_b * b[i][None, :] + shifts[i])
        return jnp.sum(jnp.asarray(g, jnp.float32) * h)

    grads = np.asarray(jax.grad(top)(jnp.zeros((cfg.depth,) + x.shape)), np.float64)
    g_edges = sg.bin_edges(*p.grad_range[0], sg.G_BINS)
    assert p.grad_range[0, 1] - p.grad_range[0, 0] >= sg.G_BELOW + sg.G_ABOVE
    for i in range(cfg.depth):
        zero = grads[i] == 0
        assert 0.3 < zero.mean() < 0.7  # ReLU's inactive side sends nothing back
        assert round(p.grad_hist[0, i, 0] * n) == zero.sum()
        logs = np.log10(np.abs(grads[i][~zero]))
        want, _ = np.histogram(np.clip(logs, g_edges[0], g_edges[-1]), g_edges)
        assert np.abs(np.rint(p.grad_hist[0, i, 1:] * n) - want).sum() <= 4, i


def test_a_vanishing_gradient_moves_its_histogram_down_by_the_measured_decades():
    p = sg.propagate(sg.SignalConfig("sigmoid", "xavier", depth=30, width=64, n_inputs=256))
    lo, hi = p.grad_range[0]
    centres = lo + (np.arange(sg.G_BINS) + 0.5) * (hi - lo) / sg.G_BINS
    # the histogram's centre of mass in log10 follows the measured RMS, tens of decades down
    mean_log = (p.grad_hist[0, :, 1:] * centres).sum(axis=1) / p.grad_hist[0, :, 1:].sum(axis=1)
    assert p.grad_log10[0, -1] - p.grad_log10[0, 0] > 10
    np.testing.assert_allclose(mean_log - p.grad_log10[0], (mean_log - p.grad_log10[0]).mean(), atol=0.3)


def test_all_pairs_reuse_lecun_for_xavier_and_give_verdicts():
    cfg = sg.SignalConfig(depth=20, width=64, n_inputs=256)
    seen = []
    allp = sg.propagate_all(cfg, progress=lambda f, info: seen.append((f, info)))
    n = len(acts.ACTIVATIONS)
    assert seen == [(k / n, ("signal", k + 1, 0, n)) for k in range(n)]  # one report per activation
    assert len(allp.activations) == len(acts.ACTIVATIONS) * len(acts.INITS)
    with assert_no_recompile(sg._propagate, what="every activation's call, another gain"):
        sg.propagate_all(cfg._replace(gain=1.3))
    i_l, i_x = allp.inits.index("lecun"), allp.inits.index("xavier")
    np.testing.assert_array_equal(allp.q[i_l], allp.q[i_x])
    assert allp.hist.shape[-1] == allp.grad_hist.shape[-1] == 0  # the grid draws no histograms
    # the grid's pass (bfloat16 operands) of one pair, on its own, is the grid's row bit for bit
    pair = (allp.activations[i_x], "lecun")
    alone = sg.propagate(cfg, (pair,), histograms=False, products=sg.GRID_PRODUCTS)
    np.testing.assert_array_equal(alone.q[0], allp.q[i_x])
    np.testing.assert_array_equal(alone.grad_log10[0], allp.grad_log10[i_x])
    row = {pair: k for k, pair in enumerate(zip(allp.activations, allp.inits, strict=True))}
    assert sg.verdict(allp, row[("relu", "he")]).signal == "kept"
    assert sg.verdict(allp, row[("relu", "lecun")]).signal == "vanishes"  # 2^-9.5 of the first std
    assert sg.verdict(allp, row[("sigmoid", "xavier")]).gradient == "vanishes"


@pytest.mark.parametrize("dist", ["normal", "uniform"])
def test_the_grids_bfloat16_products_agree_with_float32(dist):
    """Every pair of the every-pair grid (bfloat16 operands, float32 sums) against the float32 pass of
    the same draws: the same verdicts, ratios within 5%, every layer's std within 2% and gradient
    within 0.02 decades (measured at depth 50 x 512: 0.7%, 0.007 decades)."""
    cfg = sg.SignalConfig(dist=dist, depth=30, width=128, n_inputs=256, sigma_b=0.1)
    grid = sg.propagate_all(cfg)
    exact = sg.propagate(cfg, sg.all_pairs(), histograms=False)
    for k, pair in enumerate(sg.all_pairs()):
        got, want = sg.verdict(grid, k), sg.verdict(exact, k)
        assert (got.signal, got.gradient) == (want.signal, want.gradient), pair
        assert abs(np.log(got.signal_ratio / want.signal_ratio)) < 0.05, pair
        assert abs(np.log(got.gradient_ratio / want.gradient_ratio)) < 0.05, pair
        np.testing.assert_allclose(grid.z_std[k], exact.z_std[k], rtol=0.02, err_msg=str(pair))
        np.testing.assert_allclose(grid.grad_log10[k], exact.grad_log10[k], atol=0.02, err_msg=str(pair))
    # and the rounding is really there: the passes differ
    assert not np.array_equal(grid.z_std, exact.z_std)


def test_a_bad_product_type_is_named():
    with pytest.raises(ValueError, match="products = 'float16'; choose one of: float32, bfloat16"):
        sg.propagate(sg.SignalConfig(depth=3, width=16, n_inputs=256), products="float16")


def test_depth_gain_activation_and_init_do_not_recompile():
    cfg = sg.SignalConfig("tanh", "xavier", depth=10, width=32, n_inputs=256)
    sg.propagate(cfg)
    with assert_no_recompile(sg._propagate, what="new depth, gain, bias scale, activation, init"):
        sg.propagate(cfg._replace(depth=37, gain=1.7, sigma_b=0.3, activation="gelu", init="he"))


# ---------------------------------------------------------------------------------------------
# The deep network, dead units, normalization, the linear stack


def test_a_unit_is_dead_exactly_when_every_pre_activation_is_at_most_zero():
    z = np.array([[-1.0, 0.0, -2.0, 0.5], [-0.1, 0.0, 3.0, -1.0], [-5.0, 0.0, -1.0, -1.0]], np.float32)
    np.testing.assert_array_equal(np.asarray(deep.dead_units(jnp.asarray(z))), [True, True, False, False])


def test_layer_statistics_count_dead_units_like_numpy():
    spec = deep.make_spec(2, 12, 3, 2, "relu")
    p = deep.init_params(spec, KEY, "he", "normal", 1.0, -0.4)  # a negative bias kills some units
    x = np.random.default_rng(1).normal(size=(200, 2)).astype(np.float32)
    y = (x[:, 0] > 0).astype(np.int32)
    _, _, stats = _train.layer_stats(spec, p, jnp.asarray(x), jnp.asarray(y))
    zs = np.asarray(deep.forward(spec, p, jnp.asarray(x))[1])
    want = np.mean(np.all(zs <= 0, axis=1), axis=1)
    assert want.max() > 0  # the check means something
    np.testing.assert_allclose(np.asarray(stats)[:, 2], want, rtol=1e-6)


@pytest.mark.parametrize(("kind", "axis"), [("batch", 0), ("layer", 1)])
def test_normalization_layers_standardise_their_axis(kind, axis):
    spec = deep.make_spec(2, 16, 3, 2, "linear", kind)
    p = deep.init_params(spec, KEY, "lecun", "normal", 3.0, 0.7)
    x = jnp.asarray(np.random.default_rng(2).normal(size=(64, 2)) * 5 + 1, jnp.float32)
    zs = np.asarray(deep.forward(spec, p, x)[1], np.float64)
    np.testing.assert_allclose(zs.mean(axis=1 + axis), 0.0, atol=1e-5)
    np.testing.assert_allclose(zs.var(axis=1 + axis), 1.0, rtol=1e-3)


def test_a_linear_stack_is_its_product_matrix():
    spec = deep.make_spec(2, 8, 4, 2, "linear")
    p = deep.init_params(spec, KEY, "xavier", "normal", 1.0, 0.3)
    x = np.random.default_rng(3).normal(size=(50, 2))
    out = np.asarray(deep.forward(spec, p, jnp.asarray(x, jnp.float32))[0], np.float64)
    c = linear.collapse(p)
    assert c.matrix.shape == (2, 1)
    np.testing.assert_allclose(out, x @ c.matrix + c.offset, rtol=1e-5, atol=1e-5)
    w = [np.asarray(m, np.float64) for m in deep.hidden_weights(p) + [p["w_out"]]]
    np.testing.assert_allclose(c.matrix, w[0] @ w[1] @ w[2] @ w[3] @ w[4], rtol=1e-12)


def test_training_new_rates_and_biases_do_not_recompile():
    spec = deep.make_spec(2, 8, 3, 2, "relu")
    x = np.random.default_rng(4).normal(size=(64, 2)).astype(np.float32)
    y = (x[:, 1] > 0).astype(np.int32)

    def go(lr, bias):
        return _train.train_runs(
            spec,
            "sgd",
            "he",
            "normal",
            16,
            20,
            4,
            x,
            y,
            _train.full_hp("sgd", {"lr": lr}, 2),
            np.ones(2),
            np.full(2, bias),
            np.arange(2),
        )

    first = go(0.1, 0.0)
    with assert_no_recompile(_train._train, what="new learning rate and bias"):
        second = go(0.05, -0.3)
    assert not np.allclose(first.loss[:, -1], second.loss[:, -1])


# ---------------------------------------------------------------------------------------------
# Input normalization and normalization layers


def test_standardising_makes_the_hessian_the_correlation_matrix():
    cfg = inputs.InputsConfig(scale=20.0, corr=0.3)
    v = inputs.run(cfg)
    x, _ = inputs.make_data(cfg)
    r = np.corrcoef(x.T)[0, 1]
    np.testing.assert_allclose(v.standard.hessian, [[1, r], [r, 1]], atol=1e-12)
    assert v.standard.condition == pytest.approx((1 + abs(r)) / (1 - abs(r)), rel=1e-9)
    assert v.raw.condition > 300  # about scale^2 / (1 - r^2)


def test_gradient_descent_path_is_the_closed_form():
    v = inputs.run(inputs.InputsConfig(scale=5.0, c=1.2, steps=30))
    s = v.raw
    m = np.eye(2) - s.lr * s.hessian
    for k in (1, 7, 30):
        want = s.minimum + np.linalg.matrix_power(m, k) @ (s.path[0] - s.minimum)
        np.testing.assert_allclose(s.path[k], want, rtol=1e-9, atol=1e-12)


def test_chance_loss_of_balanced_classes_is_log_2():
    assert norm.chance_loss(np.array([0, 1, 1, 0]), 2) == pytest.approx(math.log(2))
