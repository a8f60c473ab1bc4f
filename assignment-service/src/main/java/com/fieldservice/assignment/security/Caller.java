package com.fieldservice.assignment.security;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Who calls the API, from its verified token: a dispatcher (who sees and changes the
 * jobs, assignments and events of the dispatch groups in its token), a contractor (who
 * sees its own assignments and events) or an admin (who creates reference data and reads
 * everything).
 *
 * @param role what the caller is
 * @param subject the token's {@code sub}: a dispatcher id, a contractorId or an admin id
 * @param groups a dispatcher's dispatch groups; empty for the other roles
 */
public record Caller(Role role, String subject, Set<String> groups) {

	/** The roles a token may carry in its {@code role} claim. */
	public enum Role {

		DISPATCHER, CONTRACTOR, ADMIN;

		/** The claim's value and the authority's suffix: {@code dispatcher}, ... */
		public String wireName() {
			return name().toLowerCase(Locale.ROOT);
		}

		static Optional<Role> of(String wireName) {
			for (Role role : values()) {
				if (role.wireName().equals(wireName)) {
					return Optional.of(role);
				}
			}
			return Optional.empty();
		}

	}

	public Caller {
		groups = (role == Role.DISPATCHER) ? Set.copyOf(groups) : Set.of();
	}

	/**
	 * The caller a verified token names, if its role is one of this API's; tokens are
	 * checked to carry a subject when they are verified.
	 */
	static Optional<Caller> of(Jwt token) {
		return Role.of(token.getClaimAsString(TokenClaims.ROLE))
			.map((role) -> new Caller(role, token.getSubject(),
					(role == Role.DISPATCHER) ? Set.copyOf(groupsOf(token)) : Set.of()));
	}

	private static List<String> groupsOf(Jwt token) {
		List<String> groups = token.hasClaim(TokenClaims.GROUPS) ? token.getClaimAsStringList(TokenClaims.GROUPS)
				: List.of();
		return (groups != null) ? groups : List.of();
	}

	public boolean isAdmin() {
		return this.role == Role.ADMIN;
	}

	/**
	 * Whether this caller dispatches a job of {@code jobGroups}: one of them is its own.
	 */
	public boolean dispatches(Collection<String> jobGroups) {
		return this.role == Role.DISPATCHER && jobGroups.stream().anyMatch(this.groups::contains);
	}

	/** Whether this caller is the contractor {@code contractorId}. */
	public boolean isContractor(String contractorId) {
		return this.role == Role.CONTRACTOR && this.subject.equals(contractorId);
	}

	/**
	 * Whether this caller may see what concerns a job of {@code jobGroups} assigned to
	 * {@code contractorId}: an admin, a dispatcher of one of the groups, or that
	 * contractor.
	 */
	public boolean sees(Collection<String> jobGroups, String contractorId) {
		return isAdmin() || dispatches(jobGroups) || isContractor(contractorId);
	}

}
