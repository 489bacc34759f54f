from . import test_penalty
