"""LayerNorm normalizes each sample on its own: alone or in any batch it gives the same output."""

from __future__ import annotations

import torch
from torch import nn

torch.manual_seed(0)
features = 16
sample = 3.0 + 2.0 * torch.randn(1, features)  # one input, not centred, std about 2
batch_a = torch.cat([sample, torch.randn(7, features)])  # the same sample with other companions
batch_b = torch.cat([sample, 10.0 * torch.randn(31, features)])

layer_norm = nn.LayerNorm(features)  # γ = 1, β = 0 at the start
batch_norm = nn.BatchNorm1d(features)  # in train mode: statistics of the current batch

ln_alone, ln_a, ln_b = layer_norm(sample), layer_norm(batch_a)[:1], layer_norm(batch_b)[:1]
bn_a, bn_b = batch_norm(batch_a)[:1], batch_norm(batch_b)[:1]

print(f"LayerNorm, the sample's output: mean {ln_alone.mean().item():+.1e}, "
      f"std {ln_alone.std(unbiased=False).item():.4f} over its {features} features")
print(f"LayerNorm: max difference alone vs. batch A {(ln_alone - ln_a).abs().max().item():.1e}, "
      f"vs. batch B {(ln_alone - ln_b).abs().max().item():.1e}")
print(f"BatchNorm (train mode): max difference batch A vs. batch B "
      f"{(bn_a - bn_b).abs().max().item():.2f}")
try:
    batch_norm(sample)
except ValueError as error:  # one value per channel: no batch statistics to compute
    print(f"BatchNorm on the sample alone: ValueError: {error}")
    bn_alone_failed = True
else:
    bn_alone_failed = False

assert torch.allclose(ln_alone, ln_a, atol=1e-5) and torch.allclose(ln_alone, ln_b, atol=1e-5), (
    "LayerNorm output of a sample should not depend on the rest of the batch")
assert abs(ln_alone.mean().item()) < 1e-5 and abs(ln_alone.std(unbiased=False).item() - 1) < 1e-3
assert (bn_a - bn_b).abs().max().item() > 0.1, "BatchNorm output should depend on the batch"
assert bn_alone_failed, "BatchNorm in train mode should refuse a batch of one"
