package dev.retort.config;

import java.util.regex.Pattern;

/** Masks credentials in any text that may hold a URL: user:password@ and password= parameters. */
public final class Secrets {
    private static final Pattern USERINFO = Pattern.compile("(://[^:/@\\s?#]*):[^@\\s]*@");
    private static final Pattern PARAM = Pattern.compile("(?i)((?:password|passwd|pwd)=)[^&\\s;]*");
    /** In a URL given to Retort, any "user:secret@" counts as credentials, however malformed the rest is. */
    private static final Pattern ANY_USERINFO = Pattern.compile(":[^:@/\\s]*@");

    private Secrets() {}

    public static String mask(String text) {
        if (text == null) return null;
        String t = USERINFO.matcher(text).replaceAll("$1:***@");
        return PARAM.matcher(t).replaceAll("$1***");
    }

    /** A database URL as shown to people: credentials masked even when the URL is malformed. */
    public static String maskUrl(String url) {
        if (url == null) return null;
        // everything between "user:" and the last '@' of the authority: a password holding an unencoded '@' included
        int scheme = url.indexOf("://");
        if (scheme >= 0) {
            int start = scheme + 3, end = start;
            while (end < url.length() && "/?#".indexOf(url.charAt(end)) < 0) end++;
            String authority = url.substring(start, end);
            int at = authority.lastIndexOf('@'), colon = authority.indexOf(':');
            if (at > 0 && colon >= 0 && colon < at) url = url.substring(0, start) + authority.substring(0, colon + 1) + "***" + authority.substring(at) + url.substring(end);
        }
        String t = mask(url);
        return ANY_USERINFO.matcher(t).replaceAll(":***@");
    }

    /** Masks the password itself wherever it occurs (drivers sometimes echo it). */
    public static String mask(String text, String password) {
        String t = mask(text);
        if (t != null && password != null && password.length() >= 3) t = t.replace(password, "***");
        return t;
    }
}
