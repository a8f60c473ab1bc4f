package com.fieldservice.assignment.web;

import java.time.ZoneId;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The time zones a slot or a job may name: IANA time zone database regions
 * ({@code Europe/Berlin}, {@code America/New_York}) and {@code UTC}. Not fixed offsets
 * ({@code +14:00}, {@code -1}), which ignore daylight saving, nor the JDK's legacy
 * {@code SystemV/} zones, which no other system knows.
 */
public final class TimeZones {

	private static final Set<String> IANA = ZoneId.getAvailableZoneIds()
		.stream()
		.filter((zone) -> zone.contains("/") && !zone.startsWith("SystemV/"))
		.collect(Collectors.toUnmodifiableSet());

	private TimeZones() {
	}

	public static boolean isIana(String zone) {
		return zone != null && (zone.equals("UTC") || IANA.contains(zone));
	}

}
