"""Units: the one pint registry, and unit phrases as people write them.

Count nouns become dimensions of their own, so pint's dimensional analysis knows
that cameras ÷ people is a per-capita rate and cameras ÷ km² a density.
"""

from .registry import Units, get_units

__all__ = ["Units", "get_units"]
