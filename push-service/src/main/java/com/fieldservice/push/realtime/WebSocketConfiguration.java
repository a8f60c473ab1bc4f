package com.fieldservice.push.realtime;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

/**
 * Maps the plain (no STOMP, no SockJS) WebSocket endpoint {@code /ws}. Browser pages may
 * connect only from the origins listed in ALLOWED_ORIGINS (the dashboard's own by
 * default), checked by {@link AllowedOrigins}.
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
		// "*" turns Spring's own origin check (which trusts the Host header) into a
		// no-op:
		// AllowedOrigins decides.
		registry.addHandler(handler, PATH)
			.addInterceptors(new AllowedOrigins(properties.allowedOrigins()))
			.setAllowedOrigins("*");
	}

}
