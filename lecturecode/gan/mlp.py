r"""Multilayer perceptrons with closed-form backpropagation in NumPy.

Parameters are a flat tuple ``(W_1, b_1, ..., W_L, b_L)`` with ``W_l`` of shape
``(..., n_{l-1}, n_l)`` and ``b_l`` of shape ``(..., n_l)``; leading axes (e.g. one per
seed) are batch axes, so one call trains several independent networks. With hidden
activation :math:`\sigma` (``tanh`` or leaky ReLU) and a linear last layer,

.. math::

    h_0 = x, \qquad h_l = \sigma(h_{l-1} W_l + b_l)\ (l < L), \qquad
    \mathrm{out} = h_{L-1} W_L + b_L .

Backpropagation of an output gradient :math:`\bar o` (:func:`mlp_backward`):
:math:`\bar a_L = \bar o`, then for :math:`l = L, \dots, 1`:
:math:`\bar W_l = h_{l-1}^\top \bar a_l`, :math:`\bar b_l = \textstyle\sum_n \bar a_l`,
:math:`\bar h_{l-1} = \bar a_l W_l^\top` and :math:`\bar a_{l-1} = \bar h_{l-1}\odot
\sigma'(a_{l-1})`. The tests check it against ``autograd`` on :func:`mlp_apply`, the same
network written with ``autograd.numpy``.
"""

from __future__ import annotations

import autograd.numpy as anp
import numpy as np
from autograd.tracer import Box

from ..validation import as_choice, as_count, as_flag, as_generator, as_real_array, as_scalar, finite_result

__all__ = ["init_mlp", "mlp_apply", "mlp_forward", "mlp_backward", "check_params", "check_activation",
           "layer_sizes", "ACTIVATIONS"]

#: Hidden-layer activations.
ACTIVATIONS = ("tanh", "leaky_relu")
LEAK = 0.2


def init_mlp(sizes, seed=0, *, scale: float = 1.0) -> tuple:
    r"""Random parameters for layer sizes ``(n_0, ..., n_L)``: :math:`W_l \sim
    \mathcal N(0, \mathrm{scale}^2/n_{l-1})`, :math:`b_l = 0`.

    Examples
    --------
    >>> p = init_mlp((2, 16, 1), seed=0)
    >>> [w.shape for w in p]
    [(2, 16), (16,), (16, 1), (1,)]
    """
    if isinstance(sizes, (str, bytes)) or not hasattr(sizes, "__iter__"):
        raise TypeError(f"sizes must be a sequence of layer widths, got {sizes!r}")
    sizes = tuple(as_count(n, "sizes entry") for n in sizes)
    if len(sizes) < 2:
        raise ValueError(f"sizes must list at least an input and an output width, got {sizes}")
    scale = as_scalar(scale, "scale", low=0.0, high=1e100, low_open=True)          # finite weights
    rng = as_generator(seed)
    params = []
    for n_in, n_out in zip(sizes[:-1], sizes[1:]):
        params += [scale * rng.standard_normal((n_in, n_out)) / np.sqrt(n_in), np.zeros(n_out)]
    return tuple(params)


def layer_sizes(params) -> tuple:
    """The widths ``(n_0, ..., n_L)`` of a parameter tuple.

    Examples
    --------
    >>> layer_sizes(init_mlp((2, 16, 1), seed=0))
    (2, 16, 1)
    """
    params = check_params(params)
    return (params[0].shape[-2],) + tuple(w.shape[-1] for w in params[0::2])


def _weights(p, name: str) -> np.ndarray:
    """One weight array as floats (non-finite entries are reported by check_params)."""
    try:
        raw = np.asarray(p)
    except (TypeError, ValueError) as err:
        raise ValueError(f"{name} must hold regular weight arrays (W, b)") from err
    if raw.dtype.kind not in "iuf" or isinstance(p, (bool, np.bool_)):
        raise TypeError(f"{name} must hold real weight arrays (W, b), got {type(p).__name__}")
    return raw.astype(float)


