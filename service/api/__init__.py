"""HTTP API: ``create_app`` plus one router module per area."""
