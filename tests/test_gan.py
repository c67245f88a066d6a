"""GANs: saturation, exact MLP gradients, the Dirac-GAN's spectrum and dynamics, the GAN driver
against simulate, the default ring GAN's mode coverage, reproducibility, and bad input."""

import autograd.numpy as anp
import numpy as np
import pytest
from autograd import elementwise_grad, grad

import lecturecode as lc
from lecturecode import gan
from lecturecode.games import autograd_field, dirac_gan


# --- saturation --------------------------------------------------------------------------

@pytest.mark.parametrize("cost", gan.GENERATOR_COSTS)
def test_closed_form_saturation_derivatives_match_autodiff(cost):
    logits = np.linspace(-30, 30, 201)
    auto = elementwise_grad(lambda t: gan.generator_cost(t, cost))(logits)
    np.testing.assert_allclose(gan.generator_cost_grad(logits, cost), auto, rtol=1e-12, atol=1e-300)


def test_minimax_cost_saturates_when_the_generator_is_bad_and_the_other_does_not():
    d = np.array([1e-6, 1e-3, 0.5])                       # D(G(z)): the discriminator spots fakes
    ell = gan.logit(d)
    np.testing.assert_allclose(gan.generator_cost_grad(ell, "minimax"), -d, rtol=1e-9)
    np.testing.assert_allclose(gan.generator_cost_grad(ell, "non_saturating"), -(1 - d), rtol=1e-9)
    # the costs are log(1 - D) and -log D
    np.testing.assert_allclose(gan.generator_cost(ell, "minimax"), np.log1p(-d), rtol=1e-9)
    np.testing.assert_allclose(gan.generator_cost(ell, "non_saturating"), -np.log(d), rtol=1e-9)


# --- MLP gradients -----------------------------------------------------------------------

@pytest.mark.parametrize("activation", ["tanh", "leaky_relu"])
@pytest.mark.parametrize("batch", [(), (3,)])
def test_mlp_backprop_matches_autograd(activation, batch):
    rng = np.random.default_rng(1)
    params = gan.init_mlp((2, 7, 5, 3), rng)
    params = tuple(np.broadcast_to(p, batch + p.shape) + 0.1 * rng.standard_normal(batch + p.shape)
                   for p in params)
    x = rng.standard_normal(batch + (11, 2))
    weights = rng.standard_normal(batch + (11, 3))
    loss = lambda p, x: anp.sum(weights * gan.mlp_apply(p, x, activation))  # noqa: E731
    out, cache = gan.mlp_forward(params, x, activation)
    np.testing.assert_allclose(out, gan.mlp_apply(params, x, activation), rtol=1e-13)
    grads, gx = gan.mlp_backward(params, cache, weights, activation)
    auto = grad(loss)(params, x)
    for g, a in zip(grads, auto):
        np.testing.assert_allclose(g, a, rtol=1e-10, atol=1e-14)
    np.testing.assert_allclose(gx, grad(loss, 1)(params, x), rtol=1e-10, atol=1e-14)


@pytest.mark.parametrize("cost", gan.GENERATOR_COSTS)
def test_gan_gradients_by_backprop_match_autograd(cost):
    ring = gan.ring_of_gaussians()
    fast, ref = (gan.mlp_gan(ring, cost=cost, hidden=(16, 8), backend=b) for b in ("numpy", "autograd"))
    rng = np.random.default_rng(2)
    G, D = fast.init(rng)
    real, noise = fast.sample_real(rng, 32), fast.sample_noise(rng, 32)
    for a, b in zip(fast.grads_d(G, D, real, noise), ref.grads_d(G, D, real, noise)):
        np.testing.assert_allclose(a, b, rtol=1e-10, atol=1e-15)
    for a, b in zip(fast.grads_g(G, D, noise), ref.grads_g(G, D, noise)):
        np.testing.assert_allclose(a, b, rtol=1e-10, atol=1e-15)


def test_adam_matches_the_textbook_update():
    rng = np.random.default_rng(3)
    opt = gan.adam(0.01, b1=0.9, b2=0.99, eps=1e-6)
    p = (rng.standard_normal(4),)
    state = opt.init(p)
    m = v = np.zeros(4)
    x = p[0].copy()
    for t in range(1, 6):
        g = rng.standard_normal(4)
        updates, state = opt.update((g,), state)
        p = gan.apply_updates(p, updates)
        m, v = 0.9 * m + 0.1 * g, 0.99 * v + 0.01 * g**2
        x = x - 0.01 * (m / (1 - 0.9**t)) / (np.sqrt(v / (1 - 0.99**t)) + 1e-6)
    assert isinstance(state, gan.AdamState) and state.count == 5
    np.testing.assert_allclose(p[0], x, rtol=1e-12)


