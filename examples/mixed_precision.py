"""bf16 rounds coarser than fp16 but has fp32's range; fp16 needs loss scaling for tiny values."""

from __future__ import annotations

import matplotlib.pyplot as plt
import torch

formats = {"fp32": torch.float32, "bf16": torch.bfloat16, "fp16": torch.float16}
print(f"{'':>5} {'eps':>9} {'max':>9} {'min normal':>11} {'min subnormal':>14}")
for name, dtype in formats.items():
    info = torch.finfo(dtype)
    subnormal = info.tiny * info.eps  # the smallest positive value at all
    print(f"{name:>5} {info.eps:9.2e} {info.max:9.2e} {info.tiny:11.2e} {subnormal:14.2e}")

# 1. Rounding: round-to-nearest is off by at most half the spacing, eps/2 relative.
g = torch.Generator().manual_seed(0)
x = torch.rand(100_000, generator=g, dtype=torch.float64) + 1.0  # in [1, 2): spacing = eps
worst = {}
for name in ("bf16", "fp16"):
    worst[name] = ((x.to(formats[name]).double() - x).abs() / x).max().item()
    print(f"{name}: largest relative rounding error {worst[name]:.2e} "
          f"(bound eps/2 = {torch.finfo(formats[name]).eps / 2:.2e})")

# 2. Updates smaller than half the spacing vanish: why the optimizer keeps fp32 master weights.
w_bf16, w_fp32 = torch.tensor(1.0, dtype=torch.bfloat16), torch.tensor(1.0)
for _ in range(1000):
    w_bf16 = w_bf16 + torch.tensor(1e-3, dtype=torch.bfloat16)
    w_fp32 = w_fp32 + 1e-3
print(f"1.0 plus 1000 updates of 1e-3: bf16 weight {w_bf16.item():.4f}, "
      f"fp32 weight {w_fp32.item():.4f}")

# 3. Small gradients, magnitudes spread log-uniformly from 1e-10 to 1e-2, as fp16 stores them.
grads = 10 ** (-10 + 8 * torch.rand(100_000, generator=g, dtype=torch.float64))
scale = 2.0**16  # what torch.amp.GradScaler starts with


def round_trip(values: torch.Tensor, dtype: torch.dtype, factor: float = 1.0) -> torch.Tensor:
    """Scale, store in `dtype`, unscale in float64: what survives of each value."""
    return (values * factor).to(dtype).double() / factor


lost = {
    "fp16": (round_trip(grads, torch.float16) == 0).double().mean().item(),
    "fp16 × 2^16": (round_trip(grads, torch.float16, scale) == 0).double().mean().item(),
    "bf16": (round_trip(grads, torch.bfloat16) == 0).double().mean().item(),
}
for name, fraction in lost.items():
    print(f"gradients flushed to zero in {name}: {fraction:.1%}")
scaled_error = ((round_trip(grads, torch.float16, scale) - grads) / grads).abs().max().item()
print(f"largest relative error of a gradient in fp16 × 2^16: {scaled_error:.1e}")
big = torch.tensor(1.0) * scale
print(f"but a gradient of 1.0 × 2^16 = {big.item():.0f} in fp16: {big.half().item()}, "
      f"in bf16: {big.bfloat16().item():.0f}")

# One picture: the worst relative error each format leaves, per band of magnitudes
# (1 = lost: flushed to 0 or overflowed to inf).
magnitude = torch.logspace(-12, 8, 200 * 100, dtype=torch.float64).reshape(200, 100)
plt.figure(figsize=(6, 4))
for name, dtype, factor in (("fp16", torch.float16, 1.0),
                            ("fp16, loss scale 2^16", torch.float16, scale),
                            ("bf16", torch.bfloat16, 1.0)):
    error = (round_trip(magnitude, dtype, factor) - magnitude).abs() / magnitude
    worst_in_band = error.nan_to_num(posinf=1.0).clamp(max=1.0).amax(dim=1)
    plt.loglog(magnitude[:, 0], worst_in_band, label=name)
plt.title("Worst relative error of storing a value in 16 bits")
plt.xlabel("|value|")
plt.ylabel("relative error (1 = flushed to 0 or overflowed)")
plt.ylim(1e-4, 2)
plt.legend(loc="lower left")
plt.show()

assert 0.9 * 2**-8 < worst["bf16"] <= 2**-8 and 0.9 * 2**-11 < worst["fp16"] <= 2**-11, (
    f"rounding errors {worst} do not match the unit roundoffs 2^-8 and 2^-11")
assert w_bf16.item() == 1.0 and abs(w_fp32.item() - 2.0) < 1e-3, "bf16 should lose the updates"
assert lost["fp16"] > 0.25 and lost["fp16 × 2^16"] == 0 and lost["bf16"] == 0, (
    f"expected fp16 alone to lose small gradients, with scaling none: {lost}")
assert scaled_error < 0.01, f"with scaling every gradient should keep 1% accuracy: {scaled_error}"
assert torch.isinf(big.half()) and torch.isfinite(big.bfloat16()), "2^16 overflows fp16 only"
