package stratsim.jpa;

public enum RunStatus { QUEUED, RUNNING, SUCCEEDED, FAILED }