# --- the Dirac-GAN -------------------------------------------------------------------------

@pytest.mark.parametrize("loss, f0", [("standard", 0.5), ("non_saturating", 0.5), ("wgan", 1.0)])
def test_dirac_gan_equilibrium_eigenvalues_are_plus_minus_i_f_prime_0(loss, f0):
    lam = np.linalg.eigvals(dirac_gan(loss=loss).J(np.zeros(2)))
    np.testing.assert_allclose(sorted(lam, key=np.imag), [-1j * f0, 1j * f0], atol=1e-15)


@pytest.mark.parametrize("loss", ["standard", "non_saturating", "wgan"])
@pytest.mark.parametrize("r1", [0.0, 0.7])
def test_dirac_gan_field_and_jacobian_are_the_derivatives_of_its_losses(loss, r1):
    g = dirac_gan(loss=loss, r1=r1)
    F, J = autograd_field(g.losses, g.dims, vectorized=True)
    z = np.random.default_rng(4).standard_normal((20, 2)) * 3
    np.testing.assert_allclose(g.F(z), F(z), rtol=1e-12, atol=1e-14)
    # atol: autograd's second derivative of logaddexp loses relative precision in the tails
    # (the closed form keeps it: checked against long-double arithmetic when this was written)
    np.testing.assert_allclose(g.J(z), J(z), rtol=1e-12, atol=1e-13)
    v, h = np.array([0.6, -0.8]), 1e-30                     # complex step: Im F(z + ihv)/h = J v
    np.testing.assert_allclose(np.imag(g.F(z + 1j * h * v)) / h, g.J(z) @ v, rtol=1e-12, atol=1e-14)
    assert g.zero_sum == (loss != "non_saturating")


def test_wgan_dirac_gan_is_the_bilinear_game():
    g, b = dirac_gan(loss="wgan"), lc.games.bilinear(1.0)
    z = np.random.default_rng(5).standard_normal((10, 2))
    np.testing.assert_allclose(g.F(z), b.F(z))
    m = lc.methods.sim_gda(0.1)
    np.testing.assert_allclose(lc.analysis.update_eigenvalues(m, g), lc.analysis.update_eigenvalues(m, b))


@pytest.mark.parametrize("loss", ["standard", "wgan"])
def test_simultaneous_gd_spirals_out_and_alternating_gd_cycles(loss):
    g = dirac_gan(loss=loss)
    z0 = [0.5, 0.5]
    sim = lc.simulate(lc.methods.sim_gda(0.1), g, z0, 10_000).distance()
    alt = lc.simulate(lc.methods.alt_gda(0.1), g, z0, 10_000).distance()
    assert sim[-1] > 3 * sim[0] and np.all(np.diff(sim[np.isfinite(sim)]) > -1e-12)   # grows monotonically
    assert alt.max() < 2 * alt[0] and alt[-1] > 0.5 * alt[0]                      # bounded, not converging


@pytest.mark.parametrize("gamma", [0.1, 0.3, 1.0, 3.0])
def test_r1_penalty_converges_with_the_predicted_eigenvalues(gamma):
    g = dirac_gan(r1=gamma)
    predicted = (-gamma + np.array([-1, 1]) * np.sqrt(complex(gamma**2 - 4 * 0.5**2))) / 2
    lam = np.linalg.eigvals(-g.J(np.zeros(2)))
    key = lambda v: (np.real(v), np.imag(v))  # noqa: E731
    np.testing.assert_allclose(sorted(lam, key=key), sorted(predicted, key=key), atol=1e-12)
    np.testing.assert_allclose(sorted(g.flow_eigenvalues(), key=key), sorted(predicted, key=key))
    for method in (lc.methods.sim_gda(0.1), lc.methods.alt_gda(0.1)):
        assert lc.simulate(method, g, [0.5, 0.5], 10_000).distance()[-1] < 1e-3


# --- one definition of each rule: the GAN driver is Sim-GDA / Alt-GDA on the Dirac-GAN ------

