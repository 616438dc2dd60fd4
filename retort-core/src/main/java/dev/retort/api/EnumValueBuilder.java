package dev.retort.api;

/** Refines {@link Operations#addEnumValue}: where the new value goes (at the end when neither is given). */
public final class EnumValueBuilder {
    String before, after;

    EnumValueBuilder() {}

    public EnumValueBuilder before(String v) { before = v; return this; }
    public EnumValueBuilder after(String v) { after = v; return this; }
}
