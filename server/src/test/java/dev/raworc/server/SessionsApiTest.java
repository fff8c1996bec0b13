package dev.raworc.server;

import org.junit.jupiter.api.BeforeEach;

/** An API test of sessions, calling as the administrator. */
abstract class SessionsApiTest extends ApiTest {

    IdentityApi identity;
    SessionApi sessions;

    @BeforeEach
    void connect() {
        identity = new IdentityApi(api(), adminToken());
        sessions = new SessionApi(identity);
    }
}
