package io.chargeclear.console.domain;

import io.chargeclear.console.upstream.GatewayApi;
import io.chargeclear.console.upstream.RatingApi;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One party against the hub's objectives (docs/operations/slo.md), from the gateway's and rating's operator reads:
 * real-time authorization p99 and timeouts (an eMSP), the oldest waiting push (a receiver), receipt-to-rating p99 and
 * the flagged share (a CPO). Each check is {@code ok} (green), {@code warn} (amber: past 80 % of the threshold, or
 * past it while the receiver does not answer, which the objective does not count) or {@code bad} (red: past it).
 */
public final class Objectives {

    /** Past this share of its threshold a figure is amber. */
    static final double AMBER = 0.8;

    private Objectives() {
    }

    /** One figure against its objective. */
    public record Check(String party, String objective, String label, String figure, String threshold, String state) {
    }

    /** The checks of {@code party} ({@code NL*DC1}); none when neither service knows a figure of it. */
    public static List<Check> of(String party, GatewayApi.Objectives gateway, RatingApi.Objectives rating) {
        List<Check> checks = new ArrayList<>();
        GatewayApi.PartyObjectives g = gateway == null ? null : find(gateway.parties(), party);
        if (g != null) {
            GatewayApi.Thresholds t = gateway.thresholds();
            if (g.rtaP99Ms() != null) {
                checks.add(new Check(party, "rta-p99", "RTA p99", millis(g.rtaP99Ms()), millis(t.rtaP99Ms()),
                        state(g.rtaP99Ms(), t.rtaP99Ms())));
            }
            if (g.rtaTimeoutShare() != null) {
                checks.add(new Check(party, "rta-timeouts", "RTA timeouts", percent(g.rtaTimeoutShare()),
                        percent(t.rtaTimeoutShare()), state(g.rtaTimeoutShare(), t.rtaTimeoutShare())));
            }
            if (g.deliveryOldestPendingSeconds() != null) {
                double age = g.deliveryOldestPendingSeconds();
                String state = state(age, t.deliveryOldestPendingSeconds());
                if ("bad".equals(state) && !Boolean.TRUE.equals(g.receiverUp())) {
                    state = "warn";
                }
                checks.add(new Check(party, "push-delivered", "oldest push", seconds(age),
                        seconds(t.deliveryOldestPendingSeconds()), state));
            }
        }
        RatingApi.PartyObjectives r = rating == null ? null : find(rating.parties(), party);
        if (r != null) {
            RatingApi.Thresholds t = rating.thresholds();
            if (r.ratingLagP99Seconds() != null) {
                checks.add(new Check(party, "cdr-rated", "CDR rated p99", seconds(r.ratingLagP99Seconds()),
                        seconds(t.cdrRatedP99Seconds()), state(r.ratingLagP99Seconds(), t.cdrRatedP99Seconds())));
            }
            if (r.flaggedShare() != null) {
                checks.add(new Check(party, "flagged-share", "flagged", percent(r.flaggedShare()),
                        percent(t.flaggedShare()), state(r.flaggedShare(), t.flaggedShare())));
            }
        }
        return checks;
    }

    static String state(double value, double threshold) {
        return value > threshold ? "bad" : value > threshold * AMBER ? "warn" : "ok";
    }

    private static <T extends Named> T find(List<T> rows, String party) {
        if (rows == null) {
            return null;
        }
        return rows.stream().filter(row -> party.equals(row.party())).findFirst().orElse(null);
    }

    private static String millis(double ms) {
        return String.format(Locale.ROOT, "%.0f ms", ms);
    }

    private static String seconds(double s) {
        return s >= 120 ? String.format(Locale.ROOT, "%.1f min", s / 60) : String.format(Locale.ROOT, "%.1f s", s);
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f %%", share * 100);
    }

    /** A row naming its party. */
    public interface Named {
        String party();
    }
}
