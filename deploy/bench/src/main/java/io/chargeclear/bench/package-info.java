/**
 * Whole-hub benchmarks, run from outside the hub as its partners would load it: {@link io.chargeclear.bench.HopBench}
 * measures what the hub adds to a real-time authorization against the same call made straight to the eMSP.
 */
package io.chargeclear.bench;
