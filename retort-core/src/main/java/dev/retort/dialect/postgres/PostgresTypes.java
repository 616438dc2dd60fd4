package dev.retort.dialect.postgres;

import dev.retort.portable.PortableTypes;
import dev.retort.schema.Sequence;

/** PostgreSQL's own side of its types: sequences as the catalog keeps them (the portable spellings are PostgreSQL's). */
final class PostgresTypes {
    private PostgresTypes() {}

    /** An identity column's options with those equal to PostgreSQL's defaults for its type made null, as for a sequence. */
    static dev.retort.schema.Column.Identity canonicalIdentity(dev.retort.schema.Column.Identity i, String columnType) {
        if (i == null) return null;
        String type = PortableTypes.canonicalBuiltin(columnType);
        Sequence s = canonicalSequence(new Sequence("", "", type.equals("smallint") || type.equals("integer") ? type : "bigint", i.start(), i.increment(),
                i.min(), i.max(), i.cache(), false, null));
        return new dev.retort.schema.Column.Identity(i.always(), s.start(), s.increment(), s.minValue(), s.maxValue(), s.cache());
    }

    /** Options equal to PostgreSQL's defaults become null, so declared and inspected sequences compare equal. */
    static Sequence canonicalSequence(Sequence s) {
        String type = s.type() == null ? "bigint" : PortableTypes.canonicalBuiltin(s.type());
        long inc = s.increment() == null ? 1 : s.increment();
        long typeMax = switch (type) { case "smallint" -> Short.MAX_VALUE; case "integer" -> Integer.MAX_VALUE; default -> Long.MAX_VALUE; };
        long typeMin = switch (type) { case "smallint" -> Short.MIN_VALUE; case "integer" -> Integer.MIN_VALUE; default -> Long.MIN_VALUE; };
        long min = s.minValue() != null ? s.minValue() : inc > 0 ? 1 : typeMin;
        long max = s.maxValue() != null ? s.maxValue() : inc > 0 ? typeMax : -1;
        long start = s.start() != null ? s.start() : inc > 0 ? min : max;
        return new Sequence(s.schema(), s.name(), type.equals("bigint") ? null : type,
                start == (inc > 0 ? min : max) ? null : start, inc == 1 ? null : inc,
                min == (inc > 0 ? 1 : typeMin) ? null : min, max == (inc > 0 ? typeMax : -1) ? null : max,
                s.cache() == null || s.cache() == 1 ? null : s.cache(), s.cycle(), s.ownedBy());
    }
}
