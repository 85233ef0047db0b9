import { registry } from "@web/core/registry";

// A manager reads the movement on the Bridge by months in mentoring, a line per team:
// EMPath's reference beside it, named as such, and a team without residents in a
// month is a gap in its line, not a fall to zero.
registry.category("web_tour.tours").add("mm_cohort_tour", {
    url: "/odoo/action-mobility_mentoring.mm_bridge_snapshot_action",
    steps: () => [
        {
            content: "The graph is drawn",
            trigger: ".o_graph_renderer canvas",
        },
        {
            content: "Group by team",
            trigger: ".o_searchview_dropdown_toggler",
            run: "click",
        },
        {
            trigger: ".o_group_by_menu .o-dropdown-item:contains('Team')",
            run: "click",
        },
        {
            content: "Grouped by months in mentoring, then team",
            trigger: ".o_searchview_facet:contains('Team')",
        },
        {
            content: "A line per team, and EMPath's reference",
            trigger: ".o_graph_renderer canvas",
            async run() {
                // the chart is drawn again after the group-by: wait for its new lines
                let chart = window.Chart.getChart(this.anchor);
                for (let tries = 0; tries < 50 && chart.data.datasets.length < 3; tries++) {
                    await new Promise((resolve) => setTimeout(resolve, 100));
                    chart = window.Chart.getChart(document.querySelector(".o_graph_renderer canvas"));
                }
                const datasets = chart.data.datasets;
                const reference = datasets.filter((d) => d.mmReference);
                if (reference.length !== 1 || !reference[0].label.includes("EMPath")) {
                    throw new Error(`No EMPath reference: ${datasets.map((d) => d.label)}`);
                }
                const teams = datasets.filter((d) => !d.mmReference);
                // the test's two teams (the demo's are there too)
                const recent = teams.find((d) => d.label === "Team of cohort_mentor_2");
                const longer = teams.find((d) => d.label === "Team of cohort_mentor_1");
                if (!recent || !longer) {
                    throw new Error(`Expected a line per team: ${teams.map((d) => d.label)}`);
                }
                // the recent team's resident reached month 2, the other's month 8: in
                // months 3 to 8, a gap in the recent team's line, never a zero
                const labels = chart.data.labels.map(String);
                const month = (n) => labels.indexOf(String(n));
                if (recent.data[month(2)] !== 0 || longer.data[month(8)] === null) {
                    throw new Error(`Months missing: ${labels} / ${recent.data} / ${longer.data}`);
                }
                if (recent.data[month(3)] !== null || recent.data[month(8)] !== null) {
                    throw new Error(`A month without residents is drawn: ${recent.data}`);
                }
                if (teams.some((d) => d.fill)) {
                    throw new Error("The lines are filled (stacked)");
                }
            },
        },
    ],
});
