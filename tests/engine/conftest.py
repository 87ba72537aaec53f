"""Fixtures the engine's tests share."""

from __future__ import annotations

import dataclasses

import pytest

from lstm_studio.engine import cell_spec, register, unregister


@pytest.fixture
def reference_of():
    """``reference_of(cell)``: the name of ``cell`` registered again without its fast layer."""
    made = []

    def make(cell):
        name = f"reference-{cell}"
        register(dataclasses.replace(cell_spec(cell), name=name, layer=None))
        made.append(name)
        return name

    yield make
    for name in made:
        unregister(name)
