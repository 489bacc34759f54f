# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Approval routes (审批流): the rules of a plan's multi-step sign-off, in one
place. A policy without steps leaves the plan to its single approver."""

from odoo import api, fields, models
from odoo.exceptions import UserError

OPEN_ROWS = ("waiting", "pending")


class HrWorkPlanRouteMixin(models.AbstractModel):
    """What plans, change requests and cycles share of their route: the
    records of ``_route_stage``, whose rows point to them by
    ``_route_field``."""

    _name = "hr.work.plan.route.mixin"
    _description = "Work Plan Approval Route"
    _route_stage = "plan"
    _route_field = "plan_id"

    def _route_plan(self):
        """The plan whose people and policy decide the record."""
        raise NotImplementedError

    def _route_due(self, today):
        """When the to-do of a pending step is due."""
        return today

    def _route_excluded_users(self):
        """Who may not decide the record: their steps pass to their superior."""
        return self._route_plan().employee_id.user_id

    def _route_policy(self):
        return self._route_plan().policy_id

    def _route_stage_now(self):
        """The stage of the route the record is at."""
        return self._route_stage

    def _route_steps(self):
        """The steps of the policy for the record's stage, in order."""
        self.ensure_one()
        stage = self._route_stage_now()
        return (
            self._route_policy()
            .route_step_ids.filtered(lambda step: step.stage == stage)
            .sorted(lambda step: (step.sequence, step.id))
        )

    def _rows_record(self, rows):
        return rows.mapped(self._route_field).with_env(self.env)

    def _routed(self):
        """The records whose decision goes through a route: those with rows
        still open."""
        return self._rows_record(
            self.approval_ids.filtered(lambda row: row.state in OPEN_ROWS)
        )

    def _open_routes(self):
        """Start a new round of the route of every record whose policy has
        one: a row per person and step, the first step's pending. Raise,
        naming the step, when a step resolves to nobody. Returns the records
        routed."""
        values = []
        for record in self:
            steps = record._route_steps()
            if not steps:
                continue
            stage = record._route_stage_now()
            rounds = record.approval_ids.filtered(
                lambda row, stage=stage: row.stage == stage
            ).mapped("round")
            record_round = max(rounds, default=0) + 1
            index = 0
            asked = self.env["res.users"]
            for step in steps:
                users = step._deciders(
                    record._route_plan(), record._route_excluded_users()
                )
                if not users:
                    raise UserError(
                        self.env._(
                            "Nobody can decide step %(step)s of %(record)s: "
                            "check who the step names.",
                            step=step.name,
                            record=record.display_name,
                        )
                    )
                # nobody is asked twice: a step of people already asked is
                # theirs already (a head who owns the plan passes his step
                # to the deputy GM of the next one)
                users -= asked
                if not users:
                    continue
                asked |= users
                values += [
                    {
                        self._route_field: record.id,
                        "company_id": record.company_id.id,
                        "step_id": step.id,
                        "sequence": index,
                        "round": record_round,
                        "user_id": user.id,
                        "state": "pending" if index == 0 else "waiting",
                    }
                    for user in users
                ]
                index += 1
        rows = self.env["hr.work.plan.approval"].sudo().create(values)
        return self._rows_record(rows)

    def _my_pending_rows(self):
        """The pending rows the current user decides on each record, their
        own before a delegator's: {record: row}."""
        deciders = self.env["hr.work.plan.approval"]._my_deciding_users()
        rows = self.approval_ids.filtered(
            lambda row: row.state == "pending" and row.user_id in deciders
        ).sorted(lambda row: row.user_id != self.env.user)
        mine = {}
        for row in rows:
            mine.setdefault(self._rows_record(row), row)
        return mine

    def _decide_routes(self, decision, comment=False):
        """Decide the current user's pending row of each record.

        Returns the records whose route ended with this decision (approved
        by its last step, or refused) and those where the user had nothing
        to decide."""
        if not self:
            return self, self
        mine = self._my_pending_rows()
        if not mine:
            raise self._no_step_error()
        missing = self.filtered(lambda record: record not in mine)
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
        for record, row in mine.items():
            rows = record.approval_ids.filtered(
                lambda r, row=row: r.stage == row.stage and r.round == row.round
            )
            step_rows = rows.filtered(lambda r, row=row: r.sequence == row.sequence)
            if decision == "refused":
                ended |= record
                closed |= rows.filtered(lambda r: r.state in OPEN_ROWS)
                continue
            if row.step_id.mode == "all" and step_rows.filtered(
                lambda r: r.state == "pending"
            ):
                continue
            closed |= step_rows.filtered(lambda r: r.state in OPEN_ROWS)
            later = rows.filtered(lambda r: r.state == "waiting")
            if not later:
                ended |= record
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
        if not self:
            return
        activity_type = self.env.ref("hr_work_plan.mail_activity_type_work_plan")
        pending = self.approval_ids.filtered(lambda row: row.state == "pending")
        wanted = {
            (row[self._route_field].id, row.user_id.id): row.step_id.name
            for row in pending
        }
        stale = self.activity_ids.filtered(
            lambda activity: activity.activity_type_id == activity_type
            and wanted.get((activity.res_id, activity.user_id.id)) != activity.summary
        )
        stale.sudo().unlink()
        today = fields.Date.context_today(self)
        self._quietly()._add_missing_activities(
            [
                (record, row.user_id, row.step_id.name, record._route_due(today))
                for row in pending
                for record in self._rows_record(row)
            ]
        )

    def _cancel_open_routes(self):
        """Close the rows still open: the record left its route."""
        self.approval_ids.filtered(lambda row: row.state in OPEN_ROWS).sudo().write(
            {"state": "cancelled"}
        )

    def _decisions_result(self, missing):
        """What the bulk decision tells its user: the records left alone."""
        if not missing:
            return True
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "warning",
                "sticky": True,
                "next": {"type": "ir.actions.act_window_close"},
                "message": self.env._(
                    "Nothing for you to decide on %s: left as they are.",
                    ", ".join(missing.mapped("display_name")),
                ),
            },
        }

    def _check_decides_routes(self):
        """Raise when the current user has no step to decide on any of the
        routed records: the decision lists the others it leaves alone."""
        if self and not self._my_pending_rows():
            raise self._no_step_error()

    def _no_step_error(self):
        return UserError(
            self.env._(
                "You have no step to decide on %s.",
                ", ".join(self.mapped("display_name")),
            )
        )


