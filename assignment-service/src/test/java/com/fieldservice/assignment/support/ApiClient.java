package com.fieldservice.assignment.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls the running service over real HTTP with a dispatcher's token, as the scheduler
 * does.
 */
public final class ApiClient {

	public static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	private final String baseUrl;

	private final String token = dispatcherToken("D-1");

	public ApiClient(int port) {
		this.baseUrl = "http://127.0.0.1:" + port;
	}

	public static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	/**
	 * A job in its own new dispatch group, and a new contractor: ids that no other test
	 * uses.
	 */
	public Fixture newJobAndContractor() {
		String group = unique("grp");
		String contractor = unique("C");
		String job = unique("J");
		expect(201, post("/api/dispatch-groups", "{\"id\":\"" + group + "\",\"name\":\"Group\"}", null));
		expect(201, post("/api/contractors", "{\"id\":\"" + contractor + "\",\"displayName\":\"Contractor\"}", null));
		expect(201,
				post("/api/jobs",
						JSON.writeValueAsString(Map
							.of("id", job, "title", "Fix boiler", "jobType", "PLUMBING", "serviceAddress",
									Map.of("street", "1 Main St", "city", "Berlin", "postalCode", "10115", "country",
											"DE"),
									"timeZone", "Europe/Berlin", "dispatchGroups", List.of(group))),
						null));
		return new Fixture(job, contractor, group);
	}

	/** Ids of a job, its contractor and its group. */
	public record Fixture(String job, String contractor, String group) {
	}

	public HttpResponse<String> assign(String job, String contractor, Instant start, Duration length, String key) {
		String body = JSON.writeValueAsString(Map.of("contractorId", contractor, "scheduledTimeSlot",
				Map.of("start", start.toString(), "end", start.plus(length).toString())));
		return post("/api/jobs/" + job + "/assignments", body, key);
	}

	public HttpResponse<String> post(String path, String body, String idempotencyKey) {
		var request = HttpRequest.newBuilder(URI.create(baseUrl + path))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + token)
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (idempotencyKey != null) {
			request.header("Idempotency-Key", idempotencyKey);
		}
		return send(request.build());
	}

	public JsonNode get(String path) {
		return expect(200, send(
				HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Authorization", "Bearer " + token).build()));
	}

	public static JsonNode expect(int status, HttpResponse<String> response) {
		if (response.statusCode() != status) {
			throw new AssertionError(
					"Expected " + status + " but got " + response.statusCode() + ": " + response.body());
		}
		return JSON.readTree(response.body());
	}

	private HttpResponse<String> send(HttpRequest request) {
		try {
			return http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	static String dispatcherToken(String subject) {
		try {
			var claims = new JWTClaimsSet.Builder().subject(subject)
				.issuer("job-assigned-notifications")
				.claim("role", "dispatcher")
				.expirationTime(Date.from(Instant.now().plus(Duration.ofHours(1))))
				.build();
			var jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
			jwt.sign(new MACSigner(RealInfrastructure.JWT_SECRET));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
