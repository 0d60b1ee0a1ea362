"""Public linked-data endpoints: stable dataset URLs (the ELM export the QDR pulls)."""
