"""Too small initial weights make activations vanish with depth; Xavier and Kaiming keep them."""

from __future__ import annotations

from typing import Literal

import matplotlib.pyplot as plt
import torch
from torch import nn

import trainer

depth, width, batch = 20, 256, 512


def activation_spread(activation: type[nn.Module],
                      scheme: trainer.InitName | Literal["small"]) -> list[float]:
    """Standard deviation of each hidden layer's output over a batch of N(0, 1) inputs."""
    torch.manual_seed(0)  # the same inputs for every variant
    x = torch.randn(batch, width)
    layers: list[nn.Module] = []
    for _ in range(depth):
        layers += [nn.Linear(width, width), activation()]
    model = nn.Sequential(*layers)
    if scheme == "small":  # N(0, 0.01²), as in AlexNet (2012): far below 1/√256 = 0.0625
        for layer in model:
            if isinstance(layer, nn.Linear):
                nn.init.normal_(layer.weight, 0.0, 0.01)
                nn.init.zeros_(layer.bias)
    else:
        trainer.initialize(model, scheme)  # also zeroes the biases
    spreads = []
    with torch.no_grad():
        for layer in model:
            x = layer(x)
            if not isinstance(layer, nn.Linear):
                spreads.append(x.std().item())
    return spreads


variants = {
    "N(0, 0.01²), tanh": activation_spread(nn.Tanh, "small"),
    "Xavier, tanh": activation_spread(nn.Tanh, "xavier"),
    "Xavier, ReLU": activation_spread(nn.ReLU, "xavier"),
    "Kaiming, ReLU": activation_spread(nn.ReLU, "kaiming"),
}
print(f"std of the activations of {depth} layers of width {width}, inputs with std 1:")
for name, spread in variants.items():
    print(f"{name:>17}: layer 1 {spread[0]:.3g}, layer 10 {spread[9]:.3g}, "
          f"layer {depth} {spread[-1]:.3g}")

layers = range(1, depth + 1)
plt.figure(figsize=(6, 4))
for name, spread in variants.items():
    plt.semilogy(layers, spread, "o-", markersize=3, label=name)
plt.title(f"Activation spread per layer, {depth} layers of width {width}")
plt.xlabel("layer")
plt.ylabel("std of the activations (log scale)")
plt.legend()
plt.show()

small, xavier_tanh = variants["N(0, 0.01²), tanh"], variants["Xavier, tanh"]
xavier_relu, kaiming = variants["Xavier, ReLU"], variants["Kaiming, ReLU"]
assert small[-1] < 1e-12, f"N(0, 0.01²): expected the signal to vanish, last std {small[-1]:.2e}"
# Xavier + tanh decays slowly (roughly like 1/√layer), not geometrically.
assert xavier_tanh[-1] > 0.1, f"Xavier + tanh: expected to keep the signal, got {xavier_tanh[-1]}"
assert 0.3 < kaiming[-1] / kaiming[0] < 3, (
    f"Kaiming + ReLU: expected a constant spread, got {kaiming[0]:.3f} -> {kaiming[-1]:.3f}")
# Xavier ignores that ReLU zeroes half of its inputs: the variance halves per layer.
assert xavier_relu[-1] / xavier_relu[0] < 2 ** (-(depth - 1) / 2) * 3, (
    f"Xavier + ReLU: expected a spread shrinking by √2 per layer, got {xavier_relu}")
