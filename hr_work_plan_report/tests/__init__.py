from . import test_plan_xlsx
from . import test_penalty_ledger_xlsx
from . import test_annual_summary_xlsx
