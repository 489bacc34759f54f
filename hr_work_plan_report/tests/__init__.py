from . import test_plan_xlsx
