"""Two small model families and the classic weight initialisations."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar, assert_never

import torch
from torch import nn

from trainer.config import InitName, ModelName, check_choice

Model = TypeVar("Model", bound=nn.Module)


def mlp(in_features: int, hidden: Sequence[int], out_features: int,
        batchnorm: bool = False, dropout: float = 0.0) -> nn.Sequential:
    """Linear → [BatchNorm] → ReLU → [Dropout] per hidden layer, then a linear output."""
    layers: list[nn.Module] = []
    width = in_features
    for size in hidden:
        layers.append(nn.Linear(width, size))
        if batchnorm:
            layers.append(nn.BatchNorm1d(size))
        layers.append(nn.ReLU())
        if dropout > 0:
            layers.append(nn.Dropout(dropout))
        width = size
    layers.append(nn.Linear(width, out_features))
    return nn.Sequential(*layers)


def small_cnn(out_features: int = 2, channels: int = 8, batchnorm: bool = False,
              dropout: float = 0.0) -> nn.Sequential:
    """Two conv blocks for 1×8×8 images: 8×8 → 4×4 → 2×2, then a linear classifier."""
    def block(c_in: int, c_out: int) -> list[nn.Module]:
        norm: list[nn.Module] = [nn.BatchNorm2d(c_out)] if batchnorm else []
        return [nn.Conv2d(c_in, c_out, 3, padding=1), *norm, nn.ReLU(), nn.MaxPool2d(2)]

    head: list[nn.Module] = [nn.Dropout(dropout)] if dropout > 0 else []
    return nn.Sequential(*block(1, channels), *block(channels, 2 * channels), nn.Flatten(),
                         *head, nn.Linear(2 * channels * 2 * 2, out_features))


def make_model(name: ModelName, in_features: int, out_features: int, hidden: Sequence[int],
               batchnorm: bool = False, dropout: float = 0.0) -> nn.Sequential:
    """The model a config names; `in_features` is ignored by the CNN (its input is 1×8×8)."""
    check_choice(name, ModelName, "model")
    match name:
        case "mlp":
            return mlp(in_features, hidden, out_features, batchnorm, dropout)
        case "cnn":
            return small_cnn(out_features, batchnorm=batchnorm, dropout=dropout)
        case _:
            assert_never(name)


def initialize(model: Model, scheme: InitName) -> Model:
    """Re-draw every linear and conv weight by `scheme` and zero the biases; uses the global RNG."""
    check_choice(scheme, InitName, "init scheme")
    for layer in model.modules():
        if not isinstance(layer, nn.Linear | nn.Conv2d):
            continue
        weight = layer.weight
        fan_in = weight[0].numel()
        match scheme:
            case "uniform":  # U(-1/√fan_in, 1/√fan_in)
                nn.init.uniform_(weight, -fan_in**-0.5, fan_in**-0.5)
            case "normal":  # N(0, 1/fan_in): variance-preserving for linear layers
                nn.init.normal_(weight, 0.0, fan_in**-0.5)
            case "xavier":  # keeps variance through tanh/linear layers both ways
                nn.init.xavier_uniform_(weight)
            case "kaiming":  # doubles the variance to make up for ReLU zeroing half
                nn.init.kaiming_normal_(weight, nonlinearity="relu")
            case "orthogonal":  # all singular values 1: no direction grows or shrinks
                nn.init.orthogonal_(weight)
            case _:
                assert_never(scheme)
        if layer.bias is not None:
            with torch.no_grad():
                layer.bias.zero_()
    return model
