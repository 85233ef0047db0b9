from . import test_bench_data
