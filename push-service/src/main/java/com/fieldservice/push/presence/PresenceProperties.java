package com.fieldservice.push.presence;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of presence.
 *
 * @param publishInterval how soon a change of this instance's contractors is published
 * (changes in between are batched)
 * @param refreshInterval how often this instance re-publishes its snapshot unchanged, to
 * show it is alive
 * @param expiry age at which another instance's snapshot is dropped: that instance has
 * crashed
 */
@ConfigurationProperties("push.presence")
record PresenceProperties(Duration publishInterval, Duration refreshInterval, Duration expiry) {
}
