package io.chargeclear.registry.persistence;

import io.chargeclear.model.money.Money;
import io.chargeclear.registry.domain.RoamingTerms;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

import java.math.BigDecimal;

/**
 * The columns of {@link RoamingTerms}, shared by the agreement and standard-terms tables. Money is stored
 * as an amount column with its currency column beside it (both or neither).
 */
@Embeddable
public class StoredTerms {

    @Column(nullable = false)
    public String modules;

    @Column(name = "hub_fee_percent")
    public BigDecimal hubFeePercent;

    @Column(name = "hub_fee_per_session_amount")
    public BigDecimal hubFeePerSessionAmount;

    @Column(name = "hub_fee_per_session_currency")
    public String hubFeePerSessionCurrency;

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
        Money perSession = terms.hubFee().perSession();
        stored.hubFeePerSessionAmount = perSession == null ? null : perSession.amount();
        stored.hubFeePerSessionCurrency = perSession == null ? null : perSession.currency().getCurrencyCode();
        stored.slaCdrWithinHours = terms.sla().cdrWithinHours();
        stored.slaAuthorizationAnswerWithinMs = terms.sla().authorizationAnswerWithinMs();
        stored.disputeWindowDays = terms.disputeWindowDays();
        return stored;
    }

    public RoamingTerms toTerms() {
        Money perSession = hubFeePerSessionAmount == null ? null
                : Money.of(hubFeePerSessionAmount, hubFeePerSessionCurrency);
        return new RoamingTerms(RoamingTerms.modulesFromColumn(modules),
                new RoamingTerms.HubFee(hubFeePercent, perSession),
                new RoamingTerms.Sla(slaCdrWithinHours, slaAuthorizationAnswerWithinMs), disputeWindowDays);
    }
}
