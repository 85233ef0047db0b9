# ruff: noqa: F821 -- `env` is given by odoo-bin shell
# Run by `make scale-out` in `odoo shell` during its third drill: every running file is
# owed a refresh of its dosage figures, as when a manager changes the dosage setting,
# and the daily fidelity job is triggered to refresh them all, a batch at a time.
env["mm.mentorship"]._mark_fidelity_stale()
env.cr.commit()
