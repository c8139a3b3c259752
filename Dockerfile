# syntax=docker/dockerfile:1
# One image recipe for the four services: docker build --build-arg SERVICE=auth-service .
# Build stage: the project's own wrapper and sources; runtime stage: a JRE and the service's jar only.
FROM eclipse-temurin:21-jdk AS build
ARG SERVICE
WORKDIR /src
COPY . .
# Maven's repository in a BuildKit cache: a rebuild after a source change downloads nothing again.
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q -DskipTests -Dspotless.check.skip=true package -pl ${SERVICE} -am

FROM eclipse-temurin:21-jre
ARG SERVICE
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home /var/lib/inkan inkan && mkdir -p /var/lib/inkan && chown inkan /var/lib/inkan
COPY --from=build /src/${SERVICE}/target/${SERVICE}.jar /opt/inkan/service.jar
USER inkan
WORKDIR /var/lib/inkan
ENV INKAN_DATA_DIR=/var/lib/inkan
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/opt/inkan/service.jar"]
