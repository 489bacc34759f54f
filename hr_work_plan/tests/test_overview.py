# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The app opens on an overview: tiles counting what waits for the user,
each opening those records, counted as the user under the record rules."""

from odoo import Command
from odoo.tests import tagged

from .common import WorkPlanCase

EVERYONE = {
    "my_draft",
    "my_report",
    "to_decide",
    "changes",
    "ratings",
    "late",
}


@tagged("post_install", "-at_install")
class TestOverview(WorkPlanCase):
    def setUp(self):
        super().setUp()
        # the staff writes December's plan and waits for the head's approval
        # of November's, which missed its deadline
        self.staff_draft = self._plan(self.staff, [60, 40])
        self.staff_november = self._plan(
            self.staff, [100], date_from="2026-11-01", date_to="2026-11-30"
        )
        self.staff_november.with_user(self.user_staff).action_submit()
        self.staff_november.sudo().submit_late = True
        # the second staff carries out December's plan and asks to postpone
        self.staff2_plan = self._approved_plan(self.staff2)
        self.change = (
            self.env["hr.work.plan.change"]
            .with_user(self.user_staff2)
            .create(
                {
                    "plan_id": self.staff2_plan.id,
                    "change_type": "postpone",
                    "reason": "Supplier late",
                    "line_ids": [
                        Command.create(
                            {
                                "plan_line_id": self.staff2_plan.line_ids[0].id,
                                "new_deadline": "2026-12-28",
                            }
                        )
                    ],
                }
            )
        )
        self.change.action_submit()
        # another team's plan, out of the head's sight, is done
        self.other_done = self._assessed_plan(self.other)
        self.other_done.with_user(self.user_officer).action_done()
        self.cycle = self.env["hr.work.plan.cycle"].create(
            {
                "name": "Overview cycle",
                "policy_id": self.policy.id,
                "date_from": "2026-12-01",
            }
        )
        self.cycle.sudo().state = "executing"
        plans = self.staff_draft | self.staff2_plan | self.other_done
        plans.sudo().cycle_id = self.cycle

    def _tiles(self, user):
        tiles = self.env["hr.work.plan.dashboard.tile"].with_user(user).search([])
        return {tile.code: tile for tile in tiles}

    def _counts(self, user):
        return {
            code: tile.count
            for code, tile in self._tiles(user).items()
            if code != "cycles"
        }

    def _opened(self, tile):
        action = tile.action_open()
        return (
            self.env[action["res_model"]]
            .with_user(tile.env.user)
            .search(action["domain"])
        )

    def test_the_app_opens_on_the_overview(self):
        root = self.env.ref("hr_work_plan.menu_work_plan_root")
        first = root.child_id.sorted("sequence")[0]
        self.assertEqual(first, self.env.ref("hr_work_plan.menu_work_plan_overview"))
        self.assertEqual(
            first.action, self.env.ref("hr_work_plan.hr_work_plan_dashboard_action")
        )

    def test_tiles_by_role(self):
        self.assertEqual(set(self._tiles(self.user_staff)), EVERYONE)
        self.assertEqual(set(self._tiles(self.user_head)), EVERYONE | {"cycles"})
        self.assertEqual(
            set(self._tiles(self.user_officer)),
            EVERYONE | {"cycles", "to_validate"},
        )

    def test_an_employee_counts_their_own_plans(self):
        self.assertEqual(
            self._counts(self.user_staff),
            {
                "my_draft": 1,
                "my_report": 0,
                "to_decide": 0,
                "changes": 0,
                "ratings": 0,
                "late": 1,
            },
        )
        tiles = self._tiles(self.user_staff)
        self.assertEqual(self._opened(tiles["my_draft"]), self.staff_draft)
        self.assertEqual(self._opened(tiles["late"]), self.staff_november)
        self.assertEqual(
            self._counts(self.user_staff2),
            {
                "my_draft": 0,
                "my_report": 1,
                "to_decide": 0,
                "changes": 0,
                "ratings": 0,
                "late": 0,
            },
        )
        self.assertEqual(
            self._opened(self._tiles(self.user_staff2)["my_report"]),
            self.staff2_plan,
        )

    def test_an_approver_counts_what_waits_for_him(self):
        self.assertEqual(
            self._counts(self.user_head),
            {
                "my_draft": 0,
                "my_report": 0,
                "to_decide": 1,
                "changes": 1,
                "ratings": 0,
                "late": 1,
            },
        )
        tiles = self._tiles(self.user_head)
        self.assertEqual(self._opened(tiles["to_decide"]), self.staff_november)
        self.assertEqual(self._opened(tiles["changes"]), self.change)
        self.assertEqual(self._opened(tiles["late"]), self.staff_november)
        # the head of another department sees none of it
        self.assertEqual(self._counts(self.user_other)["late"], 0)
        self.assertEqual(self._counts(self.user_other)["changes"], 0)

    def test_cycle_progress_counts_the_plans_the_user_may_read(self):
        head_tile = self._tiles(self.user_head)["cycles"]
        self.assertEqual((head_tile.count, head_tile.total), (0, 2))
        self.assertIn("Overview cycle: 0 of 2 done", head_tile.detail)
        self.assertEqual(self._opened(head_tile), self.staff_draft | self.staff2_plan)
        action = head_tile.action_open()
        self.assertEqual(action["context"].get("search_default_group_cycle"), 1)
        officer_tile = self._tiles(self.user_officer)["cycles"]
        self.assertIn("Overview cycle: 1 of 3 done", officer_tile.detail)
        # with the demo's cycles, if any
        self.assertGreaterEqual(officer_tile.count, 1)
        self.assertGreaterEqual(officer_tile.total, 3)

    def test_officers_see_plans_to_validate(self):
        assessed = self._assessed_plan(self.head)
        tile = self._tiles(self.user_officer)["to_validate"]
        opened = self._opened(tile)
        self.assertIn(assessed, opened)
        self.assertEqual(tile.count, len(opened))
        self.assertEqual(set(opened.mapped("state")), {"assessed"})

    def test_the_ratings_tile_opens_the_rating_dialog(self):
        action = self._tiles(self.user_staff)["ratings"].action_open()
        self.assertEqual(action["res_model"], "hr.work.plan.rating.wizard")
        self.assertEqual(action["target"], "new")

    def test_an_empty_tile_says_so(self):
        action = self._tiles(self.user_staff)["changes"].action_open()
        self.assertEqual(action["res_model"], "hr.work.plan.change")
        self.assertIn("Nothing here right now", action["help"])
        self.assertIn("change requests", action["help"])
