from . import test_security_groups
from . import test_deadline_rules
from . import test_plan_workflow
from . import test_plan_access
from . import test_plan_change
from . import test_cycle_generation
from . import test_plan_deadlines
from . import test_policy_presets
