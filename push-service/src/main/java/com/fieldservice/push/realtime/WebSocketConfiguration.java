package com.fieldservice.push.realtime;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

/**
 * Maps the plain (no STOMP, no SockJS) WebSocket endpoint {@code /ws}. Pages of the
 * service's own origin may always connect; other origins only when listed in
 * ALLOWED_ORIGINS.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class WebSocketConfiguration implements WebSocketConfigurer {

	static final String PATH = "/ws";

	private final NotificationSocketHandler handler;

	private final RealtimeProperties properties;

	WebSocketConfiguration(NotificationSocketHandler handler, RealtimeProperties properties) {
		this.handler = handler;
		this.properties = properties;
	}

	@Override
	public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
		registry.addHandler(handler, PATH).setAllowedOrigins(properties.allowedOrigins().toArray(String[]::new));
	}

}
