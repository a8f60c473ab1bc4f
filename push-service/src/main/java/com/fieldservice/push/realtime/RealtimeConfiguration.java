package com.fieldservice.push.realtime;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/** Wires the WebSocket side: the connection registry, the dispatcher, heartbeats, shutdown notice and metrics. */
@Configuration(proxyBeanMethods = false)
class RealtimeConfiguration {

	@Bean
	Connections connections() {
		return new Connections();
	}

	@Bean
	Frames frames(JsonMapper json) {
		return new Frames(json);
	}

	@Bean
	SenderThreads senderThreads() {
		return new SenderThreads();
	}

	@Bean
	RealtimeMetrics realtimeMetrics(MeterRegistry registry, Connections connections) {
		return new RealtimeMetrics(registry, connections);
	}

	@Bean
	NotificationDispatcher notificationDispatcher(Connections connections, Frames frames, RealtimeMetrics metrics) {
		return new NotificationDispatcher(connections, frames, metrics);
	}

	@Bean
	NotificationSocketHandler notificationSocketHandler(Connections connections, Frames frames,
			RealtimeProperties properties, SenderThreads threads, RealtimeMetrics metrics) {
		return new NotificationSocketHandler(connections, frames, properties.sendLimits(), threads, metrics);
	}

	@Bean
	Heartbeat heartbeat(Connections connections, Frames frames, RealtimeProperties properties) {
		return new Heartbeat(connections, frames, properties.heartbeatInterval());
	}

	@Bean
	ShutdownNotice shutdownNotice(Connections connections, SenderThreads threads, RealtimeProperties properties) {
		return new ShutdownNotice(connections, threads, properties.closeTimeout());
	}

	/** Caps what a client may send: it has nothing to say, so a large message is abuse. */
	@Bean
	ServletServerContainerFactoryBean webSocketContainer(RealtimeProperties properties) {
		int limit = Math.toIntExact(properties.maxInboundMessage().toBytes());
		var container = new ServletServerContainerFactoryBean();
		container.setMaxTextMessageBufferSize(limit);
		container.setMaxBinaryMessageBufferSize(limit);
		return container;
	}

}