# one concern of the plan model per file, as hr_work_plan_access.py says
class HrWorkPlan(models.Model):
    _name = "hr.work.plan"
    _inherit = ["hr.work.plan", "hr.work.plan.route.mixin"]  # pylint: disable=consider-merging-classes-inherited

    approval_ids = fields.One2many(
        "hr.work.plan.approval", "plan_id", string="Approvals", readonly=True
    )
    under_review = fields.Boolean(
        compute="_compute_under_review",
        search="_search_under_review",
        help="Assessed by the approver; the reviewers of the policy's "
        "assessment route confirm or change the scores.",
    )

    def _route_plan(self):
        return self

    def _route_stage_now(self):
        return "assessment" if self.state == "self_assessed" else "plan"

    def _route_excluded_users(self):
        # the review of an assessment is the next level's, not the approver's
        excluded = super()._route_excluded_users()
        if self.state == "self_assessed":
            excluded |= self.approver_id.user_id
        return excluded

    def _route_due(self, today):
        deadline = self[
            "assess_deadline" if self.state == "self_assessed" else "approve_deadline"
        ]
        return deadline.date() if deadline else today

    @api.depends("state", "approval_ids.state")
    def _compute_under_review(self):
        # whoever reads the plan knows it is under review, rows read or not
        reviewed = (
            self.sudo().filtered(lambda plan: plan.state == "self_assessed")._routed()
        )
        for plan in self:
            plan.under_review = plan.id in reviewed.ids

    def _search_under_review(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            return NotImplemented
        domain = [
            ("state", "=", "self_assessed"),
            ("approval_ids.stage", "=", "assessment"),
            ("approval_ids.state", "in", OPEN_ROWS),
        ]
        if (operator == "=") == value:
            return domain
        return [("id", "not in", self._search(domain))]

    def _next_actor(self):
        # the people of a route's pending step get their to-dos from the route
        if self.state in ("submitted", "self_assessed") and self._routed():
            return self.env["res.users"], False
        return super()._next_actor()

    @api.depends("approval_ids.state", "approval_ids.user_id")
    def _compute_can_act(self):
        result = super()._compute_can_act()
        routed = self.filtered(
            lambda plan: plan.state in ("submitted", "self_assessed")
        )._routed()
        mine = routed._my_pending_rows()
        for plan in routed:
            plan.can_act = plan in mine
        return result

    def _check_not_under_review(self):
        reviewed = self.filtered("under_review")
        if reviewed:
            raise UserError(
                self.env._(
                    "The scores of %s are being reviewed: the reviewers confirm "
                    "or change them now.",
                    ", ".join(reviewed.mapped("display_name")),
                )
            )


class HrWorkPlanChange(models.Model):
    _name = "hr.work.plan.change"
    _inherit = ["hr.work.plan.change", "hr.work.plan.route.mixin"]  # pylint: disable=consider-merging-classes-inherited
    _route_stage = "change"
    _route_field = "change_id"

    approval_ids = fields.One2many(
        "hr.work.plan.approval", "change_id", string="Approvals", readonly=True
    )
    can_decide = fields.Boolean(compute="_compute_can_decide")

    def _route_plan(self):
        return self.plan_id

    def _route_excluded_users(self):
        return super()._route_excluded_users() | self.requested_by_id

    @api.depends_context("uid")
    @api.depends("state", "approval_ids.state", "approval_ids.user_id")
    def _compute_can_decide(self):
        submitted = self.filtered(lambda change: change.state == "submitted")
        routed = submitted._routed()
        mine = routed._my_pending_rows()
        for change in self:
            if change not in submitted:
                change.can_decide = False
            elif change in routed:
                change.can_decide = change in mine
            else:
                change.can_decide = change.requested_by_id != self.env.user and (
                    change.plan_id._holds_role({"approver", "officer"})
                )


class HrWorkPlanCycle(models.Model):
    _name = "hr.work.plan.cycle"
    _inherit = ["hr.work.plan.cycle", "hr.work.plan.route.mixin"]  # pylint: disable=consider-merging-classes-inherited
    _route_stage = "result"
    _route_field = "cycle_id"

    approval_ids = fields.One2many(
        "hr.work.plan.approval", "cycle_id", string="Result Sign-off", readonly=True
    )
    signoff_state = fields.Selection(
        [
            ("none", "Not needed"),
            ("to_request", "To request"),
            ("open", "Being signed"),
            ("refused", "Refused"),
            ("signed", "Signed off"),
        ],
        string="Result Sign-off State",
        compute="_compute_signoff_state",
    )
    can_decide = fields.Boolean(compute="_compute_can_decide")

    def _route_plan(self):
        # the people of a cycle's sign-off are named: a group or a user
        return self.env["hr.work.plan"]

    def _route_policy(self):
        return self.policy_id

    @api.depends("policy_id.route_step_ids.stage", "approval_ids.state")
    def _compute_signoff_state(self):
        for cycle in self:
            steps = cycle.policy_id.route_step_ids.filtered(
                lambda step: step.stage == "result"
            )
            last_round = max(cycle.approval_ids.mapped("round"), default=0)
            last = cycle.approval_ids.filtered(
                lambda row, last_round=last_round: row.round == last_round
            )
            if not steps:
                cycle.signoff_state = "none"
            elif not last:
                cycle.signoff_state = "to_request"
            elif last.filtered(lambda row: row.state in OPEN_ROWS):
                cycle.signoff_state = "open"
            elif last.filtered(lambda row: row.state == "refused"):
                cycle.signoff_state = "refused"
            else:
                cycle.signoff_state = "signed"

    @api.depends_context("uid")
    @api.depends("approval_ids.state", "approval_ids.user_id")
    def _compute_can_decide(self):
        mine = self._my_pending_rows()
        for cycle in self:
            cycle.can_decide = cycle in mine

    def action_request_signoff(self):
        """Send the cycle's results to the signers its policy names."""
        self.check_access("write")
        self._ensure_state("assessing")
        if self.filtered(
            lambda cycle: cycle.signoff_state not in ("to_request", "refused")
        ):
            raise UserError(
                self.env._("Only results not sent yet, or refused, go for sign-off.")
            )
        self._open_routes()
        self._sync_route_todos()
        self._message_log_batch(
            bodies=dict.fromkeys(self.ids, self.env._("Results sent for sign-off."))
        )

    def action_approve(self):
        ended, missing = self._decide_routes("approved")
        ended.sudo()._message_log_batch(
            bodies=dict.fromkeys(ended.ids, self.env._("Results signed off."))
        )
        return self._decisions_result(missing)

    def action_reject(self, reason=None):
        reason = self._require_reason(reason)
        ended, missing = self._decide_routes("refused", reason)
        ended.sudo()._message_log_batch(
            bodies=dict.fromkeys(ended.ids, self.env._("Results refused: %s", reason))
        )
        return self._decisions_result(missing)

    def _check_results_signed(self):
        unsigned = self.filtered(
            lambda cycle: cycle.signoff_state not in ("none", "signed")
        )
        if unsigned:
            raise UserError(
                self.env._(
                    "The results of %s are not signed off yet: send them for "
                    "sign-off and wait for the last signer.",
                    ", ".join(unsigned.mapped("display_name")),
                )
            )
