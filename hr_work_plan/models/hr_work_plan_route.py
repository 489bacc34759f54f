# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Approval routes (审批流): the rules of a plan's multi-step sign-off, in one
place. A policy without steps leaves the plan to its single approver."""

from odoo import api, fields, models
from odoo.exceptions import UserError

OPEN_ROWS = ("waiting", "pending")


# one concern of the plan model per file, as hr_work_plan_access.py says
class HrWorkPlan(models.Model):
    _inherit = "hr.work.plan"  # pylint: disable=consider-merging-classes-inherited

    approval_ids = fields.One2many(
        "hr.work.plan.approval", "plan_id", string="Approvals", readonly=True
    )

    def _route_steps(self, stage):
        """The steps of the plan's policy for ``stage``, in order."""
        self.ensure_one()
        return self.policy_id.route_step_ids.filtered(
            lambda step: step.stage == stage
        ).sorted(lambda step: (step.sequence, step.id))

    def _routed(self):
        """The plans whose approval goes through a route: those with rows
        still open."""
        return self.approval_ids.filtered(
            lambda row: row.stage == "plan" and row.state in OPEN_ROWS
        ).plan_id

    def _open_routes(self):
        """Start a new round of the plan route of every plan whose policy
        has one: a row per person and step, the first step's pending. Raise,
        naming the step, when a step resolves to nobody. Returns the plans
        routed."""
        values = []
        for plan in self:
            steps = plan._route_steps("plan")
            if not steps:
                continue
            rounds = plan.approval_ids.mapped("round")
            plan_round = max(rounds, default=0) + 1
            for index, step in enumerate(steps):
                users = step._deciders(plan)
                if not users:
                    raise UserError(
                        self.env._(
                            "Nobody can decide step %(step)s of plan %(plan)s: "
                            "check who the step names.",
                            step=step.name,
                            plan=plan.display_name,
                        )
                    )
                values += [
                    {
                        "plan_id": plan.id,
                        "company_id": plan.company_id.id,
                        "step_id": step.id,
                        "sequence": index,
                        "round": plan_round,
                        "user_id": user.id,
                        "state": "pending" if index == 0 else "waiting",
                    }
                    for user in users
                ]
        rows = self.env["hr.work.plan.approval"].sudo().create(values)
        return rows.plan_id

    def _my_pending_rows(self):
        """The pending rows the current user decides on each plan, their own
        before a delegator's: {plan: row}."""
        deciders = self.env["hr.work.plan.approval"]._my_deciding_users()
        rows = self.approval_ids.filtered(
            lambda row: row.state == "pending" and row.user_id in deciders
        ).sorted(lambda row: row.user_id != self.env.user)
        mine = {}
        for row in rows:
            mine.setdefault(row.plan_id, row)
        return mine

    def _decide_routes(self, decision, comment=False):
        """Decide the current user's pending row of each plan.

        Returns the plans whose route ended with this decision (approved by
        its last step, or refused) and the plans where the user had nothing
        to decide."""
        if not self:
            return self, self
        mine = self._my_pending_rows()
        missing = self.filtered(lambda plan: plan not in mine)
        if not mine:
            raise UserError(
                self.env._(
                    "You have no step to decide on %s.",
                    ", ".join(missing.mapped("display_name")),
                )
            )
        Approval = self.env["hr.work.plan.approval"]
        chosen = Approval.union(*mine.values())
        values = {
            "state": decision,
            "decided_by_id": self.env.user.id,
            "decided_on": fields.Datetime.now(),
            "comment": comment or False,
        }
        for user, rows in chosen.grouped("user_id").items():
            delegated = user != self.env.user and user.id
            rows.sudo().write({**values, "delegated_from_id": delegated})
        ended, closed, opened = self.browse(), Approval, Approval
        for plan, row in mine.items():
            rows = plan.approval_ids.filtered(lambda r, row=row: r.round == row.round)
            step_rows = rows.filtered(lambda r, row=row: r.sequence == row.sequence)
            if decision == "refused":
                ended |= plan
                closed |= rows.filtered(lambda r: r.state in OPEN_ROWS)
                continue
            if row.step_id.mode == "all" and step_rows.filtered(
                lambda r: r.state == "pending"
            ):
                continue
            closed |= step_rows.filtered(lambda r: r.state in OPEN_ROWS)
            later = rows.filtered(lambda r: r.state == "waiting")
            if not later:
                ended |= plan
                continue
            opened |= later.filtered(
                lambda r, later=later: r.sequence == min(later.mapped("sequence"))
            )
        closed.filtered(lambda r: r.state == "pending").sudo().write(
            {"state": "skipped" if decision == "approved" else "cancelled"}
        )
        closed.filtered(lambda r: r.state == "waiting").sudo().write(
            {"state": "cancelled"}
        )
        opened.sudo().write({"state": "pending"})
        (self - missing - ended)._sync_route_todos()
        return ended, missing

    def _sync_route_todos(self):
        """One to-do for each person with a pending row, none for anybody
        else: the step's people are told in the app, without a mail."""
        activity_type = self.env.ref("hr_work_plan.mail_activity_type_work_plan")
        pending = self.approval_ids.filtered(lambda row: row.state == "pending")
        wanted = {(row.plan_id.id, row.user_id.id) for row in pending}
        stale = self.activity_ids.filtered(
            lambda activity: activity.activity_type_id == activity_type
            and (activity.res_id, activity.user_id.id) not in wanted
        )
        stale.sudo().unlink()
        today = fields.Date.context_today(self)
        self._quietly()._add_missing_activities(
            [
                (
                    row.plan_id,
                    row.user_id,
                    row.step_id.name,
                    row.plan_id.approve_deadline
                    and row.plan_id.approve_deadline.date()
                    or today,
                )
                for row in pending
            ]
        )

    def _decisions_result(self, missing):
        """What the bulk decision tells its user: the plans left alone."""
        if not missing:
            return True
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "warning",
                "sticky": True,
                "message": self.env._(
                    "Nothing for you to decide on %s: left as they are.",
                    ", ".join(missing.mapped("display_name")),
                ),
            },
        }

    def _check_decides_routes(self):
        """Raise unless the current user has a step to decide on every
        routed plan of ``self``."""
        missing = self - self.browse([plan.id for plan in self._my_pending_rows()])
        if missing:
            raise UserError(
                self.env._(
                    "You have no step to decide on %s.",
                    ", ".join(missing.mapped("display_name")),
                )
            )

    def _next_actor(self):
        # the people of a route's pending step get their to-dos from the route
        if self.state == "submitted" and self._routed():
            return self.env["res.users"], False
        return super()._next_actor()

    @api.depends("approval_ids.state", "approval_ids.user_id")
    def _compute_can_act(self):
        result = super()._compute_can_act()
        routed = self.filtered(lambda plan: plan.state == "submitted")._routed()
        mine = routed._my_pending_rows()
        for plan in routed:
            plan.can_act = plan in mine
        return result
