"""The plain-text path: units judged by the learned model (`features`, `model`) and a few
heuristics, metadata read from the lines around the story, settling passes (`pipeline`)."""
