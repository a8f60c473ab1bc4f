package com.fieldservice.connect.sns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.PublishBatchRequest;
import software.amazon.awssdk.services.sns.model.PublishBatchRequestEntry;

class SnsClientsTests {

	@Test
	void callsTheConfiguredEndpointOnceAndReportsItUnreachableAsRetriable() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		SnsSinkConfig config = new SnsSinkConfig(Map.of(SnsSinkConnector.SNS_TOPIC_ARN_CONFIG,
				SnsSinkTaskTests.TOPIC_ARN, SnsSinkConnector.AWS_REGION_CONFIG, "eu-west-1",
				SnsSinkConnector.AWS_ENDPOINT_OVERRIDE_CONFIG, "http://127.0.0.1:" + closedPort,
				SnsSinkConnector.AWS_ACCESS_KEY_ID_CONFIG, "test", SnsSinkConnector.AWS_SECRET_ACCESS_KEY_CONFIG,
				"test", SnsSinkConnector.AWS_API_CALL_TIMEOUT_MS_CONFIG, "2000"));
		try (SnsClient client = SnsClients.create(config)) {
			SdkClientException ex = catchThrowableOfType(SdkClientException.class,
					() -> client.publishBatch(PublishBatchRequest.builder()
						.topicArn(SnsSinkTaskTests.TOPIC_ARN)
						.publishBatchRequestEntries(PublishBatchRequestEntry.builder().id("0").message("{}").build())
						.build()));
			// Refused, not unresolved: the call went to the override, not to the region.
			assertThat(ex).hasMessageContaining("Connection refused");
			assertThat(ex.numAttempts()).isEqualTo(1);
			assertThat(SnsErrors.of(ex)).isEqualTo(SnsErrors.Kind.RETRIABLE);
		}
	}

}
