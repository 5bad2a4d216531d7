"""Adam by hand equals torch.optim.Adam, ignores the loss scale, and needs its bias correction."""

from __future__ import annotations

from collections.abc import Callable

import matplotlib.pyplot as plt
import torch
import torch.nn.functional as F
from torch import Tensor

import trainer

torch.manual_seed(0)
lr, beta1, beta2, eps = 0.01, 0.9, 0.999, 1e-8

# Logistic regression on two moons, in float64 so that rounding does not hide anything.
x, y = trainer.two_moons(n=200, noise=0.2, seed=0).tensors
features = torch.cat([x, torch.ones(len(x), 1)], dim=1).double()
labels = y.double()


def loss_fn(w: Tensor) -> Tensor:
    return F.binary_cross_entropy_with_logits(features @ w, labels)


def gradient(w: Tensor) -> Tensor:
    w = w.detach().requires_grad_(True)
    return torch.autograd.grad(loss_fn(w), w)[0]


def adam_by_hand(grad_of: Callable[[Tensor], Tensor], w0: Tensor, steps: int,
                 correct_m: bool = True, correct_v: bool = True) -> Tensor:
    """Adam's update written out; returns the parameters after every step (row 0: the start)."""
    w, m, v = w0.clone(), torch.zeros_like(w0), torch.zeros_like(w0)
    path = [w]
    for t in range(1, steps + 1):
        g = grad_of(w)
        m = beta1 * m + (1 - beta1) * g          # first moment: average gradient
        v = beta2 * v + (1 - beta2) * g * g      # second moment: average squared gradient
        m_hat = m / (1 - beta1**t) if correct_m else m
        v_hat = v / (1 - beta2**t) if correct_v else v
        w = w - lr * m_hat / (v_hat.sqrt() + eps)
        path.append(w)
    return torch.stack(path)


def torch_path(loss: Callable[[Tensor], Tensor], w0: Tensor, steps: int, optimizer: str) -> Tensor:
    """The same run with a torch.optim optimizer ("adam" or "sgd")."""
    w = w0.clone().requires_grad_(True)
    opt = (torch.optim.Adam([w], lr=lr, betas=(beta1, beta2), eps=eps) if optimizer == "adam"
           else torch.optim.SGD([w], lr=lr))
    path = [w.detach().clone()]
    for _ in range(steps):
        opt.zero_grad()
        loss(w).backward()
        opt.step()
        path.append(w.detach().clone())
    return torch.stack(path)


w0 = torch.randn(3, dtype=torch.float64)

# 1. The update by hand reproduces torch.optim.Adam.
steps = 200
mine, theirs = adam_by_hand(gradient, w0, steps), torch_path(loss_fn, w0, steps, "adam")
gap = (mine - theirs).abs().max().item()
print(f"hand-written Adam vs torch.optim.Adam, {steps} steps: largest difference {gap:.1e}")


# 2. Multiply the loss by 1000: Adam takes the same steps, SGD takes 1000 times larger ones.
def scaled(w: Tensor) -> Tensor:
    return 1000 * loss_fn(w)


adam_1, adam_1000 = torch_path(loss_fn, w0, 10, "adam"), torch_path(scaled, w0, 10, "adam")
sgd_1, sgd_1000 = torch_path(loss_fn, w0, 1, "sgd"), torch_path(scaled, w0, 1, "sgd")
adam_gap = (adam_1 - adam_1000).abs().max().item()
adam_travel = (adam_1[-1] - adam_1[0]).abs().max().item()
sgd_ratio = ((sgd_1000[1] - w0).norm() / (sgd_1[1] - w0).norm()).item()
print(f"loss × 1000, Adam: 10 steps travel {adam_travel:.4f}, paths differ by {adam_gap:.1e}")
print(f"loss × 1000, SGD: the first step is {sgd_ratio:.0f} times as long")

# 3. Bias correction, seen with a constant gradient: each step should then be lr per weight.
g = torch.randn(3, dtype=torch.float64)
horizon = 1000
variants = {"m̂ and v̂ corrected (Adam)": (True, True), "v̂ corrected, m not": (False, True),
            "neither corrected": (False, False)}
step_sizes = {}
for name, (cm, cv) in variants.items():
    path = adam_by_hand(lambda _: g, torch.zeros(3, dtype=torch.float64), horizon, cm, cv)
    step_sizes[name] = ((path[1:] - path[:-1])[:, 0].abs() / lr).tolist()  # |step| / lr
print("step length / lr at t = 1, 10, 100, 1000:")
for name, sizes in step_sizes.items():
    print(f"{name:>26}: " + ", ".join(f"{sizes[t - 1]:.3f}" for t in (1, 10, 100, 1000)))
peak = max(range(horizon), key=lambda i: step_sizes["neither corrected"][i])
print(f"without any correction the step peaks at t={peak + 1}: "
      f"{step_sizes['neither corrected'][peak]:.2f} × lr")

plt.figure(figsize=(6, 4))
for name, sizes in step_sizes.items():
    plt.semilogx(range(1, horizon + 1), sizes, label=name)
plt.title("Adam's step under a constant gradient")
plt.xlabel("step t")
plt.ylabel("step length / learning rate")
plt.legend(loc="upper right")
plt.show()

assert gap < 1e-12, f"hand-written Adam differs from torch.optim.Adam by {gap:.2e}"
assert adam_gap < 1e-6 * adam_travel, (
    f"scaling the loss changed Adam's path by {adam_gap:.2e} (it travelled {adam_travel:.3f})")
assert abs(sgd_ratio - 1000) < 1e-6, f"SGD's step grew by {sgd_ratio}, not 1000"
full, no_m, neither = step_sizes.values()
assert all(abs(s - 1) < 1e-6 for s in full), "corrected Adam should step exactly lr each time"
assert abs(no_m[0] - (1 - beta1)) < 1e-6, f"without m-correction step 1 is {no_m[0]}, not 0.1"
assert neither[0] > 3 and max(neither) > 6, (
    "without any correction the early steps should be several times too large")
