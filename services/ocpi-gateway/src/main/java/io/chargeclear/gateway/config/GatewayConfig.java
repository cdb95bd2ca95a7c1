package io.chargeclear.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Settings of the OCPI gateway. */
@ConfigMapping(prefix = "chargeclear.gateway")
public interface GatewayConfig {

    /** Public base URL partners reach the gateway at; every URL the hub hands out starts with it. */
    String publicUrl();

    /**
     * Base URL of the party registry, which owns the tokens: the credentials handshake, and a token the gateway has
     * not received yet (ADR 0018).
     */
    String registryUrl();

    /**
     * How many tokens per second the gateway may ask the registry about when it does not know them (a token A just
     * issued); beyond it an unknown token is refused without asking, so a flood of bad tokens cannot load the
     * registry (ADR 0018).
     */
    @WithDefault("20")
    int registryLookupsPerSecond();

    /** How long the hub waits for a partner's versions and details endpoints during the handshake. */
    @WithDefault("PT10S")
    Duration partnerTimeout();

    /**
     * The largest page the hub serves in an OCPI "GET list", and the page size when a client asks for none;
     * sent as {@code X-Limit} (OCPI 2.2.1 §transport_and_format "Pagination").
     */
    @WithDefault("100")
    int pageSizeMax();

    /**
     * Base64 of the 32-byte AES key sealing the partners' tokens (token B) the gateway keeps to call them; the same
     * key as the registry's (env {@code CHARGECLEAR_TOKEN_ENCRYPTION_KEY}).
     */
    String tokenEncryptionKey();

    /** How long the hub waits for a partner when it forwards a request and the requester waits (OCPI 4002 after). */
    @WithDefault("PT10S")
    Duration forwardTimeout();

    /**
     * How long the hub waits for the eMSP's answer to a real-time authorization (OCPI 2.2.1 §mod_tokens); the
     * driver is standing at the charger, so it is short. OCPI 4002 after.
     */
    @WithDefault("PT3S")
    Duration authorizationTimeout();

    /**
     * The largest OCPI object body the hub accepts, in bytes of UTF-8 (and the largest stored copy a PATCH may grow
     * to): well below what the outbox relay and Kafka carry in one record (1 MB by default), so an accepted object
     * always reaches its event. Larger is OCPI 2001 (ADR 0015).
     */
    @WithDefault("262144")
    int maxObjectBytes();

    /** The per-receiver delivery queue. */
    Delivery delivery();

    interface Delivery {
        /** How often the gateway looks for receivers whose retry is due. */
        @WithDefault("PT1S")
        Duration pollInterval();

        /** Deadline of one delivery attempt. */
        @WithDefault("PT10S")
        Duration timeout();

        /** Wait after the first failed attempt; doubles with each further failure. */
        @WithDefault("PT1S")
        Duration backoffMin();

        /** The longest wait between attempts to an unreachable receiver. */
        @WithDefault("PT5M")
        Duration backoffMax();

        /**
         * How many times one job may fail at the head of its receiver's queue with an error worth retrying (HTTP 5xx,
         * 408, 429, an OCPI 3xxx/4xxx, no usable envelope, no answer in time) before it is marked FAILED and the
         * queue moves on. Attempts that could not even connect, or were answered HTTP 502/503, do not count: a
         * receiver that is down keeps its whole queue, in order, until it returns. An operator's retry starts the
         * count again.
         */
        @WithDefault("20")
        int maxAttempts();

        /**
         * How many of a receiver's pending jobs the dispatcher takes at once (ADR 0020): their target is resolved once
         * and their results are written in one transaction.
         */
        @WithDefault("100")
        int batchSize();

        /**
         * Requests in flight to one receiver at a time, each for a different object (ADR 0020); the jobs of one
         * object always go one after the other, in order. 1 delivers a receiver's jobs strictly in queue order.
         */
        @WithDefault("4")
        int maxInFlightPerReceiver();

        /** Failed attempts in a row after which a receiver counts as OFFLINE in HubClientInfo. */
        @WithDefault("3")
        int offlineAfterFailures();

        /**
         * The still-alive check (OCPI 2.2.1 §mod_hub_client_info): a connected platform the hub has not heard from
         * for this long gets a GET on its versions endpoint; no answer makes it OFFLINE.
         */
        @WithDefault("PT5M")
        Duration stillAliveInterval();
    }

