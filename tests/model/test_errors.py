"""The error family: ValidationError and its problems addressed by path."""

from meritsys import MeritsysError, ValidationError
from meritsys.errors import Problem


class TestValidationError:
    def test_is_a_meritsys_error_and_a_value_error(self):
        """ValidationError can be caught as MeritsysError or as ValueError."""
        err = ValidationError("kaput")
        assert isinstance(err, MeritsysError)
        assert isinstance(err, ValueError)

    def test_a_plain_message_is_about_the_root(self):
        """A ValidationError built from a string has one problem at the root ``$``."""
        err = ValidationError("kaput")
        assert err.problems == (Problem("", "kaput"),)
        assert str(err) == "$: kaput"

    def test_lists_every_problem_one_per_line(self):
        """str() lists every problem on its own line; index paths join without a dot."""
        err = ValidationError([Problem("a.b", "one"), Problem("[2]", "two")])
        assert err.messages == ("$.a.b: one", "$[2]: two")
        assert str(err) == "$.a.b: one\n$[2]: two"

    def test_at_re_addresses_every_problem(self):
        """at(prefix) puts every problem below the prefix, joining keys with '.' and indices directly."""
        err = ValidationError([Problem("a", "m"), Problem("[0]", "n"), Problem("", "o")]).at("x")
        assert err.messages == ("$.x.a: m", "$.x[0]: n", "$.x: o")

    def test_at_empty_prefix_keeps_paths(self):
        """at('') leaves every path as it was."""
        err = ValidationError([Problem("a", "m"), Problem("", "o")]).at("")
        assert err.messages == ("$.a: m", "$: o")
