package stratsim.spring.model;

public enum RunStatus { QUEUED, RUNNING, SUCCEEDED, FAILED }
