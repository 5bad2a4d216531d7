"""Too large weights: the gradient of a deep tanh MLP grows geometrically toward the input."""

from __future__ import annotations

import itertools

import matplotlib.pyplot as plt
import torch
import torch.nn.functional as F
from torch import nn
from torch.nn.utils import clip_grad_norm_

depth, width, batch = 20, 128, 64


def build(sigma_w: float) -> nn.Sequential:
    """`depth` linear layers with tanh in between; weights N(0, σ_w²/fan_in), biases zero."""
    layers: list[nn.Module] = []
    for _ in range(depth - 1):
        layers += [nn.Linear(width, width), nn.Tanh()]
    model = nn.Sequential(*layers, nn.Linear(width, 1))
    for layer in model:
        if isinstance(layer, nn.Linear):
            nn.init.normal_(layer.weight, 0.0, sigma_w / layer.in_features**0.5)
            nn.init.zeros_(layer.bias)
    return model


def weight_gradient_norms(model: nn.Sequential) -> list[float]:
    norms = []
    for m in model:
        if isinstance(m, nn.Linear):
            assert m.weight.grad is not None
            norms.append(m.weight.grad.norm().item())
    return norms


results: dict[float, list[float]] = {}
for sigma_w in (1.0, 3.0):
    torch.manual_seed(0)  # the same data for both scales
    x, y = torch.randn(batch, width), torch.randn(batch, 1)
    model = build(sigma_w)
    # Backward multiplies by Wᵀ diag(tanh'(z)) per layer; its gain is about σ_w·√E[tanh'(z)²].
    gains, h = [], x
    for module in model:
        if isinstance(module, nn.Tanh):
            gains.append(sigma_w * (1 - torch.tanh(h) ** 2).pow(2).mean().sqrt().item())
        h = module(h)
    F.mse_loss(h, y).backward()
    results[sigma_w] = norms = weight_gradient_norms(model)
    measured = (norms[1] / norms[-2]) ** (1 / (depth - 3))  # per layer, layers 2 to 19
    predicted = sum(gains[1:]) / len(gains[1:])
    print(f"σ_w = {sigma_w}: ‖∂L/∂W‖ from {norms[0]:.2e} (layer 1) to {norms[-1]:.2e} "
          f"(layer {depth}), factor per layer toward the input {measured:.2f}")
print(f"σ_w = 3.0: predicted factor σ_w·√E[tanh'(z)²], averaged over layers: {predicted:.2f}")

# Clipping by norm rescales all gradients by one factor: the total is capped at 1,
# but the first layer still gets hundreds of times the gradient of the last.
total = clip_grad_norm_(model.parameters(), max_norm=1.0).item()
clipped = weight_gradient_norms(model)
print(f"σ_w = 3.0 after clip_grad_norm_(max_norm=1): total norm {total:.2e} -> 1, "
      f"layer 1 / layer {depth} still {clipped[0] / clipped[-1]:.0f}")

layers = range(1, depth + 1)
plt.figure(figsize=(6, 4))
for sigma_w, norms in results.items():
    plt.semilogy(layers, norms, "o-", label=f"σ_w = {sigma_w}")
plt.title(f"Gradient norm per layer, {depth}-layer tanh MLP, weights N(0, σ_w²/n)")
plt.xlabel("layer (1 = next to the input)")
plt.ylabel("‖∂L/∂W‖ (log scale)")
plt.legend()
plt.show()

big, normal = results[3.0], results[1.0]
assert big[0] / big[-1] > 100 and all(a > b for a, b in itertools.pairwise(big[:-1])), (
    f"σ_w = 3: expected gradients growing layer by layer toward the input, got {big}")
assert max(normal) / min(normal) < 3, f"σ_w = 1: expected level gradient norms, got {normal}"
assert abs(measured / predicted - 1) < 0.1, f"growth {measured:.2f}, predicted {predicted:.2f}"
assert abs(clipped[0] / clipped[-1] - big[0] / big[-1]) < 1e-3 * big[0] / big[-1], (
    "clipping by norm should keep the ratio between the layers")
