package com.fieldservice.connect.sns;

import java.time.Duration;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.SnsClientBuilder;

/**
 * Builds the SNS client a configuration describes: region, endpoint, credentials, the
 * JDK's HTTP client and bounded call times.
 */
final class SnsClients {

	private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(5);

	private SnsClients() {
	}

	static SnsClient create(SnsSinkConfig config) {
		Duration timeout = config.apiCallTimeout();
		Duration connectTimeout = (timeout.compareTo(MAX_CONNECT_TIMEOUT) < 0) ? timeout : MAX_CONNECT_TIMEOUT;
		SnsClientBuilder builder = SnsClient.builder()
			.region(Region.of(config.region()))
			.httpClientBuilder(
					UrlConnectionHttpClient.builder().connectionTimeout(connectTimeout).socketTimeout(timeout))
			.overrideConfiguration((client) -> client.apiCallTimeout(timeout)
				.apiCallAttemptTimeout(timeout)
				// The task retries entries and calls with its own limits and backoff; SDK
				// retries underneath would multiply both and hide outages from it.
				.retryStrategy(AwsRetryStrategy.doNotRetry()));
		config.endpointOverride().ifPresent(builder::endpointOverride);
		// Without static credentials the client builds the default chain itself, and so
		// also closes it (and any STS client inside) when the task stops.
		config.accessKeyId()
			.ifPresent((accessKeyId) -> builder.credentialsProvider(StaticCredentialsProvider
				.create(AwsBasicCredentials.create(accessKeyId, config.secretAccessKey().orElseThrow().value()))));
		return builder.build();
	}

}
