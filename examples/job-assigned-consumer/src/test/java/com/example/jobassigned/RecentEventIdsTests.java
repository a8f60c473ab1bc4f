package com.example.jobassigned;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecentEventIdsTests {

	@Test
	void aCopyIsNotNewButAnIdForgottenPastTheCapacityIs() {
		var seen = new RecentEventIds(2);

		assertThat(seen.firstTime("e1")).isTrue();
		assertThat(seen.firstTime("e1")).isFalse();
		assertThat(seen.firstTime("e2")).isTrue();
		assertThat(seen.firstTime("e3")).isTrue();

		assertThat(seen.firstTime("e2")).isFalse();
		assertThat(seen.firstTime("e1")).as("forgotten: two newer ids since").isTrue();
	}

}
