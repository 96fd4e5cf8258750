// Search: hyperparameter search spaces, samplers and schedules.
