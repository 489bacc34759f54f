from . import test_penalty, test_preset_rules, test_presets_staff, test_presets_forms
