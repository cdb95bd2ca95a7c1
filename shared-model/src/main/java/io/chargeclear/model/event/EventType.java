package io.chargeclear.model.event;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every event type ChargeClear emits: its CloudEvents {@code type}, the topic it travels on and its payload
 * record. A consumer looks the type header up here to know what the JSON value holds.
 */
public enum EventType {
    PLATFORM_REGISTERED("hub.platform.registered.v1", Topics.PARTY, PlatformChanged.class),
    PLATFORM_SUSPENDED("hub.platform.suspended.v1", Topics.PARTY, PlatformChanged.class),
    PLATFORM_REACTIVATED("hub.platform.reactivated.v1", Topics.PARTY, PlatformChanged.class),
    PLATFORM_UNREGISTERED("hub.platform.unregistered.v1", Topics.PARTY, PlatformChanged.class),
    /** The partner completed the OCPI credentials registration: token A gave way to token C. */
    PLATFORM_CONNECTED("hub.platform.connected.v1", Topics.PARTY, PlatformChanged.class),
    /** Tokens changed without a new connection: OCPI credentials PUT, or the operator issued a new token A. */
    PLATFORM_CREDENTIALS_UPDATED("hub.platform.credentials-updated.v1", Topics.PARTY, PlatformChanged.class),
    /** The partner unregistered (OCPI credentials DELETE); the platform stays registered with the operator. */
    PLATFORM_DISCONNECTED("hub.platform.disconnected.v1", Topics.PARTY, PlatformChanged.class),
    AGREEMENT_CREATED("hub.agreement.created.v1", Topics.AGREEMENT, AgreementChanged.class),
    AGREEMENT_ENDED("hub.agreement.ended.v1", Topics.AGREEMENT, AgreementChanged.class),
    STANDARD_TERMS_CHANGED("hub.agreement.standard-terms-changed.v1", Topics.AGREEMENT,
            AgreementChanged.StandardTermsChanged.class);

    private final String type;
    private final String topic;
    private final Class<?> payloadType;

    EventType(String type, String topic, Class<?> payloadType) {
        this.type = type;
        this.topic = topic;
        this.payloadType = payloadType;
    }

    public String type() {
        return type;
    }

    public String topic() {
        return topic;
    }

    public Class<?> payloadType() {
        return payloadType;
    }

    public static Optional<EventType> fromType(String type) {
        return Arrays.stream(values()).filter(t -> t.type.equals(type)).findFirst();
    }
}
