import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { WarningDialog } from "@web/core/errors/error_dialogs";

/**
 * The refusal of an open action over the limits of the plan, under a title that
 * says what happened. The server names the exception's class; the web client picks
 * the dialog registered under that name (web/static/src/core/errors/error_handlers.js).
 */
export class ActionLimitDialog extends WarningDialog {
    inferTitle() {
        return _t("No room for another open action");
    }
}

registry
    .category("error_dialogs")
    .add("odoo.addons.mobility_mentoring.exceptions.ActionLimitReached", ActionLimitDialog);
