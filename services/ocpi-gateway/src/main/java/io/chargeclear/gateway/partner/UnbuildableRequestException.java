package io.chargeclear.gateway.partner;

/**
 * The hub cannot turn what it holds into a request to a partner (an id that cannot be a URL path segment, a URL
 * that is not a plain http(s) URL, a header value with a line break). Trying again cannot help.
 */
public class UnbuildableRequestException extends RuntimeException {

    public UnbuildableRequestException(String message) {
        super(message);
    }
}
