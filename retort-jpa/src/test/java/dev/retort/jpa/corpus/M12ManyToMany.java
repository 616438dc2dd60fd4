package dev.retort.jpa.corpus;

import jakarta.persistence.*;
import java.time.*;
import java.util.*;

/** Corpus model: ManyToMany. */
public final class M12ManyToMany {
    private M12ManyToMany() {}

    @Entity(name = "student") public static class Student {
        @Id Long id;
        @ManyToMany @JoinTable(name = "enrollment", joinColumns = @JoinColumn(name = "student_id"),
                inverseJoinColumns = @JoinColumn(name = "course_id")) Set<Course> courses;
        @ManyToMany Set<Course> wishlist;
    }
    @Entity(name = "course") public static class Course {
        @Id Long id;
        String title;
    }
}
