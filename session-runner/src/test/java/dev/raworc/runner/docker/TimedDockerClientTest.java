package dev.raworc.runner.docker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Docker calls are timed per API operation, with ids, names and the API version left out. */
class TimedDockerClientTest {

    @Test
    void idsAndNamesBecomeOnePlaceholder() {
        assertThat(TimedDockerClient.operation("POST", "/v1.41/containers/raworc-session-1f2e/start"))
                .isEqualTo("POST /containers/{id}/start");
        assertThat(TimedDockerClient.operation("DELETE", "/containers/raworc-session-1f2e?force=true"))
                .isEqualTo("DELETE /containers/{id}");
        assertThat(TimedDockerClient.operation("POST", "/exec/8d1c0b/start")).isEqualTo("POST /exec/{id}/start");
        assertThat(TimedDockerClient.operation("GET", "/volumes/raworc-session-1f2e")).isEqualTo("GET /volumes/{id}");
        assertThat(TimedDockerClient.operation("GET", "/images/registry.local/team/agent:1.2/json"))
                .isEqualTo("GET /images/{id}/json");
    }

    @Test
    void collectionsAndTheirVerbsStayAsTheyAre() {
        assertThat(TimedDockerClient.operation("POST", "/v1.41/containers/create?name=raworc-session-1f2e"))
                .isEqualTo("POST /containers/create");
        assertThat(TimedDockerClient.operation("GET", "/containers/json?all=1&filters=%7B%7D")).isEqualTo("GET /containers/json");
        assertThat(TimedDockerClient.operation("GET", "/volumes?filters=x")).isEqualTo("GET /volumes");
        assertThat(TimedDockerClient.operation("GET", "/_ping")).isEqualTo("GET /_ping");
    }
}
