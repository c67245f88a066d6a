"""The image GAN on the 8x8 digits: data, metric, gradients, the acceleration transforms (one
definition of each rule, checked against the registry), and the study on a reduced budget."""

import subprocess
import sys

import numpy as np
import pytest

import lecturecode as lc
from lecturecode import gan
from lecturecode.games import dirac_gan
from lecturecode.gan import images as gi

pytest.importorskip("sklearn")


# --- data and metric ------------------------------------------------------------------------------

def test_digits_are_the_sklearn_images_in_the_tanh_range():
    images, labels = gi.load_digit_images()
    assert images.shape == (1797, 64) and labels.shape == (1797,)
    assert images.min() == -1.0 and images.max() == 1.0
    assert np.bincount(labels).min() >= 170                       # about 180 of each digit
    with pytest.raises(ValueError):
        images[0, 0] = 0.0                                        # read-only: the cache cannot be spoiled


def test_lecturecode_imports_without_sklearn_and_the_loader_says_what_is_missing():
    code = ("import sys; sys.modules['sklearn'] = None; sys.modules['sklearn.datasets'] = None\n"
            "import lecturecode as lc\n"
            "try:\n    lc.gan.images.load_digit_images()\nexcept ImportError as e:\n    print('ERR', e)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert "ERR" in out.stdout and "scikit-learn" in out.stdout


def test_classifier_is_accurate_on_held_out_digits():
    clf = gi.digit_classifier()
    assert clf.test_accuracy >= 0.95 and clf.train_accuracy >= 0.98
    images, labels = gi.load_digit_images()
    held = clf.test_index
    assert np.mean(gi.classify(clf, images[held]) == labels[held]) == clf.test_accuracy
    assert gi.digit_classifier() is clf                           # trained once


def test_frechet_distance_matches_scipy_sqrtm():
    linalg = pytest.importorskip("scipy.linalg")
    rng = np.random.default_rng(3)
    A, B = rng.standard_normal((2, 5, 5))
    S1, S2 = A @ A.T + 0.1 * np.eye(5), B @ B.T
    m1, m2 = rng.standard_normal((2, 5))
    expected = np.sum((m1 - m2) ** 2) + np.trace(S1 + S2 - 2 * np.real(linalg.sqrtm(S1 @ S2)))
    assert np.isclose(gi.frechet_distance(m1, S1, m2, S2), expected, rtol=1e-9)
    batched = gi.frechet_distance(np.stack([m1, m2]), np.stack([S1, S2]), m2, S2)
    assert np.isclose(batched[0], expected) and abs(batched[1]) < 1e-9       # vectorised; d(P, P) = 0
    # one dimension: (m1 - m2)^2 + (s1 - s2)^2
    assert np.isclose(gi.frechet_distance([1.0], [[4.0]], [3.0], [[9.0]]), 4.0 + 1.0)


def test_fid_separates_real_digits_from_blurs_and_collapse():
    images, _ = gi.load_digit_images()
    rng = np.random.default_rng(0)
    real = images[rng.integers(0, 1797, 512)]
    floor = gi.fid_floor(512)
    assert abs(gi.digit_fid(real) - floor) < 1e-12 or gi.digit_fid(real) < 3 * floor
    collapsed = np.tile(images[:1], (512, 1)) + 0.01 * rng.standard_normal((512, 64))
    blurred = np.clip(real + 0.8 * rng.standard_normal(real.shape), -1, 1)
    assert gi.digit_fid(collapsed) > 10 * floor and gi.digit_fid(blurred) > 5 * floor
    stacked = gi.digit_fid(np.stack([real, np.full_like(real, np.nan)]))
    assert np.isfinite(stacked[0]) and np.isnan(stacked[1])      # a diverged run is NaN, not a number


def test_class_coverage_counts_digits_above_the_threshold():
    images, labels = gi.load_digit_images()
    only_threes = images[labels == 3][:100]
    mixed = np.concatenate([only_threes, images[labels == 7][:2]])          # 2 % sevens: under 2.5 %
    assert int(gi.class_coverage(images[:400]).covered) == 10
    assert int(gi.class_coverage(only_threes).covered) == 1
    assert int(gi.class_coverage(mixed).covered) == 1 and int(gi.class_coverage(mixed, 0.01).covered) == 2
    with pytest.raises(ValueError, match="threshold"):
        gi.class_coverage(images[:10], threshold=0.0)
    with pytest.raises(ValueError, match="samples"):
        gi.digit_fid(np.zeros((10, 63)))


# --- the networks' gradients ---------------------------------------------------------------------

@pytest.mark.parametrize("cost", ["non_saturating", "minimax"])
def test_closed_form_gradients_equal_autograd_batched_over_seeds(cost):
    exact = gi.digits_gan(hidden=12, noise_dim=5, cost=cost, dtype="float64")
    auto = gi.digits_gan(hidden=12, noise_dim=5, cost=cost, dtype="float64", backend="autograd")
    rngs = [np.random.default_rng(s) for s in (0, 1)]
    G, D = (tuple(np.stack(ps) for ps in zip(*parts)) for parts in zip(*[exact.init(r) for r in rngs]))
    real = np.stack([exact.sample_real(r, 7) for r in rngs])
    noise = np.stack([exact.sample_noise(r, 7) for r in rngs])
    for mine, ref in zip(exact.grads_d(G, D, real, noise), auto.grads_d(G, D, real, noise)):
        np.testing.assert_allclose(mine, ref, rtol=1e-10, atol=1e-13)
    for mine, ref in zip(exact.grads_g(G, D, noise), auto.grads_g(G, D, noise)):
        np.testing.assert_allclose(mine, ref, rtol=1e-10, atol=1e-13)
    assert np.abs(exact.grads_g(G, D, noise)[0]).max() > 1e-6          # not vacuous


def test_float32_setup_trains_in_float32():
    setup = gi.digits_gan(hidden=8)
    G, D = setup.init(np.random.default_rng(0))
    assert all(p.dtype == np.float32 for p in G + D)
    grads = setup.grads_g(G, D, setup.sample_noise(np.random.default_rng(1), 4))
    assert all(g.dtype == np.float32 for g in grads)
    with pytest.raises(ValueError, match="dtype"):
        gi.digits_gan(dtype="float16")


# --- one definition of each rule: the driver's EG / OG / NM are the registry's ------------------

def _path(game, order, first, make_opt, n_steps=200, z0=(0.5, 0.5)):
    run = gan.train_gan(gan.dirac_setup(game, z0), opt_g=make_opt(), opt_d=make_opt(), order=order, first=first,
                        n_steps=n_steps, batch_size=1, record_every=1, n_eval=1, record_params=True)
    (theta,), (psi,) = run.params
    return np.concatenate([theta, psi], axis=-1)


@pytest.mark.parametrize("loss, r1", [("standard", 0.0), ("non_saturating", 0.2), ("wgan", 0.0)])
def test_extragradient_optimism_and_momentum_are_the_registry_methods_step_for_step(loss, r1):
    g, M, z0 = dirac_gan(loss=loss, r1=r1), lc.methods, [0.5, 0.5]
    cases = [("extragradient", lambda: gan.sgd(0.1), M.extragradient(0.1)),
             ("simultaneous", lambda: gi.optimistic(gan.sgd(0.1)), M.optimistic_gda(0.1)),
             ("simultaneous", lambda: gi.heavy_ball(gan.sgd(0.1), -0.3), M.negative_momentum(0.1, -0.3))]
    for order, make_opt, method in cases:
        np.testing.assert_allclose(_path(g, order, "discriminator", make_opt), lc.simulate(method, g, z0, 200).z,
                                   rtol=1e-12, atol=1e-15, err_msg=method.name)


def test_alternating_negative_momentum_is_each_players_heavy_ball_step_in_turn():
    g, eta, beta = dirac_gan(loss="non_saturating", r1=0.2), 0.1, -0.3
    z = np.empty((101, 2))
    z[0] = prev = np.array([0.5, 0.5])
    for k in range(100):
        x, y = z[k]
        x_new = x - eta * g.F(np.array([x, y]))[0] + beta * (x - prev[0])
        y_new = y - eta * g.F(np.array([x_new, y]))[1] + beta * (y - prev[1])
        prev, z[k + 1] = z[k], (x_new, y_new)
    path = _path(g, "alternating", "generator", lambda: gi.heavy_ball(gan.sgd(eta), beta), n_steps=100)
    np.testing.assert_allclose(path, z, rtol=1e-12, atol=1e-15)
    registry = lc.simulate(lc.methods.alt_negative_momentum(eta, beta), g, z[0], 100).z
    np.testing.assert_allclose(path, registry, rtol=1e-12, atol=1e-15)     # Gidel et al.'s order, as registered
    composed = lc.simulate(lc.methods.with_momentum(lc.methods.alt_gda(eta), beta), g, z[0], 100).z
    assert 1e-6 < np.abs(path - composed).max() < 0.05          # momentum after the step: another method


def test_amsgrad_is_adam_while_the_second_moment_grows_and_never_shrinks_its_denominator():
    grow = [(np.array([float(k)]),) for k in range(1, 6)]
    a, m = gan.adam(0.1), gan.amsgrad(0.1)
    sa, sm = a.init(grow[0]), m.init(grow[0])
    for g in grow:
        (ua,), sa = a.update(g, sa)
        (um,), sm = m.update(g, sm)
        np.testing.assert_allclose(ua, um, rtol=1e-12)
    (ua,), sa = a.update((np.array([0.01]),), sa)
    (um,), sm = m.update((np.array([0.01]),), sm)
    assert np.all(sm.nu_max[0] >= sm.nu[0]) and abs(um[0]) < abs(ua[0])


def test_per_run_step_sizes_equal_separate_runs():
    setup = gi.digits_gan(hidden=8, dtype="float64")
    common = dict(order="alternating", n_steps=30, batch_size=16, record_every=10, n_eval=8)
    both = gan.train_gan(setup, opt_g=gi.per_run(gan.adam(1.0), [1e-3, 3e-3]),
                         opt_d=gi.per_run(gan.adam(1.0), [1e-3, 3e-3]), seed=[4, 4], **common)
    for i, eta in enumerate((1e-3, 3e-3)):
        alone = gan.train_gan(setup, opt_g=gan.adam(eta), opt_d=gan.adam(eta), seed=4, **common)
        np.testing.assert_allclose(both.samples[:, i], alone.samples, rtol=1e-9, atol=1e-12)
    with pytest.raises(ValueError, match="factors"):
        gi.per_run(gan.sgd(1.0), [0.1, -0.1])
    with pytest.raises(TypeError, match="base"):
        gi.optimistic("adam")
    with pytest.raises(ValueError, match="beta"):
        gi.heavy_ball(gan.sgd(0.1), 1.0)


# --- the study on a reduced budget ---------------------------------------------------------------

@pytest.fixture(scope="module")
def small_study():
    """Sim/Alt SGD and optimistic SGD, 3 step sizes x 3 seeds, 400 gradient evaluations."""
    return gi.record_study(["Sim-SGD", "Alt-SGD", "OG-SGD", "EG-SGD"], n_evals=400, record_every=40)


def test_the_study_records_every_method_step_size_and_seed(small_study):
    s = small_study
    assert s.fid.shape == (4, 3, 3, 11) and s.sheets.shape == (4, 3, 11, 36, 64)
    assert s.evals[-1] == 400 and np.all(np.isfinite(s.fid))
    assert np.all(s.fid[:, :, :, 0] == s.fid[0, 0, :, 0])                 # same initial generator per seed...
    assert np.all(s.fid[:, :, :, -1] < 0.8 * s.fid[:, :, :, 0])           # ...and every run learns


def test_alternating_beats_simultaneous_sgd_at_every_step_size_over_seeds(small_study):
    """Reduced-budget version of the ledger's claim: paired by seed, Alt's FID is lower on
    average over training at each step size, for every seed at the largest."""
    gaps = np.array([small_study.gap("Sim-SGD", "Alt-SGD", j) for j in range(3)])     # (eta, seed)
    assert np.all(gaps.mean(axis=1) > 0), gaps
    assert np.all(gaps[2] > 0.2), gaps


def test_the_figures_and_the_explorer_view_draw_the_study(small_study):
    from matplotlib.figure import Figure

    ax = lc.plot.quality_plot(small_study, ax=Figure().subplots(1, 2))
    assert len(ax[0].get_lines()) == 7                         # 2 methods x 3 step sizes + the floor
    view = lc.views.ImageStudyView(Figure(figsize=(8, 3.8)), small_study)
    assert view(method="OG-SGD", step=205) == 5
    assert view._marker.get_xdata()[0] == 200
    with pytest.raises(ValueError, match="method"):
        view(method="Adam", step=0)
    with pytest.raises(TypeError, match="ImageStudy"):
        lc.plot.quality_plot("study")


def test_bad_study_arguments_are_refused():
    with pytest.raises(ValueError, match="methods"):
        gi.record_study(["Sim-SGD", "Sim-SGD"])
    with pytest.raises(ValueError, match="record_every"):
        gi.record_study(["Sim-SGD"], n_evals=100, record_every=30)
    with pytest.raises(TypeError, match="methods"):
        gi.record_study("Sim-SGD")


@pytest.mark.parametrize("make", [lambda: gan.adam(1e-3), lambda: gan.amsgrad(1e-3), lambda: gan.sgd(0.1),
                                  lambda: gi.optimistic(gi.per_run(gan.adam(1.0), [1e-3]))])
def test_optimizers_keep_float32_parameters_float32(make):
    setup = gi.digits_gan(hidden=8)
    run = gan.train_gan(setup, opt_g=make(), opt_d=make(), n_steps=3, batch_size=4, seed=[0], record_every=3,
                        n_eval=4)
    assert all(p.dtype == np.float32 for p in run.final[0] + run.final[1])


def test_alternating_beats_simultaneous_amsgrad_the_lectures_right_panel():
    """The lecture's right panel uses AMSGrad: at 400 gradient evaluations, paired by seed, Alt's
    FID is lower on average over training at every step size and seed (measured: gaps 0.25-2.95)."""
    s = gi.record_study(["Sim-AMSGrad", "Alt-AMSGrad"], n_evals=400, record_every=40)
    gaps = np.array([s.gap("Sim-AMSGrad", "Alt-AMSGrad", j) for j in range(3)])
    assert np.all(gaps > 0.1), gaps
    assert np.all(gaps[1:].mean(axis=1) > 1.0), gaps
