"""Optimizers follow torch.optim, clip like clip_grad_norm_, and never write NaN."""

import math

import numpy as np
import pytest
import torch

from lstm_studio.engine import CELLS, NonFiniteError, SequenceModel
from lstm_studio.engine.model import global_norm
from lstm_studio.engine.optim import OPTIMIZERS, make_optimizer

T, B, D, H, O = 5, 4, 3, 6, 2


def _batch(seed=0):
    rng = np.random.default_rng(seed)
    return rng.standard_normal((T, B, D)), rng.standard_normal((T, B, O))


TORCH_OPT = {
    "sgd": lambda p, lr: torch.optim.SGD(p, lr=lr, momentum=0.9),
    "adam": lambda p, lr: torch.optim.Adam(p, lr=lr),
    "rmsprop": lambda p, lr: torch.optim.RMSprop(p, lr=lr),
}
OPTIONS = {"sgd": {"momentum": 0.9}, "adam": {}, "rmsprop": {}}


@pytest.mark.parametrize("name", sorted(OPTIMIZERS))
def test_updates_equal_torch_optim_with_clipping_and_lr_change(name):
    model = SequenceModel("lstm", D, H, O, seed=0, dtype="float64")
    params_t = {k: torch.tensor(v, requires_grad=True) for k, v in model.state_dict().items()}
    opt = make_optimizer(name, model.parameters(), lr=0.05, **OPTIONS[name])
    opt_t = TORCH_OPT[name](list(params_t.values()), 0.05)
    for step in range(6):
        x, y = _batch(step)
        _, grads = model.loss_and_gradients(x, y)
        for k, p in params_t.items():
            p.grad = torch.from_numpy(grads[k].copy())
        norm_t = torch.nn.utils.clip_grad_norm_(list(params_t.values()), max_norm=0.5)
        if step == 3:  # a learning-rate change between steps applies at once
            opt.lr = 0.01
            for group in opt_t.param_groups:
                group["lr"] = 0.01
        norm = opt.step(grads, max_norm=0.5)
        opt_t.step()
        assert norm == pytest.approx(norm_t.item(), rel=1e-12)  # measured before clipping
        for k, p in params_t.items():
            np.testing.assert_allclose(
                model.parameters()[k],
                p.detach().numpy(),
                rtol=1e-10,
                atol=1e-14,
                err_msg=f"{name} step {step} {k}",
            )


def test_non_finite_gradients_change_nothing():
    model = SequenceModel("gru", D, H, O, seed=0)
    opt = make_optimizer("adam", model.parameters(), lr=1e-2)
    x, y = _batch()
    _, grads = model.loss_and_gradients(x, y)
    opt.step(grads)
    before = model.state_dict()
    state_before = opt.state_dict()
    grads["rnn.weight_hh_l0"][0, 0] = np.nan
    with pytest.raises(NonFiniteError) as err:
        opt.step(grads)
    assert math.isnan(err.value.grad_norm) or math.isinf(err.value.grad_norm)
    after = model.state_dict()
    assert all(np.array_equal(before[k], after[k]) for k in before)
    state_after = opt.state_dict()
    assert all(np.array_equal(state_before[k], state_after[k]) for k in state_before)


def test_an_update_that_overflows_is_refused():
    model = SequenceModel("rnn", D, H, O, seed=0, dtype="float32")
    model.parameters()["head.bias"][0] = -3e38  # the last parameter: all others update first
    opt = make_optimizer("sgd", model.parameters(), lr=1e38)
    grads = {k: np.ones_like(v) for k, v in model.parameters().items()}  # -3e38 - 1e38 = -inf
    before = model.state_dict()
    with pytest.raises(NonFiniteError, match="update of head.bias is not finite"):
        opt.step(grads)
    assert all(np.array_equal(before[k], model.state_dict()[k]) for k in before)
    assert opt.steps == 0


