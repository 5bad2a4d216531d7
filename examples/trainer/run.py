"""config → data → model → loop in one call, for examples and the command line."""

from __future__ import annotations

from torch import nn
from torch.utils.data import TensorDataset

from trainer.config import TrainConfig
from trainer.data import make_dataset, split
from trainer.device import seed_everything
from trainer.history import History
from trainer.loop import train
from trainer.models import initialize, make_model


def build(cfg: TrainConfig) -> tuple[nn.Module, list[TensorDataset]]:
    """The model cfg names, sized for its data set, and that data split 60/20/20."""
    data = make_dataset(cfg.data, cfg.n_samples, cfg.noise, cfg.seed)
    inputs, targets = data.tensors
    if cfg.model == "mlp":  # it reads vectors: an 8×8 image becomes 64 numbers
        inputs = inputs.flatten(start_dim=1)
        data = TensorDataset(inputs, targets)
    out_features = targets.shape[1] if targets.is_floating_point() else int(targets.max()) + 1
    seed_everything(cfg.seed)  # the same seed draws the same initial weights
    model = make_model(cfg.model, inputs[0].numel(), out_features, cfg.hidden,
                       cfg.batchnorm, cfg.dropout)
    if cfg.init is not None:
        initialize(model, cfg.init)
    return model, split(data, [0.6, 0.2, 0.2], cfg.seed)


def run(cfg: TrainConfig) -> tuple[nn.Module, History]:
    """Build from cfg and train on the training part, validating on the validation part."""
    model, (train_data, val_data, _) = build(cfg)
    return model, train(model, train_data, val_data, cfg)
