/** @odoo-module **/
// A month of work plans in the browser, one tour per person and step: the
// officer opens the cycle, the employee writes and submits his plan, his
// superior approves it, the employee reports, the superior assesses, the
// officer validates and closes, the owner appeals and the committee answers.
import { registry } from "@web/core/registry";

const tours = registry.category("web_tour.tours");

function openRecord(text) {
    return {
        content: `Open ${text}`,
        trigger: `.o_data_row .o_data_cell:contains('${text}')`,
        run: "click",
    };
}

function pressButton(name, content) {
    return {content, trigger: `.o_form_view button[name=${name}]`, run: "click"};
}

function stateIs(label) {
    return {
        content: `The record is ${label}`,
        trigger: `.o_statusbar_status .o_arrow_button_current:contains('${label}')`,
    };
}

function noButton(name) {
    return {
        content: `No ${name} button here`,
        trigger: `.o_form_view .o_form_statusbar:not(:has(button[name=${name}]))`,
    };
}

function itemRow(index) {
    return `.o_field_one2many[name=line_ids] .o_data_row:nth-child(${index})`;
}

function editItem(index, field, run) {
    return [
        {
            content: `Item ${index}: ${field}`,
            trigger: `${itemRow(index)} .o_data_cell[name=${field}]`,
            run: "click",
        },
        {
            content: `Item ${index}: ${field} is ${run}`,
            trigger: `${itemRow(index)}.o_selected_row .o_field_widget[name=${field}] input, ${itemRow(index)}.o_selected_row .o_field_widget[name=${field}] select`,
            run,
        },
    ];
}

function addItem(index, name, weight) {
    const row = `${itemRow(index)}.o_selected_row`;
    return [
        {
            content: `Add the item ${name}`,
            trigger: ".o_field_x2many_list_row_add a:contains('Add an item')",
            run: "click",
        },
        {
            content: `Describe ${name}`,
            trigger: `${row} .o_field_widget[name=name] textarea, ${row} .o_field_widget[name=name] input`,
            run: `edit ${name}`,
        },
        {
            content: `Weigh ${name}`,
            trigger: `${row} .o_field_widget[name=weight] input`,
            run: `edit ${weight}`,
        },
        {
            content: `${name} is in the list`,
            trigger: `${row} .o_field_widget[name=name] textarea:value('${name}'), ${row} .o_field_widget[name=name] input:value('${name}')`,
        },
    ];
}

const save = {
    content: "Save",
    trigger: ".o_form_button_save",
    run: "click",
};

const saved = {
    content: "Saved",
    trigger: ".o_form_saved",
};

tours.add("hr_work_plan_month_officer_opens", {
    steps: () => [
        openRecord("Month cycle"),
        pressButton("action_generate_plans", "Generate the plans of the month"),
        stateIs("Planning"),
        {
            content: "One draft plan per employee",
            trigger: ".o_field_widget[name=draft_count]:contains('2'), .o_stat_text:contains('Draft')",
        },
    ],
});

tours.add("hr_work_plan_month_employee_writes", {
    steps: () => [
        openRecord("Month owner"),
        stateIs("Draft"),
        ...addItem(1, "Weekly sales report", 60),
        ...addItem(2, "New price list", 40),
        save,
        saved,
        {
            content: "The weights add up to the total",
            trigger: ".o_field_widget[name=total_weight]:contains('100')",
        },
        pressButton("action_submit", "Submit the plan"),
        stateIs("Submitted"),
        noButton("action_approve"),
        {
            content: "The owner no longer adds items",
            trigger: ".o_field_one2many[name=line_ids]:not(:has(.o_field_x2many_list_row_add))",
        },
    ],
});

tours.add("hr_work_plan_month_superior_approves", {
    steps: () => [
        openRecord("Month owner"),
        stateIs("Submitted"),
        pressButton("action_approve", "Approve the plan"),
        stateIs("Approved"),
        noButton("action_self_assess"),
        noButton("action_cancel"),
    ],
});

