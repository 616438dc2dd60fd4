package dev.retort.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** The one SHA-256 of Retort: revision checksums, the hash of statements that ran, lock names and keys. */
public final class Sha256 {
    private Sha256() {}

    /** The digest of the text's UTF-8 bytes. */
    public static byte[] of(String text) {
        MessageDigest md = digest();
        return md.digest(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The digest of texts, each followed by a zero byte, so that ["ab", "c"] and ["a", "bc"] differ. */
    public static byte[] ofEach(List<String> texts) {
        MessageDigest md = digest();
        for (String t : texts) {
            md.update(t.getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
        }
        return md.digest();
    }

    public static String hex(byte[] digest) { return HexFormat.of().formatHex(digest); }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256", e);
        }
    }
}