    /**
     * Overload protection (docs/adr/0023-gateway-overload.md): bounded in-flight work per budget, refused at once
     * with HTTP 503, {@code Retry-After} and OCPI 3000 beyond it, instead of queueing requests for seconds.
     */
    Overload overload();

    interface Overload {
        /** Pushed objects (PUT/PATCH/POST/DELETE of locations, sessions, CDRs, tariffs, tokens). */
        Budget push();

        /** Real-time authorization, commands, charging profiles and charging preferences, and their results. */
        Budget realtime();

        /**
         * The {@code Retry-After} a refused request gets: long enough for the in-flight work to drain, short
         * enough that a partner retrying on it catches up quickly. Rounded up to whole seconds.
         */
        @WithDefault("PT1S")
        Duration retryAfter();

        /**
         * The longest a database statement waits for a pooled connection before it fails (and the request is
         * refused with HTTP 503); the reactive client's own default is 30 s.
         */
        @WithDefault("PT2S")
        Duration databaseWaitTimeout();

        /** Statements that may wait for a pooled connection at once; beyond it one fails at once. */
        @WithDefault("64")
        int databaseWaitQueueSize();
    }

    interface Budget {
        /** Requests of this budget being worked on at once. */
        int maxInFlight();

        /**
         * Requests that may wait for one of those places (at least 1); each waits only until one in-flight request
         * finishes. Beyond it a request is refused at once.
         */
        int maxWaiting();
    }

    /** The hub's HTTP client towards partners. */
    /** Writing after the answer (docs/adr/0019-no-commit-on-the-request-path.md). */
    WriteBehind writeBehind();

    interface WriteBehind {
        /** The longest a queued write waits before its batch is written. */
        @WithDefault("PT0.005S")
        Duration flushInterval();

        /** Writes per transaction at most; this many queued start a batch at once. */
        @WithDefault("500")
        int batchSize();

        /** Writes that may be queued; beyond it a request writes its own row before answering. */
        @WithDefault("10000")
        int queueSize();
    }

    PartnerClient partnerClient();

    interface PartnerClient {
        /** How long a partner has to accept a connection (TCP and TLS). */
        @WithDefault("PT5S")
        Duration connectTimeout();

        /**
         * A connection to a partner on which nothing arrives for this long is closed, also in the middle of an
         * answer; each call also has its own overall deadline ({@code forward-timeout}, {@code delivery.timeout}...).
         */
        @WithDefault("PT10S")
        Duration idleTimeout();

        /**
         * Keep-alive connections the hub holds open to one partner host (host and port) at most: requests to that
         * host in flight at once. More wait in the host's queue; a slow partner can take no more than this.
         */
        @WithDefault("32")
        int poolSize();

        /**
         * Requests that may wait for a connection to one partner host. Beyond it the hub refuses at once (OCPI 4002,
         * HTTP 503) instead of queueing requests that would only time out; a waiting request also gives up at its
         * own deadline or the connect timeout, whichever comes first.
         */
        @WithDefault("128")
        int waitQueueSize();

        /**
         * An unused pooled connection is closed after this long (it is also closed after {@code idle-timeout}
         * without traffic, whichever is shorter). Shorter than most servers' own keep-alive, so the hub rarely
         * reuses a connection the partner is closing.
         */
        @WithDefault("PT10S")
        Duration keepAliveTimeout();
    }

    /** Where the hub sends results of commands and charging-profile requests. */
    ResponseUrl responseUrl();

    interface ResponseUrl {
        /**
         * Accept {@code http} response URLs (on the eMSP's registered hosts, as always). Only for tests and the local
         * hub, where partners run on loopback without TLS; everywhere else a response URL must be {@code https}.
         */
        @WithDefault("false")
        boolean allowHttp();
    }

    /** The hub's own identity in its OCPI credentials. */
    Hub hub();

    interface Hub {
        /** ISO 3166-1 alpha-2 country code of the hub operator. */
        String countryCode();

        /** The hub's OCPI party id (3 characters). */
        String partyId();

        /** Business name shown to partners. */
        String name();
    }

    /** {@link #publicUrl()} without a trailing slash. */
    default String baseUrl() {
        String url = publicUrl();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
