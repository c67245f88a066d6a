"""The ``@validates`` decorator of method factories: checks once, keeps the body, keeps the signature."""

import inspect

import numpy as np
import pytest

from lecturecode.methods import _base, acceleration, gda, jacobian_corrected
from lecturecode.methods.registry import REGISTRY
from lecturecode.validation import as_step_size


def test_validates_checks_then_calls_the_body_which_it_keeps():
    calls = []

    @_base.validates(eta=as_step_size)
    def factory(eta, *, label="x"):
        """Doc."""
        calls.append(eta)
        return label

    assert factory(0.5, label="y") == "y" and isinstance(calls[-1], np.ndarray)
    assert factory.unchecked(0.25) == "x" and calls[-1] == 0.25               # the body: nothing checked
    assert list(inspect.signature(factory).parameters) == ["eta", "label"]
    assert factory.__doc__ == "Doc." and factory.__name__ == "factory"
    with pytest.raises(ValueError, match="eta"):
        factory(0.0)
    with pytest.raises(TypeError):
        factory()


def test_validates_rejects_a_check_of_no_parameter():
    with pytest.raises(TypeError, match="no parameter"):
        @_base.validates(beta=as_step_size)
        def factory(eta):
            return eta


def test_every_factory_of_the_registry_families_keeps_an_unchecked_body():
    """The registered factories of gda, acceleration and jacobian_corrected check once (the views build
    from their unchecked bodies)."""
    for spec in REGISTRY.values():
        module = getattr(spec.make, "__module__", "")
        if module in (gda.__name__, acceleration.__name__, jacobian_corrected.__name__):
            assert callable(spec.make.unchecked), spec.make
    assert callable(acceleration.with_momentum.unchecked) and callable(gda.runge_kutta_flow.unchecked)
