package com.fieldservice.push.security;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/**
 * Turns a verified token into a {@link SubscriberAuthentication}. A token without a
 * usable role or subject is refused like a forged one (401), since this service could not
 * tell what it may see.
 */
final class SubscriberAuthenticationConverter implements Converter<Jwt, AbstractAuthenticationToken> {

	@Override
	public AbstractAuthenticationToken convert(Jwt token) {
		try {
			return new SubscriberAuthentication(Subscriber.fromToken(token), token);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidBearerTokenException(ex.getMessage(), ex);
		}
	}

}
