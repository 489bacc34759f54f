from . import test_penalty, test_preset_rules
from . import test_presets_targets, test_presets_forms, test_presets_staff
