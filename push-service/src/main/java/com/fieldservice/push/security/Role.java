package com.fieldservice.push.security;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What a client is: a dispatcher watching dispatch groups, or a contractor watching their
 * own assignments.
 */
public enum Role {

	DISPATCHER, CONTRACTOR;

	/**
	 * The name used in the {@code role} claim and in frames: {@code dispatcher} or
	 * {@code contractor}.
	 */
	public String wireName() {
		return name().toLowerCase(Locale.ROOT);
	}

	static Optional<Role> fromWireName(String wireName) {
		return Arrays.stream(values()).filter(role -> role.wireName().equals(wireName)).findFirst();
	}

}
