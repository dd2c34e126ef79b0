"""duban (督办): carry a government implementation plan from paper to done."""
