"""The internal integer key of a child (CHILD_KEY): what children are grouped and matched on."""

from __future__ import annotations

# Every frame from the loader carries CHILD_KEY (load/dataset.add_child_keys), numbered in the
# sort order of CHILD, so grouping, sorting and matching on it give what they would on CHILD,
# only on integers. Tests that hand-make frames key them the same way.
CHILD_KEY = "CHILD_KEY"
