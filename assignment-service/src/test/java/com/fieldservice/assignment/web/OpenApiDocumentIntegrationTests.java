package com.fieldservice.assignment.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import com.fieldservice.assignment.support.IntegrationTest;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The checked-in OpenAPI document ({@code docs/openapi.json}) is the one the running API
 * serves: a change of a controller, a request or a response that the document does not
 * show fails the build. {@code -Dopenapi.write=true} writes the served document there
 * instead, for review in the same change.
 */
class OpenApiDocumentIntegrationTests extends IntegrationTest {

	private static final Path CHECKED_IN = Path.of("..", "docs", "openapi.json");

	private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	@Test
	void theCheckedInDocumentIsTheOneTheApiServes() throws Exception {
		HttpResponse<String> response = get("/v3/api-docs");
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode served = JSON.readTree(response.body());
		if (Boolean.getBoolean("openapi.write")) {
			Files.writeString(CHECKED_IN, JSON.writeValueAsString(served) + "\n");
		}

		assertThat(served)
			.as("docs/openapi.json differs from the API this build serves: review the change, then run "
					+ "./mvnw -pl assignment-service verify -Dit.test=OpenApiDocumentIntegrationTests "
					+ "-Dopenapi.write=true to update it")
			.isEqualTo(JSON.readTree(Files.readString(CHECKED_IN)));
	}

	@Test
	void isServedAsYamlTooWithoutAToken() throws Exception {
		HttpResponse<String> response = get("/v3/api-docs.yaml");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).startsWith("openapi: ");
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		try (var http = HttpClient.newHttpClient()) {
			return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
					HttpResponse.BodyHandlers.ofString());
		}
	}

}