def check_params(params, name: str = "params") -> tuple:
    """Validate a parameter tuple: pairs ``(W, b)`` of finite arrays whose sizes chain.

    Examples
    --------
    >>> [w.shape for w in check_params(init_mlp((2, 3, 1), seed=0))]
    [(2, 3), (3,), (3, 1), (1,)]
    """
    if not isinstance(params, tuple) or len(params) < 2 or len(params) % 2:
        raise TypeError(f"{name} must be a tuple (W_1, b_1, ..., W_L, b_L), got {type(params).__name__}")
    params = tuple(_weights(p, name) for p in params)
    for k, (W, b) in enumerate(zip(params[0::2], params[1::2]), start=1):
        if W.ndim < 2 or b.shape[-1:] != W.shape[-1:]:
            raise ValueError(f"{name}: layer {k} has W of shape {W.shape} and b of shape {b.shape}; "
                             "b must have W's output width")
        if k > 1 and W.shape[-2] != params[2 * k - 4].shape[-1]:
            raise ValueError(f"{name}: mismatched layer sizes, layer {k - 1} outputs "
                             f"{params[2 * k - 4].shape[-1]} but layer {k} takes {W.shape[-2]}")
        if not (np.all(np.isfinite(W)) and np.all(np.isfinite(b))):
            raise ValueError(f"{name}: layer {k} has non-finite weights")
    return params


def _activation(kind: str):
    if kind == "tanh":
        return anp.tanh
    return lambda a: anp.where(a > 0, a, LEAK * a)


def check_activation(activation) -> str:
    """Validate an activation name: exactly one of :data:`ACTIVATIONS`.

    Examples
    --------
    >>> check_activation("leaky_relu")
    'leaky_relu'
    """
    return as_choice(activation, "activation", ACTIVATIONS)


def _traced(params, x) -> bool:
    """``True`` inside an autograd trace (the boxes are checked by the untraced call)."""
    return isinstance(x, Box) or isinstance(params, Box) or (
        isinstance(params, tuple) and any(isinstance(p, Box) for p in params))


def _batch_error(name, shape, params):
    return ValueError(f"{name} of shape {shape} must have shape (..., n, {params[0].shape[-2]}) with batch axes "
                      f"that broadcast against the parameters' {params[0].shape[:-2]}")


def _checked_input(params, x, name: str = "x"):
    """Validated ``params`` and inputs ``x`` of shape ``(..., n, n_0)``."""
    params = check_params(params)
    x = as_real_array(x, name, allow_empty=False)
    if x.ndim < 2 or x.shape[-1] != params[0].shape[-2]:
        raise _batch_error(name, x.shape, params)
    try:
        np.broadcast_shapes(x.shape[:-2], *(p.shape[:-2] for p in params[0::2]), *(p.shape[:-1] for p in params[1::2]))
    except ValueError:
        raise _batch_error(name, x.shape, params) from None
    return params, x


def mlp_apply(params, x, activation: str = "tanh") -> np.ndarray:
    """The network's output, written with ``autograd.numpy`` (traceable: the reference that
    :func:`mlp_backward` is tested against, and the autograd benchmark).

    Examples
    --------
    >>> p = init_mlp((2, 8, 1), seed=0)
    >>> mlp_apply(p, np.zeros((5, 2))).shape
    (5, 1)
    """
    activation = check_activation(activation)
    if _traced(params, x):
        return _mlp_apply(params, x, activation)
    params, x = _checked_input(params, x)
    with np.errstate(all="ignore"):
        out = _mlp_apply(params, x, activation)
    return finite_result(out, "x (or params)", "the network's output")


def _mlp_apply(params, x, activation):
    act = _activation(activation)
    h = x
    n_layers = len(params) // 2
    for k in range(n_layers):
        a = anp.matmul(h, params[2 * k]) + anp.expand_dims(params[2 * k + 1], -2)
        h = act(a) if k < n_layers - 1 else a
    return h


def _leaky_slope(a):
    """1 where ``a > 0``, else ``LEAK``, in ``a``'s dtype: branch-free, unlike ``np.where`` on
    random signs, which is several times slower (the values are the same)."""
    return (a > 0).astype(a.dtype) * (1.0 - LEAK) + LEAK


def mlp_forward(params, x, activation: str = "tanh") -> tuple[np.ndarray, tuple]:
    """Output and the cache of hidden activations ``(h_0, ..., h_{L-1})`` for :func:`mlp_backward`.

    Examples
    --------
    >>> out, cache = mlp_forward(init_mlp((2, 8, 1), seed=0), np.zeros((5, 2)))
    >>> out.shape, len(cache)
    ((5, 1), 2)
    """
    activation = check_activation(activation)
    params, x = _checked_input(params, x)
    with np.errstate(all="ignore"):
        out, cache = _mlp_forward(params, x, activation)
    return finite_result(out, "x (or params)", "the network's output"), cache


def _affine(h, W, b):
    """``h @ W + b`` with the bias added in place (the product is a fresh array), unless the
    bias's batch axes would widen it."""
    a = h @ W
    try:
        np.add(a, b[..., None, :], out=a)
    except ValueError:                                   # b has batch axes that W and h lack
        a = a + b[..., None, :]
    return a


