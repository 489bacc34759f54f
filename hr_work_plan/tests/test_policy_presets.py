# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, tagged
from odoo.tools.safe_eval import safe_eval

from .common import WorkPlanCase


@tagged("post_install", "-at_install")
class TestPolicyPresets(TransactionCase):
    def _preset(self, name):
        return self.env.ref(f"hr_work_plan.preset_policy_{name}")

    def test_presets_wait_archived(self):
        presets = (
            self.env["hr.work.plan.policy"]
            .with_context(active_test=False)
            .search(
                [("code", "in", ["P1", "P4", "P6", "P7", "P8", "P9", "P11", "P11-W"])]
            )
        )
        self.assertEqual(len(presets), 8)
        self.assertFalse(presets.filtered("active"))

    def test_core_policy(self):
        p1 = self._preset("p1")
        self.assertEqual(
            (p1.total_points, p1.total_rule, p1.pay_ratio), (100, "exact", 0.2)
        )
        self.assertEqual(p1.category_ids.mapped("code"), list("ABCDEFG"))
        self.assertEqual(p1._carry_over_category().code, "G")

    def test_weekly_120_with_extras(self):
        p4 = self._preset("p4")
        self.assertEqual((p4.period_type, p4.total_points), ("week", 120))
        extras = p4.category_ids.filtered(lambda category: not category.counts_in_total)
        self.assertEqual(extras.mapped("added_by"), ["approver", "handler"])
        self.assertTrue(all(extras.mapped("addable_after_approval")))
        self.env.user.tz = "Asia/Shanghai"
        calendar = self.env["resource.calendar"].create(
            {"name": "CN", "tz": "Asia/Shanghai"}
        )
        dues = p4._stage_deadlines(
            datetime(2026, 12, 7).date(), datetime(2026, 12, 13).date(), calendar
        )
        self.assertEqual(dues, {"submit": datetime(2026, 12, 4, 4, 0)})

    def test_monthly_form_deadlines(self):
        p8 = self._preset("p8")
        self.assertEqual(p8.category_ids.mapped("points_total"), [100, 100, 100])
        calendar = self.env["resource.calendar"].create({"name": "UTC", "tz": "UTC"})
        dues = p8._stage_deadlines(
            datetime(2027, 3, 1).date(), datetime(2027, 3, 31).date(), calendar
        )
        self.assertEqual(dues["submit"], datetime(2027, 2, 27, 0, 0))  # end of Fri 26th
        self.assertEqual(dues["report"], datetime(2027, 3, 29, 16, 0))  # Sun 28th → Mon


PRESET_KEYS = ("p1", "p4", "p6", "p7", "p8", "p9", "p11", "p11_week")
# the first day of a December 2026 period, by period type
PERIOD_STARTS = {"month": "2026-12-01", "week": "2026-12-07"}
# what the children of a policy hold, compared between a preset and its copy
SKIPPED_FIELDS = {"id", "policy_id", "company_id", "display_name"}


def children_values(policy):
    """``field → sorted values of its records`` for each one2many a copy
    of ``policy`` copies: every stored field but the links to the policy."""
    values = {}
    for name, field in policy._fields.items():
        if field.type != "one2many" or not field.copy:
            continue
        records = policy[name]
        stored = [
            child_name
            for child_name, child_field in records._fields.items()
            if child_field.store
            and not child_field.automatic
            and child_name not in SKIPPED_FIELDS
            and child_field.type not in ("one2many", "many2many")
        ]
        values[name] = sorted(
            tuple(str(record[child_name]) for child_name in stored)
            for record in records
        )
    return values


