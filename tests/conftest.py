"""Shared fixtures: the repository root, the seed release, and the lexicon."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = "corpus/2023-bozhou-ip-press-conference.txt"


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def seed_document():
    from extractor import extract_file

    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        return extract_file(SEED)
    finally:
        os.chdir(cwd)


@pytest.fixture(scope="session")
def lexicon():
    from extractor.lexicon import load

    return load()
