package com.fieldservice.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

class TokenRulesTests {

	@Test
	void keepsAnIssuerThatIsNoUrlAsItIsAndConvertsTheOtherClaims() {
		var claims = TokenRules.claimSetConverter()
			.convert(Map.of("iss", "job-assigned-notifications", "sub", "D-1", "exp", 1_900_000_000L));

		assertThat(claims).containsEntry("iss", "job-assigned-notifications")
			.containsEntry("sub", "D-1")
			.containsEntry("exp", Instant.ofEpochSecond(1_900_000_000L));
	}

}
