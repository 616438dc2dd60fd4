package dev.retort.jpa.corpus;

import jakarta.persistence.*;
import java.time.*;
import java.util.*;

/** Corpus model: BeanValidation. */
public final class M27BeanValidation {
    private M27BeanValidation() {}

    @Entity(name = "signup") public static class Signup {
        @Id Long id;
        @jakarta.validation.constraints.NotNull String email;
        @jakarta.validation.constraints.Size(max = 80) String name;
        @jakarta.validation.constraints.NotNull @jakarta.validation.constraints.Size(min = 2, max = 12) String code;
    }
}
