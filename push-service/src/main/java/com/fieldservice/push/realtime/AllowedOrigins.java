package com.fieldservice.push.realtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Admits a browser's handshake only from a page of a configured origin, compared exactly.
 * Spring's own check also admits an origin equal to the request's Host header, which the
 * client chooses; and it answers an origin with a malformed port with a 500. Clients that
 * are not browsers send no Origin and are admitted (their token decides).
 */
final class AllowedOrigins implements HandshakeInterceptor {

	private final Set<String> allowed;

	AllowedOrigins(List<String> allowed) {
		this.allowed = allowed.stream().map(AllowedOrigins::normalized).collect(Collectors.toUnmodifiableSet());
	}

	@Override
	public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
			Map<String, Object> attributes) {
		List<String> origins = request.getHeaders().getOrDefault(HttpHeaders.ORIGIN, List.of());
		if (origins.isEmpty() || (origins.size() == 1 && this.allowed.contains(normalized(origins.getFirst())))) {
			return true;
		}
		response.setStatusCode(HttpStatus.FORBIDDEN);
		response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		try {
			response.getBody()
				.write("""
						{"type":"about:blank","title":"Forbidden","status":403,"detail":"Pages of this origin may not open the WebSocket; see ALLOWED_ORIGINS"}"""
					.getBytes(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			// The status alone refuses the handshake.
		}
		return false;
	}

	@Override
	public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
			Exception exception) {
	}

	/**
	 * Scheme and host are case-insensitive; a trailing slash is not part of an origin.
	 */
	private static String normalized(String origin) {
		String trimmed = origin.strip();
		return (trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed).toLowerCase(Locale.ROOT);
	}

}
