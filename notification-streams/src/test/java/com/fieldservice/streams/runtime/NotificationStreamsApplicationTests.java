package com.fieldservice.streams.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fieldservice.streams.NotificationStreamsApplication;

/**
 * Starts the whole application against a broker address nothing listens on: it must come
 * up, report itself alive but not ready, and expose its metrics.
 */
@SpringBootTest(classes = NotificationStreamsApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "server.address=127.0.0.1", "notification-streams.bootstrap-servers=127.0.0.1:1",
				"notification-streams.application-id=notification-streams-context-test",
				"notification-streams.state-dir=${java.io.tmpdir}/notification-streams-context-test",
				"notification-streams.close-timeout=2s", "management.server.port=0" })
class NotificationStreamsApplicationTests {

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	@Autowired
	NotificationStreamsProperties properties;

	@Test
	void bindsTheDefaultsFromApplicationYml() {
		assertThat(this.properties.schemaRegistryUrl()).isEqualTo("http://127.0.0.1:8081");
		assertThat(this.properties.dedupeWindow()).hasDays(7);
		assertThat(this.properties.commitInterval()).hasMillis(200);
		assertThat(this.properties.processingGuarantee()).isEqualTo("exactly_once_v2");
		assertThat(this.properties.replicationFactor()).as("the broker's default").isEqualTo(-1);
		assertThat(this.properties.standbyReplicas()).as("a warm copy on another instance").isEqualTo(1);
	}

	@Test
	void isNotReadyWhileKafkaStreamsIsNotRunning() throws Exception {
		HttpResponse<String> readiness = get(port, "/readyz");

		assertThat(readiness.statusCode()).isEqualTo(503);
		assertThat(readiness.body()).doesNotContain("kafkaStreams");
		assertThat(get(managementPort, "/actuator/health").body()).contains("kafkaStreams");
	}

	@Test
	void isAliveWhileKafkaStreamsIsNotRunning() throws Exception {
		assertThat(get(port, "/livez").statusCode()).isEqualTo(200);
	}

	@Test
	void keepsTheActuatorOffItsOwnPort() throws Exception {
		for (String path : new String[] { "/actuator", "/actuator/metrics", "/actuator/info", "/actuator/env",
				"/actuator/health/../env", "/actuator/prometheus" }) {
			HttpResponse<String> response = get(port, path);
			assertThat(response.statusCode()).as(path).isEqualTo(404);
			assertThat(response.headers().firstValue("Content-Type")).as(path).hasValue("application/problem+json");
		}
	}

	@Test
	void exposesTheRoutingCountersToPrometheus() throws Exception {
		HttpResponse<String> scrape = get(managementPort, "/actuator/prometheus");

		assertThat(scrape.statusCode()).isEqualTo(200);
		assertThat(scrape.body()).contains("notification_streams_duplicates_dropped_total");
	}

	private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
		var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

}
