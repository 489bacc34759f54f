# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Another company's work plan records are invisible and untouchable."""

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import WorkPlanCase

ADDONS = (
    "hr_work_plan",
    "hr_work_plan_penalty",
    "hr_work_plan_report",
    "hr_work_plan_payroll",
)


@tagged("post_install", "-at_install")
class TestMultiCompany(WorkPlanCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.far = cls.env["res.company"].create({"name": "Far Away Ltd"})
        policy = cls.env["hr.work.plan.policy"].create(
            {
                "name": "Far policy",
                "code": "FAR",
                "company_id": cls.far.id,
                "category_ids": [Command.create({"code": "R", "name": "Routine"})],
                "grade_ids": [
                    Command.create(
                        {"code": "A", "name": "All", "min_score": 0, "max_score": 100}
                    )
                ],
                "matrix_ids": [
                    Command.create(
                        {"efficiency": "on_time", "quality": "good", "percent": 90}
                    )
                ],
                "rater_ids": [Command.create({"role": "peer", "weight": 10})],
                "deadline_ids": [Command.create({"stage": "submit", "day": 25})],
            }
        )
        boss = cls.env["hr.employee"].create(
            {"name": "Far boss", "company_id": cls.far.id}
        )
        peer_user = cls._user("wp_far_peer", "user")
        peer_user.write(
            {"company_ids": [Command.link(cls.far.id)], "company_id": cls.far.id}
        )
        employee = cls.env["hr.employee"].create(
            {"name": "Far owner", "company_id": cls.far.id, "parent_id": boss.id}
        )
        cls.env["hr.employee"].create(
            {
                "name": "Far peer",
                "company_id": cls.far.id,
                "parent_id": boss.id,
                "user_id": peer_user.id,
            }
        )
        plan = cls.env["hr.work.plan"].create(
            {
                "policy_id": policy.id,
                "employee_id": employee.id,
                "company_id": cls.far.id,
                "date_from": "2026-12-01",
                "date_to": "2026-12-31",
                "line_ids": [
                    Command.create(
                        {"name": "Far item", "weight": 100, "deadline": "2026-12-20"}
                    )
                ],
            }
        )
        plan.sudo().write({"state": "self_assessed"})
        cls.env["hr.work.plan.rating"].create(
            {
                "plan_id": plan.id,
                "role": "peer",
                "rater_id": peer_user.id,
                "score": 80,
            }
        )
        change = cls.env["hr.work.plan.change"].create(
            {
                "plan_id": plan.id,
                "change_type": "reweight",
                "reason": "Far away",
                "line_ids": [
                    Command.create(
                        {"plan_line_id": plan.line_ids.id, "new_weight": 100}
                    )
                ],
            }
        )
        plan.state = "assessed"
        check = cls.env["hr.work.plan.check"].create(
            {"plan_id": plan.id, "finding_ids": [Command.create({"finding": "other"})]}
        )
        indicator = cls.env["hr.work.plan.indicator"].create(
            {
                "name": "Far checklist",
                "line_type": "checklist",
                "company_id": cls.far.id,
                "check_ids": [Command.create({"name": "Far check", "points": 5})],
                "tier_ids": [Command.create({"threshold": 5, "points": 1})],
                "level_ids": [Command.create({"name": "Far level", "points": 5})],
            }
        )
        template = cls.env["hr.work.plan.template"].create(
            {
                "name": "Far template",
                "policy_id": policy.id,
                "line_ids": [
                    Command.create({"indicator_id": indicator.id, "weight": 10})
                ],
            }
        )
        cls.far_records = {
            "hr.work.plan.indicator": indicator,
            "hr.work.plan.indicator.level": indicator.level_ids,
            "hr.work.plan.line.check": indicator.check_ids,
            "hr.work.plan.tier": indicator.tier_ids,
            "hr.work.plan.template": template,
            "hr.work.plan.template.line": template.line_ids,
            "hr.work.plan.policy": policy,
            "hr.work.plan.category": policy.category_ids,
            "hr.work.plan.grade": policy.grade_ids,
            "hr.work.plan.matrix": policy.matrix_ids,
            "hr.work.plan.rater": policy.rater_ids,
            "hr.work.plan.deadline": policy.deadline_ids,
            "hr.work.plan": plan,
            "hr.work.plan.line": plan.line_ids,
            "hr.work.plan.rating": plan.sudo().rating_ids,
            "hr.work.plan.change": change,
            "hr.work.plan.change.line": change.line_ids,
            "hr.work.plan.check": check,
            "hr.work.plan.check.finding": check.finding_ids,
        }

    def _here(self, user):
        return self.env(
            user=user, context={"allowed_company_ids": self.env.company.ids}
        )

    def test_every_model_has_a_company_rule(self):
        models = self.env["ir.model"].search(
            [("model", "like", "hr.work.plan"), ("transient", "=", False)]
        )
        models = models.filtered(
            lambda model: not self.env[model.model]._abstract
            and set(model.modules.split(", ")) & set(ADDONS)
        )
        global_rules = self.env["ir.rule"].search(
            [("model_id", "in", models.ids), ("global", "=", True)]
        )
        with_rule = {
            rule.model_id.model
            for rule in global_rules
            if "company_ids" in rule.domain_force
        }
        self.assertEqual(set(models.mapped("model")) - with_rule, set())

    def test_other_company_records_are_invisible_to_its_officers_and_admins(self):
        for user in (self.user_officer, self.user_admin):
            env = self._here(user)
            for model, records in self.far_records.items():
                with self.subTest(user=user.login, model=model):
                    self.assertTrue(records)
                    self.assertFalse(env[model].search([("id", "in", records.ids)]))
                    with self.assertRaises(AccessError):
                        env[model].browse(records.ids).read(["display_name"])

    def test_other_company_configuration_is_untouchable(self):
        env = self._here(self.user_admin)
        grade = self.far_records["hr.work.plan.grade"]
        with self.assertRaises(AccessError):
            env["hr.work.plan.grade"].browse(grade.id).write({"coefficient": 9})
        for model in ("hr.work.plan.matrix", "hr.work.plan.rater"):
            with self.subTest(model=model), self.assertRaises(AccessError):
                env[model].browse(self.far_records[model].ids).unlink()
        self.assertEqual(grade.coefficient, 1.0)
