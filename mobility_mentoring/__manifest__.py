{
    "name": "Mobility Mentoring",
    "summary": "Coach residents with debts and poverty with Mobility Mentoring: "
    "the Bridge to Self-Sufficiency, mentorships and Bridge assessments",
    "version": "18.0.1.0.0",
    "category": "Services/Mobility Mentoring",
    "website": "https://github.com/mobility-mentoring/mobility_mentoring",
    "author": "Mobility Mentoring contributors",
    "license": "AGPL-3",
    "application": True,
    "depends": ["mail", "contacts"],
    "data": [
        "security/mobility_mentoring_groups.xml",
        "security/ir.model.access.csv",
        "security/mm_team_security.xml",
        "security/mm_mentorship_security.xml",
        "security/mm_assessment_security.xml",
        "data/mm_bridge_data.xml",
        "views/mm_pillar_views.xml",
        "views/mm_dimension_views.xml",
        "views/mm_step_views.xml",
        "views/mm_team_views.xml",
        "views/mm_assessment_views.xml",
        "views/mm_assessment_line_views.xml",
        "views/mm_mentorship_views.xml",
        "views/res_partner_views.xml",
        "views/mobility_mentoring_menus.xml",
    ],
    "demo": [
        "demo/mm_team_demo.xml",
        "demo/res_partner_demo.xml",
        "demo/mm_mentorship_demo.xml",
        "demo/mm_assessment_demo.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "mobility_mentoring/static/src/**/*",
        ],
        "web.assets_tests": [
            "mobility_mentoring/static/tests/tours/**/*",
        ],
    },
}
