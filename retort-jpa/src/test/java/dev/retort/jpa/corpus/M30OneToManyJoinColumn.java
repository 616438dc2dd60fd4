package dev.retort.jpa.corpus;

import jakarta.persistence.*;
import java.time.*;
import java.util.*;

/** Corpus model: OneToManyJoinColumn. */
public final class M30OneToManyJoinColumn {
    private M30OneToManyJoinColumn() {}

    @Entity(name = "album") public static class Album {
        @Id Long id;
        @OneToMany @JoinColumn(name = "album_id") List<Photo> photos;
    }
    @Entity(name = "photo") public static class Photo {
        @Id Long id;
        String url;
    }
}
