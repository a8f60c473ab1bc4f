package com.fieldservice.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.apache.avro.specific.SpecificRecord;

import com.fieldservice.schemas.TopicSpec;
import com.fieldservice.schemas.Topics;

/**
 * Sets the compatibility of every Avro subject of the topic catalogue
 * ({@link TopicSpec#subjects()}) in the registry, through its Confluent-compatible API,
 * so that the registry itself refuses a schema a producer would register that breaks the
 * contract; the build's {@code SchemaCompatibilityTests} catch it earlier, this catches a
 * producer built elsewhere.
 *
 * <p>
 * BACKWARD_TRANSITIVE: a new schema must read what every earlier version wrote, not only
 * the latest. Consumers replay a topic from the start of its retention, and the archive
 * holds every version for good. Producers upgrade first (a consumer on an older schema
 * may not know a new field, which Avro skips); FULL would also forbid adding a field
 * without a default, which readers of older data do not need.
 */
public final class SubjectCompatibility {

	public static final String LEVEL = "BACKWARD_TRANSITIVE";

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private SubjectCompatibility() {
	}

	/**
	 * The subjects of every topic whose values are Avro records: {@code <topic>-value},
	 * and {@code <topic>-<record full name>} for each further record type it carries.
	 */
	public static List<String> subjects() {
		return Topics.ALL.stream()
			.filter((topic) -> SpecificRecord.class.isAssignableFrom(topic.valueType()))
			.flatMap((topic) -> topic.subjects().stream())
			.toList();
	}

	/**
	 * @param registryUrl the registry's base URL, e.g. {@code http://127.0.0.1:8081}
	 */
	public static void enforce(String registryUrl) {
		for (String subject : subjects()) {
			var request = HttpRequest.newBuilder(URI.create(registryUrl + "/apis/ccompat/v7/config/" + subject))
				.timeout(Duration.ofSeconds(10))
				.header("Content-Type", "application/vnd.schemaregistry.v1+json")
				.PUT(HttpRequest.BodyPublishers.ofString("{\"compatibility\":\"" + LEVEL + "\"}"))
				.build();
			try {
				HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() != 200) {
					throw new IllegalStateException("The registry refused the compatibility of " + subject + ": "
							+ response.statusCode() + " " + response.body());
				}
			}
			catch (IOException ex) {
				throw new IllegalStateException(
						"Could not set the compatibility of " + subject + " at " + registryUrl + ": " + ex.getMessage(),
						ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while setting the compatibility of " + subject, ex);
			}
		}
	}

}
