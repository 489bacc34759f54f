/** @odoo-module **/
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("hr_work_plan_submit_tour", {
    steps: () => [
        {
            content: "Open my plan",
            trigger: ".o_data_row .o_data_cell:contains('Tour owner')",
            run: "click",
        },
        {
            content: "The items are listed with their weights",
            trigger: ".o_field_one2many[name=line_ids] .o_data_row:contains('Weekly report')",
        },
        {
            content: "Submit it",
            trigger: "button[name=action_submit]",
            run: "click",
        },
        {
            content: "It waits for approval",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains('Submitted')",
        },
        {
            content: "Back to the list",
            trigger: ".o_breadcrumb .o_back_button a, .o_breadcrumb li.breadcrumb-item a",
            run: "click",
        },
        {
            content: "Switch to the kanban view",
            trigger: ".o_switch_view.o_kanban",
            run: "click",
        },
        {
            content: "The plan sits in the Submitted column, its weight labelled",
            trigger: ".o_kanban_group:contains('Submitted') .o_kanban_record:contains('Tour owner'):contains('Weight')",
        },
        {
            content: "Switch to the calendar of deadlines",
            trigger: ".o_switch_view.o_calendar",
            run: "click",
        },
        {
            content: "The calendar shows",
            trigger: ".o_calendar_renderer",
        },
    ],
});

registry.category("web_tour.tours").add("hr_work_plan_approve_tour", {
    steps: () => [
        {
            content: "The submitted plan waits in Team Plans",
            trigger: ".o_data_row .o_data_cell:contains('Tour owner')",
            run: "click",
        },
        {
            content: "Approve it",
            trigger: "button[name=action_approve]",
            run: "click",
        },
        {
            content: "It is approved",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains('Approved')",
        },
    ],
});

registry.category("web_tour.tours").add("hr_work_plan_cycle_tour", {
    steps: () => [
        {
            content: "Open the cycle",
            trigger: ".o_data_row .o_data_cell:contains('Tour cycle')",
            run: "click",
        },
        {
            content: "Generate the plans",
            trigger: "button[name=action_generate_plans]",
            run: "click",
        },
        {
            content: "The cycle is planning",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains('Planning')",
        },
        {
            content: "Two draft plans are counted",
            trigger: ".o_field_widget[name=draft_count]:contains('2')",
        },
        {
            content: "Open the draft plans",
            trigger: "button[name=action_view_plans]:has(.o_field_widget[name=draft_count])",
            run: "click",
        },
        {
            content: "The owner's plan is listed",
            trigger: ".o_list_view .o_data_row .o_data_cell:contains('Tour owner')",
        },
        {
            content: "The list is named after the state and the cycle",
            trigger: ".o_breadcrumb .active:contains('Draft plans of Tour cycle')",
        },
    ],
});

registry.category("web_tour.tours").add("hr_work_plan_next_cycle_tour", {
    steps: () => [
        {
            content: "Open the running cycle",
            trigger: ".o_data_row .o_data_cell:contains('Tour cycle')",
            run: "click",
        },
        {
            content: "Open the next one",
            trigger: "button[name=action_open_next_cycle]",
            run: "click",
        },
        {
            content: "The next month's cycle opens, as a draft",
            trigger: ".o_form_view .o_field_widget[name=name] input:value(2027-02)",
        },
        {
            content: "It is a draft",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains('Draft')",
        },
    ],
});

registry.category("web_tour.tours").add("hr_work_plan_new_plan_tour", {
    steps: () => [
        {
            content: "Start a new plan from the list",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "The form of the new plan opens, with no policy yet",
            trigger: ".o_form_view .o_field_widget[name=policy_id] input",
        },
        {
            content: "Discard it",
            trigger: ".o_form_button_cancel",
            run: "click",
        },
        {
            content: "Back on the list",
            trigger: ".o_list_view",
        },
        {
            content: "Switch to the kanban view",
            trigger: ".o_switch_view.o_kanban",
            run: "click",
        },
        {
            content: "Start a new plan from the kanban view",
            trigger: ".o_kanban_view .o-kanban-button-new",
            run: "click",
        },
        {
            content: "A plan needs more than a name: the full form opens",
            trigger: ".o_form_view .o_field_widget[name=policy_id] input",
        },
        {
            content: "Discard it",
            trigger: ".o_form_button_cancel",
            run: "click",
        },
        {
            content: "Back on the kanban view",
            trigger: ".o_kanban_view",
        },
    ],
});

registry.category("web_tour.tours").add("hr_work_plan_new_cycle_plan_tour", {
    steps: () => [
        {
            content: "Open the cycle",
            trigger: ".o_data_row .o_data_cell:contains('Tour cycle')",
            run: "click",
        },
        {
            content: "Open its plans",
            trigger: "button[name=action_view_plans]",
            run: "click",
        },
        {
            content: "Start a new plan of the cycle",
            trigger: ".o_control_panel_main_buttons button.o_list_button_add, .o_control_panel_main_buttons .o-kanban-button-new",
            run: "click",
        },
        {
            content: "The form opens within the cycle",
            trigger: ".o_form_view .o_field_widget[name=cycle_id] input:value('Tour cycle')",
        },
        {
            content: "Discard it",
            trigger: ".o_form_button_cancel",
            run: "click",
        },
    ],
});

registry.category("web_tour.tours").add("hr_work_plan_overview_tour", {
    steps: () => [
        {
            content: "The overview counts the plan to write",
            trigger: ".o_kanban_record:contains('My plans to write'):contains('1')",
            run: "click",
        },
        {
            content: "The tile opens the plan",
            trigger: ".o_data_row .o_data_cell:contains('Tour owner')",
        },
    ],
});
