"""Statutory rules applied to the stitched data: periods of care and review schedules."""