tours.add("hr_work_plan_month_officer_starts_execution", {
    steps: () => [
        openRecord("Month cycle"),
        pressButton("action_start_execution", "Start carrying out the plans"),
        {
            content: "The officer hears which plans are still behind",
            trigger: ".o_notification:contains('Plans still behind')",
        },
        stateIs("Executing"),
    ],
});

tours.add("hr_work_plan_month_employee_reports", {
    steps: () => [
        openRecord("Month owner"),
        stateIs("Approved"),
        {
            content: "An approved plan has no trash icon for its owner",
            trigger: ".o_field_one2many[name=line_ids]:not(:has(.o_list_record_remove))",
        },
        ...editItem(1, "completion", "select \"done\""),
        ...editItem(1, "score_self", "edit 55"),
        ...editItem(2, "completion", "select \"done\""),
        ...editItem(2, "score_self", "edit 38"),
        save,
        saved,
        pressButton("action_self_assess", "Report and self-assess"),
        stateIs("Self-assessed"),
    ],
});

tours.add("hr_work_plan_month_superior_assesses", {
    steps: () => [
        openRecord("Month owner"),
        stateIs("Self-assessed"),
        ...editItem(1, "score_manager", "edit 50"),
        ...editItem(2, "score_manager", "edit 36"),
        save,
        saved,
        pressButton("action_assess", "Assess the plan"),
        stateIs("Assessed"),
        {
            content: "The final score shows",
            trigger: ".o_field_widget[name=score_final]:contains('86')",
        },
        noButton("action_done"),
    ],
});

tours.add("hr_work_plan_month_officer_starts_assessment", {
    steps: () => [
        openRecord("Month cycle"),
        pressButton("action_start_assessment", "Start the assessment"),
        stateIs("Assessing"),
    ],
});

tours.add("hr_work_plan_month_officer_validates", {
    steps: () => [
        openRecord("Month owner"),
        stateIs("Assessed"),
        pressButton("action_done", "Validate the assessment"),
        stateIs("Done"),
        {
            content: "Back to the list",
            trigger: ".o_breadcrumb li.breadcrumb-item:first-child a",
            run: "click",
        },
        openRecord("Month absentee"),
        stateIs("Draft"),
        pressButton("action_cancel", "Cancel the plan nobody wrote"),
        stateIs("Cancelled"),
    ],
});

tours.add("hr_work_plan_month_officer_closes", {
    steps: () => [
        openRecord("Month cycle"),
        pressButton("action_close", "Close the cycle"),
        {
            content: "Closing locks the plans: confirm",
            trigger: ".modal-footer button.btn-primary",
            run: "click",
        },
        stateIs("Closed"),
    ],
});

tours.add("hr_work_plan_month_owner_appeals", {
    steps: () => [
        openRecord("Month owner"),
        stateIs("Done"),
        {
            content: "The plan shows its grade",
            trigger: ".o_field_widget[name=grade_id]:contains('B')",
        },
        pressButton("action_appeal", "Appeal against the assessment"),
        {
            content: "Say why",
            trigger: ".modal .o_field_widget[name=reason] textarea",
            run: "edit The new price list was ready a week early.",
        },
        {
            content: "File the appeal",
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "The plan is under appeal",
            trigger: ".ribbon:contains('Under appeal')",
        },
        noButton("action_appeal"),
    ],
});

tours.add("hr_work_plan_month_committee_answers", {
    steps: () => [
        openRecord("Month owner"),
        pressButton("action_accept", "Take up the appeal"),
        stateIs("Accepted"),
        pressButton("action_open_resolve_wizard", "Answer it"),
        {
            content: "Give the answer",
            trigger: ".modal .o_field_widget[name=reason] textarea",
            run: "edit Early delivery counts: four more points.",
        },
        {
            content: "Revise the score",
            trigger: ".modal .o_field_widget[name=revise_score] input",
            run: "click",
        },
        {
            content: "The revised score",
            trigger: ".modal .o_field_widget[name=revised_score] input",
            run: "edit 90",
        },
        {
            content: "Confirm",
            trigger: ".modal button[name=action_confirm]",
            run: "click",
        },
        stateIs("Resolved"),
    ],
});
