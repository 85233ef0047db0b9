from . import data_export
