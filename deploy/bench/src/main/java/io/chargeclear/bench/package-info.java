/**
 * Whole-hub benchmarks, run from outside the hub as its partners would load it: {@link io.chargeclear.bench.HopBench}
 * measures what the hub adds to a real-time authorization against the same call made straight to the eMSP;
 * {@link io.chargeclear.bench.PipelineBench} how many CDRs per second get from the CPOs through routing, rating and
 * settlement, and how long each takes. Both share the fake partners, the set-up through the hub's public APIs, the
 * open-loop load and the probes of the machine's own limits.
 */
package io.chargeclear.bench;
