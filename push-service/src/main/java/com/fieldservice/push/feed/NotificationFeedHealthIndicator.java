package com.fieldservice.push.feed;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Part of readiness: an instance is ready only once its consumer reads every partition
 * from the live end, since until then its clients would miss notifications.
 */
final class NotificationFeedHealthIndicator implements HealthIndicator {

	private final NotificationFeed feed;

	/**
	 * @param feed the feed, or {@code null} when consuming is disabled
	 * ({@code push.kafka.enabled=false})
	 */
	NotificationFeedHealthIndicator(NotificationFeed feed) {
		this.feed = feed;
	}

	@Override
	public Health health() {
		if (feed == null) {
			return Health.up().withDetail("kafka", "disabled").build();
		}
		return feed.isLive() ? Health.up().build()
				: Health.outOfService().withDetail("reason", "partitions not yet assigned and positioned").build();
	}

}
