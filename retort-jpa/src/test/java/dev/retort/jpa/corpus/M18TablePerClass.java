package dev.retort.jpa.corpus;

import jakarta.persistence.*;
import java.time.*;
import java.util.*;

/** Corpus model: TablePerClass. */
public final class M18TablePerClass {
    private M18TablePerClass() {}

    @Entity(name = "shape") @Inheritance(strategy = InheritanceType.TABLE_PER_CLASS) public static abstract class Shape {
        @Id Long id;
        String color;
    }
    @Entity(name = "circle") public static class Circle extends Shape {
        double radius;
    }
    @Entity(name = "square") public static class Square extends Shape {
        double side;
    }
}
