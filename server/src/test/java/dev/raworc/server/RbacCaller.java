package dev.raworc.server;

/**
 * Who calls in the RBAC matrix. Each is a service account of its own (except {@link #ANONYMOUS},
 * which sends no token) with these bindings:
 * <ul>
 * <li>{@link #ADMIN}: built-in role {@code admin}, globally</li>
 * <li>{@link #OPERATOR}: built-in role {@code operator}, globally</li>
 * <li>{@link #VIEWER}: built-in role {@code viewer}, globally</li>
 * <li>{@link #SPACE_A}: a custom role, bound only in space {@code a}</li>
 * <li>{@link #NOBODY}: no binding at all</li>
 * </ul>
 */
enum RbacCaller {
    ADMIN, OPERATOR, VIEWER, SPACE_A, NOBODY, ANONYMOUS
}
