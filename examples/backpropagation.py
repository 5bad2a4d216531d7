"""Backpropagation by hand (the chain rule) matches autograd and a finite-difference check."""

from __future__ import annotations

import matplotlib.pyplot as plt
import torch
import torch.nn.functional as F
from torch import Tensor

torch.manual_seed(0)
dtype = torch.float64  # double precision, so finite differences can be accurate

# A two-layer network: z1 = x W1ᵀ + b1, h = tanh(z1), z2 = h W2ᵀ + b2, loss = cross-entropy.
n, d_in, d_hidden, n_classes = 16, 4, 8, 3
x = torch.randn(n, d_in, dtype=dtype)
y = torch.randint(0, n_classes, (n,))
params = {
    "W1": torch.randn(d_hidden, d_in, dtype=dtype) / d_in**0.5,
    "b1": torch.zeros(d_hidden, dtype=dtype),
    "W2": torch.randn(n_classes, d_hidden, dtype=dtype) / d_hidden**0.5,
    "b2": torch.zeros(n_classes, dtype=dtype),
}


def loss_of(p: dict[str, Tensor]) -> Tensor:
    h = torch.tanh(x @ p["W1"].T + p["b1"])
    return F.cross_entropy(h @ p["W2"].T + p["b2"], y)


# Forward pass, keeping the intermediate values the backward pass needs.
z1 = x @ params["W1"].T + params["b1"]
h = torch.tanh(z1)
z2 = h @ params["W2"].T + params["b2"]

# Backward pass: the chain rule, from the loss back to the first layer.
dz2 = (z2.softmax(dim=1) - F.one_hot(y, n_classes).to(dtype)) / n  # ∂L/∂z2 for mean CE
by_hand = {"W2": dz2.T @ h, "b2": dz2.sum(dim=0)}
dh = dz2 @ params["W2"]  # back through the second linear layer
dz1 = dh * (1 - h**2)  # back through tanh: tanh' = 1 − tanh²
by_hand |= {"W1": dz1.T @ x, "b1": dz1.sum(dim=0)}

# The same gradients from autograd.
leaves = {k: v.clone().requires_grad_(True) for k, v in params.items()}
loss = loss_of(leaves)
loss.backward()
autograd = {k: v.grad for k, v in leaves.items()}


def finite_differences(step: float) -> dict[str, Tensor]:
    """Central differences (L(θ + h·e_i) − L(θ − h·e_i)) / 2h for every single parameter."""
    grads = {}
    for name, value in params.items():
        grad = torch.zeros_like(value)
        for i in range(value.numel()):
            shifted = {k: v.clone() for k, v in params.items()}
            shifted[name].view(-1)[i] += step
            up = loss_of(shifted)
            shifted[name].view(-1)[i] -= 2 * step
            grad.view(-1)[i] = (up - loss_of(shifted)) / (2 * step)
        grads[name] = grad
    return grads


def relative_error(a: dict[str, Tensor], b: dict[str, Tensor]) -> float:
    flat_a, flat_b = torch.cat([a[k].flatten() for k in a]), torch.cat([b[k].flatten() for k in a])
    return float((flat_a - flat_b).norm() / flat_b.norm())


n_params = sum(v.numel() for v in params.values())
steps = [10.0**-k for k in range(1, 13)]
fd_errors = [relative_error(finite_differences(s), autograd) for s in steps]
hand_error = relative_error(by_hand, autograd)
best = min(range(len(steps)), key=fd_errors.__getitem__)

print(f"loss {loss.item():.6f}, {n_params} parameters")
print(f"by hand vs. autograd: relative error {hand_error:.1e}")
for k in (0, 2, best, len(steps) - 1):
    print(f"central differences, h = {steps[k]:.0e}: relative error {fd_errors[k]:.1e}")
print(f"a finite-difference gradient costs {2 * n_params} forward passes, "
      "backpropagation one forward and one backward pass")

plt.figure(figsize=(6, 4))
plt.loglog(steps, fd_errors, "o-", label="central differences vs. autograd")
plt.loglog(steps[:5], [fd_errors[0] * (s / steps[0]) ** 2 for s in steps[:5]], "--",
           color="gray", label="slope 2: truncation error ∝ h²")
plt.loglog(steps[6:], [fd_errors[-1] * steps[-1] / s for s in steps[6:]], ":", color="gray",
           label="slope −1: round-off error ∝ 1/h")
plt.gca().invert_xaxis()
plt.title("Gradient check of a two-layer network (float64)")
plt.xlabel("finite-difference step h")
plt.ylabel("relative error of the gradient")
plt.legend()
plt.tight_layout()
plt.show()

for name in params:
    assert torch.allclose(by_hand[name], autograd[name], rtol=1e-10, atol=1e-12), (
        f"hand-written gradient of {name} differs from autograd's")
assert fd_errors[best] < 1e-8, f"best finite-difference error {fd_errors[best]:.1e} is too large"
# Truncation error: a ten times smaller step gives about a hundred times smaller error.
ratio = fd_errors[0] / fd_errors[1]
assert 50 < ratio < 200, f"error fell by {ratio:.0f} from h = 0.1 to 0.01, expected about 100"
assert fd_errors[-1] > 100 * fd_errors[best], "round-off should spoil too small a step"
