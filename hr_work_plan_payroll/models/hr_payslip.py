# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression
from odoo.tools import format_date

from odoo.addons.hr_work_plan.tools import formatting, scoring
from odoo.addons.hr_work_plan_penalty.models.hr_work_plan_penalty_rule import FINE_KINDS

from .hr_payslip_input import WORK_PLAN_CODES, work_plan_line_values

# the coefficient of an employee without a closed plan, by the policy's choice
NO_PLAN_COEFFICIENT = {"full": 1.0, "none": 0.0}
# batch payslip runs leave the work plan inputs out: compute_sheet adds them
# to every payslip of the run at once
DEFER_CONTEXT_KEY = "work_plan_inputs_deferred"


class HrPayslip(models.Model):
    _inherit = "hr.payslip"

    work_plan_ids = fields.Many2many(
        "hr.work.plan", compute="_compute_work_plan_sources", string="Work Plans"
    )
    work_plan_penalty_ids = fields.Many2many(
        "hr.work.plan.penalty",
        compute="_compute_work_plan_sources",
        string="Fines and Rewards",
    )
    work_plan_count = fields.Integer(compute="_compute_work_plan_sources")
    work_plan_penalty_count = fields.Integer(compute="_compute_work_plan_sources")
    work_plan_warning = fields.Text(compute="_compute_work_plan_sources")
    work_plan_inputs_computed = fields.Boolean(
        readonly=True,
        copy=False,
        help="The salary lines were computed from the work plan inputs as they "
        "are: set by computing the payslip, cleared when the inputs are edited.",
    )
    work_plan_pay = fields.Float(
        compute="_compute_work_plan_pay",
        store=True,
        digits="Payroll",
        help="The payslip's WP_PAY line: plan pay after the grade coefficient.",
    )

    @api.depends(
        "input_line_ids.code",
        "input_line_ids.work_plan_ids",
        "input_line_ids.work_plan_penalty_ids",
        "input_line_ids.work_plan_missing",
        "input_line_ids.work_plan_origin",
    )
    def _compute_work_plan_sources(self):
        for payslip in self:
            lines = payslip._work_plan_lines()
            payslip.work_plan_ids = lines.work_plan_ids
            payslip.work_plan_penalty_ids = lines.work_plan_penalty_ids
            payslip.work_plan_count = len(lines.work_plan_ids)
            payslip.work_plan_penalty_count = len(lines.work_plan_penalty_ids)
            missing = lines.filtered(
                lambda line: line.work_plan_missing and line.code == "WP_COEF"
            )
            payslip.work_plan_warning = "\n".join(
                dict.fromkeys(missing.mapped("work_plan_origin"))
            )

    @api.depends("line_ids.code", "line_ids.total")
    def _compute_work_plan_pay(self):
        for payslip in self:
            payslip.work_plan_pay = sum(
                line.total for line in payslip.line_ids if line.code == "WP_PAY"
            )

    def get_payroll_dict(self, contracts):
        """Salary rules read ``payroll.work_plan_contract_id``: the contract
        of a payslip that takes its fines and rewards, which are the
        employee's, not one contract's."""
        values = super().get_payroll_dict(contracts)
        first = contracts.sorted(lambda contract: (contract.date_start, contract.id))
        values["work_plan_contract_id"] = first[:1].id
        return values

    # ------------------------------------------------------------------
    # filling the inputs

    @api.model
    def get_inputs(self, contracts, date_from, date_to):
        """The inputs of OCA, the work plan ones filled for each contract's
        employee. A payslip of no structure yet (OCA's batch wizard calls this
        on an empty recordset) takes the codes its contracts' structures
        declare."""
        inputs = super().get_inputs(contracts, date_from, date_to)
        others = [row for row in inputs if row["code"] not in WORK_PLAN_CODES]
        if self.env.context.get(DEFER_CONTEXT_KEY):
            return others
        declared = {
            contract: self._work_plan_codes(
                self._get_salary_rules()
                if self.struct_id
                else contract.struct_id.get_structure_with_parents().get_all_rules()
            )
            for contract in contracts
        }
        if not any(declared.values()):
            return inputs
        values = self._work_plan_input_values(
            contracts.employee_id, date_from, date_to, self._origin
        )
        for contract, codes in declared.items():
            for code in codes:
                others.append(
                    {
                        "name": self._work_plan_input_names()[code],
                        "code": code,
                        "contract_id": contract.id,
                        "sequence": self._work_plan_sequence(code),
                        **work_plan_line_values(values[contract.employee_id.id][code]),
                    }
                )
        return others

    @api.model
    def _work_plan_codes(self, rules):
        """The work plan codes that these salary rules declare as inputs."""
        codes = set(rules.input_ids.mapped("code"))
        return [code for code in WORK_PLAN_CODES if code in codes]

    @api.model
    def _work_plan_sequence(self, code):
        return 100 + WORK_PLAN_CODES.index(code)

    @api.model
    def _work_plan_input_names(self):
        return {
            "WP_SCORE": self.env._("Work plan score"),
            "WP_COEF": self.env._("Work plan coefficient"),
            "WP_RATIO": self.env._("Work plan pay ratio"),
            "WP_FINE": self.env._("Work plan fines"),
            "WP_REWARD": self.env._("Work plan rewards"),
        }

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and any(
            "work_plan_inputs_computed" in vals for vals in vals_list
        ):
            self._refuse_work_plan_inputs_computed()
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su and "work_plan_inputs_computed" in vals:
            self._refuse_work_plan_inputs_computed()
        return super().write(vals)

    def _refuse_work_plan_inputs_computed(self):
        raise UserError(
            self.env._("A payslip is marked computed by computing it, not by hand.")
        )

    def compute_sheet(self):
        refreshed = self.filtered(
            lambda payslip: payslip.state in ("draft", "verify")
            and not payslip.credit_note
        )
        refreshed._refresh_work_plan_inputs()
        result = super().compute_sheet()
        refreshed.sudo().write({"work_plan_inputs_computed": True})
        return result

    def _work_plan_inputs_edited(self):
        """The work plan inputs changed outside the bridge: the salary lines
        no longer follow from them until the payslip is computed again."""
        self.filtered("work_plan_inputs_computed").sudo().write(
            {"work_plan_inputs_computed": False}
        )

    def _expected_work_plan_inputs(self):
        """payslip → {(code, contract): values} of the work plan inputs the
        payslip's rules declare, as the bridge finds them now."""
        expected = {}
        codes_by_structures = {}
        periods = defaultdict(lambda: self.browse())
        for payslip in self:
            periods[payslip.date_from, payslip.date_to] |= payslip
        for (date_from, date_to), payslips in periods.items():
            values = self._work_plan_input_values(
                payslips.employee_id, date_from, date_to, payslips
            )
            for payslip in payslips:
                contracts = payslip._get_employee_contracts()
                structures = payslip.struct_id or contracts.struct_id
                if structures not in codes_by_structures:
                    codes_by_structures[structures] = self._work_plan_codes(
                        payslip._get_salary_rules()
                    )
                expected[payslip] = {
                    (code, contract): values[payslip.employee_id.id][code]
                    for contract in contracts
                    for code in codes_by_structures[structures]
                }
        return expected

    def _work_plan_lines(self):
        return self.input_line_ids.filtered("is_work_plan_input")

    def _refresh_work_plan_inputs(self):
        """Bring every payslip's work plan inputs up to date, in place: one
        line per declared code and contract, the others removed; lines that
        change alike are written together."""
        expected = self._expected_work_plan_inputs()
        # the bridge's own lines: outside writes to them are checked, its are not
        Input = self.env["hr.payslip.input"].sudo()
        self.input_line_ids.fetch(
            ["code", "contract_id", *work_plan_line_values({}).keys()]
        )
        to_create, to_remove = [], Input
        changed = {}
        for payslip, wanted in expected.items():
            kept = set()
            for line in payslip._work_plan_lines():
                key = (line.code, line.contract_id)
                if key not in wanted or key in kept:
                    to_remove |= line
                    continue
                kept.add(key)
                changes = line._work_plan_changes(wanted[key])
                if changes:
                    same = changed.setdefault(repr(sorted(changes.items())), [changes])
                    same.append(line)
            to_create += [
                {
                    "payslip_id": payslip.id,
                    "contract_id": contract.id,
                    "code": code,
                    "name": self._work_plan_input_names()[code],
                    "sequence": self._work_plan_sequence(code),
                    **work_plan_line_values(values),
                }
                for (code, contract), values in wanted.items()
                if (code, contract) not in kept
            ]
        for changes, *lines in changed.values():
            Input.union(*lines).write(changes)
        to_remove.sudo().unlink()
        Input.create(to_create)

    @api.model
    def _work_plan_input_values(self, employees, date_from, date_to, payslips):
        """employee id → code → values of the work plan inputs for a pay
        period: ``amount``, ``origin`` (a sentence saying where it came from),
        ``missing``, ``plan_ids`` and ``penalty_ids``. Plans paid by a payslip
        other than ``payslips`` are left out."""
        date_from = fields.Date.to_date(date_from)
        date_to = fields.Date.to_date(date_to)
        result = defaultdict(lambda: defaultdict(dict))
        if not employees or not date_from or not date_to:
            return result
        plans = self._work_plans_of_period(employees, date_from, date_to)
        plans_by_employee = defaultdict(lambda: plans.browse())
        for plan in plans:
            plans_by_employee[plan.employee_id] |= plan
        penalties = self._work_plan_penalties_of_period(employees, date_from, date_to)
        penalties_by_employee = defaultdict(lambda: penalties.browse())
        for penalty in penalties:
            penalties_by_employee[penalty.employee_id] |= penalty
        payable = {
            employee: plans_by_employee[employee].filtered(
                lambda plan: plan.state == "done"
                and (not plan.paid_payslip_id or plan.paid_payslip_id in payslips)
            )
            for employee in employees
        }
        policies = self._work_plan_policies(
            employees.filtered(lambda employee: not payable[employee]),
            plans_by_employee,
            date_from,
            date_to,
        )
        for employee in employees:
            values = result[employee.id]
            if payable[employee]:
                values.update(self._plan_result_values(payable[employee]))
            else:
                values.update(
                    self._no_plan_values(
                        employee,
                        policies.get(employee),
                        plans_by_employee[employee],
                        (date_from, date_to),
                    )
                )
            values.update(self._penalty_values(penalties_by_employee[employee]))
        return result

    @api.model
    def _work_plans_of_period(self, employees, date_from, date_to):
        return (
            self.env["hr.work.plan"]
            .sudo()
            .search(
                [
                    ("owner_type", "=", "employee"),
                    ("employee_id", "in", employees.ids),
                    ("state", "!=", "cancelled"),
                    ("date_from", ">=", date_from),
                    ("date_to", "<=", date_to),
                ],
                order="date_from, id",
            )
        )

    @api.model
    def _work_plan_penalties_of_period(self, employees, date_from, date_to):
        return (
            self.env["hr.work.plan.penalty"]
            .sudo()
            .search(
                [
                    ("employee_id", "in", employees.ids),
                    ("state", "=", "confirmed"),
                    ("kind", "in", (*FINE_KINDS, "reward")),
                    ("date", ">=", date_from),
                    ("date", "<=", date_to),
                ],
                order="date, id",
            )
        )

    @api.model
    def _work_plan_policies(self, employees, plans_by_employee, date_from, date_to):
        """employee → the policy that decides the pay of an employee without
        a payable plan: that of their plans of the period, else the policy
        whose scope takes them in and whose period is nearest the payslip's
        (a month policy for a month payslip, rather than a week one)."""
        policies = {}
        for employee in employees:
            if plans_by_employee[employee]:
                policies[employee] = plans_by_employee[employee][-1].policy_id
        remaining = employees.filtered(lambda employee: employee not in policies)
        if not remaining:
            return policies
        candidates = (
            self.env["hr.work.plan.policy"]
            .sudo()
            .search(
                [
                    ("owner_type", "=", "employee"),
                    ("is_preset", "=", False),
                    ("company_id", "in", remaining.company_id.ids),
                ]
            )
            .sorted(lambda policy: policy._distance_to_period(date_from, date_to))
        )
        Employee = self.env["hr.employee"].sudo().with_context(active_test=False)
        for policy in candidates:
            if not remaining:
                break
            taken = Employee.search(
                expression.AND(
                    [
                        policy._employee_scope_domain(date_from),
                        [("id", "in", remaining.ids)],
                    ]
                )
            )
            for employee in taken:
                policies[employee] = policy
            remaining -= taken
        return policies

    @api.model
    def _plan_result_values(self, plans):
        """The score, coefficient and ratio of pay from an employee's payable
        plans of the period, combined as the policy of the longest one says."""
        main = max(plans, key=lambda plan: (plan._period_days(), plan.date_to))
        policy = main.policy_id
        score, coefficient, kept_ids = scoring.combine_period_results(
            [
                scoring.PeriodResult(
                    plan.id, plan._period_days(), plan.score_final, plan.coefficient
                )
                for plan in plans
            ],
            policy.payroll_combine,
        )
        kept = plans.browse(kept_ids)
        if len(kept) == 1:
            origin = kept.display_name
        else:
            origin = self.env._(
                "Average of %(count)s plans: %(plans)s",
                count=len(kept),
                plans=", ".join(kept.mapped("display_name")),
            )
        links = {"plan_ids": kept.ids}
        return {
            "WP_SCORE": {"amount": score, "origin": origin, **links},
            "WP_COEF": {"amount": coefficient, "origin": origin, **links},
            "WP_RATIO": {
                "amount": policy.pay_ratio,
                "origin": self.env._("Policy %s", policy.display_name),
                **links,
            },
        }

    @api.model
    def _no_plan_values(self, employee, policy, plans, period):
        """The inputs of an employee with no payable plan: the policy's
        coefficient, with a warning saying why."""
        if not policy:
            origin = self.env._(
                "%s is in no work plan policy: no plan pay.", employee.name
            )
            missing = {"origin": origin, "missing": True}
            return {
                "WP_SCORE": missing,
                "WP_COEF": {"amount": 1.0, **missing},
                "WP_RATIO": {"amount": 0.0, "origin": origin},
            }
        coefficient = NO_PLAN_COEFFICIENT[policy.payroll_no_plan]
        warning = " ".join(
            [
                self.env._(
                    "No closed work plan of %(employee)s for %(start)s – %(end)s: "
                    "the coefficient is %(coefficient)s, as policy %(policy)s says.",
                    employee=employee.name,
                    start=format_date(self.env, period[0]),
                    end=format_date(self.env, period[1]),
                    coefficient=formatting.number(coefficient),
                    policy=policy.display_name,
                ),
                *self._why_no_plan(plans),
            ]
        )
        missing = {"origin": warning, "missing": True}
        return {
            "WP_SCORE": missing,
            "WP_COEF": {"amount": coefficient, **missing},
            "WP_RATIO": {
                "amount": policy.pay_ratio,
                "origin": self.env._("Policy %s", policy.display_name),
            },
        }

    @api.model
    def _why_no_plan(self, plans):
        """Sentences saying what keeps the employee's plans of the period out
        of the pay."""
        labels = dict(plans._fields["state"]._description_selection(self.env))
        return [
            self.env._(
                "%(plan)s is paid by payslip %(payslip)s.",
                plan=plan.display_name,
                payslip=plan.paid_payslip_id.display_name,
            )
            if plan.state == "done"
            else self.env._(
                "%(plan)s is %(state)s, not closed.",
                plan=plan.display_name,
                state=labels[plan.state].lower(),
            )
            for plan in plans
        ]

    @api.model
    def _penalty_values(self, penalties):
        fines = penalties.filtered(lambda penalty: penalty.kind in FINE_KINDS)
        rewards = penalties - fines
        return {
            "WP_FINE": {
                "amount": sum(fines.mapped("amount")),
                "origin": self.env._(
                    "Fines and fault slips confirmed in the period: %s", len(fines)
                ),
                "penalty_ids": fines.ids,
            },
            "WP_REWARD": {
                "amount": sum(rewards.mapped("amount")),
                "origin": self.env._(
                    "Rewards confirmed in the period: %s", len(rewards)
                ),
                "penalty_ids": rewards.ids,
            },
        }

    # ------------------------------------------------------------------
    # confirming, cancelling, refunding

    def action_payslip_done(self):
        result = super().action_payslip_done()
        paying = self.filtered(
            lambda payslip: payslip.state == "done" and not payslip.credit_note
        )
        paying._mark_work_plans_paid(paying.sudo()._work_plan_sources_to_pay())
        return result

    def action_payslip_draft(self):
        self.filtered(lambda payslip: payslip.state == "done")._release_work_plans()
        return super().action_payslip_draft()

    def action_payslip_cancel(self):
        refunds = self.filtered(
            lambda payslip: payslip.credit_note and payslip.state == "done"
        )
        result = super().action_payslip_cancel()
        self.filtered(lambda payslip: payslip.state == "cancel")._release_work_plans()
        self.search(
            [("refunded_id", "in", refunds.ids), ("state", "=", "done")]
        )._pay_again_after_refund_cancelled()
        return result

    def refund_sheet(self):
        result = super().refund_sheet()
        self.filtered("refunded_id")._release_work_plans()
        return result

    def _work_plan_sources_to_pay(self):
        """payslip → (plans, penalties) its work plan inputs pay, refusing
        when they are not what the bridge finds now (the payslip was computed
        before something changed) or when a plan is under appeal."""
        sources = {}
        for payslip, wanted in self._expected_work_plan_inputs().items():
            lines = payslip._work_plan_lines()
            stale = (
                (wanted and not payslip.work_plan_inputs_computed)
                or {(line.code, line.contract_id) for line in lines} != set(wanted)
                or any(
                    line._work_plan_changes(wanted[line.code, line.contract_id])
                    for line in lines
                )
            )
            if stale:
                raise UserError(
                    self.env._(
                        "The work plans, fines or work plan inputs of payslip %s "
                        "changed since it was computed: compute it again before "
                        "confirming it.",
                        payslip.display_name,
                    )
                )
            plans, penalties = lines.work_plan_ids, lines.work_plan_penalty_ids
            sources[payslip] = (plans, penalties)
        self._check_no_open_appeal(sources)
        return sources

    def _check_no_open_appeal(self, sources):
        plans = self.env["hr.work.plan"].union(
            *(plans for plans, _ in sources.values())
        )
        for appeal in plans.appeal_ids:
            if appeal.state in ("submitted", "accepted"):
                payslip = next(
                    payslip
                    for payslip, (paid, _penalties) in sources.items()
                    if appeal.plan_id in paid
                )
                raise UserError(
                    self.env._(
                        "Payslip %(payslip)s cannot be confirmed while %(appeal)s "
                        "is open: decide the appeal, then compute the payslip again.",
                        payslip=payslip.display_name,
                        appeal=appeal.display_name,
                    )
                )

    def _mark_work_plans_paid(self, sources):
        for payslip, (plans, penalties) in sources.items():
            plans.sudo().write({"paid_payslip_id": payslip.id})
            penalties.sudo().write({"state": "paid", "paid_payslip_id": payslip.id})

    def _release_work_plans(self):
        """Plans and fines paid by these payslips are unpaid again."""
        Plan = self.env["hr.work.plan"].sudo()
        Plan.search([("paid_payslip_id", "in", self.ids)]).write(
            {"paid_payslip_id": False}
        )
        self.env["hr.work.plan.penalty"].sudo().search(
            [("paid_payslip_id", "in", self.ids)]
        ).write({"state": "confirmed", "paid_payslip_id": False})

    def _pay_again_after_refund_cancelled(self):
        """The refund of these payslips was cancelled: they pay their plans
        and fines again, unless another payslip paid them since."""
        sources = {}
        for payslip in self.sudo():
            lines = payslip._work_plan_lines()
            plans, penalties = lines.work_plan_ids, lines.work_plan_penalty_ids
            taken = [
                *plans.filtered("paid_payslip_id"),
                *penalties.filtered(lambda penalty: penalty.state != "confirmed"),
            ]
            if taken:
                raise UserError(
                    self.env._(
                        "%(records)s was paid or changed since payslip %(payslip)s "
                        "was refunded: cancel that first.",
                        records=", ".join(record.display_name for record in taken),
                        payslip=payslip.display_name,
                    )
                )
            sources[payslip] = (plans, penalties)
        self._mark_work_plans_paid(sources)

    # ------------------------------------------------------------------
    # buttons

    def action_view_work_plans(self):
        self.ensure_one()
        return self._records_action(self.work_plan_ids, self.env._("Work Plans"))

    def action_view_work_plan_penalties(self):
        self.ensure_one()
        return self._records_action(
            self.work_plan_penalty_ids, self.env._("Fines and Rewards")
        )

    def _records_action(self, records, name):
        return {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": records._name,
            "view_mode": "list,form",
            "views": [(False, "list"), (False, "form")],
            "domain": [("id", "in", records.ids)],
        }
