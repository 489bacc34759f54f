from . import hr_payslip_employees