def _driver_path(game, order, first, eta=0.1, n_steps=300, z0=(0.5, 0.5)):
    run = gan.train_gan(gan.dirac_setup(game, z0), opt_g=gan.sgd(eta), opt_d=gan.sgd(eta), order=order,
                        first=first, n_steps=n_steps, batch_size=1, record_every=1, n_eval=1,
                        record_params=True)
    (theta,), (psi,) = run.params
    return np.concatenate([theta, psi], axis=-1)


@pytest.mark.parametrize("loss, r1", [("standard", 0.0), ("non_saturating", 0.2), ("wgan", 0.0)])
def test_gan_driver_with_full_batch_sgd_is_sim_gda_and_alt_gda_step_for_step(loss, r1):
    g = dirac_gan(loss=loss, r1=r1)
    sim = lc.simulate(lc.methods.sim_gda(0.1), g, [0.5, 0.5], 300).z
    np.testing.assert_allclose(_driver_path(g, "simultaneous", "discriminator"), sim, rtol=1e-13, atol=1e-15)
    alt = lc.simulate(lc.methods.alt_gda(0.1), g, [0.5, 0.5], 300).z
    np.testing.assert_allclose(_driver_path(g, "alternating", "generator"), alt, rtol=1e-13, atol=1e-15)


def test_discriminator_first_is_alt_gda_with_the_players_swapped():
    g = dirac_gan()
    swapped = lc.games.game_from_losses(lambda w: g.losses(w[::-1])[::-1], (1, 1))
    alt = lc.simulate(lc.methods.alt_gda(0.1), swapped, [0.5, 0.5], 100).z[:, ::-1]
    np.testing.assert_allclose(_driver_path(g, "alternating", "discriminator", n_steps=100), alt,
                               rtol=1e-12, atol=1e-15)


# --- the chapter's 2-D GAN -------------------------------------------------------------------

@pytest.fixture(scope="module")
def default_run():
    """The chapter's default run (ring of 8, DEFAULTS), trained once for the module."""
    return gan.train_toy_gan()


def test_default_gan_covers_the_ring(default_run):
    assert default_run.steps[-1] == gan.DEFAULTS["n_steps"] == 1000
    report = gan.mode_report(default_run.samples[-1], default_run.data, n_std=3.0)
    assert report.modes_covered >= 6
    assert report.fraction_near >= 0.5
    start = gan.mode_report(default_run.samples[0], default_run.data)
    assert start.fraction_near < 0.1                        # it is training that gets it there
    assert default_run.d_grid.shape == (len(default_run.steps), 60, 60)
    assert not default_run.diverged


def test_the_chapters_study_claims_hold_for_the_default_seed(default_run):
    """The chapter's reading of its study: with Adam the minimax cost also trains (no saturation
    at these settings), while SGD at the same budget leaves almost no mass on the modes."""
    data = default_run.data
    minimax = gan.train_toy_gan(cost="minimax", grid=None, record_every=1000)
    sgd = gan.train_toy_gan(optimizer="sgd", grid=None, record_every=1000)
    assert gan.mode_report(minimax.samples[-1], data).fraction_near >= 0.5
    assert gan.mode_report(sgd.samples[-1], data).fraction_near < 0.2


def test_same_seed_same_samples_and_a_batch_of_seeds_is_the_single_runs():
    short = dict(n_steps=30, record_every=10, hidden=(8,), grid=None)
    a, b = gan.train_toy_gan(seed=3, **short), gan.train_toy_gan(seed=3, **short)
    np.testing.assert_array_equal(a.samples, b.samples)
    assert not np.array_equal(a.samples, gan.train_toy_gan(seed=4, **short).samples)
    batch = gan.train_toy_gan(seed=[4, 3], **short)
    np.testing.assert_allclose(batch.samples[:, 1], a.samples, rtol=1e-12, atol=1e-14)


def test_mode_report_counts_modes_and_near_samples():
    ring = gan.ring_of_gaussians()
    exact = gan.mode_report(ring.sample(20_000, seed=0), ring)
    assert exact.modes_covered == 8
    assert exact.fraction_near == pytest.approx(1 - np.exp(-4.5), abs=0.005)
    one_mode = np.tile(ring.means[:1], (50, 1))
    collapsed = gan.mode_report(one_mode, ring)
    assert (collapsed.modes_covered, collapsed.fraction_near) == (1, 1.0)
    assert gan.mode_report(np.full((5, 2), np.nan), ring).modes_covered == 0


