"""Bias-variance trade-off: a higher degree lowers bias² and raises variance; MSE = both + σ²."""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import torch
from torch import Tensor

torch.manual_seed(0)
n, sigma, repeats = 30, 0.3, 500  # 30 noisy points per training set, 500 training sets
degrees = list(range(9))
x_grid = torch.linspace(-1, 1, 101, dtype=torch.float64)


def f(x: Tensor) -> Tensor:
    """The true regression function."""
    return torch.sin(math.pi * x)


def features(x: Tensor, degree: int) -> Tensor:
    """Legendre polynomials P_0 .. P_degree: the same model as powers, but well conditioned."""
    columns = [torch.ones_like(x), x]
    for k in range(1, degree):
        columns.append(((2 * k + 1) * x * columns[k] - k * columns[k - 1]) / (k + 1))
    return torch.stack(columns[: degree + 1], dim=1)


bias2, variance, test_mse = [], [], []
for degree in degrees:
    predictions = []
    for _ in range(repeats):
        x = 2 * torch.rand(n, dtype=torch.float64) - 1
        y = f(x) + sigma * torch.randn(n, dtype=torch.float64)
        coef = torch.linalg.lstsq(features(x, degree), y[:, None]).solution
        predictions.append((features(x_grid, degree) @ coef).squeeze(1))
    p = torch.stack(predictions)  # (repeats, grid points)
    mean_prediction = p.mean(dim=0)
    bias2.append(((mean_prediction - f(x_grid)) ** 2).mean().item())
    variance.append(p.var(dim=0, unbiased=False).mean().item())
    # Error against fresh noisy targets, measured directly rather than from the formula.
    y_new = f(x_grid) + sigma * torch.randn(repeats, len(x_grid), dtype=torch.float64)
    test_mse.append(((p - y_new) ** 2).mean().item())

print(f"{repeats} training sets of n = {n}, noise σ² = {sigma**2:.2f}")
print("degree   bias²   variance   bias² + var + σ²   measured test MSE")
for d in degrees:
    total = bias2[d] + variance[d] + sigma**2
    print(f"{d:6d}  {bias2[d]:6.4f}   {variance[d]:8.4f}   {total:16.4f}   {test_mse[d]:17.4f}")
best = min(degrees, key=lambda d: test_mse[d])
print(f"lowest test MSE at degree {best}")

plt.figure(figsize=(6, 4))
plt.semilogy(degrees, bias2, "o-", label="bias²")
plt.semilogy(degrees, variance, "s-", label="variance")
plt.semilogy(degrees, test_mse, "^-", label="test MSE")
plt.axhline(sigma**2, color="gray", linestyle="--", label="noise σ² (irreducible)")
plt.title(f"Bias-variance trade-off, polynomial fits to n = {n} points")
plt.xlabel("polynomial degree")
plt.ylabel("mean over x in [-1, 1]")
plt.legend()
plt.show()

assert bias2[1] < bias2[0] and bias2[3] < bias2[1] / 10, f"bias² should fall with degree: {bias2}"
assert variance[-1] > 20 * variance[3], f"variance should grow with degree: {variance}"
assert 1 <= best <= 7 and test_mse[best] < min(test_mse[0], test_mse[-1]) / 1.5, (
    f"the best degree should sit between too simple and too flexible: {test_mse}")
for d in degrees:
    total = bias2[d] + variance[d] + sigma**2
    assert abs(total - test_mse[d]) < 0.05 * test_mse[d], (
        f"degree {d}: bias² + variance + σ² = {total:.4f}, measured {test_mse[d]:.4f}")
