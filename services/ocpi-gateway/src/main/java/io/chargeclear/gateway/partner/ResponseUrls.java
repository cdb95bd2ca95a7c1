package io.chargeclear.gateway.partner;

import java.net.InetAddress;
import java.net.URI;
import java.util.Collection;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where the hub may send the result of an eMSP's command or charging-profile request (OCPI 2.2.1 §mod_commands,
 * §mod_charging_profiles {@code response_url}). The hub calls it with the eMSP's own token B, so it must be one of
 * the eMSP platform's own hosts: the host and port of its versions URL or of an endpoint it published in the
 * credentials handshake. Anything else (another partner, the hub itself and its operator API, {@code file:}, a URL
 * the hub could not send as it is) is refused before the request goes anywhere. Scheme {@code https}; {@code http}
 * only where {@code allowHttp} (tests, the local hub) and only on a loopback host.
 */
public final class ResponseUrls {

    private ResponseUrls() {
    }

    /**
     * @param responseUrl    the URL the eMSP gave
     * @param registeredUrls the eMSP platform's versions URL and endpoint URLs
     * @param hubUrl         the hub's public base URL
     * @return why the hub will not send there, or empty when it may
     */
    public static Optional<String> refusal(String responseUrl, Collection<String> registeredUrls, String hubUrl,
                                           boolean allowHttp) {
        if (responseUrl == null || responseUrl.isBlank()) {
            return Optional.of("is required");
        }
        URI uri;
        try {
            uri = OutgoingUrls.check(responseUrl);
        } catch (UnbuildableRequestException e) {
            return Optional.of("cannot be called: " + e.getMessage());
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if ("http".equals(scheme) && !(allowHttp && loopback(uri.getHost()))) {
            return Optional.of("must be an https URL");
        }
        String target = hostPort(uri);
        if (target.equals(hostPortOrNull(hubUrl))) {
            return Optional.of("must not point at the hub itself");
        }
        Set<String> own = new TreeSet<>();
        registeredUrls.stream().filter(Objects::nonNull).map(ResponseUrls::hostPortOrNull).filter(Objects::nonNull)
                .forEach(own::add);
        if (!own.contains(target)) {
            return Optional.of("must be on a host of your own platform as registered in the credentials handshake "
                    + own + "; " + target + " is not");
        }
        return Optional.empty();
    }

    private static String hostPortOrNull(String url) {
        try {
            return hostPort(URI.create(url));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** {@code host:port} in lower case, with the scheme's default port when none is given. */
    private static String hostPort(URI uri) {
        if (uri.getHost() == null) {
            return null;
        }
        int port = uri.getPort();
        if (port < 0) {
            port = "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        }
        return uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
    }

    private static boolean loopback(String host) {
        String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (name.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!name.matches("[0-9.]+") && !name.contains(":")) {
            return false; // a name other than localhost: never resolved here
        }
        try {
            return InetAddress.getByName(name).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}
