# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

from ..tools.scoring import UNFINISHED, task_item_score
from .hr_work_plan_access import edit_kinds, evaluated_kinds
from .hr_work_plan_indicator import LINE_TYPES, SCORER_FIELDS
from .hr_work_plan_matrix import EFFICIENCY, QUALITY
from .hr_work_plan_policy import MAX_TOTAL_POINTS

# what the owner reports, and what the approver evaluates
SELF_FIELDS = {
    "completion",
    "completion_percent",
    "done_date",
    "score_self",
    "self_comment",
    "reported_done_falsely",
}
MANAGER_FIELDS = {
    "efficiency",
    "efficiency_override_reason",
    "quality",
    "score_manager",
    "manager_comment",
}
READONLY_FIELDS = {"plan_id"}
# the rows of an item guard themselves
ROW_FIELDS = {"tier_ids", "check_ids"}
KIND_FIELDS = (("self", SELF_FIELDS), ("manager", MANAGER_FIELDS))


class HrWorkPlanLine(models.Model):
    _name = "hr.work.plan.line"
    _description = "Work Plan Item"
    _inherit = ["hr.work.plan.guard.mixin"]
    _order = "plan_id, sequence, id"
    _check_company_auto = True

    plan_id = fields.Many2one(
        "hr.work.plan", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="plan_id.company_id", store=True)
    policy_id = fields.Many2one(related="plan_id.policy_id")
    plan_state = fields.Selection(related="plan_id.state")
    sequence = fields.Integer(default=10)
    display_type = fields.Selection(
        [("line_section", "Section"), ("line_note", "Note")], default=False
    )
    category_id = fields.Many2one(
        "hr.work.plan.category",
        domain="[('policy_id', '=', policy_id)]",
        ondelete="restrict",
    )
    name = fields.Text(string="Content", required=True)
    deliverable = fields.Text(string="Output / Completion Standard")
    deadline = fields.Date()
    weight = fields.Float()
    responsible_id = fields.Many2one("hr.employee", check_company=True)
    assistant_ids = fields.Many2many(
        "hr.employee", string="Assistants", check_company=True
    )
    cooperating_department_ids = fields.Many2many(
        "hr.department", string="Cooperating Departments", check_company=True
    )
    carried_from_id = fields.Many2one(
        "hr.work.plan.line", string="Carried Over From", readonly=True, copy=False
    )
    line_type = fields.Selection(
        LINE_TYPES,
        required=True,
        compute="_compute_from_indicator",
        store=True,
        readonly=False,
        precompute=True,
        help="Task: done or not, rated by the approver. The other types "
        "measure an indicator; an item of the library's takes its type.",
    )
    completion = fields.Selection(
        [
            ("done", "Done"),
            ("partial", "Partly Done"),
            ("not_done", "Not Done"),
            ("cancelled", "Cancelled"),
        ],
        copy=False,
    )
    completion_percent = fields.Float(string="Completion (%)", copy=False)
    done_date = fields.Date(copy=False)
    efficiency = fields.Selection(
        EFFICIENCY,
        compute="_compute_efficiency",
        store=True,
        readonly=False,
        copy=False,
        help="On time when done by the deadline; the approver may decide "
        "otherwise, saying why.",
    )
    efficiency_override_reason = fields.Char(
        copy=False,
        help="Why the efficiency differs from what the done date and the deadline say.",
    )
    quality = fields.Selection(QUALITY, copy=False)
    score_self = fields.Float(string="Self Score", copy=False)
    score_manager = fields.Float(string="Manager Score", copy=False)
    score_final = fields.Float(
        string="Final Score",
        compute="_compute_score_final",
        store=True,
        aggregator="avg",
        help="Points the item earns: from the score table when the policy has "
        "one, else the approver's score; 0 when not carried out or left "
        "unfinished without an approved change.",
    )
    self_comment = fields.Text(string="Owner's Remarks", copy=False)
    manager_comment = fields.Text(string="Superior's Remarks", copy=False)
    reported_done_falsely = fields.Boolean(copy=False)
    change_line_ids = fields.One2many(
        "hr.work.plan.change.line", "plan_line_id", string="Change Requests"
    )
    has_approved_change = fields.Boolean(compute="_compute_change_flags", store=True)
    unfinished_without_change = fields.Boolean(
        compute="_compute_change_flags",
        store=True,
        help="Left unfinished with no approved change: scores 0.",
    )

    @api.depends("completion", "change_line_ids.change_id.state")
    def _compute_change_flags(self):
        for line in self:
            line.has_approved_change = any(
                change.state == "approved" for change in line.change_line_ids.change_id
            )
            line.unfinished_without_change = (
                line.completion in UNFINISHED and not line.has_approved_change
            )

    @api.depends("done_date", "deadline")
    def _compute_efficiency(self):
        for line in self:
            line.efficiency = line._expected_efficiency() or line.efficiency

    def _expected_efficiency(self):
        if not (self.done_date and self.deadline):
            return False
        return "on_time" if self.done_date <= self.deadline else "late"

    @api.depends(
        "weight",
        "display_type",
        "line_type",
        "completion",
        "completion_percent",
        "efficiency",
        "quality",
        "score_manager",
        "has_approved_change",
        "plan_id.scoring_basis",
        "achievement",
        "target",
        "numerator",
        "denominator",
        "excluded",
        "curve",
        "floor_percent",
        "cap_percent",
        "per_unit_points",
        "floor_at_zero",
        "tier_ids.threshold",
        "tier_ids.percent",
        "tier_ids.points",
        "level_id",
        "check_ids.points",
        "check_ids.passed",
        "units",
    )
    def _compute_score_final(self):
        bases = {plan: plan._basis() for plan in self.plan_id}
        for line in self:
            line.score_final = (
                0.0 if line.display_type else line._item_score(bases[line.plan_id])
            )

    def _item_score(self, basis):
        if self.line_type != "task":
            return 0.0 if self.completion == "cancelled" else self._indicator_score()
        if basis.has_matrix:
            points, percent = (
                self.weight,
                basis.matrix_percent(self.efficiency, self.quality),
            )
            completion_percent = self.completion_percent
        else:
            # the approver's points already allow for how far the item got
            points, percent, completion_percent = self.score_manager, 100.0, 100.0
        return (
            task_item_score(
                points,
                self.completion,
                percent,
                completion_percent,
                partial_credit=basis.partial_credit,
                excused=self.has_approved_change,
            )
            or 0.0
        )

    @api.constrains("efficiency", "efficiency_override_reason", "done_date", "deadline")
    def _check_efficiency_override(self):
        for line in self:
            expected = line._expected_efficiency()
            if (
                expected
                and line.efficiency
                and line.efficiency != expected
                and not line.efficiency_override_reason
            ):
                raise ValidationError(
                    self.env._(
                        "Item “%(item)s” was done on %(done)s against a deadline of "
                        "%(deadline)s: say why its efficiency is rated otherwise.",
                        item=line.name,
                        done=line.done_date,
                        deadline=line.deadline,
                    )
                )

    @api.constrains("score_self", "score_manager", "weight")
    def _check_scores_within_weight(self):
        for line in self.filtered(lambda line: not line.display_type):
            for score in (line.score_self, line.score_manager):
                if score < 0 or score > line.weight:
                    raise ValidationError(
                        self.env._(
                            "Item “%(item)s” can score from 0 to its weight "
                            "%(weight)s, not %(score)s.",
                            item=line.name,
                            weight=line.weight,
                            score=score,
                        )
                    )

    @api.constrains("weight", "completion_percent")
    def _check_values(self):
        for line in self:
            if not 0 <= line.weight <= MAX_TOTAL_POINTS:  # false for NaN too
                raise ValidationError(
                    self.env._(
                        "The weight of item “%(item)s” must be between 0 and "
                        "%(max)s, not %(weight)s.",
                        item=line.name,
                        max=MAX_TOTAL_POINTS,
                        weight=line.weight,
                    )
                )
            if not 0 <= line.completion_percent <= 100:
                raise ValidationError(
                    self.env._(
                        "The completion of item “%s” must be between 0 and 100%%.",
                        line.name,
                    )
                )

    @api.constrains("deadline", "plan_id")
    def _check_deadline_in_period(self):
        """An item is due in its plan's period, or at the latest a year after
        it (postponed work)."""
        for line in self.filtered("deadline"):
            plan = line.plan_id
            latest = plan.date_to + relativedelta(years=1)
            if not plan.date_from <= line.deadline <= latest:
                raise ValidationError(
                    self.env._(
                        "Item “%(item)s” is due on %(deadline)s; items of plan "
                        "%(plan)s are due from %(start)s to %(latest)s.",
                        item=line.name,
                        deadline=line.deadline,
                        plan=plan.display_name,
                        start=plan.date_from,
                        latest=latest,
                    )
                )

    def _carried_over_deadline(self, date_from):
        """The deadline this item keeps when carried over into a plan from
        ``date_from``: the one approved (with the plan, or since by a change
        request postponing the item) when it is not before the new period;
        else none, for the owner to set in the new draft. A draft's deadlines
        were never approved."""
        self.ensure_one()
        approved = self.plan_id.state not in ("draft", "submitted", "cancelled")
        if approved and self.deadline and self.deadline >= date_from:
            return self.deadline
        return False

    @api.constrains("category_id", "plan_id")
    def _check_category_policy(self):
        for line in self.filtered("category_id"):
            if line.category_id.policy_id != line.plan_id.policy_id:
                raise ValidationError(
                    self.env._(
                        "Category %(category)s belongs to another policy than "
                        "plan %(plan)s.",
                        category=line.category_id.name,
                        plan=line.plan_id.display_name,
                    )
                )

    # ------------------------------------------------------------------
    # who may add, change and remove items

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        if not self.env.su:
            for line, vals in zip(lines, vals_list, strict=True):
                line._check_can_add(vals)
        lines._copy_indicator_rows()
        return lines

    @api.model
    def _context_guarded_fields(self):
        return (
            super()._context_guarded_fields()
            | SELF_FIELDS
            | MANAGER_FIELDS
            | SCORER_FIELDS
        )

    def _check_can_add(self, vals):
        """Raise unless the current user may add this item with ``vals``: the
        approver's evaluation is never pre-filled by another, nor the owner's
        report before the plan is carried out."""
        plan = self.plan_id
        kinds = evaluated_kinds(vals, (*KIND_FIELDS, ("scorer", SCORER_FIELDS)))
        if "scorer" in kinds:
            raise AccessError(
                self.env._(
                    "The actuals of item “%s” are entered once the plan is carried "
                    "out, not when the item is added.",
                    self.name,
                )
            )
        if kinds:
            plan._check_can_edit(kinds)
        if plan.state == "draft" or self.display_type:
            plan._check_can_edit({"content"})
            self._check_category_adder()
            return
        is_officer = plan._is_officer() and not plan._is_owner()
        if not (
            plan.state == "approved"
            and self.category_id.addable_after_approval
            and (is_officer or plan._adds_after_approval(self.category_id))
        ):
            raise AccessError(
                self.env._(
                    "Items can be added to plan %(plan)s only while it is a draft, "
                    "or after approval in a category that allows it by the person "
                    "it names; otherwise request a change.",
                    plan=plan.display_name,
                )
            )

    def write(self, vals):
        if not self.env.su:
            self._check_write_allowed(set(vals) - ROW_FIELDS)
            if "category_id" in vals:
                self._check_category_adder(self.category_id.browse(vals["category_id"]))
        return super().write(vals)

    def _check_category_adder(self, category=None):
        """Items of a category the approver adds (leader tasks) come from the
        approver or an officer, never from the owner. ``category``: the one
        the items are about to get, else their own."""
        for line in self:
            if (category or line.category_id).added_by != "approver":
                continue
            plan = line.plan_id
            if not (
                plan._is_approver() or (plan._is_officer() and not plan._is_owner())
            ):
                raise AccessError(
                    self.env._(
                        "Items of category %(category)s are added by the approver "
                        "of plan %(plan)s.",
                        category=(category or line.category_id).name,
                        plan=plan.display_name,
                    )
                )

    def _check_write_allowed(self, fnames):
        if fnames & READONLY_FIELDS:
            raise AccessError(
                self.env._("The plan and origin of an item cannot be changed.")
            )
        kinds = edit_kinds(fnames, (*KIND_FIELDS, ("scorer", SCORER_FIELDS)))
        if "scorer" in kinds:
            self._check_can_score()
            kinds.discard("scorer")
        if kinds:
            for plan in self.plan_id:
                plan._check_can_edit(kinds)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_editable(self):
        if not self.env.su:
            for plan in self.plan_id:
                plan._check_can_edit({"content"})
