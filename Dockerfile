# Container image for the chat server: docker build -t chat-server . && docker run -p 65432:65432 -p 65433:65433 chat-server
# Stage 1 builds the jars with the Maven wrapper; stage 2 runs server.jar on a slim JRE as a non-root user.
FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
COPY chat-common/pom.xml chat-common/
COPY chat-server/pom.xml chat-server/
COPY chat-client/pom.xml chat-client/
COPY chat-bench/pom.xml chat-bench/
COPY chat-common/src chat-common/src
COPY chat-server/src chat-server/src
COPY chat-client/src chat-client/src
COPY chat-bench/src chat-bench/src
COPY docs/ docs/
COPY LICENSE THIRD-PARTY-NOTICES.txt ./
RUN ./mvnw -B -ntp -q -DskipTests -pl chat-server -am package

FROM eclipse-temurin:21-jre
RUN groupadd --system chat && useradd --system --gid chat --home-dir /var/lib/chat --create-home chat
COPY --from=build /src/chat-server/target/server.jar /opt/chat/server.jar
USER chat
WORKDIR /var/lib/chat
# 65432: the chat; 65433: the data connections of file transfers (--transfer-port)
EXPOSE 65432 65433
# Inside a container the server must listen on every interface; publish the port to choose who reaches it.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/opt/chat/server.jar", "--host", "0.0.0.0"]
HEALTHCHECK --interval=30s --timeout=10s --start-period=20s --retries=3 \
  CMD ["java", "-jar", "/opt/chat/server.jar", "--status"]
