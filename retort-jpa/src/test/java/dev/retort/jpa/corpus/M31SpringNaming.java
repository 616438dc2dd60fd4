package dev.retort.jpa.corpus;

import jakarta.persistence.*;
import java.time.*;
import java.util.*;

/** Corpus model: SpringNaming. */
public final class M31SpringNaming {
    private M31SpringNaming() {}

    @Entity(name = "UserAccount") public static class UserAccount {
        @Id Long id;
        String firstName;
        String lastName;
        @ManyToMany Set<UserGroup> memberGroups;
        @ManyToOne UserGroup primaryGroup;
    }
    @Entity(name = "UserGroup") public static class UserGroup {
        @Id Long id;
        String displayName;
    }
}
