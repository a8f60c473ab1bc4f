package com.fieldservice.push.security;

import static com.fieldservice.push.security.HmacTokensTests.ISSUER;
import static com.fieldservice.push.security.HmacTokensTests.SECRET;
import static com.fieldservice.push.security.HmacTokensTests.aToken;
import static com.fieldservice.push.security.HmacTokensTests.sign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

class SubscriberAuthenticationConverterTests {

	private final JwtDecoder decoder = HmacTokens.decoder(SECRET, ISSUER);

	private final SubscriberAuthenticationConverter converter = new SubscriberAuthenticationConverter();

	@Test
	void aDispatcherSeesTheGroupsOfItsToken() {
		var authentication = converter.convert(decoder.decode(sign(SECRET, aToken())));

		assertThat(Subscriber.of(authentication)).contains(Subscriber.dispatcher("D-1", List.of("north", "emergency")));
		assertThat(authentication.getAuthorities()).extracting("authority").containsExactly("ROLE_DISPATCHER");
	}

	@Test
	void aContractorIsItsSubjectAndHasNoGroupsWhateverTheTokenSays() {
		JwtClaimsSet.Builder contractor = aToken().subject("C-7").claim("role", "contractor");

		var authentication = converter.convert(decoder.decode(sign(SECRET, contractor)));

		assertThat(Subscriber.of(authentication)).contains(Subscriber.contractor("C-7"));
	}

	@Test
	void aDispatcherTokenWithoutGroupsSeesNoGroup() {
		JwtClaimsSet.Builder noGroups = aToken().claims((claims) -> claims.remove("groups"));

		var authentication = converter.convert(decoder.decode(sign(SECRET, noGroups)));

		assertThat(Subscriber.of(authentication)).contains(Subscriber.dispatcher("D-1", List.of()));
	}

	@Test
	void refusesATokenWithAnUnknownRole() {
		var admin = decoder.decode(sign(SECRET, aToken().claim("role", "admin")));

		assertThatExceptionOfType(InvalidBearerTokenException.class).isThrownBy(() -> converter.convert(admin));
	}

	@Test
	void refusesATokenWithoutARole() {
		var roleless = decoder.decode(sign(SECRET, aToken().claims((claims) -> claims.remove("role"))));

		assertThatExceptionOfType(InvalidBearerTokenException.class).isThrownBy(() -> converter.convert(roleless));
	}

}
