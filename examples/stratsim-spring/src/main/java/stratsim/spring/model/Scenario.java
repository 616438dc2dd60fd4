package stratsim.spring.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import org.hibernate.annotations.ColumnDefault;
import org.hibernate.annotations.OnDelete;
import org.hibernate.annotations.OnDeleteAction;

import java.time.Instant;

@Entity
@Table(schema = "stratsim",
        uniqueConstraints = @UniqueConstraint(name = "scenario_owner_id_name_key", columnNames = {"owner_id", "name"}),
        indexes = @Index(name = "scenario_owner_id_idx", columnList = "owner_id"))
public class Scenario {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "owner_id")
    @OnDelete(action = OnDeleteAction.CASCADE)
    Account owner;

    @Column(nullable = false, length = 200)
    String name;

    @Column(nullable = false, columnDefinition = "jsonb")
    @ColumnDefault("'{}'::jsonb")
    String parameters;

    @Column(nullable = false)
    @ColumnDefault("now()")
    Instant createdAt;
}
