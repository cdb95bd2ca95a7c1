package io.chargeclear.gateway.delivery;

import io.chargeclear.gateway.persistence.PartnerConnection;
import io.chargeclear.gateway.partner.PartnerEndpoints;
import io.chargeclear.kit.crypto.TokenCipher;
import io.chargeclear.kit.directory.DirectoryParty;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Where and how the dispatcher reaches a receiver: the one place that turns the party directory and the receiver's
 * {@code partner_connection} (endpoints JSON, sealed token B) into a {@link DeliveryTarget}. The dispatcher asks once
 * per batch of jobs, not once per job, so parsing the endpoints and decrypting token B are paid once per batch; and
 * because it asks only here, the answer can come from an in-memory view of the connections instead of the database
 * without the dispatcher changing.
 * <p>
 * A platform that left the party directory (unregistered or deleted by the operator) or ended its OCPI connection
 * (credentials DELETE: a job is only ever queued for a connected platform) will not take the job: dropped. A
 * suspended platform may come back: its jobs wait.
 */
@ApplicationScoped
public class DeliveryTargets {

    private final TokenCipher cipher;

    public DeliveryTargets(TokenCipher cipher) {
        this.cipher = cipher;
    }

    /** The receiver's target now. Opens its own session (or joins the caller's). */
    public Uni<DeliveryTarget> resolve(String receiver) {
        return Panache.withSession(() -> DirectoryParty.<DirectoryParty>find("platformId", receiver).firstResult()
                .flatMap(party -> PartnerConnection.<PartnerConnection>findById(receiver)
                        .map(connection -> target(party, connection))));
    }

    private DeliveryTarget target(DirectoryParty party, PartnerConnection connection) {
        if (party == null) {
            return DeliveryTarget.dropped("the receiver platform is no longer registered at the hub");
        }
        if (connection == null) {
            return DeliveryTarget.dropped("the receiver platform ended its OCPI connection (credentials deleted)");
        }
        if (!"ACTIVE".equals(party.status)) {
            return DeliveryTarget.waiting("the receiver platform is " + party.status.toLowerCase());
        }
        PartnerEndpoints endpoints = PartnerEndpoints.parse(connection.endpoints);
        List<String> registered = new ArrayList<>();
        registered.add(connection.versionsUrl);
        endpoints.endpoints().forEach(e -> registered.add(e.url()));
        return new DeliveryTarget(endpoints, Collections.unmodifiableList(registered), cipher.decrypt(connection.tokenBSealed),
                connection.plainTokens, null, null);
    }
}
