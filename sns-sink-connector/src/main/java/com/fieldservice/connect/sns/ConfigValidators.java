package com.fieldservice.connect.sns;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.apache.kafka.common.config.ConfigDef.Validator;
import org.apache.kafka.common.config.ConfigException;

/**
 * The checks of single configuration keys, each failing with a message that says what is
 * expected; an empty value means "not set" wherever a key is optional, since the
 * checked-in configurations get their values from environment placeholders that may be
 * empty.
 */
final class ConfigValidators {

	static final Validator TOPIC_ARN = new Check("an SNS topic ARN such as " + TopicArns.EXAMPLE,
			"must be an SNS topic ARN such as " + TopicArns.EXAMPLE + " (a FIFO topic's name ends in .fifo)",
			TopicArns::isValid);

	static final Validator FIELD_PATH = new Check("a field path such as job.jobType",
			"must be a field path: field names (letters, digits, underscores) joined by dots, such as job.jobType",
			ConfigValidators::isFieldPath);

	static final Validator FIELD_PATHS = new Validator() {

		@Override
		public void ensureValid(String name, Object value) {
			if (value instanceof List<?> paths) {
				paths.forEach((path) -> FIELD_PATH.ensureValid(name, path));
			}
		}

		@Override
		public String toString() {
			return "comma-separated field paths such as contractorId,job.jobType";
		}

	};

	private static final Pattern REGION_NAME = Pattern.compile("[a-z]{2,}(-[a-z0-9]+)+");

	static final Validator REGION = new Validator() {

		@Override
		public void ensureValid(String name, Object value) {
			if (value == null || value.toString().isBlank()) {
				throw new ConfigException(name, value, "is required: the AWS region of the topic, such as eu-west-1");
			}
			if (!REGION_NAME.matcher(value.toString()).matches()) {
				throw new ConfigException(name, value, "must be an AWS region name such as eu-west-1");
			}
		}

		@Override
		public String toString() {
			return "an AWS region such as eu-west-1";
		}

	};

	static final Validator ENDPOINT = new Check("an absolute http(s) URI, or empty",
			"must be an absolute http or https URI with a host, such as http://127.0.0.1:4566",
			ConfigValidators::isEndpoint);

	private ConfigValidators() {
	}

	static boolean isBlank(Object value) {
		return value == null || value.toString().isBlank();
	}

	private static boolean isFieldPath(String text) {
		try {
			FieldPath.parse(text);
			return true;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	private static boolean isEndpoint(String text) {
		try {
			URI uri = new URI(text.trim());
			return uri.isAbsolute() && uri.getHost() != null
					&& ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()));
		}
		catch (URISyntaxException ex) {
			return false;
		}
	}

	/**
	 * A check of an optional string key: empty passes, anything else must satisfy the
	 * predicate.
	 */
	private record Check(String description, String expectation, Predicate<String> valid) implements Validator {

		@Override
		public void ensureValid(String name, Object value) {
			if (!isBlank(value) && !this.valid.test(value.toString())) {
				throw new ConfigException(name, value, this.expectation);
			}
		}

		@Override
		public String toString() {
			return this.description;
		}

	}

}
