package io.chargeclear.console.api;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;

/**
 * After a form's POST the browser is sent back to the page it came from (303, so a reload does not post again) with
 * one line saying what happened: {@code notice} when the service did it, {@code problem} when it refused or could
 * not be reached. The line is the console's own text or the service's message, shown escaped, never markup.
 */
final class Notices {

    private Notices() {
    }

    static Response done(String page, String notice) {
        return Response.seeOther(UriBuilder.fromPath(page).queryParam("notice", notice).build()).build();
    }

    static Response refused(String page, String problem) {
        return Response.seeOther(UriBuilder.fromPath(page).queryParam("problem", problem).build()).build();
    }
}
