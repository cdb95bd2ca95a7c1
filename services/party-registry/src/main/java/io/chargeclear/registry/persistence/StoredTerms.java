package io.chargeclear.registry.persistence;

import io.chargeclear.model.money.MoneyJson;
import io.chargeclear.registry.domain.RoamingTerms;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

import java.math.BigDecimal;

/**
 * The columns of {@link RoamingTerms}, shared by the agreement and standard-terms tables. The per-session fees,
 * one per currency, are one JSON array column of money as the events write it
 * ({@code [{"amount": "0.10", "currency": "EUR"}]}), so an amount never travels without its currency.
 */
@Embeddable
public class StoredTerms {

    @Column(nullable = false)
    public String modules;

    @Column(name = "hub_fee_percent")
    public BigDecimal hubFeePercent;

    /** JSON array of money, {@code []} for none. */
    @Column(name = "hub_fee_per_session", nullable = false)
    public String hubFeePerSession;

    @Column(name = "sla_cdr_within_hours", nullable = false)
    public int slaCdrWithinHours;

    @Column(name = "sla_authorization_answer_within_ms", nullable = false)
    public int slaAuthorizationAnswerWithinMs;

    @Column(name = "dispute_window_days", nullable = false)
    public int disputeWindowDays;

    public static StoredTerms of(RoamingTerms terms) {
        StoredTerms stored = new StoredTerms();
        stored.modules = terms.modulesColumn();
        stored.hubFeePercent = terms.hubFee().percent();
        stored.hubFeePerSession = MoneyJson.write(terms.hubFee().perSession());
        stored.slaCdrWithinHours = terms.sla().cdrWithinHours();
        stored.slaAuthorizationAnswerWithinMs = terms.sla().authorizationAnswerWithinMs();
        stored.disputeWindowDays = terms.disputeWindowDays();
        return stored;
    }

    public RoamingTerms toTerms() {
        return new RoamingTerms(RoamingTerms.modulesFromColumn(modules),
                new RoamingTerms.HubFee(hubFeePercent, MoneyJson.readList(hubFeePerSession)),
                new RoamingTerms.Sla(slaCdrWithinHours, slaAuthorizationAnswerWithinMs), disputeWindowDays);
    }
}
