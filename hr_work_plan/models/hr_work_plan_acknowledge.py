# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Owner acknowledgement (签字确认): the owner signs the approved plan, the
assessment result, or both, as the policy asks; a result left unsigned for the
policy's days after the assessment is deemed acknowledged by the daily job.
The owner who disagrees with the result objects to it through an appeal."""

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

# the plan states in which each acknowledgement is owed
PLAN_ACKNOWLEDGE_STATES = ("approved", "self_assessed", "assessed")
RESULT_ACKNOWLEDGE_STATES = ("assessed", "done")
# the policy settings asking for each acknowledgement
PLAN_ACKNOWLEDGE_POLICIES = ("plan", "both")
RESULT_ACKNOWLEDGE_POLICIES = ("result", "both")
ACKNOWLEDGE_FIELDS = (
    "acknowledged_plan_on",
    "acknowledged_result_on",
    "acknowledged_deemed",
)


# one concern of the plan model per file, as its module docstring says
class HrWorkPlan(models.Model):
    _inherit = "hr.work.plan"  # pylint: disable=consider-merging-classes-inherited

    acknowledge = fields.Selection(related="policy_id.acknowledge")
    acknowledged_plan_on = fields.Datetime(
        string="Plan Acknowledged On",
        readonly=True,
        copy=False,
        tracking=True,
        help="When the owner acknowledged the approved plan.",
    )
    acknowledged_result_on = fields.Datetime(
        string="Result Acknowledged On",
        readonly=True,
        copy=False,
        tracking=True,
        help="When the owner acknowledged the assessment result, or when the "
        "time to acknowledge it ended.",
    )
    acknowledged_deemed = fields.Boolean(
        string="Acknowledged by Deadline",
        readonly=True,
        copy=False,
        tracking=True,
        help="The owner neither acknowledged the result nor objected to it in "
        "time: it was deemed acknowledged when the time ended.",
    )
    acknowledge_needed = fields.Selection(
        [
            ("plan", "The plan"),
            ("result", "The result"),
            ("both", "The plan and the result"),
        ],
        string="Acknowledgement Owed",
        compute="_compute_acknowledge_needed",
        help="What the owner has to acknowledge now.",
    )
    can_acknowledge = fields.Boolean(
        compute="_compute_acknowledge_needed",
        help="The current user owns the plan and owes an acknowledgement.",
    )

    @api.depends_context("uid")
    @api.depends(
        "policy_id.acknowledge",
        "state",
        "under_appeal",
        "acknowledged_plan_on",
        "acknowledged_result_on",
        "employee_id.user_id",
    )
    def _compute_acknowledge_needed(self):
        for plan in self:
            plan_owed = plan._owes_plan_acknowledgement()
            result_owed = plan._owes_result_acknowledgement()
            plan.acknowledge_needed = (
                (plan_owed and result_owed and "both")
                or (plan_owed and "plan")
                or (result_owed and "result")
                or False
            )
            plan.can_acknowledge = bool(plan.acknowledge_needed) and plan._is_owner()

    def _owes_plan_acknowledgement(self):
        self.ensure_one()
        return (
            self.policy_id.acknowledge in PLAN_ACKNOWLEDGE_POLICIES
            and self.state in PLAN_ACKNOWLEDGE_STATES
            and not self.acknowledged_plan_on
        )

    def _owes_result_acknowledgement(self):
        """The result is owed once assessed, unless the owner objected to it:
        an open appeal holds the acknowledgement until it is answered."""
        self.ensure_one()
        return (
            self.policy_id.acknowledge in RESULT_ACKNOWLEDGE_POLICIES
            and self.state in RESULT_ACKNOWLEDGE_STATES
            and not self.acknowledged_result_on
            and not self.under_appeal
        )

    def _acknowledge_refusal(self):
        """The error the current user meets acknowledging this plan, or None."""
        self.ensure_one()
        if not self._is_owner():
            return AccessError(
                self.env._(
                    "Only the owner of plan %s acknowledges it.", self.display_name
                )
            )
        if self.policy_id.acknowledge == "none":
            return UserError(
                self.env._(
                    "The policy of plan %s asks for no acknowledgement.",
                    self.display_name,
                )
            )
        if self.acknowledge_needed:
            return None
        if (
            self.policy_id.acknowledge in RESULT_ACKNOWLEDGE_POLICIES
            and self.under_appeal
        ):
            return UserError(
                self.env._(
                    "Plan %s is under appeal: its result is acknowledged once "
                    "the appeal is answered.",
                    self.display_name,
                )
            )
        return UserError(
            self.env._(
                "Plan %s has nothing to acknowledge now: a plan is acknowledged "
                "once approved, a result once assessed, each of them once.",
                self.display_name,
            )
        )

    def action_acknowledge(self):
        """The owner acknowledges what they owe on each plan: the approved
        plan, the assessment result, or both."""
        for plan in self:
            refusal = plan._acknowledge_refusal()
            if refusal:
                raise refusal
        now = fields.Datetime.now()
        plans = self.filtered(lambda plan: plan.acknowledge_needed in ("plan", "both"))
        results = self.filtered(
            lambda plan: plan.acknowledge_needed in ("result", "both")
        )
        messages = {
            "plan": self.env._("The owner acknowledged the plan."),
            "result": self.env._("The owner acknowledged the result."),
            "both": self.env._("The owner acknowledged the plan and the result."),
        }
        bodies = {plan.id: messages[plan.acknowledge_needed] for plan in self}
        plans.sudo().write({"acknowledged_plan_on": now})
        results.sudo().write({"acknowledged_result_on": now})
        self._message_log_batch(bodies=bodies)
        return True

    def action_object_to_result(self):
        """The owner objects to the result instead of acknowledging it: an
        appeal, while the result waits for the acknowledgement."""
        self.ensure_one()
        refusal = self._acknowledge_refusal()
        if refusal:
            raise refusal
        if self.acknowledge_needed not in ("result", "both"):
            raise UserError(
                self.env._(
                    "Plan %s has no result waiting for your acknowledgement.",
                    self.display_name,
                )
            )
        return self.action_appeal()

    def _deem_results_acknowledged(self):
        """Mark the results left unacknowledged for their policy's days after
        the assessment as acknowledged by deadline, on the day the time ended.
        Results under appeal wait for the appeal's answer; a policy with 0
        days deems nothing. Called on plans, for those only; on the model, for
        every plan. One query finds the plans, one writes them all; returns
        them."""
        now = fields.Datetime.now()
        self.env["hr.work.plan.policy"].flush_model(["acknowledge", "acknowledge_days"])
        self.flush_model(
            ["policy_id", "state", "assessed_on", "under_appeal", *ACKNOWLEDGE_FIELDS]
        )
        due = SQL("plan.assessed_on + make_interval(days => policy.acknowledge_days)")
        restrict = SQL("AND plan.id = ANY(%s)", self.ids) if self else SQL()
        self.env.cr.execute(
            SQL(
                """
                SELECT plan.id
                  FROM hr_work_plan AS plan
                  JOIN hr_work_plan_policy AS policy ON policy.id = plan.policy_id
                 WHERE policy.acknowledge IN %(policies)s
                   AND policy.acknowledge_days > 0
                   AND plan.state IN %(states)s
                   AND plan.acknowledged_result_on IS NULL
                   AND plan.assessed_on IS NOT NULL
                   AND plan.under_appeal IS NOT TRUE
                   AND %(due)s <= %(now)s
                   %(restrict)s
                 ORDER BY plan.id
                """,
                policies=RESULT_ACKNOWLEDGE_POLICIES,
                states=RESULT_ACKNOWLEDGE_STATES,
                due=due,
                now=now,
                restrict=restrict,
            )
        )
        plans = self.browse([row[0] for row in self.env.cr.fetchall()])
        if not plans:
            return plans
        plans._write_in_one_statement(
            ["acknowledged_result_on", "acknowledged_deemed"],
            SQL(
                """
                UPDATE hr_work_plan AS plan
                   SET acknowledged_result_on = %(due)s,
                       acknowledged_deemed = TRUE,
                       write_uid = %(uid)s,
                       write_date = %(now)s
                  FROM hr_work_plan_policy AS policy
                 WHERE policy.id = plan.policy_id
                   AND plan.id = ANY(%(ids)s)
                """,
                due=due,
                uid=self.env.uid,
                now=now,
                ids=plans.ids,
            ),
        )
        return plans

    # ------------------------------------------------------------------
    # taken back: what was acknowledged is owed again

    def action_back_to_assessment(self):
        result = super().action_back_to_assessment()
        self._forget_acknowledgements()
        return result

    def action_reopen(self, reason=None):
        result = super().action_reopen(reason=reason)
        self._forget_acknowledgements()
        return result

    def _forget_acknowledgements(self):
        """Clear the acknowledgements of what the plans no longer are: the
        result of a plan back before its assessment, the plan of one back to
        a draft."""
        results = self.filtered(
            lambda plan: plan.acknowledged_result_on
            and plan.state not in RESULT_ACKNOWLEDGE_STATES
        )
        results.sudo().write(
            {"acknowledged_result_on": False, "acknowledged_deemed": False}
        )
        plans = self.filtered(
            lambda plan: plan.acknowledged_plan_on
            and plan.state in ("draft", "submitted")
        )
        plans.sudo().write({"acknowledged_plan_on": False})
