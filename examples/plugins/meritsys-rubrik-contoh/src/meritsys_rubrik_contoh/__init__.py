"""An example meritsys rubric package: the rubric files beside this module (``contoh-mini.toml``)."""
