"""Deep sigmoid MLP: gradients vanish toward the input; with ReLU and Kaiming init they do not."""

from __future__ import annotations

import matplotlib.pyplot as plt
import torch
import torch.nn.functional as F
from torch import nn

import trainer

depth, width, batch = 15, 128, 64


def layer_gradient_norms(activation: type[nn.Module], scheme: trainer.InitName) -> list[float]:
    """‖∂L/∂W_l‖ of each linear layer, input side first, after one backward pass."""
    torch.manual_seed(0)  # the same data for both networks
    x, y = torch.randn(batch, width), torch.randn(batch, 1)
    layers: list[nn.Module] = []
    for _ in range(depth - 1):
        layers += [nn.Linear(width, width), activation()]
    model = trainer.initialize(nn.Sequential(*layers, nn.Linear(width, 1)), scheme)
    F.mse_loss(model(x), y).backward()
    norms = []
    for m in model:
        if isinstance(m, nn.Linear):
            assert m.weight.grad is not None
            norms.append(m.weight.grad.norm().item())
    return norms


sigmoid = layer_gradient_norms(nn.Sigmoid, "xavier")
relu = layer_gradient_norms(nn.ReLU, "kaiming")

print(f"{depth} linear layers of width {width}; ‖∂L/∂W‖ at layer 1 (input) and {depth} (output)")
for name, norms in (("sigmoid, Xavier", sigmoid), ("ReLU, Kaiming", relu)):
    ratio = norms[0] / norms[-1]
    print(f"{name:>15}: {norms[0]:.2e} ... {norms[-1]:.2e}, first/last = {ratio:.1e}")
per_layer = (sigmoid[1] / sigmoid[-2]) ** (1 / (depth - 3))  # layers 2 to 14: 12 steps
print(f"sigmoid: the gradient shrinks by a factor of about {per_layer:.2f} per layer")

layers = range(1, depth + 1)
plt.figure(figsize=(6, 4))
plt.semilogy(layers, sigmoid, "o-", label="sigmoid, Xavier init")
plt.semilogy(layers, relu, "s-", label="ReLU, Kaiming init")
plt.title(f"Gradient norm per layer in a {depth}-layer MLP")
plt.xlabel("layer (1 = next to the input)")
plt.ylabel("‖∂L/∂W‖ (log scale)")
plt.legend()
plt.show()

assert sigmoid[0] / sigmoid[-1] < 1e-5, (
    f"sigmoid: first/last gradient ratio {sigmoid[0] / sigmoid[-1]:.1e}, expected below 1e-5")
assert 0.1 < relu[0] / relu[-1] < 10 and max(relu) / min(relu) < 20, (
    f"ReLU + Kaiming: gradient norms {min(relu):.2e} to {max(relu):.2e}, expected one range")
