# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, models


class HrWorkPlanPolicy(models.Model):
    _inherit = "hr.work.plan.policy"

    def _copy_preset(self):
        """A preset's fine and reward rules are copied with it, each applying
        to the new policy alone."""
        policy = super()._copy_preset()
        Rule = self.env["hr.work.plan.penalty.rule"]
        rules = Rule.with_context(active_test=False).search(
            [("policy_ids", "in", self.ids)]
        )
        for rule in rules:
            rule.copy(
                {
                    "active": True,
                    "company_id": policy.company_id.id,
                    "code": self._free_code(Rule._name, rule.code, policy.company_id),
                    "policy_ids": [Command.set(policy.ids)],
                }
            )
        return policy
