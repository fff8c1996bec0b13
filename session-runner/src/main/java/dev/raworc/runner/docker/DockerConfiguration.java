package dev.raworc.runner.docker;

import java.time.Duration;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.raworc.runner.RunnerProperties;

/**
 * The Docker engine client: {@code RAWORC_RUNNER_DOCKER_HOST}, else the usual Docker settings
 * ({@code DOCKER_HOST}, default {@code unix:///var/run/docker.sock}). A missing engine is not an
 * error at start.
 */
@Configuration(proxyBeanMethods = false)
class DockerConfiguration {

    @Bean(destroyMethod = "close")
    DockerClient dockerClient(RunnerProperties properties, MeterRegistry registry) {
        DefaultDockerClientConfig.Builder builder = DefaultDockerClientConfig.createDefaultConfigBuilder();
        if (properties.dockerHost() != null && !properties.dockerHost().isBlank()) {
            builder.withDockerHost(properties.dockerHost());
        }
        DockerClientConfig config = builder.build();
        ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .connectionTimeout(Duration.ofSeconds(2))
                .responseTimeout(Duration.ofSeconds(30))
                .build();
        return DockerClientImpl.getInstance(config, new TimedDockerClient(http, registry));
    }
}
