# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date

from ..tools import formatting
from .hr_work_plan_change import CHANGE_TYPES
from .hr_work_plan_policy import MAX_TOTAL_POINTS

# values a change line records before and after, by plan item field
TRACKED_VALUES = ("name", "deliverable", "deadline", "weight", "category_id")


class HrWorkPlanChangeLine(models.Model):
    _name = "hr.work.plan.change.line"
    _description = "Work Plan Change Request Item"
    _inherit = ["hr.work.plan.guard.mixin"]
    _order = "change_id, id"

    change_id = fields.Many2one(
        "hr.work.plan.change", required=True, ondelete="cascade", index=True
    )
    plan_id = fields.Many2one(related="change_id.plan_id")
    company_id = fields.Many2one(related="change_id.company_id", store=True)
    policy_id = fields.Many2one(related="change_id.plan_id.policy_id")
    operation = fields.Selection(
        CHANGE_TYPES,
        compute="_compute_operation",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
    )
    plan_line_id = fields.Many2one(
        "hr.work.plan.line",
        string="Item",
        index=True,
        domain="[('plan_id', '=', plan_id), ('display_type', '=', False)]",
    )
    old_name = fields.Text(compute="_compute_old_values", store=True)
    old_deliverable = fields.Text(compute="_compute_old_values", store=True)
    old_deadline = fields.Date(compute="_compute_old_values", store=True)
    old_weight = fields.Float(compute="_compute_old_values", store=True)
    old_category_id = fields.Many2one(
        "hr.work.plan.category", compute="_compute_old_values", store=True
    )
    new_name = fields.Text(compute="_compute_new_values", store=True, readonly=False)
    new_deliverable = fields.Text(
        compute="_compute_new_values", store=True, readonly=False
    )
    new_deadline = fields.Date(
        compute="_compute_new_values", store=True, readonly=False
    )
    new_weight = fields.Float(compute="_compute_new_values", store=True, readonly=False)
    new_category_id = fields.Many2one(
        "hr.work.plan.category",
        compute="_compute_new_values",
        store=True,
        readonly=False,
        domain="[('policy_id', '=', policy_id)]",
    )

    @api.depends("change_id.change_type")
    def _compute_operation(self):
        for line in self:
            line.operation = line.operation or line.change_id.change_type

    # depends on the item only, not on its values: old values stay as they were
    @api.depends("plan_line_id")
    def _compute_old_values(self):
        for line in self:
            for fname in TRACKED_VALUES:
                line[f"old_{fname}"] = line.plan_line_id[fname]

    @api.depends("plan_line_id")
    def _compute_new_values(self):
        for line in self.filtered("plan_line_id"):
            for fname in TRACKED_VALUES:
                line[f"new_{fname}"] = line.plan_line_id[fname]

    def _snapshot_old_values(self):
        for line in self.filtered("plan_line_id"):
            line.sudo().write(
                {
                    f"old_{fname}": line.plan_line_id._fields[fname].convert_to_write(
                        line.plan_line_id[fname], line.plan_line_id
                    )
                    for fname in TRACKED_VALUES
                }
            )

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        if not self.env.su:
            lines.change_id._check_draft()
        return lines

    @api.ondelete(at_uninstall=False)
    def _unlink_only_own_drafts(self):
        if not self.env.su:
            self.change_id._check_draft()

    def write(self, vals):
        if not self.env.su:
            self.change_id._check_draft()
            if "change_id" in vals:
                raise UserError(
                    self.env._("A changed item stays with its change request.")
                )
        return super().write(vals)

    @api.constrains("new_weight")
    def _check_new_weight(self):
        self._check_range("new_weight", 0, MAX_TOTAL_POINTS)

    @api.constrains("plan_line_id", "change_id", "new_category_id")
    def _check_items(self):
        for line in self:
            line._check_items_of_plan(line.change_id.plan_id)

    def _check_items_of_plan(self, plan):
        """Raise unless the items and categories named belong to ``plan``."""
        for line in self:
            item = line.plan_line_id
            if item and (item.plan_id != plan or item.display_type):
                raise ValidationError(
                    self.env._(
                        "A change request of plan %s changes items of that plan only.",
                        plan.display_name,
                    )
                )
            category = line.new_category_id
            if category and category.policy_id != plan.policy_id:
                raise ValidationError(
                    self.env._(
                        "Category %(category)s belongs to another policy than "
                        "plan %(plan)s.",
                        category=category.name,
                        plan=plan.display_name,
                    )
                )

    def _check_complete(self):
        for line in self:
            if line.operation != "add" and not line.plan_line_id:
                raise UserError(self.env._("Say which item each change line is about."))
            if line.operation == "add" and not (line.new_name and line.new_weight > 0):
                raise UserError(
                    self.env._("A new item needs its content and a weight.")
                )
            if line.operation == "postpone" and not (
                line.new_deadline
                and (not line.old_deadline or line.new_deadline > line.old_deadline)
            ):
                raise UserError(
                    self.env._(
                        "Postponing “%s” needs a new deadline after the current one.",
                        line.plan_line_id.name,
                    )
                )
            if line.new_weight < 0:
                raise UserError(self.env._("A weight cannot be negative."))

    def _apply(self):
        """Carry the approved change into the plan's items; only an approved
        plan being carried out changes, and only its own items."""
        for line in self:
            line._check_items_of_plan(line.change_id.plan_id)
            line.change_id._check_plan_executing()
            item = line.plan_line_id.sudo()
            if line.operation == "add":
                line.sudo().plan_line_id = item.create(
                    {"plan_id": line.plan_id.id, **line._new_item_values()}
                )
            elif line.operation == "remove":
                item.completion = "cancelled"
            elif line.operation == "postpone":
                item.deadline = line.new_deadline
            elif line.operation == "reweight":
                item.weight = line.new_weight
            elif line.operation == "modify":
                item.write(line._new_item_values())

    def _new_item_values(self):
        return {
            "name": self.new_name,
            "deliverable": self.new_deliverable,
            "deadline": self.new_deadline,
            "weight": self.new_weight,
            "category_id": self.new_category_id.id,
        }

    def _describe(self):
        name = self.new_name or self.old_name
        if self.operation == "add":
            return self.env._(
                "“%(item)s” added (%(weight)s)",
                item=name,
                weight=formatting.number(self.new_weight),
            )
        if self.operation == "remove":
            return self.env._("“%s” removed", name)
        if self.operation == "postpone":
            return self.env._(
                "“%(item)s”: deadline %(old_deadline)s → %(new_deadline)s",
                item=name,
                old_deadline=format_date(self.env, self.old_deadline) or "–",
                new_deadline=format_date(self.env, self.new_deadline) or "–",
            )
        if self.operation == "reweight":
            return self.env._(
                "“%(item)s”: weight %(old_weight)s → %(new_weight)s",
                item=name,
                old_weight=formatting.number(self.old_weight),
                new_weight=formatting.number(self.new_weight),
            )
        return self.env._(
            "“%(item)s”: deadline %(old_deadline)s → %(new_deadline)s, "
            "weight %(old_weight)s → %(new_weight)s",
            item=name,
            old_deadline=format_date(self.env, self.old_deadline) or "–",
            new_deadline=format_date(self.env, self.new_deadline) or "–",
            old_weight=formatting.number(self.old_weight),
            new_weight=formatting.number(self.new_weight),
        )
