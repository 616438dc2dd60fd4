-- after every start-up's migration: fresh planner statistics for the tables just made or changed
ANALYZE stratsim.scenario;
