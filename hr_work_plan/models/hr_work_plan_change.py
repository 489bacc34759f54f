# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import format_date

from .hr_work_plan_state_mixin import ACTIVITY_TYPE

CHANGE_TYPES = [
    ("add", "Add items"),
    ("remove", "Remove items"),
    ("postpone", "Postpone items"),
    ("modify", "Modify items"),
    ("reweight", "Reweight items"),
]


class HrWorkPlanChange(models.Model):
    _name = "hr.work.plan.change"
    _description = "Work Plan Change Request"
    _inherit = [
        "hr.work.plan.guard.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "hr.work.plan.state.mixin",
    ]
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    plan_id = fields.Many2one(
        "hr.work.plan",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
        domain="[('state', '=', 'approved')]",
        tracking=True,
    )
    company_id = fields.Many2one(related="plan_id.company_id", store=True)
    employee_id = fields.Many2one(related="plan_id.employee_id", store=True)
    approver_id = fields.Many2one(related="plan_id.approver_id")
    change_type = fields.Selection(CHANGE_TYPES, required=True, tracking=True)
    reason = fields.Text(required=True, tracking=True)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("submitted", "Submitted"),
            ("approved", "Approved"),
            ("refused", "Refused"),
        ],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        copy=False,
    )
    line_ids = fields.One2many(
        "hr.work.plan.change.line", "change_id", string="Changed Items", copy=True
    )
    requested_by_id = fields.Many2one(
        "res.users", default=lambda self: self.env.user, readonly=True, copy=False
    )
    submitted_on = fields.Datetime(readonly=True, copy=False)
    decided_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    decided_on = fields.Datetime(readonly=True, copy=False)
    refuse_reason = fields.Text(readonly=True, copy=False)

    @api.depends("plan_id", "change_type")
    def _compute_name(self):
        types = dict(CHANGE_TYPES)
        for change in self:
            change.name = (
                f"{types.get(change.change_type, '')} – {change.plan_id.display_name}"
            )

    @api.constrains("reason")
    def _check_reason(self):
        for change in self:
            if not (change.reason or "").strip():
                raise UserError(self.env._("A change needs a reason."))

    @api.model_create_multi
    def create(self, vals_list):
        changes = super().create(vals_list)
        if not self.env.su:
            changes._check_plan_executing()
            changes._check_requester()
        return changes

    def write(self, vals):
        if not self.env.su:
            self._check_draft()
            if "plan_id" in vals:
                self.line_ids._check_items_of_plan(self.plan_id.browse(vals["plan_id"]))
        result = super().write(vals)
        if "plan_id" in vals and not self.env.su:
            self._check_plan_executing()
            self._check_requester()
        return result

    def _check_draft(self):
        """Raise unless the current user may still edit the requests: drafts
        of their own."""
        if self.filtered(lambda change: change.state != "draft"):
            raise UserError(
                self.env._("A change request cannot be edited once submitted.")
            )
        if not self.env.su and self.filtered(
            lambda change: change.requested_by_id != self.env.user
        ):
            raise AccessError(
                self.env._("Only its requester edits a draft change request.")
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        if self.env.su:
            return
        if self.filtered(lambda change: change.state != "draft"):
            raise UserError(self.env._("Only draft change requests can be deleted."))
        self._check_draft()

    # ------------------------------------------------------------------
    # checks

    def _check_plan_executing(self):
        for change in self:
            if change.plan_id.state != "approved":
                raise UserError(
                    self.env._(
                        "Changes are requested on approved plans being carried "
                        "out; plan %s is not.",
                        change.plan_id.display_name,
                    )
                )

    def _check_window(self, today):
        """Existing items change only up to the policy's window before they are due."""
        for change in self:
            window = change.plan_id.policy_id.change_window_days
            for line in change.line_ids.filtered("plan_line_id.deadline"):
                last_day = line.plan_line_id.deadline - timedelta(days=window)
                if today > last_day:
                    raise UserError(
                        self.env._(
                            "Item “%(item)s” is due on %(deadline)s: changes had to "
                            "be requested by %(last_day)s (%(window)s days before).",
                            item=line.plan_line_id.name,
                            deadline=format_date(self.env, line.plan_line_id.deadline),
                            last_day=format_date(self.env, last_day),
                            window=window,
                        )
                    )

    def _check_resulting_total(self):
        for change in self:
            change.plan_id._check_weights(change._resulting_rows())

    def _resulting_rows(self):
        """``(category, weight)`` of the plan's items once this change is applied."""
        self.ensure_one()
        rows = {
            line: (line.category_id, line.weight)
            for line in self.plan_id.line_ids
            if not line.display_type and line.completion != "cancelled"
        }
        added = []
        for change_line in self.line_ids:
            target = change_line.plan_line_id
            if change_line.operation == "add":
                added.append((change_line.new_category_id, change_line.new_weight))
            elif change_line.operation == "remove":
                rows.pop(target, None)
            elif change_line.operation == "reweight" and target in rows:
                rows[target] = (target.category_id, change_line.new_weight)
            elif change_line.operation == "modify" and target in rows:
                rows[target] = (change_line.new_category_id, change_line.new_weight)
        return [*rows.values(), *added]

    def _check_requester(self):
        for change in self:
            change.plan_id._check_role("owner", "approver", "officer")

    def _check_decider(self):
        for change in self:
            if not self.env.su and change.requested_by_id == self.env.user:
                raise UserError(
                    self.env._("You cannot decide on your own change request.")
                )
            change.plan_id._check_role("approver", "officer")

    # ------------------------------------------------------------------
    # workflow

    def action_submit(self):
        self._ensure_state("draft")
        self._check_draft()
        self._check_plan_executing()
        self._check_requester()
        for change in self:
            if not change.line_ids:
                raise UserError(self.env._("Say which items the change is about."))
            change.line_ids._check_complete()
        self._check_window(fields.Date.context_today(self))
        self._check_resulting_total()
        self.line_ids._snapshot_old_values()
        routed = self._open_routes()
        self.sudo().write({"state": "submitted", "submitted_on": fields.Datetime.now()})
        routed._sync_route_todos()
        for change in (self - routed).filtered("approver_id.user_id"):
            change.activity_schedule(
                ACTIVITY_TYPE,
                user_id=change.approver_id.user_id.id,
                summary=self.env._("Decide on the change request"),
            )

    def action_approve(self):
        """Apply submitted requests to their plans: as the plan's approver, or
        by deciding the current user's step of their route, which applies a
        request once its last step approves."""
        self._ensure_state("submitted")
        routed = self._routed()
        (self - routed)._check_decider()
        self._check_plan_executing()
        self._check_resulting_total()
        ended, missing = routed._decide_routes("approved")
        # the people of a route may only read the plan: its last step applies
        for approved in (self - routed, ended.sudo()):
            approved.line_ids._apply()
            approved._decide("approved")
            for change in approved:
                change.plan_id.message_post(
                    body=change._summary(), subtype_xmlid="mail.mt_note"
                )
        return self._decisions_result(missing)

    def action_open_refuse_wizard(self):
        self._ensure_state("submitted")
        routed = self._routed()
        (self - routed)._check_decider()
        routed._check_decides_routes()
        return self._open_reason_wizard("refuse")

    def action_refuse(self, reason=None):
        reason = self._optional_reason(reason)
        self._ensure_state("submitted")
        routed = self._routed()
        (self - routed)._check_decider()
        ended, missing = routed._decide_routes("refused", reason)
        (self - routed)._decide("refused", refuse_reason=reason)
        ended.sudo()._decide("refused", refuse_reason=reason)
        return self._decisions_result(missing)

    def _decide(self, state, **values):
        self.sudo().write(
            {
                "state": state,
                "decided_by_id": self.env.user.id,
                "decided_on": fields.Datetime.now(),
                **values,
            }
        )
        self.activity_unlink([ACTIVITY_TYPE])

    def _summary(self):
        self.ensure_one()
        items = "; ".join(line._describe() for line in self.line_ids)
        return self.env._(
            "Change approved (%(type)s): %(items)s. Reason: %(reason)s",
            type=dict(CHANGE_TYPES)[self.change_type],
            items=items,
            reason=self.reason,
        )
