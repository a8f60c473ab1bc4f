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
				"notification-streams.close-timeout=2s" })
class NotificationStreamsApplicationTests {

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	NotificationStreamsProperties properties;

	@Test
	void bindsTheDefaultsFromApplicationYml() {
		assertThat(this.properties.schemaRegistryUrl()).isEqualTo("http://127.0.0.1:8081");
		assertThat(this.properties.dedupeWindow()).hasDays(7);
		assertThat(this.properties.commitInterval()).hasMillis(100);
		assertThat(this.properties.processingGuarantee()).isEqualTo("exactly_once_v2");
		assertThat(this.properties.replicationFactor()).isEqualTo(1);
		assertThat(this.properties.standbyReplicas()).isZero();
	}

	@Test
	void isNotReadyWhileKafkaStreamsIsNotRunning() throws Exception {
		HttpResponse<String> readiness = get("/actuator/health/readiness");

		assertThat(readiness.statusCode()).isEqualTo(503);
		assertThat(readiness.body()).contains("kafkaStreams");
	}

	@Test
	void isAliveWhileKafkaStreamsIsNotRunning() throws Exception {
		assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
	}

	@Test
	void exposesTheRoutingCountersToPrometheus() throws Exception {
		HttpResponse<String> scrape = get("/actuator/prometheus");

		assertThat(scrape.statusCode()).isEqualTo(200);
		assertThat(scrape.body()).contains("notification_streams_duplicates_dropped_total");
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

}
