from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import MobilityMentoringCase


@tagged("post_install", "-at_install")
class TestBridgeData(MobilityMentoringCase):
    def test_default_bridge_has_five_pillars_nine_dimensions_five_steps(self):
        pillars = self.env["mm.pillar"].search([])
        self.assertEqual(
            pillars.mapped("code"),
            ["family_stability", "wellbeing", "financial", "education", "employment"],
        )
        self.assertEqual(
            pillars.dimension_ids.mapped("code"),
            [
                "housing",
                "family",
                "health",
                "network",
                "debts",
                "savings",
                "education",
                "work",
                "income",
            ],
        )
        for dimension in pillars.dimension_ids:
            self.assertEqual(dimension.step_ids.mapped("level"), [1, 2, 3, 4, 5])
            self.assertEqual(dimension.max_level, 5)
            self.assertTrue(all(dimension.step_ids.mapped("description")))

    def test_bridge_reads_in_dutch(self):
        self.env["res.lang"]._activate_lang("nl_NL")
        self.env["ir.module.module"]._load_module_terms(
            ["mobility_mentoring"], ["nl_NL"], overwrite=True
        )
        housing = self.env.ref("mobility_mentoring.dimension_housing").with_context(lang="nl_NL")
        self.assertEqual(housing.name, "Wonen")
        self.assertEqual(housing.pillar_id.name, "Stabiliteit gezin en wonen")
        self.assertEqual(
            housing.step_ids.sorted("level")[-1].name, "Veilige, betaalbare woning zonder hulp"
        )

    def test_ladder_levels_must_be_consecutive(self):
        housing = self.env.ref("mobility_mentoring.dimension_housing")
        with self.assertRefused(ValidationError, "without gaps"):
            self.env["mm.step"].create({"dimension_id": housing.id, "level": 7, "name": "Too high"})
        self.env["mm.step"].create({"dimension_id": housing.id, "level": 6, "name": "Sixth step"})
        self.assertEqual(housing.max_level, 6)
        with self.assertRefused(ValidationError, "without gaps"):
            self.env.ref("mobility_mentoring.step_housing_3").unlink()

    def test_ladders_for_the_assessment_widget(self):
        dimensions = self.env["mm.dimension"].search([])
        ladders = self.env["mm.dimension"].get_bridge_ladders(dimensions.ids[::-1])
        self.assertEqual(len(ladders), 5)
        self.assertEqual(ladders[0]["pillar"]["icon"], "fa-home")
        self.assertEqual([d["code"] for d in ladders[0]["dimensions"]], ["housing", "family"])
        self.assertEqual(
            [s["level"] for s in ladders[0]["dimensions"][0]["steps"]], [1, 2, 3, 4, 5]
        )
