package io.chargeclear.registry.domain;

/**
 * Where a roaming agreement stands. An agreement is {@code ACTIVE} from creation (even while its window lies
 * in the future) until the operator ends it; {@code ENDED} is final, a new agreement replaces it.
 */
public enum AgreementStatus { ACTIVE, ENDED }
