"""The addon's manifest, read with OCA's manifestoo-core rather than copied by hand."""

from . import settings
from .errors import SetupError

ADDON_DIR = settings.REPO / settings.ADDON


def addon_dependencies():
    """The addons ``depends`` of the manifest names (direct dependencies only, in
    manifest order): a fresh test database starts from a cached template of them."""
    # imported late: stage one (system Python, standard library only) imports the
    # modules that call this, and only stage two, in the venv, calls it
    from manifestoo_core.addon import Addon
    from manifestoo_core.exceptions import ManifestooException

    try:
        return tuple(Addon.from_addon_dir(ADDON_DIR).manifest.depends)
    except ManifestooException as error:
        raise SetupError(f"Cannot read the manifest of {ADDON_DIR}: {error}") from error
