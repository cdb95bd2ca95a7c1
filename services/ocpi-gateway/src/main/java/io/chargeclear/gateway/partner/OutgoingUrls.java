package io.chargeclear.gateway.partner;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The one way the hub writes ids into URLs it calls partners at. Ids arrive decoded (a location id {@code a b} or
 * {@code ../../DE/XYZ/x} is just a string), so every one is percent-encoded as a single URI path segment (RFC 3986
 * §3.3: everything but the unreserved characters as {@code %XX} of its UTF-8 bytes): the receiver decodes it back to
 * exactly that id and can never read it as another path, a query or a fragment. {@link #check} is the last look at
 * a URL before it goes out: a URL that is not a plain absolute http(s) URL, or whose path holds a {@code .} or
 * {@code ..} segment (servers remove those, also percent-encoded, RFC 3986 §5.2.4 and §6.2.2.2), is refused.
 */
public final class OutgoingUrls {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private OutgoingUrls() {
    }

    /** {@code value} as one path segment: unreserved characters ({@code A-Z a-z 0-9 - . _ ~}) kept, the rest encoded. */
    public static String segment(String value) {
        if (value == null) {
            throw new IllegalArgumentException("a path segment cannot be null");
        }
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (unreserved(c)) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }

    /** The segments, each {@linkplain #segment encoded}, joined by {@code /}: e.g. {@code NL/CPO/a%20b}. */
    public static String path(String... segments) {
        StringBuilder out = new StringBuilder();
        for (String segment : segments) {
            if (!out.isEmpty()) {
                out.append('/');
            }
            out.append(segment(segment));
        }
        return out.toString();
    }

    /** A query parameter {@code name=value}, the value encoded as in {@link #segment}. */
    public static String query(String name, String value) {
        return segment(name) + "=" + segment(value);
    }

    /**
     * {@code url} if the hub may call it: an absolute {@code http} or {@code https} URL with a host, without user
     * info or fragment, that parses strictly (no space, control character or other character a URL cannot hold
     * unencoded), with no {@code .} or {@code ..} path segment.
     *
     * @throws UnbuildableRequestException naming what is wrong
     */
    public static URI check(String url) {
        if (url == null || url.isEmpty()) {
            throw new UnbuildableRequestException("no URL");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new UnbuildableRequestException("not a valid URL (" + e.getReason() + " at index " + e.getIndex()
                    + "): " + printable(url));
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new UnbuildableRequestException("not an http(s) URL: " + printable(url));
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new UnbuildableRequestException("no host in " + printable(url));
        }
        if (uri.getRawUserInfo() != null) {
            throw new UnbuildableRequestException("user info in " + printable(url));
        }
        if (uri.getRawFragment() != null) {
            throw new UnbuildableRequestException("a fragment in " + printable(url));
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        for (String segment : path.split("/", -1)) {
            String dots = segment.replaceAll("(?i)%2e", ".");
            if (dots.equals(".") || dots.equals("..")) {
                throw new UnbuildableRequestException("a '" + segment + "' path segment in " + printable(url)
                        + ": an id '.' or '..' cannot be a URL path segment");
            }
        }
        return uri;
    }

    private static boolean unreserved(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }

    /** For error messages and logs: control characters shown as {@code \\uXXXX}, at most 300 characters. */
    static String printable(String value) {
        StringBuilder out = new StringBuilder();
        value.codePoints().limit(300).forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return value.length() > 300 ? out + "…" : out.toString();
    }
}
