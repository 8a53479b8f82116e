"""A short, fixed-seed round of the fuzzer (tests/fuzz.py) in the normal test suite."""

from tests.fuzz import run


class TestFuzz:
    def test_hostile_inputs_stay_in_the_error_family(self):
        """Two hundred rounds of hostile documents and arguments raise nothing outside meritsys' error family."""
        report = run(seconds=120, seed=20240601, iterations=200)
        assert report.inputs > 200
        assert report.outside == 0, f"{report.summary()}\n{report.details()}"
