"""The improvement planner: the cheapest level increases that bring an assessment to a target.

Local leaders set targets ("from 250 to 325 next time"), and the planner
answers *what to improve*; see *The domain* (domain.md#consequences-of-a-category).
Levels are cumulative: level *n* is level *n - 1* met plus more; see
*The domain* (domain.md#questions-levels-and-gates).  So a plan gives each
indicator a new, higher level and pays for every step on the way.  Every linear strategy
(:class:`~meritsys.scoring.LinearStrategy`) is planned exactly, from the gain of
one step of each indicator it reports; for the built-ins:

* ``weighted-sum`` (regime A): a step of an indicator adds its bobot;
* ``maturity`` (regime B): a step of an indicator in aspect *a* adds
  ``bobot_maturitas x bobot_a / (n_a x level_maks)``, where *n_a* counts the
  aspect's counted answers, so the gain of a step does not depend on the others.

The search is a multiple-choice knapsack solved exactly, in integers, by
dynamic programming: over the shortfall in units of the gains' common
resolution (bounded by the shortfall, not the scale), or, where that
resolution is very fine and the costs simple, over the sums of (cost, steps).
Costs are exact decimals.  Among the cheapest plans it takes the one with the
fewest steps, then the one that lifts the index most, then the one that raises
indicators earlier in the rubric most.  The target is taken on the index as
reported, so where the rubric rounds (regime B) it is met after rounding.
Indicators that do not apply (a gate or the agency type) are never part of a
plan, and neither are answers left out under the ``tidak_berlaku``
missing-answer policy: answering them would change their aspect's mean.
Every plan is re-scored with the strategy itself before it is returned.

A target the plan cannot reach (under the caps, or above the scale) is not an
error: the :class:`Rencana` says so (``tercapai`` is false, ``alasan`` names
why) and carries the plan that gets closest, every raisable indicator at its cap.
"""

from meritsys.analysis._plan._inputs import COST_PLACES, load_biaya
from meritsys.analysis._plan._plan import plan
from meritsys.analysis._plan._results import Langkah, Nilai, Rencana, Target
from meritsys.analysis._plan._search import MAX_BYTES, MAX_STATES

__all__ = ["COST_PLACES", "MAX_BYTES", "MAX_STATES", "Langkah", "Nilai", "Rencana", "Target", "load_biaya", "plan"]
