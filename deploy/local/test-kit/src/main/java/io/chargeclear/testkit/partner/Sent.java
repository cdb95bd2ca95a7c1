package io.chargeclear.testkit.partner;

/**
 * One call the partner platform made on its own initiative, e.g. the CommandResult it posts to a command's
 * {@code response_url}, together with the answer it got, so a test can check that the hub accepted it.
 *
 * @param method     the HTTP method
 * @param url        the URL called
 * @param body       the request body sent
 * @param http       the HTTP status of the answer, or -1 when no answer arrived
 * @param answerBody the answer's body, or the failure when no answer arrived
 */
public record Sent(String method, String url, String body, int http, String answerBody) {
}
