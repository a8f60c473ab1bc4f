package com.fieldservice.push.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Outside the dev profile nobody can mint tokens: the dev endpoints are neither served
 * nor public.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "push.kafka.enabled=false",
		"push.security.jwt-secret=" + HmacTokensTests.SECRET, "management.server.port=0" })
class DevEndpointsTests {

	@LocalServerPort
	private int port;

	@Test
	void devTokensAreNotIssuedOutsideTheDevProfile() throws Exception {
		assertThat(status("/dev/tokens/dispatcher?sub=D-1&groups=north")).isEqualTo(401);
		assertThat(status("/dev/demo-users")).isEqualTo(401);
	}

	@Test
	void theDashboardStaysPublic() throws Exception {
		assertThat(status("/")).isEqualTo(200);
		assertThat(status("/app.js")).isEqualTo(200);
		assertThat(status("/job-feed-client.js")).isEqualTo(200);
		assertThat(status("/config.json")).isEqualTo(200);
		assertThat(status("/livez")).isEqualTo(200);
	}

	private int status(String path) throws Exception {
		var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build();
		return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
	}

}
