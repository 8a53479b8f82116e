"""Sensitivity analysis: how firmly each agency holds its category and rank when the rules move.

Where a rubric's weights, cut points or not-applicable rule are reference
values (``acuan``) or drafts (see *The domain* in the documentation), an
agency's category is only as certain as those numbers.  :func:`sensitivity`
redraws them many times and re-scores the whole cohort under each draw, with
any linear strategy (:class:`~meritsys.scoring.LinearStrategy`):

* **weights** -- the weights the strategy's index is linear in: indicator
  weights for ``weighted-sum`` (regime A), aspect weights for ``maturity``
  (regime B), a plugin's own aspect weights for an ``AspectLinear`` strategy.  By default each draw's
  shares of the declared total come from a Dirichlet distribution centred on
  the baseline shares, ``Dirichlet(konsentrasi x share)``: a share *p* then
  has mean *p* and standard deviation ``sqrt(p (1 - p) / (konsentrasi + 1))``
  (with the default 500, a 5 % share moves by about +-1 point, a 15 % share by
  about +-1.6 points).  ``konsentrasi=math.inf`` keeps the baseline.  With
  *rentang* each weight is instead drawn uniformly within +-rentang (a
  fraction) of its baseline and the set rescaled to the declared total;
* **cut points** -- with *ambang*, each category cut point moves uniformly
  within +-ambang (index units), re-sorted so the bands stay ordered;
* **not-applicable rule** (regime B) -- optionally drawn per draw among
  ``keluarkan`` / ``nol`` / ``maksimum``.

Per agency it reports the probability of keeping its baseline category, the
distribution over categories, its rank range and central interval (rank 1 is
the highest index; ties share the best rank) and the index mean and standard
deviation; per weight (and cut point) its influence: the correlation across
draws between the parameter and the number of agencies that change category.

Scores are one matrix product per chunk of draws.  Draws are generated in
fixed blocks of :data:`BLOK`, block *b* from the *b*-th child of
``SeedSequence(seed)``, and every statistic is an exact integer sum; weights
are put on a binary grid (for the shipped rubrics finer than ``2**-40`` of the
total) so that the matrix product is exact.  So the result depends only on the inputs and the
seed: not on the chunk size, the number of threads, the order the blocks run
in or where they run (see :func:`sensitivity_dask`).  Memory is
bounded by the chunk: ``O(workers x chunk x N + N^2)`` for *N* agencies,
however many draws.
"""

from meritsys.analysis._sensitivity._dask import sensitivity_dask
from meritsys.analysis._sensitivity._engine import BLOK, Progress
from meritsys.analysis._sensitivity._options import (
    MAX_CHUNK,
    MAX_DRAWS,
    MAX_KONSENTRASI,
    MAX_WORKERS,
    MIN_AMBANG,
    SensitivityOptions,
)
from meritsys.analysis._sensitivity._result import HasilSensitivitas, Pengaruh, RingkasKebijakan
from meritsys.analysis._sensitivity._run import sensitivity

__all__ = [
    "BLOK",
    "MAX_CHUNK",
    "MAX_DRAWS",
    "MAX_KONSENTRASI",
    "MAX_WORKERS",
    "MIN_AMBANG",
    "HasilSensitivitas",
    "Pengaruh",
    "Progress",
    "RingkasKebijakan",
    "SensitivityOptions",
    "sensitivity",
    "sensitivity_dask",
]
