package stratsim.spring;

import dev.retort.api.Callback;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A Retort callback as a Spring bean: it hears each migration event of the start-up (here, to log them). */
@Component
public class MigrationLog implements Callback {
    private final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public void handle(Event event, Context context) {
        events.add(event + (context.revision() == null ? "" : " " + context.revision()));
    }

    public List<String> events() { return List.copyOf(events); }
}
