package stratsim.spring.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.hibernate.annotations.OnDelete;
import org.hibernate.annotations.OnDeleteAction;

import java.time.Instant;

@Entity
@Table(schema = "stratsim")
public class SimulationRun {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "scenario_id")
    @OnDelete(action = OnDeleteAction.CASCADE)
    Scenario scenario;

    @ManyToOne
    @JoinColumn(name = "started_by")
    @OnDelete(action = OnDeleteAction.SET_NULL)
    Account startedBy;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    RunStatus status;

    Instant startedAt;

    Instant finishedAt;

    @Column(columnDefinition = "jsonb")
    String result;
}
