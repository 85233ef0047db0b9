"""The nightly jobs of three field-less models (mm.fidelity, mm.retention,
mm.resident.reminder) now run on the models they work on. Their ir.cron records are
shipped noupdate (administrators tune them), so the update would not move them, and
removing the old models would delete them: point each job at its new model and method
here, before the old models go, keeping its schedule, its state and any edit."""

MOVED = {
    # xml id: (new model, new code)
    "mm_fidelity_cron": ("mm.mentorship", "model._cron_fidelity_daily()"),
    "mm_retention_cron_anonymise": ("mm.mentorship", "model._cron_anonymise()"),
    "mm_resident_reminder_cron": ("mm.action", "model._cron_remind_residents()"),
}


def migrate(cr, version):
    if not version:
        return
    for xmlid, (model, code) in MOVED.items():
        cr.execute(
            """
            UPDATE ir_act_server action
               SET model_id = model.id, model_name = model.model, code = %s
              FROM ir_cron cron, ir_model_data data, ir_model model
             WHERE data.module = 'mobility_mentoring' AND data.name = %s
               AND data.model = 'ir.cron' AND cron.id = data.res_id
               AND action.id = cron.ir_actions_server_id AND model.model = %s
            """,
            (code, xmlid, model),
        )
