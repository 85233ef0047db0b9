from . import report_resident_data
