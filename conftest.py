"""pytest configuration shared by every test of the repository."""

import pytest


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """A skipped test is a test that did not run: report it as a failure."""
    outcome = yield
    report = outcome.get_result()
    if report.skipped and not hasattr(report, "wasxfail"):
        reason = (
            report.longrepr[2]
            if isinstance(report.longrepr, tuple)
            else report.longrepr
        )
        report.outcome = "failed"
        report.longrepr = f"skipped, which this suite does not allow: {reason}"


# Bundles the web client loads on demand (the calendar's and the graph's
# libraries), which Odoo's own pregeneration does not build.
LAZY_BUNDLES = ("web.fullcalendar_lib", "web.chartjs_lib")


@pytest.fixture(scope="session", autouse=True)
def asset_bundles_built(request, load_registry):
    """Build the asset bundles once before the first browser test.

    Odoo's own test runner builds them before its post-install browser tests;
    without this a tour is the first to ask for them, and on a busy machine the
    bundle it waits for can fail or time out in the middle of the tour.
    """
    from odoo.tests import HttpCase

    if not any(
        isinstance(getattr(item, "cls", None), type) and issubclass(item.cls, HttpCase)
        for item in request.session.items
    ):
        return
    import odoo
    from odoo.tests.common import get_db_name

    registry = odoo.modules.registry.Registry(get_db_name())
    with registry.cursor() as cr:
        qweb = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})["ir.qweb"]
        qweb._pregenerate_assets_bundles()
        for name in LAZY_BUNDLES:
            bundle = qweb._get_asset_bundle(name)
            if bundle.javascripts:
                bundle.js()
            if bundle.stylesheets:
                bundle.css()
