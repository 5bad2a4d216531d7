"""Fitting L(N) = a·N^(-α) + c to small least-squares runs recovers the law theory predicts."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import torch
from scipy.optimize import curve_fit

# Linear regression with d = 10 Gaussian features and noise σ = 0.5, fitted by least squares.
# Theory: the expected test loss is σ²·(N − 1)/(N − d − 1) ≈ σ² + σ²·d/N, so α = 1, c = σ².
torch.manual_seed(0)
d, sigma, repeats = 10, 0.5, 200
w_true = torch.randn(d, 1, dtype=torch.float64)


def mean_test_loss(n: int) -> float:
    """Average test loss of `repeats` least-squares fits, each on n fresh training samples."""
    total = 0.0
    for _ in range(repeats // 20):  # 20 runs at a time keeps the tensors small
        x = torch.randn(20, n, d, dtype=torch.float64)
        y = x @ w_true + sigma * torch.randn(20, n, 1, dtype=torch.float64)
        w = torch.linalg.lstsq(x, y).solution  # one tiny training run per slice
        # For x ~ N(0, I) the expected loss on new data is exactly σ² + ‖w − w_true‖².
        total += (sigma**2 + ((w - w_true) ** 2).sum(dim=(1, 2))).sum().item()
    return total / repeats


sizes = np.array([400 * 2**k for k in range(7)])  # N = 400 ... 25600, from 40·d on
losses = np.array([mean_test_loss(int(n)) for n in sizes])


def log_power_law(n: np.ndarray, a: float, alpha: float, c: float) -> np.ndarray:
    return np.log(a * n ** -alpha + c)


# Fit in log space, so that every run counts by its relative error, not by its size.
(a, alpha, c), _ = curve_fit(log_power_law, sizes, np.log(losses), p0=(1.0, 0.5, 0.1),
                             bounds=(0, np.inf))
residuals = np.log(losses) - log_power_law(sizes, a, alpha, c)
r_squared = 1 - np.sum(residuals**2) / np.sum((np.log(losses) - np.log(losses).mean())**2)

for n, loss in zip(sizes, losses, strict=True):
    print(f"N = {n:>5}: test loss {loss:.5f}, theory {sigma**2 * (n - 1) / (n - d - 1):.5f}")
print(f"fit:            L(N) = {a:.2f}·N^(-{alpha:.3f}) + {c:.5f}, R² (log) = {r_squared:.5f}")
print(f"theory, N ≫ d:  L(N) ≈ {sigma**2 * d:.2f}·N^(-1) + {sigma**2:.5f}")

grid = np.geomspace(sizes[0], sizes[-1], 100)
plt.figure(figsize=(6, 4))
plt.loglog(sizes, losses - c, "o", label=f"measured, mean of {repeats} runs per size")
plt.loglog(grid, a * grid**-alpha, "--", label=f"fit: {a:.2f}·N^(-{alpha:.3f})")
plt.loglog(grid, sigma**2 * d / grid, ":", color="gray", label="theory: σ²·d/N")
plt.title("Least squares: test loss above the fitted floor c")
plt.xlabel("training samples N")
plt.ylabel("test loss − c")
plt.legend()
plt.show()

assert r_squared > 0.999, f"the power law does not fit the runs: R² = {r_squared:.5f}"
assert abs(alpha - 1) < 0.1, f"theory says α = 1, the fit says {alpha:.3f}"
assert abs(c - sigma**2) < 0.01 * sigma**2, f"theory says c = σ² = {sigma**2}, the fit {c:.4f}"
