package io.accessproof.server.database;

import java.util.regex.Pattern;

/** A database URL as it may appear in a log line or an error: without its password or user info. */
public final class SafeUrls {
    private static final Pattern PASSWORD_PARAM = Pattern.compile("(?i)(password=)[^&;]*");
    private static final Pattern USER_INFO = Pattern.compile("(://)[^/@]*@");

    private SafeUrls() {
    }

    public static String of(String url) {
        if (url == null) {
            return null;
        }
        return USER_INFO.matcher(PASSWORD_PARAM.matcher(url).replaceAll("$1***")).replaceAll("$1***@");
    }
}
