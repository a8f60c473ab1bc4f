package com.fieldservice.push.security;

import java.util.List;

/**
 * A demo identity offered by the dashboard's login picker in the dev profile; matches the
 * demo reference data of assignment-service.
 *
 * @param role {@code dispatcher} or {@code contractor}
 * @param subject dispatcher id or contractorId
 * @param name what the picker shows
 * @param groups dispatch groups of a dispatcher; empty for a contractor
 */
record DemoUser(String role, String subject, String name, List<String> groups) {

	static final List<DemoUser> ALL = List.of(
			new DemoUser("dispatcher", "D-1", "Dispatcher D-1 (North, Emergency desk)", List.of("north", "emergency")),
			new DemoUser("dispatcher", "D-2", "Dispatcher D-2 (South)", List.of("south")),
			new DemoUser("contractor", "C-7", "Ada Lovelace Plumbing", List.of()),
			new DemoUser("contractor", "C-8", "Grace Hopper HVAC", List.of()),
			new DemoUser("contractor", "C-9", "Linus Electric", List.of()));

	/** The groups of the demo dispatcher {@code subject}, or none for an unknown one. */
	static List<String> groupsOf(String subject) {
		return ALL.stream()
			.filter((user) -> user.role().equals("dispatcher") && user.subject().equals(subject))
			.findFirst()
			.map(DemoUser::groups)
			.orElse(List.of());
	}

}
