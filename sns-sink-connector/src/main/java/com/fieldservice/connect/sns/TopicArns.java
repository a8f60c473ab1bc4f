package com.fieldservice.connect.sns;

import java.util.regex.Pattern;

/**
 * What the connector accepts as an SNS topic ARN, and whether one names a FIFO topic.
 */
final class TopicArns {

	/**
	 * Partition (aws, aws-cn, aws-us-gov, ...), region, 12-digit account and topic name;
	 * emulators use the same shape.
	 */
	private static final Pattern TOPIC_ARN = Pattern
		.compile("arn:aws(-[a-z]+)*:sns:[a-z0-9]+(-[a-z0-9]+)*:\\d{12}:[A-Za-z0-9_-]{1,256}(\\.fifo)?");

	static final String EXAMPLE = "arn:aws:sns:eu-west-1:123456789012:job-assigned";

	private TopicArns() {
	}

	static boolean isValid(String arn) {
		return arn != null && TOPIC_ARN.matcher(arn).matches();
	}

	/** SNS makes a topic FIFO by its name alone. */
	static boolean isFifo(String arn) {
		return arn.endsWith(".fifo");
	}

}
