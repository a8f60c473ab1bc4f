package com.fieldservice.push.realtime;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * Wires the WebSocket side: the connection registry, admission and catch-ups, the
 * dispatcher, heartbeats, shutdown notice and metrics. The topics' history and the
 * acknowledged positions come from the Kafka side when it is on.
 */
@Configuration(proxyBeanMethods = false)
class RealtimeConfiguration {

	@Bean
	Connections connections(RealtimeProperties properties) {
		return new Connections(properties.maxConnectionsPerSubscriber());
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
	NotificationDispatcher notificationDispatcher(Connections connections, Frames frames) {
		return new NotificationDispatcher(connections, frames);
	}

	@Bean
	Broadcaster broadcaster(Connections connections) {
		return new Broadcaster(connections);
	}

	@Bean
	CatchUps catchUps(ObjectProvider<History> history, CatchUpProperties properties, RealtimeMetrics metrics) {
		return new CatchUps(history.getIfAvailable(), properties, metrics);
	}

	@Bean
	Admission admission(Connections connections, NotificationDispatcher dispatcher, CatchUps catchUps,
			ObjectProvider<AcknowledgedPositions> acknowledged, Frames frames, RealtimeMetrics metrics,
			RealtimeProperties properties, SenderThreads threads) {
		return new Admission(connections, dispatcher, catchUps, acknowledged(acknowledged), frames, metrics,
				properties.sendLimits(), properties.maxAcksPerSecond(), threads);
	}

	@Bean
	NotificationSocketHandler notificationSocketHandler(Admission admission, Connections connections,
			ObjectProvider<AcknowledgedPositions> acknowledged, JsonMapper json, Frames frames,
			ApplicationEventPublisher events) {
		return new NotificationSocketHandler(admission, connections, acknowledged(acknowledged), new ClientFrames(json),
				frames, events);
	}

	@Bean
	Heartbeat heartbeat(Connections connections, Frames frames, RealtimeProperties properties) {
		return new Heartbeat(connections, frames, properties.heartbeatInterval());
	}

	@Bean
	ShutdownNotice shutdownNotice(Connections connections, SenderThreads threads, RealtimeProperties properties) {
		return new ShutdownNotice(connections, threads, properties.closeTimeout());
	}

	/**
	 * Caps what a client may send: it only sends small acks, so a large message is abuse.
	 */
	@Bean
	ServletServerContainerFactoryBean webSocketContainer(RealtimeProperties properties) {
		int limit = Math.toIntExact(properties.maxInboundMessage().toBytes());
		var container = new ServletServerContainerFactoryBean();
		container.setMaxTextMessageBufferSize(limit);
		container.setMaxBinaryMessageBufferSize(limit);
		return container;
	}

	private static AcknowledgedPositions acknowledged(ObjectProvider<AcknowledgedPositions> acknowledged) {
		return acknowledged.getIfAvailable(() -> AcknowledgedPositions.NONE);
	}

}
