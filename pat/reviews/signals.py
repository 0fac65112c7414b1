"""What the review workflow tells the apps whose records it reviews (other than proposals).

A proposal's outcome is the project's own status, which the workflow moves itself. Other
things reviewed along the routes (revisions of endorsed projects, progress reports) belong
to apps above this one: they listen here. Receivers run inside the deciding transaction,
so a receiver that raises `ReviewError` refuses the decision and nothing of it is written.
"""

from django.dispatch import Signal

# Sent with purpose, version (the frozen ProposalVersion; None for a progress report),
# report (the ProgressReport; None otherwise), task (the deciding one), actor, endorsed
# (bool), note.
review_concluded = Signal()
# Sent for every decision, before any conclusion, with task (decided, fresh) and actor: the
# app whose record is reviewed keeps its own history (a progress report's events).
review_decided = Signal()
