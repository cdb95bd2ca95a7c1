package io.chargeclear.console.api;

import io.quarkus.qute.TemplateExtension;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** What the pages need beyond Qute's own: an id put into a form's action, encoded as one path segment. */
@TemplateExtension
public final class TemplateExtensions {

    private TemplateExtensions() {
    }

    /** {@code {cdr.cdrId.pathSegment}}: an OCPI id may hold characters a URL path gives a meaning to. */
    static String pathSegment(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
