"""rnn, lstm and gru compute what torch.nn computes, with PyTorch's names and layout."""

import numpy as np
import pytest
import torch

from lstm_studio.engine import SequenceModel

TORCH = {"rnn": torch.nn.RNN, "lstm": torch.nn.LSTM, "gru": torch.nn.GRU}
T, B, D, H, O = 7, 3, 4, 5, 3


def _torch_twin(model):
    """torch.nn.{RNN,LSTM,GRU} + Linear loaded from our state dict as it is."""
    dtype = torch.float64 if model.dtype == np.float64 else torch.float32
    rnn = TORCH[model.cell](model.input_size, model.hidden_size, model.num_layers).to(dtype)
    head = torch.nn.Linear(model.hidden_size, model.output_size).to(dtype)
    sd = model.state_dict()
    rnn.load_state_dict({k[4:]: torch.from_numpy(v) for k, v in sd.items() if k.startswith("rnn.")})
    head.load_state_dict(
        {k[5:]: torch.from_numpy(v) for k, v in sd.items() if k.startswith("head.")}
    )
    return rnn, head


def _torch_loss(loss, y, target, mask):
    if loss == "cross_entropy":
        per = torch.nn.functional.cross_entropy(
            y.reshape(-1, y.shape[-1]), target.reshape(-1), reduction="none"
        ).reshape(target.shape)
        w = mask
    else:
        fn = (
            torch.nn.functional.mse_loss
            if loss == "mse"
            else (torch.nn.functional.binary_cross_entropy_with_logits)
        )
        per = fn(y, target, reduction="none")
        w = mask[:, :, None].expand_as(per)
    return (per * w).sum() / w.sum()


@pytest.mark.parametrize("layers", [1, 2])
@pytest.mark.parametrize("cell", ["rnn", "lstm", "gru"])
@pytest.mark.parametrize("loss", ["mse", "bce", "cross_entropy"])
def test_outputs_loss_and_gradients_equal_torch(cell, layers, loss):
    model = SequenceModel(cell, D, H, O, layers, seed=7, dtype="float64")
    rng = np.random.default_rng(1)
    x = rng.standard_normal((T, B, D))
    target = {
        "mse": rng.standard_normal((T, B, O)),
        "bce": rng.uniform(0, 1, (T, B, O)),
        "cross_entropy": rng.integers(0, O, (T, B)),
    }[loss]
    mask = rng.integers(0, 2, (T, B))
    mask[-1] = 1

    rnn, head = _torch_twin(model)
    out, _ = rnn(torch.from_numpy(x))
    y_torch = head(out)
    t_target = torch.from_numpy(target)
    t_loss = _torch_loss(loss, y_torch, t_target, torch.from_numpy(mask).double())
    t_loss.backward()

    np.testing.assert_allclose(model.forward(x), y_torch.detach().numpy(), rtol=0, atol=1e-12)
    value, grads = model.loss_and_gradients(x, target, loss, mask=mask)
    assert value == pytest.approx(t_loss.item(), rel=1e-12)
    assert list(grads) == list(model.state_dict())
    for name, p in rnn.named_parameters():
        np.testing.assert_allclose(
            grads["rnn." + name], p.grad.numpy(), rtol=1e-9, atol=1e-13, err_msg=name
        )
    for name, p in head.named_parameters():
        np.testing.assert_allclose(
            grads["head." + name], p.grad.numpy(), rtol=1e-9, atol=1e-13, err_msg=name
        )


@pytest.mark.parametrize("cell", ["rnn", "lstm", "gru"])
def test_float32_matches_torch_float32(cell):
    model = SequenceModel(cell, D, H, O, 2, seed=3)  # float32, the default
    x = np.random.default_rng(2).standard_normal((T, B, D)).astype(np.float32)
    rnn, head = _torch_twin(model)
    y_torch = head(rnn(torch.from_numpy(x))[0]).detach().numpy()
    y = model.forward(x)
    assert y.dtype == np.float32
    np.testing.assert_allclose(y, y_torch, rtol=0, atol=1e-5)


@pytest.mark.parametrize("cell", ["rnn", "lstm", "gru"])
def test_initial_state_and_final_state_match_torch(cell):
    model = SequenceModel(cell, D, H, O, 2, seed=5, dtype="float64")
    rng = np.random.default_rng(4)
    x = rng.standard_normal((T, B, D))
    h0 = rng.standard_normal((2, B, H))
    c0 = rng.standard_normal((2, B, H)) if cell == "lstm" else None
    rnn, head = _torch_twin(model)
    state_t = (
        (torch.from_numpy(h0), torch.from_numpy(c0)) if cell == "lstm" else torch.from_numpy(h0)
    )
    out, final_t = rnn(torch.from_numpy(x), state_t)
    y, (h_n, c_n) = model.forward(x, state=(h0, c0), return_state=True)
    np.testing.assert_allclose(y, head(out).detach().numpy(), atol=1e-12)
    if cell == "lstm":
        np.testing.assert_allclose(h_n, final_t[0].detach().numpy(), atol=1e-12)
        np.testing.assert_allclose(c_n, final_t[1].detach().numpy(), atol=1e-12)
    else:
        np.testing.assert_allclose(h_n, final_t.detach().numpy(), atol=1e-12)
        assert c_n is None
