package dev.raworc.api.access;

/** Who a role binding applies to. Written as on the wire ({@code ServiceAccount}). */
public enum PrincipalType {
    ServiceAccount
}
