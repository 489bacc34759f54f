# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Deadlines of work plans, the lateness they record, and the to-dos and
reminders of the daily deadline job."""

import logging
import threading
from collections import defaultdict
from datetime import datetime, time, timedelta

from psycopg2 import errors

from odoo import api, fields, models
from odoo.osv import expression
from odoo.tools import SQL, format_date, split_every

from .hr_work_plan import (
    PENDING_STAGE,
    STAGE_FLOW,
    STATE_ORDER,
)
from .hr_work_plan_deadline import STAGES
from .hr_work_plan_state_mixin import ACTIVITY_TYPE

_logger = logging.getLogger(__name__)

# errors of transactions that got in each other's way: Odoo retries requests
# that fail with them
CONCURRENCY_ERRORS = (
    errors.SerializationFailure,
    errors.LockNotAvailable,
    errors.DeadlockDetected,
)

# plans the deadline job handles per transaction when the scheduler runs it
DEADLINE_BATCH_SIZE = 200

REMINDER_DAYS = 2


def overdue_domain(stage, now):
    """Plans whose ``stage`` is still pending after its deadline, not flagged yet."""
    target = STAGE_FLOW[stage][0]
    return [
        (f"{stage}_late", "=", False),
        (f"{stage}_deadline", "<", now),
        ("state", "in", STATE_ORDER[: STATE_ORDER.index(target)]),
    ]


# one concern of the plan model per file, as its module docstring says
class HrWorkPlan(models.Model):
    _inherit = "hr.work.plan"  # pylint: disable=consider-merging-classes-inherited

    @api.depends(
        "policy_id.period_type",
        "policy_id.deadline_ids.stage",
        "policy_id.deadline_ids.position",
        "policy_id.deadline_ids.day",
        "policy_id.deadline_ids.hour",
        "policy_id.deadline_ids.working_days",
        "date_from",
        "date_to",
        "employee_id.resource_calendar_id",
    )
    def _compute_deadlines(self):
        # plans of one policy, period and schedule share their deadlines
        groups = defaultdict(lambda: self.browse())
        for plan in self:
            calendar = plan.employee_id.resource_calendar_id or (
                plan.company_id.resource_calendar_id
            )
            groups[(plan.policy_id, plan.date_from, plan.date_to, calendar)] |= plan
        for (policy, date_from, date_to, calendar), plans in groups.items():
            dues = (
                policy._stage_deadlines(date_from, date_to, calendar) if policy else {}
            )
            for stage, _label in STAGES:
                plans[f"{stage}_deadline"] = dues.get(stage, False)

    @api.depends("state", *(f"{stage}_deadline" for stage, _label in STAGES))
    def _compute_next_deadline(self):
        for plan in self:
            stage = PENDING_STAGE.get(plan.state)
            plan.next_deadline = stage and plan[f"{stage}_deadline"]

    @api.depends("next_deadline")
    def _compute_next_deadline_passed(self):
        now = fields.Datetime.now()
        for plan in self:
            plan.next_deadline_passed = bool(
                plan.next_deadline and plan.next_deadline < now
            )

    @api.depends(*(f"{stage}_late" for stage, _label in STAGES))
    def _compute_is_late(self):
        for plan in self:
            plan.is_late = any(plan[f"{stage}_late"] for stage, _label in STAGES)

    def _next_actor(self):
        """User who must act next on the plan, and the stage."""
        self.ensure_one()
        stage = PENDING_STAGE.get(self.state)
        if not stage:
            return self.env["res.users"], False
        actor = STAGE_FLOW[stage][2]
        user = {
            "owner": self.employee_id.user_id,
            "approver": self.approver_id.user_id,
        }.get(actor, self.env["res.users"])
        return user, stage

    def action_send_reminders(self):
        """Give whoever must act next on the plans a to-do now, due at the
        stage's deadline, unless they have one."""
        self._check_role("officer")
        todos = self._schedule_activities()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "info",
                "message": self.env._("%s reminders sent.", len(todos)),
            },
        }

    def _close_activities(self):
        self.activity_unlink([ACTIVITY_TYPE])

    def _schedule_activities(self, horizon=None):
        """Give whoever must act next one to-do, due at the stage deadline.

        ``horizon``: only for deadlines before this datetime (the cron's
        reminders); by default for every plan. Existing to-dos are kept."""
        stage_labels = dict(
            self.env["hr.work.plan.deadline"]
            ._fields["stage"]
            ._description_selection(self.env)
        )
        today = fields.Date.context_today(self)
        todos = []
        for plan in self:
            user, stage = plan._next_actor()
            deadline = stage and plan[f"{stage}_deadline"]
            if not user or (horizon and (not deadline or deadline > horizon)):
                continue
            due = (deadline or fields.Datetime.now()).date()
            summary = stage_labels[stage]
            if due < today:
                summary = self.env._(
                    "%(stage)s (overdue since %(date)s)",
                    stage=summary,
                    date=format_date(self.env, due),
                )
            todos.append((plan, user, summary, due))
        return self._add_missing_activities(todos)

    def _record_lateness(self, now):
        """Flag every stage whose deadline passed while it is still pending:
        one UPDATE per stage, of the plans not flagged yet. Plans another
        transaction is writing are left alone, not waited for.

        Returns the plans flagged and the plans left alone."""
        flagged = busy = self.browse()
        for stage, _label in STAGES:
            overdue = self.search(
                expression.AND([[("id", "in", self.ids)], overdue_domain(stage, now)])
            )
            free = overdue._lock_free()
            busy |= overdue - free
            flagged |= free
            free.sudo().write({f"{stage}_late": True})
        return flagged, busy

    def _lock_free(self):
        """The plans no other transaction is writing, locked until this one
        ends; those being edited right now are skipped."""
        if not self:
            return self
        self.env.cr.execute(
            SQL(
                "SELECT id FROM %s WHERE id IN %s FOR NO KEY UPDATE SKIP LOCKED",
                SQL.identifier(self._table),
                tuple(self.ids),
            ),
            log_exceptions=False,
        )
        return self.browse([row[0] for row in self.env.cr.fetchall()])

    @api.model
    def _deadline_job_domain(self, now, horizon):
        """Open plans with a stage to flag late or a deadline to remind of."""
        return expression.AND(
            [
                [
                    ("state", "not in", ("done", "cancelled")),
                    ("next_deadline", "!=", False),
                ],
                expression.OR(
                    [[("next_deadline", "<=", horizon)]]
                    + [overdue_domain(stage, now) for stage, _label in STAGES]
                ),
            ]
        )

    def _deadline_batch(self, now, horizon):
        """Lateness and reminders of these plans in one savepoint, given up
        whole if it clashes with another transaction. Returns the number of
        plans changed, and of plans left for a later run."""
        try:
            with self.env.cr.savepoint():
                flagged, busy = self._record_lateness(now)
                todos = self._schedule_activities(horizon=horizon)
        except CONCURRENCY_ERRORS as error:
            _logger.info(
                "Deadlines of %s plans left for the next run: %s",
                len(self),
                error.pgerror or error,
            )
            return 0, len(self)
        return len(flagged | self.browse(todos.mapped("res_id"))), len(busy)

    def _cron_plan_deadlines(self, batch_size=DEADLINE_BATCH_SIZE):
        """Daily: record lateness, remind whoever must act next and deem the
        results left unacknowledged acknowledged. Idempotent.
        Called on plans, for those only; on the model, for every open plan.

        Works by batches of plans. A batch that conflicts with someone editing
        its plans is given up, not the run, and a plan being edited is
        skipped rather than waited for. When the scheduler runs the job, each
        batch commits on its own and the job reports how many plans it left:
        the scheduler then runs it again at once. Called otherwise (tests,
        scripts, other code), it commits nothing."""
        now = fields.Datetime.now()
        horizon = datetime.combine(now.date() + timedelta(days=REMINDER_DAYS), time.max)
        domain = self._deadline_job_domain(now, horizon)
        if self:
            domain = expression.AND([domain, [("id", "in", self.ids)]])
        plans = self.search(domain, order="id")
        cron = self.env["ir.cron"]
        commit = bool(self.env.context.get("ir_cron_progress_id")) and not getattr(
            threading.current_thread(), "testing", False
        )
        changed = left = seen = 0
        for batch in split_every(batch_size, plans.ids, self.browse):
            batch_changed, batch_left = batch._deadline_batch(now, horizon)
            changed += batch_changed
            left += batch_left
            seen += len(batch)
            if commit:
                cron._notify_progress(done=changed, remaining=left + len(plans) - seen)
                # the scheduler's own cursor, between batches: what is done stays
                self.env.cr.commit()  # pylint: disable=invalid-commit
        # results left unacknowledged past their time, all in one go
        changed += len(self._deem_results_acknowledged())
        # plans changed rather than seen: a run again that changes nothing ends
        cron._notify_progress(done=changed, remaining=left)