def test_diverging_runs_are_flagged_not_silently_nan():
    # Sim-GDA on the bilinear (WGAN) Dirac-GAN grows by sqrt(1 + eta^2) per step: 1e6 after 6 steps
    setup = gan.dirac_setup(dirac_gan(loss="wgan"), [1.0, 1.0])
    run = gan.train_gan(setup, opt_g=gan.sgd(10.0), opt_d=gan.sgd(10.0), order="simultaneous", n_steps=400,
                        batch_size=1, record_every=1, n_eval=1)
    assert run.diverged and run.diverged_at == 6
    assert np.isfinite(run.samples[:6]).all() and np.isnan(run.samples[6:]).all()
    ok = gan.train_toy_gan(optimizer="sgd", n_steps=40, record_every=10, hidden=(8,), grid=None, seed=[0, 1])
    assert not ok.diverged.any() and np.isfinite(ok.samples).all()


# --- bad input ----------------------------------------------------------------------------------

@pytest.mark.parametrize("call, match", [
    (lambda: gan.sgd(-0.1), "learning_rate"),
    (lambda: gan.adam(0.0), "learning_rate"),
    (lambda: gan.adam(1e-3, b1=1.5), "b1"),
    (lambda: dirac_gan(loss="hinge"), "loss"),
    (lambda: dirac_gan(r1=-1.0), "r1"),
    (lambda: gan.mlp_gan(gan.ring_of_gaussians(), cost="hinge"), "cost"),
    (lambda: gan.train_toy_gan(order="random"), "order"),
    (lambda: gan.train_toy_gan(first="nobody"), "first"),
    (lambda: gan.train_toy_gan(n_steps=-5), "n_steps"),
    (lambda: gan.train_toy_gan(optimizer="rmsprop"), "optimizer"),
    (lambda: gan.mixture([[0.0, np.nan]], 0.1), "means"),
    (lambda: gan.ring_of_gaussians(std=np.inf), "std"),
    (lambda: gan.mode_report(np.full((3, 2), np.inf), gan.ring_of_gaussians()), "samples"),
    (lambda: gan.dirac_setup(dirac_gan(), [np.nan, 1.0]), "z0"),
    (lambda: gan.init_mlp((2, 0, 1)), "sizes"),
])
def test_bad_input_raises_a_clear_error(call, match):
    with pytest.raises(ValueError, match=match):
        call()


def test_mismatched_layer_sizes_and_non_finite_weights_are_refused():
    setup = gan.mlp_gan(gan.ring_of_gaussians(), hidden=(8,))
    G, D = setup.init(np.random.default_rng(0))
    bad_G = (G[0], G[1], np.zeros((5, 2)), G[3])            # layer 2 takes 5 inputs, layer 1 gives 8
    with pytest.raises(ValueError, match="mismatched layer sizes"):
        gan.train_gan(setup, init_params=(bad_G, D), n_steps=1)
    nan_D = (D[0] * np.nan,) + D[1:]
    with pytest.raises(ValueError, match="non-finite"):
        gan.train_gan(setup, init_params=(G, nan_D), n_steps=1)
    with pytest.raises(TypeError, match="opt_g"):
        gan.train_gan(setup, opt_g="adam", n_steps=1)
    with pytest.raises(TypeError, match="seed"):
        gan.train_gan(setup, seed=1.5, n_steps=1)


def test_a_discriminator_head_start_saturates_the_minimax_generator():
    """The numbers of exercise ex-gan-saturate: after 200 discriminator-only Adam steps,
    D(G(z)) ~ 0.002 and the minimax generator's gradient is ~180x smaller than the
    non-saturating one's (the factor sigma(l) / (1 - sigma(l)) per sample)."""
    ring = lc.gan.ring_of_gaussians()
    pre = lc.gan.train_gan(lc.gan.mlp_gan(ring, cost="minimax"), opt_g=lc.gan.sgd(1e-12),
                           opt_d=lc.gan.adam(1e-2), n_steps=200, record_every=200)
    G, D = pre.final
    noise = np.random.default_rng(1).standard_normal((512, 2))
    setup = {c: lc.gan.mlp_gan(ring, cost=c) for c in ("minimax", "non_saturating")}
    d = setup["minimax"].discriminate(D, setup["minimax"].generate(G, noise))
    norm = {c: np.sqrt(sum(np.sum(g**2) for g in s.grads_g(G, D, noise))) for c, s in setup.items()}
    assert np.mean(d) < 0.005
    assert 0.1 < norm["minimax"] < 0.5 and 20 < norm["non_saturating"] < 80
    assert norm["non_saturating"] / norm["minimax"] > 100
