package stratsim.r2dbc;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The stratsim example on WebFlux and R2DBC: Retort migrates its database before the ConnectionFactory exists. */
@SpringBootApplication
public class StratsimReactiveApplication {
    public static void main(String[] args) {
        SpringApplication.run(StratsimReactiveApplication.class, args);
    }
}
