"""One vocabulary for "the optimum is on the boundary" (issue 20): a tuple of the hyper-parameter
names tuned onto an end of their range, empty when the optimum is interior, in every result."""

import numpy as np
import pytest

from lecturecode import analysis, games, methods, plot
from lecturecode.analysis import IterationLaw, SlopeRow, Tuned

WC = games.worst_case_game(1.0, 10.0)


def test_tune_and_optimal_step_size_return_one_type_with_the_names_on_the_edge():
    inside = analysis.tune(methods.sim_gda, WC, {"eta": "auto"})
    edge = analysis.tune(methods.proximal_point, WC, {"eta": (0.01, 5.0)})
    assert inside.on_boundary == () and not inside.on_boundary
    assert edge.on_boundary == ("eta",) and edge.eta == pytest.approx(5.0)
    wrapped = analysis.optimal_step_size(methods.proximal_point, WC, (0.01, 5.0))
    assert isinstance(wrapped, Tuned) and wrapped == edge          # a thin wrapper: the same search, the same result
    short = analysis.optimal_step_size(methods.sim_gda, WC, (0.001, 0.005))
    assert short.on_boundary == ("eta",) and short.eta == pytest.approx(0.005)
    assert not hasattr(inside, "at_boundary") and not hasattr(analysis, "StepSize")


def test_a_two_parameter_optimum_names_only_the_parameter_on_its_edge():
    spec = methods.REGISTRY["Negative momentum"]
    best = analysis.tune(spec.make, WC, {"eta": "auto", "beta": (-0.999, -0.9)})   # the best beta is above -0.9
    assert best.on_boundary == ("beta",) and best.hyper["beta"] == pytest.approx(-0.9)


def test_a_law_holds_one_tuple_per_kappa_and_carries_its_registry_entry():
    laws = analysis.kappa_sweep(["Sim-GDA", "PPM"], [10.0, 30.0], spaces={"PPM": {"eta": (0.01, 5.0)}})
    sim, ppm = laws["Sim-GDA"], laws["PPM"]
    assert isinstance(sim, IterationLaw) and sim.on_boundary == ((), ()) and not any(sim.on_boundary)
    assert ppm.on_boundary == (("eta",), ("eta",))
    assert (sim.method, ppm.method) == ("Sim-GDA", "PPM")
    assert sim.spec is methods.REGISTRY["Sim-GDA"] and ppm.spec is methods.REGISTRY["PPM"]
    fixed = analysis.kappa_sweep(["PPM"], [10.0, 30.0], spaces={"PPM": {"eta": 10.0}})["PPM"]   # nothing searched
    assert fixed.on_boundary == ((), ()) and fixed.spec is methods.REGISTRY["PPM"]
    bare = analysis.iterations_vs_kappa(methods.sim_gda, [10.0, 30.0])
    assert bare.on_boundary == ((), ()) and bare.spec is None and bare.method is None


def test_the_slope_table_row_names_the_edge_parameters_and_says_so():
    laws = analysis.kappa_sweep(["Sim-GDA", "PPM"], [10.0, 30.0], spaces={"PPM": {"eta": (0.01, 5.0)}})
    rows = {r.method: r for r in analysis.slope_table(laws).rows}
    assert isinstance(rows["PPM"], SlopeRow) and rows["PPM"].on_boundary == ("eta",)
    assert rows["Sim-GDA"].on_boundary == ()
    text = str(analysis.slope_table(laws))
    assert text.count("(edge of range)") == 1


def test_the_comparison_row_keeps_the_same_type():
    rows = {r.method: r for r in analysis.compare(WC, ["Sim-GDA", "PPM"])}
    assert rows["Sim-GDA"].on_boundary == () and isinstance(rows["PPM"].on_boundary, tuple)


@pytest.mark.parametrize("eta_range, label", [((0.001, 1.0), "optimum"), ((0.001, 0.005), "best in the range")])
def test_the_rate_plot_reads_the_tuned_result(eta_range, label):
    best = analysis.optimal_step_size(methods.sim_gda, WC, eta_range)
    etas = np.linspace(0.001, 0.02, 20)
    ax = plot.rate_vs_step_size(etas, {"Sim-GDA": analysis.convergence_rate(methods.sim_gda(etas), WC)},
                                optimum=best)
    assert any(t.get_text().startswith(label) for t in ax.get_legend().get_texts())
    ax.figure.clf()
