# The Stowage image: one launcher jar for `stowage server ...`, `stowage operator ...` and `stowage csi ...`; the
# container's args are that command line (the StatefulSet the operator writes passes `server ...`,
# the chart's Deployment `operator ...`).
#
#   docker build -t ghcr.io/stowage/stowage:0.1.0-SNAPSHOT .

FROM maven:3.9-eclipse-temurin-25 AS build
WORKDIR /src
# Dependencies first, so that a source change does not download them again.
COPY pom.xml ./
COPY .mvn .mvn
COPY admin-client/pom.xml admin-client/
COPY backend/pom.xml backend/
COPY bench/pom.xml bench/
COPY cli/pom.xml cli/
COPY cluster/pom.xml cluster/
COPY csi/pom.xml csi/
COPY engine/pom.xml engine/
COPY grpc/pom.xml grpc/
COPY kube/pom.xml kube/
COPY populate/pom.xml populate/
COPY probes/pom.xml probes/
COPY s3/pom.xml s3/
COPY server/pom.xml server/
RUN mvn -B -q -pl cli -am dependency:go-offline
COPY . .
RUN mvn -B -q -pl cli -am package -DskipTests

FROM eclipse-temurin:25-jre
# The CSI driver's mounters (`stowage csi --mode mounter`): FUSE, s3fs and rclone from the distribution.
RUN apt-get update \
 && apt-get install -y --no-install-recommends fuse3 s3fs rclone \
 && rm -rf /var/lib/apt/lists/*
RUN groupadd --system --gid 10001 stowage \
 && useradd --system --uid 10001 --gid 10001 --home-dir /data --no-create-home --shell /usr/sbin/nologin stowage \
 && mkdir -p /opt/stowage /data \
 && chown 10001:10001 /data
COPY --from=build /src/cli/target/stowage.jar /opt/stowage/stowage.jar
USER 10001:10001
WORKDIR /data
VOLUME /data
# The server's S3, admin API, metrics and health; the operator's metrics and health (as the chart runs it).
EXPOSE 9000 9001 9002 8080
# Two glibc malloc arenas instead of up to 8 per core: about 100 MiB less peak RSS under load
# (docs/benchmarks.md, "Server memory").
ENV MALLOC_ARENA_MAX=2
# The jar's manifest enables native access (Netty's native transport) for the launcher.
ENTRYPOINT ["java", "-jar", "/opt/stowage/stowage.jar"]
CMD ["server", "--address", "0.0.0.0:9000", "--admin-address", "0.0.0.0:9001", "--metrics-address", "0.0.0.0:9002", "--data", "/data"]