@tagged("post_install", "-at_install")
class TestPresetCopies(WorkPlanCase):
    def _preset(self, key):
        return self.env.ref(f"hr_work_plan.preset_policy_{key}")

    def _copy(self, key, user=None):
        action = (
            self._preset(key).with_user(user or self.user_admin).action_copy_preset()
        )
        self.assertEqual(
            (action["type"], action["res_model"], action["view_mode"]),
            ("ir.actions.act_window", "hr.work.plan.policy", "form"),
        )
        return self.env["hr.work.plan.policy"].browse(action["res_id"])

    def test_presets_are_marked_and_listed_apart_from_archived_policies(self):
        Policy = self.env["hr.work.plan.policy"].with_context(active_test=False)
        presets = Policy.search([("is_preset", "=", True)])
        self.assertEqual(presets, Policy.union(*map(self._preset, PRESET_KEYS)))
        self.assertFalse(presets.filtered("active"))
        self.policy.action_archive()
        action = self.env.ref("hr_work_plan.hr_work_plan_policy_preset_action")
        listed = self.env["hr.work.plan.policy"].search(safe_eval(action.domain))
        self.assertEqual(listed, presets)
        # nobody marks a policy of theirs as a preset
        with self.assertRaises(AccessError):
            self.policy.with_user(self.user_admin).write({"is_preset": True})

    def test_copying_each_preset_gives_an_active_policy_with_its_children(self):
        for key in PRESET_KEYS:
            with self.subTest(preset=key):
                preset = self._preset(key)
                policy = self._copy(key)
                self.assertNotEqual(policy, preset)
                self.assertTrue(policy.active)
                self.assertFalse(policy.is_preset)
                self.assertEqual(policy.name, preset.name)
                self.assertEqual(policy.code, f"{preset.code}-1")
                self.assertEqual(policy.company_id, self.env.company)
                for name in ("period_type", "owner_type", "total_points", "pay_ratio"):
                    self.assertEqual(policy[name], preset[name])
                self.assertEqual(policy.description, preset.description)
                self.assertEqual(policy.review_note, preset.review_note)
                self.assertTrue(preset.category_ids and preset.grade_ids)
                self.assertEqual(children_values(policy), children_values(preset))
                for name in children_values(preset):
                    self.assertFalse(policy[name] & preset[name])
                    self.assertEqual(len(policy[name]), len(preset[name]))
                # the preset stays as it was, archived, for the next company
                self.assertFalse(preset.active)
                self.assertTrue(preset.is_preset)

    def test_copies_are_numbered_and_editable(self):
        first, second = self._copy("p6"), self._copy("p6")
        self.assertEqual((first.code, second.code), ("P6-1", "P6-2"))
        self.assertEqual(first.name, second.name)
        grade_a = second.grade_ids.filtered(lambda grade: grade.code == "A")
        second.with_user(self.user_admin).write(
            {
                "name": "Our monthly plans",
                "total_points": 120,
                "grade_ids": [Command.update(grade_a.id, {"max_score": 120})],
            }
        )
        self.assertEqual((second.total_points, grade_a.max_score), (120, 120))
        self.assertEqual(self._preset("p6").total_points, 100)
        self.assertEqual(self._preset("p6").grade_ids.mapped("max_score")[0], 100)

    def test_only_presets_are_copied_and_only_by_administrators(self):
        with self.assertRaisesRegex(UserError, "not a preset"):
            self.policy.with_user(self.user_admin).action_copy_preset()
        for user in (self.user_officer, self.user_head, self.user_staff):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self._preset("p1").with_user(user).action_copy_preset()
        self.assertFalse(
            self.env["hr.work.plan.policy"].search([("code", "=like", "P1-%")])
        )

    def test_core_policy_counts_execution_at_80_percent(self):
        self.assertEqual(self._preset("p1").execution_share, 0.8)
        policy = self._copy("p1")
        self.assertEqual(policy.execution_share, 0.8)
        plan = self._plan(self.staff, [50, 30, 20], policy=policy)
        plan.with_user(self.user_staff).action_submit()
        plan.with_user(self.user_head).action_approve()
        first, second, third = plan.line_ids
        first.with_user(self.user_staff).write(
            {"completion": "done", "done_date": "2026-12-18"}
        )
        second.with_user(self.user_staff).write(
            {"completion": "done", "done_date": "2026-12-22"}
        )
        third.with_user(self.user_staff).write({"completion": "not_done"})
        plan.with_user(self.user_staff).action_self_assess()
        first.with_user(self.user_head).quality = "excellent"
        second.with_user(self.user_head).quality = "good"
        plan.with_user(self.user_head).action_assess()
        # the default score table: on time × excellent 100 %, late × good 70 %
        self.assertEqual(plan.line_ids.mapped("score_final"), [50, 21, 0])
        self.assertEqual(plan.score_final, 56.8)  # 80 % of 71
        self.assertEqual(
            plan.grade_id, policy.grade_ids.filtered(lambda g: g.code == "C")
        )
        self.assertEqual(plan.coefficient, 1.0)

    def test_every_copied_preset_closes_a_cycle(self):
        for key in PRESET_KEYS:
            with self.subTest(preset=key):
                policy = self._copy(key)
                policy.with_user(self.user_admin).department_ids = self.board
                policy._check_grade_bands()
                cycle = self.env["hr.work.plan.cycle"].create(
                    {
                        "name": key,
                        "policy_id": policy.id,
                        "date_from": PERIOD_STARTS[policy.period_type],
                    }
                )
                plans = cycle.with_user(self.user_officer).action_generate_plans()
                self.assertTrue(plans)
                self._assess_all(plans, policy)
                cycle.with_user(self.user_officer).action_close()
                self.assertEqual(cycle.state, "closed")
                self.assertEqual(set(plans.mapped("state")), {"done"})
                # 85 % of the item: grade B of the copy, whatever the scale
                self.assertEqual(set(plans.grade_id.mapped("code")), {"B"})
                self.assertEqual(plans.grade_id.policy_id, policy)
                self.assertEqual(
                    plans.mapped("coefficient"),
                    plans.grade_id.mapped("coefficient")[:1] * len(plans),
                )

    def _assess_all(self, plans, policy):
        """One item per plan, carried out, that scores 85 % of the plan's
        total: the approver's points, or on time and good (90 %) when the
        policy has a score table (× 80 % execution share → 72, grade B of
        the core policy)."""
        category = policy.category_ids.filtered("counts_in_total")[:1]
        weight = category.points_total if category.weight else policy.total_points
        values = {"name": "Work", "weight": weight, "completion": "done"}
        if policy.matrix_ids:
            values.update(efficiency="on_time", quality="good", score_manager=weight)
        else:
            values["score_manager"] = weight * 0.85
        for plan in plans:
            plan.sudo().write(
                {
                    "state": "self_assessed",
                    "line_ids": [
                        Command.create({**values, "category_id": category.id})
                    ],
                }
            )
        plans.sudo().action_assess()

    def test_review_notes_name_the_supplied_defaults(self):
        for key in PRESET_KEYS:
            with self.subTest(preset=key):
                note = self._preset(key).review_note
                self.assertTrue(note)
                self.assertIn("Grades", note)
        self.assertIn("Score table", self._preset("p1").review_note)
        self.assertIn("Category weights", self._preset("p8").review_note)
        self.assertEqual(
            self._preset("p8").category_ids.mapped("weight"), [1.0, 1.0, 1.0]
        )

    def test_the_copy_keeps_its_review_note_until_reviewed(self):
        preset = self._preset("p1")
        policy = self._copy("p1").with_user(self.user_admin)
        self.assertEqual(policy.review_note, preset.review_note)
        policy.write({"name": "Core policy"})
        self.assertTrue(policy.review_note)
        policy.action_mark_reviewed()
        self.assertFalse(policy.review_note)
        self.assertTrue(preset.review_note)
        self.assertIn("reviewed", policy.message_ids[:1].body)
        # an emptied note in the editor is no note
        other = self._copy("p4").with_user(self.user_admin)
        other.write({"review_note": "<p><br></p>"})
        self.assertFalse(other.review_note)
