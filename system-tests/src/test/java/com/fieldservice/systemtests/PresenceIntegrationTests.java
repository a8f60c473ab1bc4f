package com.fieldservice.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fieldservice.stack.LocalStack;
import com.fieldservice.testsupport.AssignmentApi;
import com.fieldservice.testsupport.Tokens;
import com.fieldservice.testsupport.WebSocketTestClient;

import tools.jackson.databind.JsonNode;

/**
 * Dispatchers see which contractors are online, across instances: presence travels
 * through Kafka.
 */
class PresenceIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	@Test
	void aDispatcherOnOneInstanceSeesAContractorOnAnotherComeOnlineAndGoOffline() throws Exception {
		LocalStack stack = SystemStack.get();
		String second = PushInstances.second(stack).url();
		String contractor = AssignmentApi.unique("C");

		try (var dispatcher = WebSocketTestClient.connect(stack.service(LocalStack.PUSH_SERVICE).url(),
				Tokens.dispatcher("D-1", List.of("north")))) {
			JsonNode snapshot = dispatcher.next("presence", WAIT);
			assertThat(snapshot.get("full").asBoolean()).isTrue();
			assertThat(names(snapshot, "online")).doesNotContain(contractor);

			try (var phone = WebSocketTestClient.connect(second, Tokens.contractor(contractor))) {
				assertThat(nextChange(dispatcher, "online", contractor)).isNotNull();
			}

			assertThat(nextChange(dispatcher, "offline", contractor)).isNotNull();
		}
	}

	/**
	 * The next presence frame listing {@code contractor} under {@code field}, skipping
	 * changes of others.
	 */
	private static JsonNode nextChange(WebSocketTestClient dispatcher, String field, String contractor)
			throws InterruptedException {
		long deadline = System.nanoTime() + WAIT.toNanos();
		while (System.nanoTime() < deadline) {
			JsonNode frame = dispatcher.next("presence", Duration.ofNanos(deadline - System.nanoTime()));
			if (frame != null && names(frame, field).contains(contractor)) {
				return frame;
			}
		}
		return null;
	}

	private static List<String> names(JsonNode frame, String field) {
		return frame.get(field).values().stream().map(JsonNode::asString).toList();
	}

}
