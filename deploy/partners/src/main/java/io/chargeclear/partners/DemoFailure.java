package io.chargeclear.partners;

/**
 * A step of the demonstration did not have the outcome the hub promises; the message says what was expected and
 * what happened instead, so the demo can stop with one clear line.
 */
public final class DemoFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DemoFailure(String message) {
        super(message);
    }
}
