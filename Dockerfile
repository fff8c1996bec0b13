# The Raworc server image: one image for every side (RAWORC_SIDES picks command, query or runner).
# The base images are build arguments so that installations without a registry can pass in
# locally built ones (any Debian/Ubuntu with a JDK 17 + Maven, and one with a JRE 17).
ARG BUILD_IMAGE=maven:3.9-eclipse-temurin-17
ARG RUNTIME_IMAGE=eclipse-temurin:17-jre

FROM ${BUILD_IMAGE} AS build
WORKDIR /src
COPY . .
RUN mvn -B -q -DskipTests -pl server -am package

FROM ${RUNTIME_IMAGE}
# curl answers the healthchecks; install it only where the base image lacks it
RUN command -v curl >/dev/null || (apt-get update && apt-get install -y --no-install-recommends curl \
        && rm -rf /var/lib/apt/lists/*) \
    && useradd --system --uid 10001 --user-group --home-dir /var/lib/raworc --create-home raworc \
    && install -d -o raworc -g raworc -m 700 /var/lib/raworc/data
COPY --from=build /src/server/target/raworc-server.jar /opt/raworc/raworc-server.jar
USER raworc
WORKDIR /var/lib/raworc
# The README's memory settings: under 400 MB resident per process (see Performance).
ENV RAWORC_DATA_DIR=/var/lib/raworc/data \
    MALLOC_ARENA_MAX=2 \
    JAVA_OPTS="-Xmx160m -XX:+UseSerialGC -XX:TrimNativeHeapInterval=1000"
# the API, and metrics and probes (RAWORC_MANAGEMENT_PORT: keep it off the public network)
EXPOSE 9000 9001
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /opt/raworc/raworc-server.jar"]
