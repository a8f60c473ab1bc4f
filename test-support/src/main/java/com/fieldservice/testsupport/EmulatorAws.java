package com.fieldservice.testsupport;

import java.net.URI;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import com.fieldservice.stack.SnsEmulator;

/**
 * AWS SDK clients of the stack's SNS/SQS emulator, with its credentials and region, on
 * the JDK's HttpURLConnection (as the SNS sink's client).
 */
public final class EmulatorAws {

	private static final StaticCredentialsProvider CREDENTIALS = StaticCredentialsProvider
		.create(AwsBasicCredentials.create(SnsEmulator.ACCESS_KEY, SnsEmulator.SECRET_KEY));

	private EmulatorAws() {
	}

	/**
	 * An SNS client of the emulator at {@code endpoint}, e.g.
	 * {@code http://127.0.0.1:4566}.
	 */
	public static SnsClient sns(String endpoint) {
		return SnsClient.builder()
			.endpointOverride(URI.create(endpoint))
			.region(Region.of(SnsEmulator.REGION))
			.credentialsProvider(CREDENTIALS)
			.httpClient(UrlConnectionHttpClient.create())
			.build();
	}

	/** An SQS client of the emulator at {@code endpoint}. */
	public static SqsClient sqs(String endpoint) {
		return SqsClient.builder()
			.endpointOverride(URI.create(endpoint))
			.region(Region.of(SnsEmulator.REGION))
			.credentialsProvider(CREDENTIALS)
			.httpClient(UrlConnectionHttpClient.create())
			.build();
	}

}
