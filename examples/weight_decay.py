"""Weight decay equals an L2 penalty for plain SGD; for Adam it does not, and AdamW differs."""

from __future__ import annotations

import copy
from collections.abc import Callable

import matplotlib.pyplot as plt
import torch
import torch.nn.functional as F
from torch import nn
from torch.optim import SGD, Adam, AdamW, Optimizer

import trainer

# 60 noisy two-moons points and a wide MLP: without any decay, the weights keep growing.
train_data, val_data = trainer.split(trainer.two_moons(300, noise=0.3, seed=0), [0.2, 0.8])
x, y = train_data.tensors
x_val, y_val = val_data.tensors
torch.manual_seed(0)
initial = trainer.mlp(2, (128, 128), 2)
steps, lr, lam = 300, 0.01, 1.0  # decoupled decay shrinks by 1 − ηλ = 0.99 per step


def weight_norm(model: nn.Module) -> float:
    return float(torch.cat([p.detach().flatten() for p in model.parameters()]).norm())


def fit(make_optimizer: Callable[[list[nn.Parameter]], Optimizer], *, l2_in_loss: bool = False,
        shrink_first: bool = False) -> tuple[nn.Module, list[float]]:
    """Full-batch training from the same initial weights; returns the model and its norm curve."""
    model = copy.deepcopy(initial)
    params = list(model.parameters())
    optimizer = make_optimizer(params)
    norms = [weight_norm(model)]
    for _ in range(steps):
        optimizer.zero_grad()
        loss = F.cross_entropy(model(x), y)
        if l2_in_loss:  # the penalty λ/2 ‖θ‖² becomes part of the loss and of its gradient
            loss = loss + lam / 2 * sum(p.pow(2).sum() for p in params)
        loss.backward()
        if shrink_first:  # decoupled, by hand: θ ← (1 − ηλ) θ, then the optimizer's step
            with torch.no_grad():
                for p in params:
                    p.mul_(1 - lr * lam)
        optimizer.step()
        norms.append(weight_norm(model))
    return model, norms


def largest_difference(a: nn.Module, b: nn.Module) -> float:
    pairs = zip(a.parameters(), b.parameters(), strict=True)
    return max((p - q).abs().max().item() for p, q in pairs)


sgd_l2, _ = fit(lambda ps: SGD(ps, lr=lr), l2_in_loss=True)
sgd_decoupled, _ = fit(lambda ps: SGD(ps, lr=lr), shrink_first=True)
adam_plain, norms_plain = fit(lambda ps: Adam(ps, lr=lr))
adam_l2, norms_l2 = fit(lambda ps: Adam(ps, lr=lr), l2_in_loss=True)
adamw, norms_w = fit(lambda ps: AdamW(ps, lr=lr, weight_decay=lam))

sgd_gap = largest_difference(sgd_l2, sgd_decoupled)
adam_gap = largest_difference(adam_l2, adamw)
print(f"λ = {lam}, η = {lr}, {steps} full-batch steps from the same initial weights")
print(f"SGD,  L2 penalty vs. decoupled decay: largest weight difference {sgd_gap:.1e}")
print(f"Adam, L2 penalty vs. AdamW:           largest weight difference {adam_gap:.3f}")
val_losses = {}
for name, model, norms in [("none", adam_plain, norms_plain), ("L2", adam_l2, norms_l2),
                           ("AdamW", adamw, norms_w)]:
    with torch.no_grad():
        val_losses[name] = F.cross_entropy(model(x_val), y_val).item()
    print(f"Adam, decay {name:>5}: weight norm {norms[0]:.2f} → {norms[-1]:.2f}, "
          f"validation loss {val_losses[name]:.3f}")

plt.figure(figsize=(6, 4))
plt.semilogy(norms_plain, label="Adam, no decay")
plt.semilogy(norms_l2, label="Adam + L2 penalty")
plt.semilogy(norms_w, label="AdamW (decoupled)")
plt.title(f"Same λ = {lam}: L2 penalty through Adam vs. AdamW")
plt.xlabel("step")
plt.ylabel("weight norm ‖θ‖")
plt.legend()
plt.show()

assert sgd_gap < 1e-5, f"for SGD, L2 and decoupled decay should coincide; they differ by {sgd_gap}"
assert adam_gap > 0.1, f"for Adam, L2 and AdamW should differ clearly; they differ by {adam_gap}"
assert norms_w[-1] < 0.8 * norms_plain[-1] and val_losses["AdamW"] < 0.6 * val_losses["none"], (
    f"AdamW should keep the weights smaller and generalize better than no decay: norms "
    f"{norms_w[-1]:.2f} vs. {norms_plain[-1]:.2f}, "
    f"val loss {val_losses['AdamW']:.3f} vs. {val_losses['none']:.3f}")
assert norms_l2[-1] < 0.1 * norms_w[-1], (
    f"with the same λ, the L2 penalty through Adam should crush the weights far more than "
    f"AdamW: norms {norms_l2[-1]:.2f} vs. {norms_w[-1]:.2f}")
