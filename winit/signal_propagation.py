r"""Signal propagation in deep random networks, measured: the experiment behind mean-field theory.

A network with weights :math:`W^\ell_{ij} \sim \mathcal N(0, \sigma_w^2/n)` and biases
:math:`b^\ell_i \sim \mathcal N(0, \sigma_b^2)` maps two inputs to pre-activations
:math:`z^\ell(x_1), z^\ell(x_2)` whose length and correlation per unit,

.. math::

    q_\ell = \tfrac1n \lVert z^\ell \rVert^2, \qquad
    c_\ell = \frac{z^\ell(x_1)\cdot z^\ell(x_2)}{\lVert z^\ell(x_1)\rVert\,\lVert z^\ell(x_2)\rVert},

follow, for a wide network, the variance map and the correlation map of
:mod:`winit.mean_field` (Poole et al., 2016; Schoenholz et al., 2017).
:func:`simulate_signal_propagation` measures them in networks of finite width, built
from the layers of :mod:`winit.nn`; :func:`winit.mean_field.mean_field_trajectory`
gives the theory, and :mod:`winit.figures.edge_of_chaos` draws both.
"""

from __future__ import annotations

import math

import numpy as np

from ._checks import check_positive_int, check_rng
from ._types import RngLike
from .mean_field import Trajectory, check_propagation_args
from .nn import Activation, Dense

__all__ = ["Trajectory", "simulate_signal_propagation"]


def _input_pairs(n_pairs: int, width: int, q0: float, c0: float, rng: np.random.Generator) -> np.ndarray:
    """``2 n_pairs`` rows: pairs of vectors with ``|x|^2 / width = q0`` and cosine ``c0`` exactly, in random directions."""
    g = rng.standard_normal((n_pairs, width, 2))
    basis, _ = np.linalg.qr(g)  # per pair, two orthonormal columns
    e1, e2 = basis[:, :, 0], basis[:, :, 1]
    scale = math.sqrt(width * q0)
    second = c0 * e1 + math.sqrt(max(0.0, 1.0 - c0 * c0)) * e2
    return scale * np.stack([e1, second], axis=1).reshape(2 * n_pairs, width)


def simulate_signal_propagation(
    depth: int,
    width: int,
    sigma_w2: float,
    sigma_b2: float,
    activation: str = "tanh",
    *,
    q0: float = 1.0,
    c0: float = 0.5,
    n_pairs: int = 16,
    n_networks: int = 1,
    rng: RngLike = None,
) -> Trajectory:
    r"""Measure :math:`q_\ell` and :math:`c_\ell` of two inputs in random networks of the given width.

    Layer 0 holds two pre-activation vectors :math:`z^0_1, z^0_2 \in \mathbb R^n` with
    :math:`\lVert z^0\rVert^2/n = q_0` and cosine :math:`c_0`; then, for
    :math:`\ell = 1, \dots, \text{depth}`,

    .. math::

        z^\ell = \phi(z^{\ell-1})\, W^\ell + b^\ell, \qquad
        W^\ell_{ij} \sim \mathcal N(0, \sigma_w^2/n),\ b^\ell_i \sim \mathcal N(0, \sigma_b^2),

    with fresh weights in every layer, as in Poole et al. (2016).  The returned ``q`` is
    the mean over the inputs of :math:`\lVert z^\ell\rVert^2/n` and ``c`` the pair's
    cosine, each averaged over ``n_pairs`` pairs in random directions fed through the same
    network (which costs little: drawing the weights dominates) and over ``n_networks``
    independent networks.

    Parameters
    ----------
    depth, width : int
        Number of layers and of units per layer.
    sigma_w2, sigma_b2 : float
        Weight variance times the fan-in, and bias variance.
    activation : str
        One of :data:`winit.activations.ACTIVATIONS`.
    q0, c0 : float
        Length per unit and correlation of the two inputs.
    n_pairs : int
        Input pairs per network.
    n_networks : int
        Independent networks to average over.
    rng : None, int or numpy.random.Generator
        Source of every random draw (SciPy's convention).

    Examples
    --------
    >>> sim = simulate_signal_propagation(3, 200, 1.5, 0.05, rng=0)
    >>> sim.q.shape, round(float(sim.c[0]), 6)
    ((4,), 0.5)
    """
    depth, sigma_w2, sigma_b2, activation, q0, c0 = check_propagation_args(
        depth, sigma_w2, sigma_b2, activation, q0, c0
    )
    width = check_positive_int(width, name="width", minimum=2)
    n_pairs = check_positive_int(n_pairs, name="n_pairs")
    n_networks = check_positive_int(n_networks, name="n_networks")
    gen = check_rng(rng)
    qs = np.empty((n_networks, depth + 1))
    cs = np.empty((n_networks, depth + 1))
    w_std, b_std = math.sqrt(sigma_w2 / width), math.sqrt(sigma_b2)
    phi = Activation(activation)
    for k in range(n_networks):
        z = _input_pairs(n_pairs, width, q0, c0, gen)
        for layer in range(depth + 1):
            if layer > 0:
                w = gen.standard_normal((width, width)) * w_std
                b = gen.standard_normal(width) * b_std
                z = Dense(w, b, requires_grad=False).forward(phi.forward(z))  # z_l = phi(z_{l-1}) W_l + b_l
            sq = np.einsum("ij,ij->i", z, z)  # squared lengths, rows (x1, x2) of each pair
            dot = np.einsum("ij,ij->i", z[0::2], z[1::2])
            qs[k, layer] = sq.mean() / width
            norms = np.sqrt(sq[0::2] * sq[1::2])
            cs[k, layer] = float(np.mean(np.where(norms > 0, dot / np.where(norms > 0, norms, 1.0), 1.0)))
    if n_networks == 1:
        return Trajectory(q=qs[0], c=cs[0])
    root = math.sqrt(n_networks)
    return Trajectory(
        q=qs.mean(axis=0),
        c=cs.mean(axis=0),
        q_se=qs.std(axis=0, ddof=1) / root,
        c_se=cs.std(axis=0, ddof=1) / root,
    )
