package io.chargeclear.settlement.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chargeclear.model.event.InvoiceRecordIssued;
import io.chargeclear.model.event.NetPositionDetermined;
import io.chargeclear.model.event.OcpiParty;
import io.chargeclear.model.event.StatementIssued;
import io.chargeclear.model.money.Money;
import io.chargeclear.settlement.domain.Netting;
import io.chargeclear.settlement.persistence.InvoiceRecordRow;
import io.chargeclear.settlement.persistence.NetPositionRecord;
import io.chargeclear.settlement.persistence.SettlementRun;
import io.chargeclear.settlement.persistence.StatementRecord;
import io.chargeclear.settlement.persistence.StatementTaxLine;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;

/**
 * Statements and net positions as events and the API show them: the same records, so what an analyst reads on
 * Kafka and what a party reads from the API cannot drift apart.
 */
public final class Views {

    private static final String HUB = "hub";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private Views() {
    }

    /** A statement with its tax lines (any order; shown in the order the run wrote them). */
    public static StatementIssued statement(SettlementRun run, StatementRecord s, List<StatementTaxLine> taxes) {
        List<StatementIssued.TaxLine> lines = taxes.stream().sorted(Comparator.comparingInt(t -> t.lineNo))
                .map(t -> new StatementIssued.TaxLine(t.name, t.percentage == null ? null : plain(t.percentage),
                        money(t.amountMinor, s.currency)))
                .toList();
        return new StatementIssued(s.id.toString(), run.id.toString(), run.periodStart, run.periodEnd, run.timeZone,
                s.currency, new OcpiParty(s.cpoCountryCode, s.cpoPartyId),
                new OcpiParty(s.emspCountryCode, s.emspPartyId), s.cdrCount, s.entryCount, s.lateEntryCount,
                plain(s.energyKwh), money(s.emspPayableMinor, s.currency), money(s.cpoReceivableMinor, s.currency),
                money(s.hubFeeMinor, s.currency), lines, run.ranAt);
    }

    public static NetPositionDetermined netPosition(SettlementRun run, NetPositionRecord p) {
        OcpiParty party = new OcpiParty(p.partyCountryCode, p.partyId);
        Netting.Direction direction = Netting.Direction.valueOf(p.direction);
        String payer = switch (direction) {
            case HUB_PAYS_PARTY -> HUB;
            case PARTY_PAYS_HUB -> party.toString();
            case NONE -> null;
        };
        String payee = switch (direction) {
            case HUB_PAYS_PARTY -> party.toString();
            case PARTY_PAYS_HUB -> HUB;
            case NONE -> null;
        };
        String reference = "CC-" + run.periodStart.atZone(ZoneId.of(run.timeZone)).toLocalDate() + "-" + party.countryCode()
                + party.partyId() + "-" + p.currency;
        return new NetPositionDetermined(run.id.toString(), run.periodStart, run.periodEnd, party, p.currency,
                money(p.receivableMinor, p.currency), money(p.payableMinor, p.currency), money(p.netMinor, p.currency),
                new NetPositionDetermined.PaymentInstruction(direction.name(), payer, payee,
                        money(Math.abs(p.netMinor), p.currency), reference),
                run.ranAt);
    }

    /**
     * One of the hub's invoice reconciliation records (docs/adr/0032-invoice-reconciliation.md): the OCPI record as
     * partners receive it, with the statement it is for.
     */
    public static InvoiceRecordIssued invoiceRecord(SettlementRun run, StatementRecord s, InvoiceRecordRow r) {
        InvoiceRecordIssued.ReconciliationRecord record = new InvoiceRecordIssued.ReconciliationRecord(
                r.issuerCountryCode, r.issuerPartyId, r.id, s.id.toString(), strings(r.cdrIds), r.lastUpdated);
        return new InvoiceRecordIssued(record, s.id.toString(), run.id.toString(), run.periodStart, run.periodEnd,
                s.currency, new OcpiParty(s.cpoCountryCode, s.cpoPartyId), new OcpiParty(s.emspCountryCode,
                s.emspPartyId), r.part, r.parts, strings(r.omittedCdrIds));
    }

    /** A list of ids as the JSON array an invoice record row keeps. */
    public static String jsonList(List<String> values) {
        try {
            return JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a list of strings", e);
        }
    }

    private static List<String> strings(String json) {
        try {
            return JSON.readValue(json, STRINGS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an invoice record row holds no JSON list of strings: " + json, e);
        }
    }

    static Money money(long minor, String currency) {
        return Money.ofMinor(minor, currency);
    }

    /** 12.5000 → 12.5; 0.0000 → 0. */
    static BigDecimal plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
