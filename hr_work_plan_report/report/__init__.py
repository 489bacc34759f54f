from . import hr_work_plan_xlsx
from . import hr_work_plan_form_xlsx
from . import hr_work_plan_cycle_statistics_xlsx
from . import hr_work_plan_penalty_ledger_xlsx
from . import hr_work_plan_annual_summary_xlsx
