package stratsim.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The stratsim example as a Spring Boot application: Retort brings its database to head before JPA starts. */
@SpringBootApplication
public class StratsimApplication {
    public static void main(String[] args) {
        SpringApplication.run(StratsimApplication.class, args);
    }
}
