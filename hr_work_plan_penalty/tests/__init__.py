from . import test_penalty, test_preset_rules
