from . import data_export
from . import portal
