package io.chargeclear.registry.domain;

/** Roles a party behind the hub may have (OCPI 2.2.1 §credentials "Role", without HUB itself). */
public enum PartyRole { CPO, EMSP, NSP, OTHER }
