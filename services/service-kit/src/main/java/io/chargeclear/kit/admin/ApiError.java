package io.chargeclear.kit.admin;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The body of every error on the operator API: the HTTP status again and a message a person can act on. */
public record ApiError(@JsonProperty("status") int status, @JsonProperty("message") String message) {
}
