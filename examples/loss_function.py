"""Cross-entropy is the negative log-likelihood; unlike MSE it keeps pushing when badly wrong."""

from __future__ import annotations

import matplotlib.pyplot as plt
import torch
import torch.nn.functional as F
from torch import Tensor

device = "cuda" if torch.cuda.is_available() else "cpu"
torch.manual_seed(0)

# 1. Cross-entropy = −log(probability the model gives the true class), averaged over the batch.
logits = torch.randn(8, 3).to(device)  # drawn on the CPU: the same numbers on every device
labels = torch.randint(0, 3, (8,)).to(device)
cross_entropy = F.cross_entropy(logits, labels)
nll = -F.log_softmax(logits, dim=1)[torch.arange(8, device=device), labels].mean()
print(f"cross-entropy {cross_entropy.item():.6f}, −mean log p(true class) {nll.item():.6f}")


# 2. The gradient with respect to the logits when the model is wrong with margin m:
#    the true class 0 gets logit 0, the wrong class 1 gets logit m, class 2 gets 0.
def gradient_norm(loss_name: str, margin: float) -> float:
    z = torch.tensor([[0.0, margin, 0.0]], device=device, requires_grad=True)
    target = torch.tensor([0], device=device)
    loss: Tensor = (F.cross_entropy(z, target) if loss_name == "cross-entropy"
                    else F.mse_loss(F.softmax(z, dim=1), F.one_hot(target, 3).float()))
    (grad,) = torch.autograd.grad(loss, z)
    return float(grad.norm())


margins = [0.5 * i for i in range(25)]
curves = {name: [gradient_norm(name, m) for m in margins] for name in ("cross-entropy", "MSE")}
for m in (0.0, 4.0, 12.0):
    i = margins.index(m)
    print(f"margin {m:4.1f}: gradient norm, cross-entropy {curves['cross-entropy'][i]:.4f}, "
          f"MSE on softmax {curves['MSE'][i]:.2e}")

plt.figure(figsize=(6, 4))
for name, curve in curves.items():
    plt.semilogy(margins, curve, label=name if name != "MSE" else "MSE on softmax")
plt.title("Gradient on the logits of a confidently wrong prediction")
plt.xlabel("margin m of the wrong class's logit over the true one")
plt.ylabel("‖∂loss/∂logits‖")
plt.legend()
plt.show()

assert torch.allclose(cross_entropy, nll, atol=1e-6), (
    f"cross-entropy {cross_entropy.item()} differs from the NLL {nll.item()}")
ce_wrong, mse_wrong = curves["cross-entropy"][-1], curves["MSE"][-1]
assert ce_wrong > 1.0 and mse_wrong < 1e-4, (
    f"at margin {margins[-1]}: cross-entropy gradient {ce_wrong:.4f} (expected > 1), "
    f"MSE gradient {mse_wrong:.2e} (expected < 1e-4)")
