"""Model builders and weight initialisation schemes."""

from __future__ import annotations

import math

import pytest
import torch
from torch import nn

import trainer


def test_mlp_layers_follow_the_options() -> None:
    plain = trainer.mlp(3, [8, 4], 2)
    assert [type(m) for m in plain] == [nn.Linear, nn.ReLU, nn.Linear, nn.ReLU, nn.Linear]
    full = trainer.mlp(3, [8], 2, batchnorm=True, dropout=0.5)
    assert [type(m) for m in full] == [nn.Linear, nn.BatchNorm1d, nn.ReLU, nn.Dropout, nn.Linear]
    assert full(torch.randn(5, 3)).shape == (5, 2)


def test_small_cnn_takes_8x8_images() -> None:
    model = trainer.small_cnn(out_features=3, channels=4, batchnorm=True, dropout=0.1)
    assert model(torch.randn(5, 1, 8, 8)).shape == (5, 3)
    assert any(isinstance(m, nn.BatchNorm2d) for m in model)


def test_make_model_by_name() -> None:
    assert isinstance(trainer.make_model("cnn", 64, 2, [])[0], nn.Conv2d)
    assert trainer.make_model("mlp", 2, 2, [4])(torch.randn(1, 2)).shape == (1, 2)
    with pytest.raises(ValueError, match="unknown model 'rnn'"):
        trainer.make_model("rnn", 2, 2, [4])  # type: ignore[arg-type]


def _weight(scheme: trainer.InitName) -> torch.Tensor:
    torch.manual_seed(0)
    model = trainer.initialize(trainer.mlp(400, [], 200), scheme)
    layer = model[0]
    assert isinstance(layer, nn.Linear)
    assert torch.count_nonzero(layer.bias) == 0
    return layer.weight.detach()


@pytest.mark.parametrize(("scheme", "std"), [
    ("uniform", 1 / math.sqrt(3 * 400)),  # U(-a, a) has std a/√3
    ("normal", 1 / math.sqrt(400)),
    ("xavier", math.sqrt(2 / (400 + 200))),
    ("kaiming", math.sqrt(2 / 400)),
])
def test_scheme_gives_its_textbook_spread(scheme: trainer.InitName, std: float) -> None:
    assert _weight(scheme).std().item() == pytest.approx(std, rel=0.03)


def test_bounded_schemes_stay_in_their_bounds() -> None:
    assert _weight("uniform").abs().max() <= 1 / math.sqrt(400)
    assert _weight("xavier").abs().max() <= math.sqrt(6 / (400 + 200))


def test_orthogonal_rows_are_orthonormal() -> None:
    weight = _weight("orthogonal")  # 200 × 400: the 200 rows are orthonormal
    assert torch.allclose(weight @ weight.T, torch.eye(200), atol=1e-5)


def test_initialize_reaches_conv_layers_and_rejects_unknown_schemes() -> None:
    model = trainer.small_cnn()
    conv = model[0]
    assert isinstance(conv, nn.Conv2d)
    before = conv.weight.detach().clone()
    trainer.initialize(model, "kaiming")
    assert not torch.equal(before, conv.weight)
    with pytest.raises(ValueError, match="unknown init scheme 'zeros'"):
        trainer.initialize(model, "zeros")  # type: ignore[arg-type]
