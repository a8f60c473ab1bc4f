package com.fieldservice.web;

import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class DevSecretGuardTests {

	private static final String PROPERTY = "service.security.jwt-secret";

	@Test
	void refusesThePublicDevelopmentSecretOutsideTheDevProfile() {
		var environment = new MockEnvironment().withProperty(PROPERTY, DevSecretGuard.DEV_SECRET);
		environment.setActiveProfiles("production");

		assertThatIllegalStateException()
			.isThrownBy(() -> new DevSecretGuard(environment, List.of(PROPERTY)).afterPropertiesSet())
			.withMessageContaining("public development secret")
			.withMessageContaining(PROPERTY);
	}

	@Test
	void refusesItWithoutAnyProfileToo() {
		var environment = new MockEnvironment().withProperty(PROPERTY, DevSecretGuard.DEV_SECRET);

		assertThatIllegalStateException()
			.isThrownBy(() -> new DevSecretGuard(environment, List.of(PROPERTY)).afterPropertiesSet());
	}

	@Test
	void acceptsItInTheDevProfile() {
		var environment = new MockEnvironment().withProperty(PROPERTY, DevSecretGuard.DEV_SECRET);
		environment.setActiveProfiles("dev");

		assertThatNoException()
			.isThrownBy(() -> new DevSecretGuard(environment, List.of(PROPERTY)).afterPropertiesSet());
	}

	@Test
	void acceptsASecretOfTheOperatorsOwnOrNone() {
		var own = new MockEnvironment().withProperty(PROPERTY, "a-secret-of-our-own-0123456789-0123456789");
		var none = new MockEnvironment();

		assertThatNoException().isThrownBy(() -> new DevSecretGuard(own, List.of(PROPERTY)).afterPropertiesSet());
		assertThatNoException().isThrownBy(() -> new DevSecretGuard(none, List.of(PROPERTY)).afterPropertiesSet());
	}

}
