"""The variance of a minibatch gradient falls like 1/B with the batch size B."""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import torch

import trainer

# An MLP at its initial weights on 2,048 two-moons points; all gradients at these fixed weights.
n = 2048
x, y = trainer.two_moons(n, noise=0.1, seed=0).tensors
torch.manual_seed(0)
model = trainer.mlp(2, (16,), 2)  # Linear → ReLU → Linear, 82 parameters
first, second = model[0], model[2]

# One gradient per sample. Sample i's loss depends only on its own row of each layer's output,
# so the gradient of the summed loss w.r.t. those rows is per sample; a linear layer's weight
# gradient for one sample is the outer product of that row's gradient with the layer's input.
pre = first(x)
hidden = torch.relu(pre)
out = second(hidden)
d_pre, d_out = torch.autograd.grad(trainer.loss_of(out, y, reduction="sum"), [pre, out])
G = torch.cat([(d_pre[:, :, None] * x[:, None, :]).flatten(start_dim=1), d_pre,
               (d_out[:, :, None] * hidden[:, None, :]).flatten(start_dim=1), d_out], dim=1)
full = G.mean(dim=0)  # the full-batch gradient: the mean of the per-sample gradients
trainer.loss_of(model(x), y).backward()
autograd_grads = []
for p in model.parameters():
    assert p.grad is not None
    autograd_grads.append(p.grad.flatten())
assert torch.allclose(full, torch.cat(autograd_grads), atol=1e-6), (
    "the per-sample gradients do not average to autograd's")
deviations = G - full  # g_i − g for every sample i
trace_sigma = deviations.square().sum(dim=1).mean().item()  # tr Σ: per-sample variance

# Minibatches as an epoch makes them: shuffle, then cut into consecutive batches of B.
# 500 shuffles give 500·N/B minibatch gradients for each batch size B = 1, 2, 4, … 256.
generator = torch.Generator().manual_seed(0)
batch_sizes = [2**k for k in range(9)]
shuffles, sums = 500, [0.0] * len(batch_sizes)
for _ in range(shuffles // 50):  # 50 shuffles at a time
    order = torch.stack([torch.randperm(n, generator=generator) for _ in range(50)])
    means = deviations[order]  # the deviations in shuffled order
    for k in range(len(batch_sizes)):
        if k:  # the mean over a batch of 2B is the mean of two neighbouring batches of B
            means = means.reshape(50, -1, 2, means.shape[-1]).mean(dim=2)
        sums[k] += means.square().sum().item()
measured = [total / (shuffles * n // b) for total, b in zip(sums, batch_sizes, strict=True)]
predicted = [trace_sigma / b * (n - b) / (n - 1) for b in batch_sizes]  # without replacement

print(f"{G.shape[1]} parameters, {n} samples; |full gradient|² = {full.square().sum():.4f}, "
      f"tr Σ = {trace_sigma:.4f}")
print(f"gradient noise scale tr Σ / |g|² = {trace_sigma / full.square().sum():.1f}")
for b, m, p in zip(batch_sizes, measured, predicted, strict=True):
    if b in (1, 8, 64, 256):
        print(f"B = {b:3d}: E|g_B − g|² = {m:.5f}, predicted {p:.5f}, "
              f"B · variance = {b * m:.4f}")
slope = (math.log(measured[6]) - math.log(measured[0])) / math.log(batch_sizes[6])
print(f"log-log slope from B = 1 to 64: {slope:.3f}")

plt.figure(figsize=(6, 4))
plt.loglog(batch_sizes, measured, "o", label="measured over many minibatches")
plt.loglog(batch_sizes, [trace_sigma / b for b in batch_sizes], "--", color="gray",
           label="tr Σ / B")
plt.loglog(batch_sizes, predicted, ":", color="black",
           label="tr Σ / B · (N − B)/(N − 1), without replacement")
plt.title(f"Minibatch gradient noise, MLP on two moons (N = {n})")
plt.xlabel("batch size B")
plt.ylabel("E |g_B − g|²")
plt.legend()
plt.tight_layout()
plt.show()

assert abs(slope + 1) < 0.1, f"variance falls with slope {slope:.3f} on log-log axes, not −1"
for b, m, p in zip(batch_sizes, measured, predicted, strict=True):
    assert abs(m / p - 1) < 0.1, f"B = {b}: measured {m:.5f}, predicted {p:.5f}"
