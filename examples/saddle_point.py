"""Gradient descent converges to a saddle only from its stable manifold; perturbations escape."""

from __future__ import annotations

import itertools
import math

import matplotlib.pyplot as plt
import torch
from torch import Tensor

# f(x, y) = ½x² + ¼y⁴ − ½y²: a saddle at (0, 0) with Hessian diag(1, −1), minima at (0, ±1)
# with f = −¼. The x-axis (y = 0) is the saddle's stable manifold: there ∂f/∂y = 0 for ever.


def f(p: Tensor) -> Tensor:
    x, y = p[..., 0], p[..., 1]
    return 0.5 * x**2 + 0.25 * y**4 - 0.5 * y**2


def gradient(p: Tensor) -> Tensor:
    x, y = p[..., 0], p[..., 1]
    return torch.stack([x, y**3 - y], dim=-1)


lr, steps = 0.1, 300
gen = torch.Generator().manual_seed(0)


def descend(start: tuple[float, float], noise: float = 0.0) -> Tensor:
    """Gradient descent from `start`, optionally with Gaussian noise added to every gradient."""
    p = torch.tensor(start, dtype=torch.float64)
    path = [p]
    for _ in range(steps):
        g = gradient(p) + noise * torch.randn(2, generator=gen, dtype=torch.float64)
        p = p - lr * g
        path.append(p)
    return torch.stack(path)


def escape_step(path: Tensor) -> int | None:
    """The first step at which |y| > 0.5, i.e. the path has left the saddle's neighbourhood."""
    away = (path[:, 1].abs() > 0.5).nonzero()
    return int(away[0]) if len(away) else None


runs = {"exactly on the x-axis": descend((1.0, 0.0))}
for delta in (1e-2, 1e-5, 1e-8):
    runs[f"y₀ = {delta:.0e}"] = descend((1.0, delta))
runs["on the x-axis, gradient noise σ = 1e-3"] = descend((1.0, 0.0), noise=1e-3)

on_axis = runs["exactly on the x-axis"][-1]
print(f"from (1, 0): after {steps} steps at {on_axis.tolist()}, f = {f(on_axis).item():.1e}, "
      f"|∇f| = {gradient(on_axis).norm().item():.1e}: stuck at the saddle")
# Near the saddle y grows by the factor (1 + η·1) per step, so leaving takes ln(0.5/y₀)/ln(1.1).
escapes = {}
for name, path in runs.items():
    step = escape_step(path)
    escapes[name] = step
    if step is not None:
        start_y = path[0, 1].item()
        linear = math.log(0.5 / start_y) / math.log(1 + lr) if start_y else None
        predicted = f", predicted {linear:.0f}" if linear else ""
        print(f"{name:>38}: |y| > 0.5 after {step} steps{predicted}, "
              f"final f = {f(path[-1]).item():.4f}")

fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4.5))
grid = torch.linspace(-1.5, 1.5, 201, dtype=torch.float64)
gx, gy = torch.meshgrid(grid, grid, indexing="xy")
left.contour(gx, gy, f(torch.stack([gx, gy], dim=-1)), levels=20, cmap="gray", linewidths=0.6)
for name, path in runs.items():
    left.plot(path[:, 0], path[:, 1], label=name)
    right.plot(f(path), label=name)
left.plot([0], [0], "kx", markersize=10, label="saddle (0, 0)")
left.set(title="Paths on f = ½x² + ¼y⁴ − ½y²", xlabel="x", ylabel="y")
right.set(title="Loss along the paths", xlabel="step", ylabel="f(x, y)")
left.legend(fontsize=7, loc="lower left")
right.legend(fontsize=7)
plt.show()

assert on_axis.norm() < 1e-10 and escapes["exactly on the x-axis"] is None, (
    f"from (1, 0) gradient descent should converge to the saddle, ended at {on_axis.tolist()}")
perturbed = [escapes[f"y₀ = {d:.0e}"] for d in (1e-2, 1e-5, 1e-8)]
assert all(s is not None for s in perturbed), f"a perturbed start did not escape: {perturbed}"
# Each factor of 1000 in y₀ costs the same ln(1000)/ln(1.1) ≈ 72 extra steps near the saddle.
escaped = [s for s in perturbed if s is not None]  # all three, by the assertion above
gaps = [b - a for a, b in itertools.pairwise(escaped)]
assert all(abs(gap - math.log(1000) / math.log(1 + lr)) < 5 for gap in gaps), gaps
assert escapes["on the x-axis, gradient noise σ = 1e-3"] is not None, "noise did not escape"
assert all(f(path[-1]) < -0.24 for name, path in runs.items() if escapes[name] is not None), (
    "every escaping path should end near a minimum, f = −0.25")
