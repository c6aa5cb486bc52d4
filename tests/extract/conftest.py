import pytest

from newsledger.annotate import load_nlp


@pytest.fixture(scope="session")
def nlp():
    """The real English model (loads in about half a second), shared by the extractor tests."""
    return load_nlp()
