package stratsim.spring.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnDefault;
import org.hibernate.annotations.Comment;

import java.time.Instant;

@Entity
@Table(schema = "public", indexes = @Index(name = "account_created_at_idx", columnList = "created_at"))
@Comment("People who own scenarios and start simulation runs")
public class Account {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Column(nullable = false, unique = true)
    String email;

    @Column(nullable = false, length = 100)
    String displayName;

    @Column(nullable = false)
    @ColumnDefault("now()")
    Instant createdAt;
}
