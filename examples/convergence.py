"""Gradient descent converges linearly at rate (κ−1)/(κ+1); SGD with a constant step stalls."""

from __future__ import annotations

import math
from collections.abc import Callable

import matplotlib.pyplot as plt
import torch

torch.set_num_threads(1)  # tiny tensors: threads only add overhead
rng = torch.Generator().manual_seed(0)
f64 = torch.float64

# Least squares f(w) = 1/(2N) |Xw − y|²: a strongly convex quadratic with Hessian H = XᵀX/N.
# Column scales make the curvatures range from about 1 to 10.
n, d = 1000, 10
X = torch.randn(n, d, generator=rng, dtype=f64) * torch.logspace(0, 1, d, dtype=f64).sqrt()
y = X @ torch.randn(d, generator=rng, dtype=f64) + 0.5 * torch.randn(n, generator=rng, dtype=f64)
H = X.T @ X / n
w_star = torch.linalg.solve(H, X.T @ y / n)  # the minimum
eigenvalues = torch.linalg.eigvalsh(H)
lam_min, lam_max = eigenvalues[0].item(), eigenvalues[-1].item()
kappa = lam_max / lam_min
rho = (kappa - 1) / (kappa + 1)


def gap(w: torch.Tensor) -> float:
    """f(w) − f(w*), exact for a quadratic."""
    e = w - w_star
    return float(0.5 * (e @ H @ e).item())


# Gradient descent at the optimal constant step 2/(λ_min + λ_max).
eta = 2 / (lam_min + lam_max)
w = torch.zeros(d, dtype=f64)
distances = []
for _ in range(80):
    distances.append((w - w_star).norm().item())
    w = w - eta * (X.T @ (X @ w - y) / n)
half = len(distances) // 2
measured = (distances[-1] / distances[half]) ** (1 / (len(distances) - 1 - half))

print(f"λ_min = {lam_min:.3f}, λ_max = {lam_max:.3f}, κ = {kappa:.2f}")
print(f"gradient descent, η = 2/(λ_min + λ_max) = {eta:.4f}: |w − w*| shrinks by {measured:.5f} "
      f"per step, predicted (κ − 1)/(κ + 1) = {rho:.5f}")

# SGD on minibatches of 10: two constant steps, and a step that decays like 1/t.
steps, batch = 3000, 10
t0 = 2 * kappa  # η0·t0 = 2/λ_min: large enough for the 1/t rate
schedules: dict[str, Callable[[int], float]] = {
    "constant η = 1/λ_max": lambda t: 1 / lam_max,
    "constant η = 0.25/λ_max": lambda t: 0.25 / lam_max,
    "decaying η = (1/λ_max)·t0/(t0 + t)": lambda t: t0 / (t0 + t) / lam_max,
}
gaps: dict[str, list[float]] = {}
for name, step_size in schedules.items():
    w = torch.zeros(d, dtype=f64)
    gaps[name] = []
    batches = torch.Generator().manual_seed(1)  # every run sees the same minibatches
    for t in range(steps):
        idx = torch.randint(0, n, (batch,), generator=batches)
        w = w - step_size(t) * (X[idx].T @ (X[idx] @ w - y[idx]) / batch)
        gaps[name].append(gap(w))


def mean(values: list[float]) -> float:
    return sum(values) / len(values)


decaying_name = list(schedules)[-1]
early = {name: mean(g[steps // 10:steps // 5]) for name, g in gaps.items()}  # steps 300–599
late = {name: mean(g[-steps // 10:]) for name, g in gaps.items()}  # steps 2700–2999
for name in schedules:
    print(f"SGD, {name}: f − f* averages {early[name]:.2e} over steps 300–599, "
          f"{late[name]:.2e} over steps 2700–2999")

figure, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
left.semilogy(distances, label="gradient descent")
left.semilogy([distances[0] * rho**t for t in range(len(distances))], "--", color="gray",
              label=f"ρ^t, ρ = (κ−1)/(κ+1) = {rho:.3f}")
left.set(title=f"Full-batch gradient descent, κ = {kappa:.1f}", xlabel="step",
         ylabel="|w − w*|")
left.legend()
for name, g in gaps.items():
    right.loglog(range(1, steps + 1), g, linewidth=0.8, label=f"SGD, {name}")
right.loglog([100, steps], [late[decaying_name] * steps / 100, late[decaying_name]], ":",
             color="black", label="slope −1: ∝ 1/t")
right.set(title=f"SGD, minibatches of {batch}", xlabel="step", ylabel="f(w) − f(w*)")
right.legend(fontsize="small", loc="lower left")
figure.tight_layout()
plt.show()

assert math.isclose(measured, rho, rel_tol=0.01), (
    f"measured contraction {measured:.5f} per step, predicted {rho:.5f}")
big, small, decaying = schedules
assert late[big] > 0.6 * early[big], (
    f"constant step should stall: {early[big]:.2e} → {late[big]:.2e}")
assert late[small] < late[big] / 2, "a smaller constant step should lower the noise floor"
assert late[decaying] < 0.4 * early[decaying], (
    f"decaying step should keep improving: {early[decaying]:.2e} → {late[decaying]:.2e}")
assert late[decaying] < late[small] / 5, "decaying step should end far below the noise floors"
