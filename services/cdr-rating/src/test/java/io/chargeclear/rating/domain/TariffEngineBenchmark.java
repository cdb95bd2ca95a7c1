package io.chargeclear.rating.domain;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

import static io.chargeclear.rating.domain.TestSession.energy;
import static io.chargeclear.rating.domain.TestSession.maxPower;
import static io.chargeclear.rating.domain.TestSession.parking;
import static io.chargeclear.rating.domain.TestSession.time;

/**
 * CDRs the tariff engine rates per second on one core ({@code scripts/bench rating}). The CDR is realistic:
 * an evening AC session of 2 h 40 min in 16 charging periods of 10 minutes (about 1.2 kWh each at up to
 * 7.4 kW), the last two parked after charging, crossing the time-of-day windows of the complex tariff.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class TariffEngineBenchmark {

    /** Official OCPI 2.2.1 tariff examples, from simple to the one with most elements and restrictions. */
    @Param({"tariff_8_simple_025kwh.json", "tariff_13_simple_3hour_5parking.json", "tariff_14_step_size.json",
            "tariff_4_complex.json"})
    public String tariff;

    private final TariffEngine engine = new TariffEngine();
    private RatingInput input;

    @Setup
    public void realisticCdr() {
        TestSession session = TestSession.startingAt("2024-06-14T17:35", TestSession.BERLIN);
        for (int i = 0; i < 14; i++) {
            session.period(10, energy("1.2" + (i % 10)), time("0.1666666667"), maxPower("7.4"));
        }
        session.period(10, parking("0.1666666667")).period(10, parking("0.1666666667"));
        input = session.input(TestSession.tariff("ocpi-examples/" + tariff));
    }

    @Benchmark
    public CostBreakdown rateOneCdr() {
        return engine.rate(input);
    }
}
