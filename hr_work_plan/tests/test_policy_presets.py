# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re
from datetime import date, datetime

from freezegun import freeze_time

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
            .search([("code", "in", PRESET_CODES)])
        )
        self.assertEqual(len(presets), len(PRESET_CODES))
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


PRESET_KEYS = (
    "p1",
    "p2",
    "p4",
    "p5",
    "p6",
    "p7",
    "p8",
    "p9",
    "p11",
    "p11_week",
    "p12",
    "delivery",
    "trade",
    "rnd",
    "kitchen",
    "taobao_cs",
    "logistics",
    "sales_grade",
    "medical_device",
    "unit_card",
    "cs_center",
    "on_time_delivery",
    "after_sales",
)
PRESET_CODES = ["P11-W" if key == "p11_week" else key.upper() for key in PRESET_KEYS]
# the headings of each preset's "Values to review": what its source leaves
# open and the preset supplies as a default (or leaves unset)
PRESET_DEFAULTS = {
    "p1": ["Score table", "Grades and coefficients", "Not set"],
    "p2": ["Total", "The GM office", "Grades"],
    "p4": ["Grades", "Not set", "The general office"],
    "p5": ["The assessment panel", "Grades", "Not set"],
    "p6": ["Total", "Grades"],
    "p7": ["Total", "Grades", "Not set"],
    "p8": ["Category weights", "Grades"],
    "p9": ["Total", "Grades", "Not set"],
    "p11": ["Total", "Grades", "Not set"],
    "p11_week": ["Total", "Grades", "Not set"],
    "p12": [
        "Period",
        "Total",
        "Group operations management",
        "Grades",
        "Not set",
    ],
    "delivery": ["Rater weights", "Period", "Grades"],
    "trade": ["KPI scoring", "Not set"],
    "rnd": ["KPI scoring", "Coefficients", "Not set"],
    "kitchen": ["Rater weights", "Coefficients", "Not set"],
    "taobao_cs": ["Total", "Grades", "Not set"],
    "logistics": ["Period", "Scale of the averages", "Grades", "Not set"],
    "sales_grade": ["Performance indicators", "Grades", "Not set"],
    "medical_device": ["Total", "Grades", "Not set"],
    "unit_card": [
        "Grades",
        "Safety checks",
        "The guidance section and the director's meeting",
        "Not set",
    ],
    "cs_center": ["Item weights", "Grades", "Not set"],
    "on_time_delivery": ["Total", "Item weight", "Grades", "Not set"],
    "after_sales": [
        "Total and item weights",
        "Curves",
        "Visit checks",
        "Grades",
        "Not set",
    ],
}
# the first day of a period that starts in December 2026, by period type
PERIOD_STARTS = {
    "month": "2026-12-01",
    "week": "2026-12-07",
    "quarter": "2026-10-01",
    "year": "2026-01-01",
    "half_year": "2026-07-01",
}
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
        # a link to another child (an annual grade's grade) by what it shows
        values[name] = sorted(
            tuple(
                record[child_name].display_name
                if records._fields[child_name].type == "many2one"
                else str(record[child_name])
                for child_name in stored
            )
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
                if policy.route_step_ids.filtered(
                    lambda step: step.stage == "assessment"
                ):
                    # the next level reviews: every approver needs a superior
                    policy.with_user(self.user_admin).department_ids = self.department
                    self._chairman_above_the_director()
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
                # the copy's templates give the plans their indicator items
                self.assertEqual(
                    bool(plans.line_ids.indicator_id), bool(policy.template_ids)
                )
                self._assess_all(plans, policy)
                self._confirm_reviews(plans)
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

    def _chairman_above_the_director(self):
        if self.director.parent_id:
            return
        chairman = self._user("wp_chairman", "manager")
        self.director.parent_id = self.env["hr.employee"].create(
            {"name": "Chairman", "user_id": chairman.id}
        )

    def _confirm_reviews(self, plans):
        """Each reviewer confirms the scores of the plans under review, step
        after step; one member decides a group's step."""
        for plan in plans.filtered("under_review"):
            # step after step, one of the step's deciders confirming
            while plan.under_review:
                rows = plan.approval_ids.filtered(lambda row: row.state == "pending")
                plan.with_user(rows.user_id[:1]).action_approve()
        self.assertFalse(plans.filtered("under_review"))

    def _assess_all(self, plans, policy):
        """One item per plan, carried out, that scores 85 % of the plan's
        total: the approver's points, or on time and good (90 %) when the
        policy has a score table (× 80 % execution share → 72, grade B of
        the core policy). The items of a template leave the plan (cancelled);
        sections scored on points alone (厨房: 20 / 10 / 25 / 10 / 35) get one
        item each of their full marks instead; the owner's self-score is the
        approver's."""
        counted = policy.category_ids.filtered("counts_in_total")
        category = counted[:1]
        weight = category.points_total if category.weight else policy.total_points
        if not category.weight:
            # summed with a multiplier (物流: performance × 4): 85 % once counted
            weight /= category.multiplier or 1.0
        items = [
            (section, section.points_total)
            for section in counted
            if section.points_total and not section.weight
        ] or [(category, weight)]
        for plan in plans:
            plan.line_ids.sudo().write({"completion": "cancelled"})
            lines = []
            for item_category, item_weight in items:
                values = {
                    "name": "Work",
                    "weight": item_weight,
                    "completion": "done",
                    "category_id": item_category.id,
                }
                if policy.matrix_ids:
                    values.update(
                        efficiency="on_time", quality="good", score_manager=item_weight
                    )
                else:
                    values["score_manager"] = values["score_self"] = item_weight * 0.85
                lines.append(Command.create(values))
            plan.sudo().write({"state": "self_assessed", "line_ids": lines})
        plans.sudo().action_assess()

    def test_review_notes_name_the_supplied_defaults(self):
        """Each value a source leaves open is a heading of the preset's note,
        and only those: what the tests of the preset check otherwise comes
        from the source."""
        for key in PRESET_KEYS:
            with self.subTest(preset=key):
                note = self._preset(key).review_note
                self.assertEqual(
                    re.findall(r"<b>(.*?)</b>", note or ""), PRESET_DEFAULTS[key]
                )
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


# the routes of the presets whose sources name who signs: (stage, decided by,
# step), in order
PRESET_ROUTES = {
    "p2": [
        ("plan", "direct_manager", "The executive deputy GM signs"),
        ("plan", "group", "The GM office files and tracks"),
    ],
    "p4": [
        ("plan", "group", "The general office verifies the weights"),
        ("plan", "direct_manager", "The supervising leader approves"),
    ],
    "p6": [
        ("plan", "direct_manager", "The deputy GM approves"),
        ("change", "department_manager", "The department head approves"),
        ("change", "direct_manager", "The deputy GM approves"),
    ],
    "p5": [("assessment", "group", "The assessment panel reviews the scores")],
    "p12": [("assessment", "group", "Group operations management assesses")],
    "delivery": [("assessment", "second_manager", "The next level reviews")],
    "rnd": [
        ("assessment", "second_manager", "The assessor's direct superior reviews"),
        ("assessment", "group", "HR reviews"),
    ],
    "unit_card": [
        ("assessment", "second_manager", "The leader in charge signs"),
        (
            "assessment",
            "group",
            "The guidance section aggregates, the director's meeting decides",
        ),
    ],
}


@tagged("post_install", "-at_install")
class TestPresetRoutes(WorkPlanCase):
    def _copy(self, key):
        return self._copy_preset(key, self.board)

    @staticmethod
    def _pending(record):
        return record.approval_ids.filtered(lambda row: row.state == "pending")

    def test_each_preset_carries_the_route_of_its_source(self):
        office = self.env.ref("hr_work_plan.group_work_plan_officer")
        for key in PRESET_KEYS:
            with self.subTest(preset=key):
                steps = self.env.ref(
                    f"hr_work_plan.preset_policy_{key}"
                ).route_step_ids.sorted(lambda step: (step.stage, step.sequence))
                # sorted by stage, each stage's steps in their order
                expected = sorted(PRESET_ROUTES.get(key, []), key=lambda step: step[0])
                self.assertEqual(
                    [(s.stage, s.approver_type, s.name) for s in steps], expected
                )
                self.assertEqual(set(steps.mapped("mode")), {"any"} if steps else set())
                groups = steps.filtered(lambda step: step.approver_type == "group")
                self.assertEqual(groups.group_id, office if groups else groups.group_id)
                self.assertEqual(
                    len(self._copy(key).route_step_ids), len(PRESET_ROUTES.get(key, []))
                )

    def test_p2_the_deputy_gm_signs_then_the_gm_office_files(self):
        policy = self._copy("p2")
        plan = self._department_plan(policy)
        plan.with_user(self.user_head).action_submit()
        self.assertEqual(self._pending(plan).user_id, self.user_director)
        plan.with_user(self.user_director).action_approve()
        self.assertEqual(plan.state, "submitted")
        filing = self._pending(plan)
        self.assertIn(self.user_officer, filing.user_id)
        self.assertNotIn(self.user_head, filing.user_id)
        self.assertEqual(filing.step_id.name, "The GM office files and tracks")
        plan.with_user(self.user_officer).action_approve()
        self.assertEqual(plan.state, "approved")

    def test_p4_the_general_office_verifies_before_the_leader_approves(self):
        policy = self._copy("p4")
        plan = self._department_plan(
            policy, (70, 50), date_from="2026-12-07", date_to="2026-12-13"
        )
        plan.with_user(self.user_head).action_submit()
        verifying = self._pending(plan)
        self.assertIn(self.user_officer, verifying.user_id)
        self.assertNotIn(self.user_director, verifying.user_id)
        with self.assertRaisesRegex(UserError, "no step to decide"):
            plan.with_user(self.user_director).action_approve()
        plan.with_user(self.user_officer).action_approve()
        self.assertEqual(self._pending(plan).user_id, self.user_director)
        plan.with_user(self.user_director).action_approve()
        self.assertEqual(plan.state, "approved")

    @freeze_time("2026-12-10")
    def test_p6_the_head_and_the_deputy_gm_approve_a_change(self):
        policy = self._copy("p6")
        plan = self._department_plan(policy)
        plan.with_user(self.user_head).action_submit()
        self.assertEqual(self._pending(plan).user_id, self.user_director)
        plan.with_user(self.user_director).action_approve()
        self.assertEqual(plan.state, "approved")
        change = self._postpone(plan)
        # the head asked: his step passes to the deputy GM, who is asked once
        self.assertEqual(change.approval_ids.user_id, self.user_director)
        change.with_user(self.user_director).action_approve()
        self.assertEqual(change.state, "approved")
        self.assertEqual(plan.line_ids[0].deadline, date(2026, 12, 28))

    def test_delivery_results_ability_attitude_and_the_next_level_review(self):
        policy = self._copy("delivery")
        results, ability, attitude = policy.category_ids
        self.assertEqual(policy.category_ids.mapped("weight"), [50, 30, 20])
        self.assertEqual(
            {rater.role: rater.weight for rater in policy.rater_ids},
            {"direct_manager": 1, "subordinate": 1, "peer": 1},
        )
        plan = self.env["hr.work.plan"].create(
            {
                "policy_id": policy.id,
                "employee_id": self.staff.id,
                "date_from": "2026-10-01",
                "date_to": "2026-12-31",
                "line_ids": [
                    Command.create(
                        {"name": name, "weight": 100, "category_id": category.id}
                    )
                    for name, category in (
                        ("Deliveries", results),
                        ("Skills", ability),
                        ("Conduct", attitude),
                    )
                ],
            }
        )
        plan.with_user(self.user_staff).action_submit()
        plan.with_user(self.user_head).action_approve()
        self._report(plan, "done", "done", "done")
        plan.with_user(self.user_staff).action_self_assess()
        self._score(plan, 90, 80, 70)
        plan.with_user(self.user_head).action_assess()
        self.assertTrue(plan.under_review)
        self.assertEqual(self._pending(plan).user_id, self.user_director)
        plan.with_user(self.user_director).action_approve()
        self.assertEqual(plan.state, "assessed")
        # 50 % × 90 + 30 % × 80 + 20 % × 70
        self.assertEqual(plan.score_final, 83)
        self.assertEqual(plan.grade_id.code, "B")
