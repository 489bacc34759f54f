# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, time, timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import format_date

from .hr_work_plan_state_mixin import ACTIVITY_TYPE

ARBITER_GROUP = "hr_work_plan.group_work_plan_arbiter"


class HrWorkPlanAppeal(models.Model):
    _name = "hr.work.plan.appeal"
    _description = "Work Plan Appeal"
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
        tracking=True,
    )
    employee_id = fields.Many2one(related="plan_id.employee_id", store=True)
    company_id = fields.Many2one(related="plan_id.company_id", store=True)
    reason = fields.Text(required=True)
    state = fields.Selection(
        [
            ("submitted", "Submitted"),
            ("accepted", "Accepted"),
            ("refused", "Refused"),
            ("resolved", "Resolved"),
        ],
        default="submitted",
        required=True,
        readonly=True,
        tracking=True,
        copy=False,
    )
    filed_on = fields.Datetime(default=fields.Datetime.now, readonly=True, copy=False)
    accept_deadline = fields.Date(
        compute="_compute_deadlines", store=True, string="Accept or Refuse By"
    )
    resolve_deadline = fields.Date(
        compute="_compute_deadlines", store=True, string="Answer By"
    )
    is_overdue = fields.Boolean(
        compute="_compute_is_overdue", search="_search_is_overdue"
    )
    original_score = fields.Float(readonly=True, copy=False)
    revised_score = fields.Float(readonly=True, copy=False, tracking=True)
    resolution = fields.Text(readonly=True, copy=False, tracking=True)
    decided_by_id = fields.Many2one("res.users", readonly=True, copy=False)

    @api.depends("plan_id")
    def _compute_name(self):
        for appeal in self:
            appeal.name = (
                self.env._("Appeal on %s", appeal.plan_id.display_name)
                if appeal.plan_id
                else self.env._("New Appeal")
            )

    @api.depends("filed_on", "plan_id.policy_id.appeal_accept_days")
    def _compute_deadlines(self):
        for appeal in self:
            policy = appeal.plan_id.policy_id
            calendar = appeal.company_id.resource_calendar_id
            start = appeal.filed_on or fields.Datetime.now()
            appeal.accept_deadline = self._add_working_days(
                calendar, start, policy.appeal_accept_days
            )
            appeal.resolve_deadline = self._add_working_days(
                calendar, start, policy.appeal_resolve_days
            )

    @api.model
    def _add_working_days(self, calendar, start, days):
        if not calendar:
            day = start.date()
            while days > 0:
                day += timedelta(days=1)
                days -= day.weekday() < 5
            return day
        end = calendar.plan_days(days + 1, datetime.combine(start.date(), time.min))
        return end.date() if end else start.date() + timedelta(days=days)

    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for appeal in self:
            appeal.is_overdue = appeal._overdue_on(today)

    def _search_is_overdue(self, operator, value):
        today = fields.Date.context_today(self)
        overdue = [
            "|",
            "&",
            ("state", "=", "submitted"),
            ("accept_deadline", "<", today),
            "&",
            ("state", "=", "accepted"),
            ("resolve_deadline", "<", today),
        ]
        positive = (operator == "=") == bool(value)
        return overdue if positive else ["!", *overdue]

    def _overdue_on(self, today):
        return (self.state == "submitted" and self.accept_deadline < today) or (
            self.state == "accepted" and self.resolve_deadline < today
        )

    # ------------------------------------------------------------------
    # filing

    @api.model_create_multi
    def create(self, vals_list):
        plan_ids = [vals.get("plan_id") for vals in vals_list]
        for vals in vals_list:
            plan = self.env["hr.work.plan"].browse(vals.get("plan_id"))
            self._check_can_file(plan, vals)
            if plan_ids.count(plan.id) > 1:
                raise UserError(
                    self.env._("Plan %s takes one appeal at a time.", plan.display_name)
                )
        appeals = super().create(vals_list)
        for appeal in appeals.sudo():
            appeal.original_score = appeal.plan_id.score_final
        appeals._schedule_arbiter_activities()
        return appeals

    @api.model
    def _check_can_file(self, plan, vals):
        if not plan:
            raise UserError(self.env._("Say which plan the appeal is about."))
        reason = self._optional_reason(vals.get("reason"))
        refusal = self._appeal_refusal(plan)
        if refusal:
            raise refusal
        if not reason:
            raise UserError(self.env._("An appeal needs a reason."))

    @api.model
    def _appeal_refusal(self, plan):
        """The error an appeal of the current user against ``plan`` meets,
        or None when they may file it."""
        if not self.env.su and not plan._is_owner():
            return AccessError(
                self.env._("Only the owner of a plan appeals against it.")
            )
        if plan.state not in ("assessed", "done"):
            return UserError(
                self.env._(
                    "Plan %s has no assessment to appeal against yet.",
                    plan.display_name,
                )
            )
        window = plan.policy_id.appeal_window_days
        assessed = (plan.assessed_on or fields.Datetime.now()).date()
        if window and fields.Date.context_today(self) > assessed + timedelta(
            days=window
        ):
            return UserError(
                self.env._(
                    "Appeals against plan %(plan)s were due within %(days)s days "
                    "of its assessment on %(date)s.",
                    plan=plan.display_name,
                    days=window,
                    date=format_date(self.env, assessed),
                )
            )
        if plan.under_appeal:
            return UserError(
                self.env._("Plan %s is already under appeal.", plan.display_name)
            )
        return None

    def write(self, vals):
        if not self.env.su and set(vals) - {"message_main_attachment_id"}:
            raise AccessError(self.env._("Appeals change through their buttons."))
        return super().write(vals)

    # ------------------------------------------------------------------
    # decisions

    def _check_arbiter(self):
        if self.env.su:
            return
        if not self.env.user.has_group(ARBITER_GROUP):
            raise AccessError(
                self.env._("Only members of the appeals committee decide.")
            )
        if self.filtered(lambda appeal: appeal.plan_id._is_owner()):
            raise UserError(self.env._("You cannot decide on an appeal of your own."))

    def _decide(self, values):
        self.sudo().write({"decided_by_id": self.env.user.id, **values})
        self.activity_unlink([ACTIVITY_TYPE])
        labels = dict(self._fields["state"]._description_selection(self.env))
        for appeal in self.filtered(lambda appeal: appeal.state != "accepted"):
            appeal.plan_id.sudo()._tell_owner(
                self.env._(
                    "Your appeal was answered (%(state)s): %(resolution)s",
                    state=labels[appeal.state],
                    resolution=appeal.resolution,
                )
            )

    def action_accept(self):
        self._ensure_state("submitted")
        self._check_arbiter()
        self._decide({"state": "accepted"})
        self._schedule_arbiter_activities()

    def action_open_refuse_wizard(self):
        self._ensure_state("submitted")
        self._check_arbiter()
        return self._open_reason_wizard("appeal_refuse")

    def action_open_resolve_wizard(self):
        self._ensure_state("accepted")
        self._check_arbiter()
        return self._open_reason_wizard("appeal_resolve")

    def action_refuse(self, reason=None):
        self._ensure_state("submitted")
        self._check_arbiter()
        self._decide({"state": "refused", "resolution": self._require_reason(reason)})

    def action_resolve(self, resolution=None, revised_score=None):
        """Answer an accepted appeal; a revised score replaces the plan's
        final score, the original staying on the appeal."""
        self._ensure_state("accepted")
        self._check_arbiter()
        resolution = self._require_reason(resolution)
        values = {"state": "resolved", "resolution": resolution}
        if revised_score is not None:
            for appeal in self:
                score = appeal._parse_score(revised_score, appeal.plan_id._max_score())
                appeal.plan_id._revise_final_score(score)
            values["revised_score"] = float(revised_score)
        self._decide(values)

    # ------------------------------------------------------------------
    # reminders

    def _arbiters(self):
        return self.env.ref(ARBITER_GROUP).sudo().users

    def _schedule_arbiter_activities(self):
        arbiter = self._arbiters()[:1]
        if not arbiter:
            return
        for appeal in self:
            deadline = (
                appeal.accept_deadline
                if appeal.state == "submitted"
                else appeal.resolve_deadline
            )
            appeal.sudo().activity_schedule(
                ACTIVITY_TYPE,
                date_deadline=deadline,
                user_id=arbiter.id,
                summary=self.env._("Decide on the appeal"),
            )

    @api.model
    def _cron_escalate_appeals(self):
        """Daily: an overdue appeal gets a to-do for every arbiter, once."""
        overdue = self.search([("is_overdue", "=", True)])
        arbiters = self._arbiters()
        today = fields.Date.context_today(self)
        overdue._add_missing_activities(
            [
                (appeal, arbiter, self.env._("Overdue appeal"), today)
                for appeal in overdue
                for arbiter in arbiters
            ]
        )
