"""Gradient descent on an ill-conditioned quadratic: with η < 2/λ_max the loss falls every step."""

from __future__ import annotations

import itertools

import matplotlib.pyplot as plt
import torch

import trainer

# f(w) = ½ wᵀAw in 10 dimensions, eigenvalues of A from 1 to 20; the minimum is f(0) = 0.
loss, start = trainer.quadratic(dim=10, kappa=20.0, seed=0)

# The Hessian of a quadratic is A itself; its largest eigenvalue sets the safe step size.
hessian = torch.func.hessian(loss)(start)
lambda_max = torch.linalg.eigvalsh(hessian).max().item()
lr = 1.0 / lambda_max  # comfortably below the stability limit 2/λ_max

losses = trainer.minimize(loss, start, trainer.TrainConfig(optimizer="sgd", lr=lr), steps=200)
target = 1e-6 * losses[0]
steps_to_target = next((i for i, value in enumerate(losses) if value < target), None)
falls_every_step = all(b < a for a, b in itertools.pairwise(losses))

print(f"λ_max = {lambda_max:.2f}, step size η = 1/λ_max = {lr:.4f} (limit 2/λ_max = "
      f"{2 / lambda_max:.4f})")
print(f"loss: {losses[0]:.4f} at the start, {losses[-1]:.2e} after {len(losses)} steps")
print(f"below {target:.2e} (a millionth of the start) after {steps_to_target} steps")
print(f"loss fell at every step: {falls_every_step}")

plt.figure(figsize=(6, 4))
plt.semilogy(losses, label=f"η = 1/λ_max = {lr:.3f}")
plt.axhline(target, color="gray", linestyle="--", label="target: start / 10⁶")
plt.title("Gradient descent on f(w) = ½ wᵀAw, κ = 20")
plt.xlabel("step")
plt.ylabel("loss f(w)")
plt.legend()
plt.show()

assert falls_every_step, "the loss rose at some step although η < 2/λ_max"
assert losses[-1] < target, f"final loss {losses[-1]:.3e} is not below the target {target:.3e}"
