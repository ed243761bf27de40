"""Visit Planner: learning visits and joint seminars for territorial cooperation networks."""

__version__ = "0.1.0"
APP_ID = "fr.dynamiques.VisitPlanner"
APP_NAME = "Visit Planner"