def test_optimizer_state_round_trip_resumes_exactly():
    x, y = _batch(1)
    runs = []
    for split in (False, True):
        model = SequenceModel("lstm", D, H, O, seed=3, dtype="float64")
        opt = make_optimizer("adam", model.parameters(), lr=1e-2)
        for step in range(6):
            if split and step == 3:  # save, rebuild everything, restore
                weights, state = model.state_dict(), opt.state_dict()
                model = SequenceModel("lstm", D, H, O, seed=99, dtype="float64")
                model.load_state_dict(weights)
                opt = make_optimizer("adam", model.parameters(), lr=0.5)
                opt.load_state_dict(state)
            loss, grads = model.loss_and_gradients(x, y)
            opt.step(grads)
        runs.append((loss, model.state_dict()))
    assert runs[0][0] == runs[1][0]
    assert all(np.array_equal(runs[0][1][k], runs[1][1][k]) for k in runs[0][1])


def test_optimizer_rejects_foreign_state_and_bad_settings():
    model = SequenceModel("lstm", D, H, O, seed=0)
    opt = make_optimizer("adam", model.parameters(), lr=1e-3)
    other = make_optimizer("rmsprop", model.parameters(), lr=1e-3)
    with pytest.raises(ValueError, match="adam optimizer state does not fit"):
        opt.load_state_dict(other.state_dict())
    with pytest.raises(ValueError, match="optimizer must be one of sgd, adam, rmsprop"):
        make_optimizer("lbfgs", model.parameters(), lr=1.0)
    with pytest.raises(ValueError, match="lr must be a positive finite number"):
        opt.lr = 0
    with pytest.raises(ValueError, match="momentum"):
        make_optimizer("sgd", model.parameters(), lr=0.1, momentum=1.5)
    with pytest.raises(ValueError, match="grads lack entries for: head.bias"):
        _, grads = model.loss_and_gradients(*_batch())
        del grads["head.bias"]
        opt.step(grads)


def test_global_norm():
    grads = {"a": np.array([3.0, 0.0]), "b": np.array([[4.0]])}
    assert global_norm(grads) == 5.0
    grads["b"][0, 0] = np.inf
    assert global_norm(grads) == math.inf


@pytest.mark.parametrize("cell", CELLS)
def test_every_cell_learns_a_small_sequence_task(cell):
    """Echo the input of the previous step: a memory of one step, learnt in 150 Adam steps."""
    rng = np.random.default_rng(0)
    model = SequenceModel(cell, 1, 16, 1, seed=0)
    opt = make_optimizer("adam", model.parameters(), lr=0.02)
    losses = []
    for _ in range(150):
        x = rng.uniform(-1, 1, (10, 16, 1)).astype(np.float32)
        y = np.concatenate([np.zeros((1, 16, 1), np.float32), x[:-1]])
        loss, grads = model.loss_and_gradients(x, y)
        opt.step(grads, max_norm=1.0)
        losses.append(loss)
    assert losses[0] > 0.25  # about the variance of the targets, 1/3
    assert np.mean(losses[-10:]) < 0.1 * losses[0]


@pytest.mark.parametrize("name", sorted(OPTIMIZERS))
def test_separate_arrays_update_like_the_model_buffer(name):
    """Parameters that do not tile one buffer (a user's own dict) take the gather and
    scatter path and end where the model's flat path ends."""
    model = SequenceModel("gru", D, H, O, seed=1, dtype="float64")
    loose = {k: v.copy() for k, v in model.state_dict().items()}
    fast = make_optimizer(name, model.parameters(), lr=0.01, **OPTIONS[name])
    slow = make_optimizer(name, loose, lr=0.01, **OPTIONS[name])
    assert fast._flat is not None and slow._flat is None
    for step in range(3):
        _, grads = model.loss_and_gradients(*_batch(step))
        plain = {k: v.copy() for k, v in grads.items()}  # a plain dict, not views
        fast.step(grads, max_norm=0.3)
        slow.step(plain, max_norm=0.3)
    for k, v in model.parameters().items():
        np.testing.assert_allclose(loose[k], v, rtol=1e-13, atol=1e-15, err_msg=k)
    with pytest.raises(ValueError, match="has shape"):
        slow.step({k: np.zeros(3) for k in loose})
