"""What every stage shares: items, facts, findings and their merge, rule configuration, text normalisation."""
