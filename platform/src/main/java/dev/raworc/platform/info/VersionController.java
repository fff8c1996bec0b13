package dev.raworc.platform.info;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.raworc.platform.access.Public;

/** {@code GET /version}: the build's version, from the build information Maven writes. */
@RestController
class VersionController {

    record Version(String version, String api) {
    }

    private final String version;

    VersionController(ObjectProvider<BuildProperties> build) {
        BuildProperties properties = build.getIfAvailable();
        this.version = properties != null ? properties.getVersion() : "unknown";
    }

    @GetMapping("/version")
    @Public
    @SecurityRequirements
    @Operation(summary = "Server version and API level")
    Version version() {
        return new Version(version, "v0");
    }
}