def _mlp_forward(params, x, activation):
    hs = [x]
    h = x
    n_layers = len(params) // 2
    for k in range(n_layers):
        a = _affine(h, params[2 * k], params[2 * k + 1])
        if k < n_layers - 1:
            if activation == "tanh":
                h = np.tanh(a, out=a)                    # in place: a is not needed again
            else:
                h = a * _leaky_slope(a)
            hs.append(h)
        else:
            h = a
    return h, hs


def mlp_backward(params, cache, grad_out, activation: str = "tanh", *, param_grads: bool = True) -> tuple:
    r"""Closed-form backpropagation: gradients of :math:`\sum \bar o \odot \mathrm{out}`.

    Parameters
    ----------
    params : tuple
    cache : list
        From :func:`mlp_forward`.
    grad_out : ndarray
        :math:`\bar o`, shaped like the output.
    param_grads : bool
        ``False`` skips the weight gradients (only the input gradient is wanted, e.g. to
        pass the discriminator's gradient on to the generator).

    Returns
    -------
    grads : tuple or None
        Shaped like ``params``.
    grad_x : ndarray
        Gradient with respect to the input.

    Examples
    --------
    >>> p = init_mlp((3, 4, 2), seed=1)
    >>> x = np.ones((5, 3))
    >>> out, cache = mlp_forward(p, x)
    >>> grads, gx = mlp_backward(p, cache, np.ones_like(out))
    >>> [g.shape for g in grads], gx.shape
    ([(3, 4), (4,), (4, 2), (2,)], (5, 3))
    """
    activation = check_activation(activation)
    param_grads = as_flag(param_grads, "param_grads")
    params = check_params(params)
    n_layers = len(params) // 2
    if not isinstance(cache, (list, tuple)) or len(cache) != n_layers:
        raise TypeError(f"cache must be the list of {n_layers} activations mlp_forward returns, got "
                        f"{type(cache).__name__}")
    cache = [as_real_array(h, "cache entry", allow_empty=False) for h in cache]
    widths = layer_sizes(params)
    for k, h in enumerate(cache):
        if h.ndim < 2 or h.shape[-1] != widths[k] or h.shape[-2] != cache[0].shape[-2]:
            raise ValueError(f"cache entry {k} must have shape (..., n, {widths[k]}) (from mlp_forward), "
                             f"got {h.shape}")
    grad_out = as_real_array(grad_out, "grad_out")
    if grad_out.ndim < 2 or grad_out.shape[-2:] != (cache[0].shape[-2], widths[-1]):
        raise ValueError(f"grad_out must be shaped like the output (..., {cache[0].shape[-2]}, {widths[-1]}), "
                         f"got {grad_out.shape}")
    try:
        np.broadcast_shapes(grad_out.shape[:-2], *(h.shape[:-2] for h in cache), params[0].shape[:-2])
    except ValueError:
        raise ValueError(f"grad_out of shape {grad_out.shape} and the cache must share their batch axes") from None
    with np.errstate(all="ignore"):
        grads, g = _mlp_backward(params, cache, grad_out, activation, param_grads=param_grads)
    g = finite_result(g, "grad_out (or params)", "the input gradient")
    if grads is not None:
        grads = tuple(finite_result(w, "grad_out (or params)", "the weight gradients") for w in grads)
    return grads, g


def _mlp_backward(params, cache, grad_out, activation, *, param_grads=True, input_grad=True):
    """The kernel of :func:`mlp_backward`; ``input_grad=False`` skips the last product (the
    input gradient is then ``None``). The slope and its product are formed in place (the
    same arithmetic as ``g * (1 - h**2)``: the values are identical)."""
    n_layers = len(params) // 2
    grads = [None] * len(params)
    g = grad_out
    for k in range(n_layers - 1, -1, -1):
        h_in = cache[k]
        if param_grads:
            grads[2 * k] = h_in.mT @ g
            grads[2 * k + 1] = g.sum(axis=-2)
        if k == 0 and not input_grad:
            g = None
            break
        W = params[2 * k]
        # one output unit (a discriminator's logit): the product is an outer product, the same
        # values as a broadcast multiplication, which is many times faster than matmul's k = 1 path
        g = g * W.mT if W.shape[-1] == 1 else g @ W.mT
        if k > 0:
            if activation == "tanh":
                slope = np.multiply(h_in, h_in)
                np.subtract(1.0, slope, out=slope)
            else:
                slope = _leaky_slope(h_in)
            if slope.shape == g.shape:
                np.multiply(g, slope, out=g)
            else:
                g = g * slope
    return (tuple(grads) if param_grads else None), g
