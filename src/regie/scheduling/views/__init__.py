"""The schedule's pages: one module per subject (the production's calendar, its items, conflicts
and feed; the organisation's places, spaces and day templates; a person's own schedule)."""
