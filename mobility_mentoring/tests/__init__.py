from . import (
    test_access,
    test_assessment,
    test_bridge_data,
    test_bridge_score,
    test_i18n,
    test_mentorship,
    test_performance,
    test_ui,
)
