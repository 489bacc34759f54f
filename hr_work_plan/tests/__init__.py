from . import test_plan_basics, test_security_groups
