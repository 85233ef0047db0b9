from odoo.tools import SQL


def lock_rows(records):
    """Make concurrent writers of ``records`` collide before they count or check.

    Odoo runs transactions in REPEATABLE READ: two that each pass a check ("at most N
    open actions", "the action is open") would both commit. A no-op UPDATE of the
    same rows makes the second wait for the first and then fail to serialise; Odoo
    retries its request, which then sees the first one's work. ``SELECT ... FOR
    UPDATE`` would not: the second would read its old snapshot after the wait."""
    if not records:
        return
    records.env.cr.execute(
        SQL(
            "UPDATE %s SET id = id WHERE id IN %s",
            SQL.identifier(records._table),
            tuple(records.ids),
        ),
        log_exceptions=False,  # a failure to serialise is expected, and retried
    )
