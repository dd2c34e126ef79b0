"""plans: plans, sections, tasks, assignments, milestones and indicators; import and the task table."""
